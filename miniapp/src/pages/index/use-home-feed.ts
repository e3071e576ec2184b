import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect } from 'react';
import type { HomeFeed } from '@qsgj/shared/contracts';
import { useStore } from '@/hooks/use-store';
import { homeFeedStore, loadHomeFeed } from '@/stores/home';
import { sessionStore } from '@/stores/session';

export interface HomeFeedView {
  feed: HomeFeed | null;
  /** Nothing to show yet: the skeleton. */
  loading: boolean;
  /** Nothing to show and the load failed: the retry (a feed already shown stays on a failed refresh). */
  error: Error | null;
  retry: () => void;
}

/**
 * The home feed for whoever is signed in (or a visitor): the cached one at once, loaded on mount and again,
 * quietly, whenever the home page is shown again or the user changes (stores/home.ts).
 */
export function useHomeFeed(): HomeFeedView {
  const session = useStore(sessionStore);
  const owner = session?.user.id ?? '';
  const state = useStore(homeFeedStore);

  const reload = useCallback(() => void loadHomeFeed(owner), [owner]);
  useEffect(reload, [reload]);
  // Shown again (back to the tab, the app brought to the front): the cached feed at once, refreshed quietly. The
  // first show, right after the load on mount, joins that load.
  useDidShow(reload);

  // Another user's feed (the user just changed) is never shown, not even for a moment.
  const mine = state.owner === owner ? state : null;
  const feed = mine?.feed ?? null;
  return {
    feed,
    loading: !feed && !mine?.error,
    error: feed ? null : (mine?.error ?? null),
    retry: reload,
  };
}
