import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@qsgj/shared/contracts';
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show';
import { badResponse } from '@/services/http';
import { toast } from '@/utils/routes';

export interface PagedListOptions<T, P extends Page<T>> {
  /** A row's identity: a row that arrives again on a later page (or twice in one) is kept once. */
  key: (item: T) => string;
  /** Load only while true (e.g. signed in); turning false empties the list. Default true. */
  enabled?: boolean;
  /** Load the first page again whenever the page is shown again (see useRefreshOnShow). */
  refreshOnShow?: boolean;
  /** Every page that arrives, first or later (the inbox takes its unread count from it). */
  onPage?: (page: P) => void;
}

export interface PagedList<T> {
  items: T[];
  /** The first page is loading (on mount, a retry, a pull-down refresh). */
  loading: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  /** The first page failed (the rows already shown stay on a failed refresh). */
  error: Error | null;
  /** The last further page failed; `loadMore()` tries it again. */
  moreError: Error | null;
  hasMore: boolean;
  /** The first page again (retry, pull-down refresh, after a change). */
  reload: () => Promise<void>;
  /** The next page, unless one is already on its way, the first page is loading, or there is none. */
  loadMore: () => Promise<void>;
  /** Changes loaded rows in place (marked read, approved …) without a request. */
  update: (change: (items: T[]) => T[]) => void;
  /** StateView's props for the first page: loading, error with retry, empty. */
  state: { loading: boolean; error: Error | null; empty: boolean; onRetry: () => void };
}

function checked<T, P extends Page<T>>(page: P): P {
  const ok =
    !!page &&
    typeof page === 'object' &&
    Array.isArray(page.items) &&
    (page.nextCursor === null || typeof page.nextCursor === 'string');
  if (!ok) throw badResponse();
  return page;
}

function merge<T>(rows: T[], more: T[], key: (item: T) => string): T[] {
  const seen = new Set(rows.map(key));
  const out = rows.slice();
  for (const row of more) {
    const id = key(row);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(row);
  }
  return out;
}

/**
 * Every list of the mini-program, over the server's `Page<T>` (`{ items, nextCursor }`): the first
 * page on mount (and when `deps` change), pull-down refresh (the page's config sets
 * `enablePullDownRefresh: true`), the next page when the user reaches the bottom, rows kept once
 * by `key`, and one further page at a time. `load(cursor)` fetches one page; cursor null is the first.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(
  load: (cursor: string | null) => Promise<P>,
  deps: unknown[],
  options: PagedListOptions<T, P>,
): PagedList<T> {
  const enabled = options.enabled ?? true;
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [moreError, setMoreError] = useState<Error | null>(null);

  // Refs, not state: two reach-bottom events before a render must not start two loads.
  const generation = useRef(0); // bumped by every first-page load: older answers are dropped
  const firstInFlight = useRef(false);
  const moreInFlight = useRef(false);
  const cursor = useRef<string | null>(null);
  const count = useRef(0);
  const latest = useRef({ load, options });
  latest.current = { load, options };

  const accept = useCallback((page: P, append: boolean) => {
    const { key, onPage } = latest.current.options;
    setItems((rows) => {
      const next = merge(append ? rows : [], page.items, key);
      count.current = next.length;
      return next;
    });
    cursor.current = page.nextCursor;
    setHasMore(page.nextCursor !== null);
    onPage?.(page);
  }, []);

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    started();
    firstInFlight.current = true;
    moreInFlight.current = false;
    setLoading(true);
    setLoadingMore(false);
    setError(null);
    setMoreError(null);
    try {
      const page = checked<T, P>(await latest.current.load(null));
      if (gen === generation.current) accept(page, false);
    } catch (e) {
      if (gen !== generation.current) return;
      setError(e as Error);
      // A failed refresh keeps the rows on screen and says why.
      if (count.current > 0) toast((e as Error).message);
    } finally {
      if (gen === generation.current) {
        firstInFlight.current = false;
        setLoading(false);
      }
    }
  }, [accept]);

  const loadMore = useCallback(async () => {
    const after = cursor.current;
    if (!after || firstInFlight.current || moreInFlight.current) return;
    const gen = generation.current;
    moreInFlight.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = checked<T, P>(await latest.current.load(after));
      if (gen === generation.current) accept(page, true);
    } catch (e) {
      if (gen === generation.current) setMoreError(e as Error);
    } finally {
      if (gen === generation.current) {
        moreInFlight.current = false;
        setLoadingMore(false);
      }
    }
  }, [accept]);

  const started = useRefreshOnShow(enabled && !!options.refreshOnShow, reload);

  useEffect(() => {
    if (enabled) {
      void reload();
      return;
    }
    // Signed out (or otherwise off): nothing of the previous list stays.
    generation.current++;
    firstInFlight.current = false;
    moreInFlight.current = false;
    cursor.current = null;
    count.current = 0;
    setItems([]);
    setHasMore(false);
    setLoading(false);
    setLoadingMore(false);
    setError(null);
    setMoreError(null);
  }, [enabled, reload, ...deps]); // `deps` are the loader's inputs

  usePullDownRefresh(() => {
    if (!enabled) return void Taro.stopPullDownRefresh();
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (enabled) void loadMore();
  });

  const update = useCallback((change: (rows: T[]) => T[]) => {
    setItems((rows) => {
      const next = change(rows);
      count.current = next.length;
      return next;
    });
  }, []);

  return {
    items,
    loading,
    loadingMore,
    error,
    moreError,
    hasMore,
    reload,
    loadMore,
    update,
    state: {
      loading: loading && items.length === 0,
      error: items.length ? null : error,
      empty: enabled && !loading && !error && items.length === 0,
      onRetry: () => void reload(),
    },
  };
}
