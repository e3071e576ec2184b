import { useShareAppMessage } from '@tarojs/taro';
import type { NewsCard } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { newsApi } from '@/services/news.api';
import { openPage, PAGES } from '@/utils/routes';
import { newsDetailPath } from '@/packages/news/components/format';

/**
 * 营商动态: the published articles, pinned first then newest (`GET /news`, keyset pages), pull-down refresh, the
 * next page at the bottom; a row opens the article. The list itself can be shared.
 */
export function useNewsList() {
  const list = usePagedList<NewsCard>((cursor) => newsApi.list(cursor), [], { key: (n) => n.id });
  useShareAppMessage(() => ({ title: '营商动态 · 亲商管家', path: PAGES.news }));
  return { list, open: (id: string) => void openPage(newsDetailPath(id)) };
}
