import { useCallback, useEffect, useRef, useState } from 'react';
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show';

export interface RequestState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export interface RequestOptions {
  /** Load only while true (e.g. signed in); data is kept when it turns false. Default true. */
  enabled?: boolean;
  /** Load again whenever the page is shown again (see useRefreshOnShow). */
  refreshOnShow?: boolean;
}

/**
 * One read for a page: runs `loader` on mount and when `deps` change, keeps the last data while
 * reloading, and drops answers that a newer load has overtaken.
 */
export function useRequest<T>(
  loader: () => Promise<T>,
  deps: unknown[] = [],
  options: RequestOptions = {},
): RequestState<T> {
  const enabled = options.enabled ?? true;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const id = ++latest.current;
    started();
    setLoading(true);
    setError(null);
    try {
      const value = await loader();
      if (id === latest.current) setData(value);
    } catch (e) {
      if (id === latest.current) setError(e as Error);
    } finally {
      if (id === latest.current) setLoading(false);
    }
  }, deps); // `deps` are the loader's inputs

  const started = useRefreshOnShow(enabled && !!options.refreshOnShow, reload);

  useEffect(() => {
    if (enabled) void reload();
    else setLoading(false);
  }, [reload, enabled]);

  return { data, error, loading, reload };
}
