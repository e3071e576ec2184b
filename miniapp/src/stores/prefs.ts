import Taro from '@tarojs/taro';
import { createStore } from '@/utils/emitter';

const KEY = 'qsgj.largeFont';

/**
 * 长辈版 (large-font mode). Persisted on the device; turned on by default when the user's WeChat font
 * is large (fontSizeScaleFactor ≥ 1.15, e.g. WeChat's 关怀模式).
 */
function initial(): boolean {
  try {
    const stored = Taro.getStorageSync(KEY) as boolean | '' | undefined;
    if (stored === true || stored === false) return stored;
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : null;
    const factor = (info as { fontSizeScaleFactor?: number } | null)?.fontSizeScaleFactor ?? 1;
    return factor >= 1.15;
  } catch {
    return false;
  }
}

export const largeFontStore = createStore<boolean>(initial());

export function setLargeFont(on: boolean): void {
  Taro.setStorageSync(KEY, on);
  largeFontStore.set(on);
}
