import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import type { FaqDetail } from '@qsgj/shared/contracts';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { faqApi } from '@/services/faq.api';
import { ApiError } from '@/services/http';
import { sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';

/** Not there for this user: unknown, a draft, withdrawn (404), or an id that is not one (400). */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400);
}

/** 常见问题详情 (`?id=`): one request; shareable (the card opens this page cold); 「向管家咨询」 opens the form. */
export function useFaqDetail() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const request = useRequest(() => faqApi.detail(id), [id, session?.user.id], { enabled: !!id });
  const entry: FaqDetail | undefined = request.data && request.data.id === id ? request.data : undefined;

  usePullDownRefresh(() => {
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: entry?.question ?? '常见问题',
    path: `${PAGES.faqDetail}?id=${id}`,
  }));

  return {
    id,
    entry,
    loading: request.loading,
    error: request.error,
    notFound: !id || isNotFound(request.error),
    reload: request.reload,
    ask: () => void openPage(`${PAGES.caseNew}?type=consult`).catch(() => undefined),
    list: () => void openPage(PAGES.faq).catch(() => undefined),
  };
}
