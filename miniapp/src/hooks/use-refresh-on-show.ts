import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useRef } from 'react';

let clock = 0;

/**
 * Reloads when the page is shown again (back from another page, a tab switched to, the app brought
 * to the front), unless a load already started since it was hidden. The first show is left to the
 * load on mount, and a load that a change of `deps` started while the page was in the background is
 * not repeated. Returns the function to call whenever a load starts.
 */
export function useRefreshOnShow(enabled: boolean, reload: () => unknown): () => void {
  const startedAt = useRef(0);
  const hiddenAt = useRef(0);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  useDidHide(() => {
    hiddenAt.current = ++clock;
  });
  useDidShow(() => {
    if (enabled && hiddenAt.current > 0 && startedAt.current < hiddenAt.current) void reloadRef.current();
  });

  return useCallback(() => {
    startedAt.current = ++clock;
  }, []);
}
