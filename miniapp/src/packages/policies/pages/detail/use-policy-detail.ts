import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { PolicyAttachment, PolicyDetail } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { policiesApi } from '@/services/policies.api';
import { isStaff, sessionStore } from '@/stores/session';
import { IS_WEAPP } from '@/utils/platform';
import { openPage, PAGES, toast } from '@/utils/routes';

export type DetailTab = 'body' | 'interpretation';

/** Not there for this user: unknown, a draft, withdrawn (404), or an id that is not one (400). */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400);
}

/** The detail's own address, for the share card and the way back from sign-in. */
export function detailPath(id: string): string {
  return `${PAGES.policyDetail}?id=${id}`;
}

/**
 * Opens an attachment. H5: a new window. WeChat: a web-view needs the site on the business-domain
 * list, so the link is copied and the user is told to open it in a browser.
 */
export async function openAttachment(a: PolicyAttachment): Promise<void> {
  if (!IS_WEAPP && typeof window !== 'undefined' && typeof window.open === 'function') {
    window.open(a.url, '_blank', 'noopener');
    return;
  }
  try {
    await Taro.setClipboardData({ data: a.url });
    toast('链接已复制，请在浏览器中打开');
  } catch {
    toast('复制失败，请稍后重试');
  }
}

/**
 * 政策详情 (`?id=`): one request; for a signed-in enterprise user it says whether the policy is in the
 * favourites and how it fits the enterprise. Shareable (the card opens this page cold), favourite
 * toggle (signed out: to sign-in, then back here), 咨询此政策.
 */
export function usePolicyDetail() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const request = useRequest(() => policiesApi.detail(id), [id, session?.user.id], { enabled: !!id });
  const policy: PolicyDetail | undefined = request.data && request.data.id === id ? request.data : undefined;

  const [tab, setTab] = useState<DetailTab>('body');
  const [favorite, setFavorite] = useState<{ id: string; on: boolean }>();
  const isFavorite = favorite && favorite.id === id ? favorite.on : !!policy?.favorite;
  const favoriting = useAction();

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({ title: policy?.title ?? '涉企政策', path: detailPath(id) }));

  const toggleFavorite = async () => {
    if (!session) {
      toast('登录后可收藏政策');
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(detailPath(id))}`);
      return;
    }
    const on = !isFavorite;
    const answer = await favoriting.run(
      () => (on ? policiesApi.favorite(id) : policiesApi.unfavorite(id)),
      (e) => {
        toast(e.message);
        return e.message;
      },
    );
    if (!answer) return;
    setFavorite({ id, on: answer.favorite });
    toast(answer.favorite ? '已收藏' : '已取消收藏', answer.favorite ? 'success' : 'none');
  };

  const consult = () => void openPage(`${PAGES.caseNew}?type=consult&policyId=${encodeURIComponent(id)}`);

  return {
    id,
    session,
    staff,
    policy,
    loading: request.loading,
    error: request.error,
    notFound: !id || isNotFound(request.error),
    reload: request.reload,
    tab,
    setTab,
    isFavorite,
    favoriteBusy: favoriting.busy,
    toggleFavorite: () => void toggleFavorite(),
    consult,
    openAttachment: (a: PolicyAttachment) => void openAttachment(a),
  };
}
