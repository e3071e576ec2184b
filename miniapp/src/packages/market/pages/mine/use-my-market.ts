import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ContactRequestView, MarketPostCard } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { marketApi } from '@/services/market.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';
import { loginTo } from '@/packages/market/components/use-publish-gate';
import { MARKET_VALID_DAYS_DEFAULT, param, requestPath } from '@/packages/market/components/words';

export type MineTab = 'posts' | 'incoming' | 'outgoing';

/** A quick action open on one of my posts: 关闭 (confirm) or 续期 (days). */
export interface OpenAction {
  postId: string;
  what: 'close' | 'renew';
}

function tabOf(value: string): MineTab {
  return value === 'incoming' || value === 'outgoing' ? value : 'posts';
}

/**
 * 我的供需 (`?tab=incoming|outgoing` opens a list of requests): my enterprise's posts (every status) with 续期 and 关闭,
 * and the contact requests received on them and sent by me. One request on a cold open: the list of the tab shown.
 */
export function useMyMarket() {
  const { params } = useRouter();
  const session = useStore(sessionStore);
  const on = !!session && !isStaff(session);
  const [tab, setTab] = useState<MineTab>(() => tabOf(param(params?.tab)));
  const [acting, setActing] = useState<OpenAction | null>(null);
  const [days, setDays] = useState(MARKET_VALID_DAYS_DEFAULT);
  const action = useAction();

  const posts = usePagedList<MarketPostCard>((cursor) => marketApi.myPosts(cursor), [session?.user.id], {
    key: (p) => p.id,
    enabled: on && tab === 'posts',
    refreshOnShow: true,
  });
  const incoming = usePagedList<ContactRequestView>(
    (cursor) => marketApi.myRequests({ direction: 'incoming', cursor: cursor ?? undefined }),
    [session?.user.id],
    { key: (r) => r.id, enabled: on && tab === 'incoming', refreshOnShow: true },
  );
  const outgoing = usePagedList<ContactRequestView>(
    (cursor) => marketApi.myRequests({ direction: 'outgoing', cursor: cursor ?? undefined }),
    [session?.user.id],
    { key: (r) => r.id, enabled: on && tab === 'outgoing', refreshOnShow: true },
  );

  const shown = tab === 'posts' ? posts : tab === 'incoming' ? incoming : outgoing;
  const unbound = shown.error instanceof ApiError && shown.error.code === 'ENTERPRISE_NOT_BOUND';

  const replace = (next: MarketPostCard) => posts.update((rows) => rows.map((r) => (r.id === next.id ? next : r)));

  const close = async (postId: string) => {
    const next = await action.run(() => marketApi.close(postId));
    if (!next) return;
    replace(next);
    setActing(null);
    toast('已关闭', 'success');
  };

  const renew = async (postId: string) => {
    const next = await action.run(() => marketApi.renew(postId, { validDays: days }));
    if (!next) return;
    replace(next);
    setActing(null);
    toast(`已续期 ${days} 天`, 'success');
  };

  return {
    signedIn: !!session,
    staff: isStaff(session),
    tab,
    setTab: (next: MineTab) => {
      setActing(null);
      setTab(next);
    },
    posts,
    incoming,
    outgoing,
    unbound,
    acting,
    act: (postId: string, what: OpenAction['what']) => {
      action.setError(undefined);
      setDays(MARKET_VALID_DAYS_DEFAULT);
      setActing({ postId, what });
    },
    cancel: () => setActing(null),
    days,
    setDays,
    busy: action.busy,
    actionError: action.error,
    close: (postId: string) => void close(postId),
    renew: (postId: string) => void renew(postId),
    openRequest: (id: string) => void openPage(requestPath(id)).catch(() => undefined),
    publish: () => void openPage(PAGES.marketEdit).catch(() => undefined),
    signIn: () => void openPage(loginTo(PAGES.myMarketPosts)).catch(() => undefined),
    bind: () => void openPage(PAGES.bind).catch(() => undefined),
  };
}

export type MyMarket = ReturnType<typeof useMyMarket>;
