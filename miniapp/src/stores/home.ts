import type { HomeFeed } from '@qsgj/shared/contracts';
import { homeApi } from '@/services/home.api';
import { badResponse } from '@/services/http';
import { createStore } from '@/utils/emitter';

/** The home feed as last loaded, for whom, and how the latest load went. */
export interface HomeFeedState {
  /** Whose feed it is: the signed-in user's id, '' for a visitor. Never shown to anyone else. */
  owner: string;
  feed: HomeFeed | null;
  loading: boolean;
  error: Error | null;
}

const EMPTY: HomeFeedState = { owner: '', feed: null, loading: false, error: null };

/**
 * The home feed (`GET /home`), kept in memory for the app's life: the home page shows it at once when it is shown
 * again (or opened anew) and refreshes it quietly. It belongs to one user: when the user changes (sign-in, sign-out,
 * another account) it is dropped before anything of it is shown.
 */
export const homeFeedStore = createStore<HomeFeedState>(EMPTY);

function isFeed(value: unknown): value is HomeFeed {
  const f = value as HomeFeed | null;
  return !!f && typeof f === 'object' && Array.isArray(f.news) && Array.isArray(f.events);
}

let generation = 0;
let inflight: { owner: string; id: number; done: Promise<void> } | null = null;

/**
 * Loads the feed for `owner`; a call while a load for the same user is on its way joins it. A feed already there
 * stays on screen while it loads (and when the load fails); an answer overtaken by a load for another user is
 * dropped.
 */
export function loadHomeFeed(owner: string): Promise<void> {
  if (inflight && inflight.owner === owner) return inflight.done;
  const id = ++generation;
  homeFeedStore.set((s) =>
    s.owner === owner ? { ...s, loading: true, error: null } : { ...EMPTY, owner, loading: true },
  );
  const load = async () => {
    try {
      const feed = await homeApi.feed();
      if (!isFeed(feed)) throw badResponse();
      if (id === generation) homeFeedStore.set({ owner, feed, loading: false, error: null });
    } catch (e) {
      if (id === generation) homeFeedStore.set((s) => ({ ...s, loading: false, error: e as Error }));
    } finally {
      if (inflight?.id === id) inflight = null;
    }
  };
  const done = load();
  inflight = { owner, id, done };
  return done;
}

/** Forgets the feed (tests; a signed-out device keeps no one's feed). */
export function resetHomeFeed(): void {
  generation++;
  inflight = null;
  homeFeedStore.set(EMPTY);
}
