/**
 * A controllable @tarojs/taro for component tests: in-memory storage, a scripted `request`,
 * recorded navigation and toasts.
 */
const storage = new Map<string, unknown>();
type RequestImpl = (
  options: Record<string, any>,
) => Promise<{ statusCode: number; data: unknown; header?: Record<string, string> }>;
let requestImpl: RequestImpl = async () => ({ statusCode: 404, data: null });

export const calls = { request: [] as Array<Record<string, any>>, navigate: [] as string[], toast: [] as string[] };

export function __setRequest(impl: RequestImpl): void {
  requestImpl = impl;
}

export function __reset(): void {
  storage.clear();
  calls.request.length = 0;
  calls.navigate.length = 0;
  calls.toast.length = 0;
  requestImpl = async () => ({ statusCode: 404, data: null });
}

const Taro = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  request: (options: Record<string, any>) => {
    calls.request.push(options);
    return requestImpl(options);
  },
  showToast: async ({ title }: { title: string }) => void calls.toast.push(title),
  navigateTo: async ({ url }: { url: string }) => void calls.navigate.push(url),
  redirectTo: async ({ url }: { url: string }) => void calls.navigate.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.navigate.push(url),
  reLaunch: async ({ url }: { url: string }) => void calls.navigate.push(url),
  navigateBack: async () => void calls.navigate.push('back'),
  getCurrentPages: () => [{}],
  setTabBarBadge: async () => undefined,
  removeTabBarBadge: async () => undefined,
  getNetworkType: () => undefined,
  onNetworkStatusChange: () => undefined,
  getAppBaseInfo: () => ({ fontSizeScaleFactor: 1 }),
  login: async () => ({ code: 'mock:test' }),
  setClipboardData: async () => undefined,
};

export const useRouter = () => ({ params: {} as Record<string, string> });
export const useDidShow = () => undefined;
export const useLaunch = () => undefined;
export const usePullDownRefresh = () => undefined;
export const useReachBottom = () => undefined;
export const stopPullDownRefresh = () => undefined;

export default Taro;
