import Taro from '@tarojs/taro';

/** Every page's path, in one place. */
export const ROUTES = {
  home: '/pages/index/index',
  policies: '/pages/policies/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
  login: '/packages/account/pages/login/index',
  staffLogin: '/packages/account/pages/staff-login/index',
  privacy: '/packages/account/pages/privacy/index',
  bind: '/packages/me/pages/bind/index',
  members: '/packages/me/pages/members/index',
  myData: '/packages/me/pages/data/index',
  workbench: '/packages/workbench/pages/index/index',
  changePassword: '/packages/workbench/pages/password/index',
} as const;

const TABS: ReadonlySet<string> = new Set([ROUTES.home, ROUTES.policies, ROUTES.messages, ROUTES.me]);

/** Opens a page by path (with or without a query), switching tabs where the path is a tab. */
export function openPage(url: string, options: { replace?: boolean } = {}): Promise<unknown> {
  const path = url.split('?')[0];
  if (TABS.has(path)) return Taro.switchTab({ url: path });
  return options.replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
}

/** Goes back, or home when there is nothing to go back to (opened from a share or a message). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: ROUTES.home });
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 });
}
