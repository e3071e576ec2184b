/**
 * Page lifecycles for component tests: the shim's Taro (test/shims/taro.ts) plus lifecycle hooks
 * that register their handlers, and `trigger()` to fire them as WeChat would (show, hide,
 * pull-down refresh, reach bottom). Use it in a spec with
 *   jest.mock('@tarojs/taro', () => jest.requireActual('./taro-pages').taroWithPageHooks());
 */
import { useLayoutEffect, useRef } from 'react';

export type Lifecycle = 'show' | 'hide' | 'pullDownRefresh' | 'reachBottom';

const handlers = new Map<Lifecycle, Set<() => void>>();

function lifecycleHook(name: Lifecycle) {
  return (fn: () => void) => {
    const ref = useRef(fn);
    ref.current = fn;
    useLayoutEffect(() => {
      const handler = () => ref.current();
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name)!.add(handler);
      return () => void handlers.get(name)?.delete(handler);
    }, []);
  };
}

/** Fires a page lifecycle to every mounted component that listens to it. */
export function trigger(name: Lifecycle): void {
  for (const handler of [...(handlers.get(name) ?? [])]) handler();
}

export const stopPullDownRefresh = jest.fn(async () => undefined);

export function taroWithPageHooks(): Record<string, unknown> {
  const actual = jest.requireActual('@tarojs/taro') as Record<string, unknown> & { default: Record<string, unknown> };
  const Taro = {
    ...actual.default,
    stopPullDownRefresh,
    getCurrentInstance: () => ({ router: { path: '/packages/me/pages/members/index' } }),
  };
  return {
    ...actual,
    __esModule: true,
    default: Taro,
    useDidShow: lifecycleHook('show'),
    useDidHide: lifecycleHook('hide'),
    usePullDownRefresh: lifecycleHook('pullDownRefresh'),
    useReachBottom: lifecycleHook('reachBottom'),
    stopPullDownRefresh,
  };
}
