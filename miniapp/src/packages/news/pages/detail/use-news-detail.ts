import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import type { NewsDetail } from '@qsgj/shared/contracts';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { newsApi } from '@/services/news.api';
import { isStaff, sessionStore } from '@/stores/session';
import { IS_WEAPP } from '@/utils/platform';
import { toast } from '@/utils/routes';
import { newsDetailPath, newsLink } from '@/packages/news/components/format';

/** Not there for this reader: unknown, a draft, withdrawn, not yet due (404), or an id that is not one (400). */
export function isNotFound(error: Error | null): boolean {
  return error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 400);
}

/** What a share of the article carries: its title, and the path that opens it cold. */
export function shareOf(id: string, news: NewsDetail | undefined): { title: string; path: string } {
  return { title: news?.title ?? '营商动态', path: newsDetailPath(id) };
}

/**
 * 动态详情 (`?id=`): one request (a public read counts a view; staff, previewing any article, do not). Shareable:
 * the card opens this page cold on the article; in H5 「分享」 copies the article's link.
 */
export function useNewsDetail() {
  const { params } = useRouter();
  const id = params?.id ?? '';
  const session = useStore(sessionStore);
  const request = useRequest(() => newsApi.detail(id), [id], { enabled: !!id });
  const news: NewsDetail | undefined = request.data && request.data.id === id ? request.data : undefined;

  usePullDownRefresh(() => {
    if (!id) return void Taro.stopPullDownRefresh();
    void request.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => shareOf(id, news));

  const copyLink = async () => {
    try {
      await Taro.setClipboardData({ data: newsLink(id) });
      toast('链接已复制，可粘贴发送给他人', 'success');
    } catch {
      toast('复制失败，请稍后重试');
    }
  };

  return {
    id,
    news,
    staff: isStaff(session),
    loading: request.loading,
    error: request.error,
    notFound: !id || isNotFound(request.error),
    reload: request.reload,
    /** WeChat shares with the button's `openType="share"`; H5 copies the link. */
    share: IS_WEAPP ? undefined : () => void copyLink(),
  };
}
