import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { IS_WEAPP } from '@/utils/platform';

/** From this viewport width (CSS px) the H5 workbench shows the queue and the selected case side by side. */
export const WIDE_MIN_PX = 900;

function isWide(): boolean {
  if (IS_WEAPP) return false;
  try {
    return (Taro.getWindowInfo?.().windowWidth ?? 0) >= WIDE_MIN_PX;
  } catch {
    return false;
  }
}

/**
 * True on a desktop browser window of at least 900 px (H5): the workbench then lays the queue out beside the case.
 * Follows the window as it is resized. Always false in WeChat, where a tap opens the case page.
 */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(isWide);
  useEffect(() => {
    if (IS_WEAPP || typeof Taro.onWindowResize !== 'function') return undefined;
    const follow = () => setWide(isWide());
    Taro.onWindowResize(follow);
    follow();
    return () => Taro.offWindowResize?.(follow);
  }, []);
  return wide;
}
