import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ContactRequestView } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { marketApi } from '@/services/market.api';
import { sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';
import { loginTo } from '@/packages/market/components/use-publish-gate';
import { param, postPath, requestPath } from '@/packages/market/components/words';

export type Decision = 'accept' | 'decline';

/**
 * 对接详情 (`?id=`): the request as one of its two sides sees it (one request on a cold open). The post's side
 * accepts or declines a pending one (each confirmed first); the counterpart's contact arrives only with an accepted
 * request — the page shows what the server sends and nothing else.
 */
export function useContactRequest() {
  const { params } = useRouter();
  const id = param(params?.id);
  const session = useStore(sessionStore);
  const request = useRequest(() => marketApi.contactRequest(id), [id, session?.user.id], {
    enabled: !!id && !!session,
    refreshOnShow: true,
  });
  const [decided, setDecided] = useState<ContactRequestView>();
  const loaded = request.data && request.data.id === id ? request.data : undefined;
  // A decision's answer until the next read brings the same.
  const view = decided && decided.id === id ? decided : loaded;
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const action = useAction();

  usePullDownRefresh(() => {
    if (!id || !session) return void Taro.stopPullDownRefresh();
    setDecided(undefined);
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const decide = async (what: Decision) => {
    const next = await action.run(() => (what === 'accept' ? marketApi.accept(id) : marketApi.decline(id)));
    if (!next) return;
    setDecided(next);
    setConfirming(null);
    toast(what === 'accept' ? '已接受，双方可查看彼此联系方式' : '已婉拒', what === 'accept' ? 'success' : 'none');
  };

  const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

  const copy = async (phone: string) => {
    try {
      await Taro.setClipboardData({ data: phone });
      toast('电话已复制', 'success');
    } catch {
      toast('复制失败，请手动记录');
    }
  };

  return {
    id,
    signedIn: !!session,
    view,
    loading: request.loading && !view,
    error: view ? null : request.error,
    notFound:
      !id ||
      (request.error instanceof ApiError && (request.error.statusCode === 404 || request.error.statusCode === 400)),
    reload: request.reload,
    /** The post's side may decide a pending request. */
    canDecide: !!view && view.direction === 'incoming' && view.status === 'pending',
    confirming,
    confirm: (what: Decision) => {
      action.setError(undefined);
      setConfirming(what);
    },
    cancel: () => setConfirming(null),
    decide: (what: Decision) => void decide(what),
    busy: action.busy,
    actionError: action.error,
    call,
    copy: (phone: string) => void copy(phone),
    openPost: (postId: string) => void openPage(postPath(postId)).catch(() => undefined),
    signIn: () => void openPage(loginTo(requestPath(id))).catch(() => undefined),
    mine: () => void openPage(PAGES.myMarketPosts).catch(() => undefined),
  };
}

export type ContactRequestPage = ReturnType<typeof useContactRequest>;
