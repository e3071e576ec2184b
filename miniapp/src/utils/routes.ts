import Taro from '@tarojs/taro';
import { PAGES, TAB_PAGES } from '@qsgj/shared/pages';

/** Every page's path, in one place: shared with the server, whose notifications link to them. */
export { PAGES };

const TABS: ReadonlySet<string> = new Set(TAB_PAGES);

/** Opens a page by path (with or without a query), switching tabs where the path is a tab. */
export function openPage(url: string, options: { replace?: boolean } = {}): Promise<unknown> {
  const path = url.split('?')[0];
  if (TABS.has(path)) return Taro.switchTab({ url: path });
  return options.replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
}

/** Goes back, or home when there is nothing to go back to (opened from a share or a message). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: PAGES.home });
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: 2000 });
}
