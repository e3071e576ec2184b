import type { AdminNewsDetail, AdminNewsItem, NewsCard, NewsDetail, NewsState } from '@qsgj/shared/contracts';
import type { NewsArticleEntity } from './news-article.entity';

/** The owner kind of an article's cover in `files`. */
export const NEWS_FILE_OWNER = 'news';

/** Where an article's cover is served: to whoever may see the article. */
export function newsCoverUrl(articleId: string, fileId: string): string {
  return `/api/v1/news/${articleId}/images/${fileId}`;
}

/** `published` with a publish time still ahead of `now` reads `scheduled`; the stored status otherwise. */
export function newsState(n: Pick<NewsArticleEntity, 'status' | 'publishedAt'>, now: Date): NewsState {
  if (n.status === 'published' && n.publishedAt !== null && n.publishedAt.getTime() > now.getTime()) {
    return 'scheduled';
  }
  return n.status;
}

/** Whether the public sees it at `now`: published and its time has come. */
export function isPublicAt(n: Pick<NewsArticleEntity, 'status' | 'publishedAt'>, now: Date): boolean {
  return n.status === 'published' && n.publishedAt !== null && n.publishedAt.getTime() <= now.getTime();
}

export function toNewsCard(n: NewsArticleEntity): NewsCard {
  return {
    id: n.id,
    title: n.title,
    summary: n.summary,
    cover: n.coverFileId ? newsCoverUrl(n.id, n.coverFileId) : null,
    source: n.source,
    publishedAt: (n.publishedAt ?? n.createdAt).toISOString(),
    pinned: n.pinned,
    viewCount: n.viewCount,
  };
}

export function toNewsDetail(n: NewsArticleEntity, now: Date): NewsDetail {
  return { ...toNewsCard(n), body: n.body, state: newsState(n, now) };
}

export function toAdminNewsItem(n: NewsArticleEntity, now: Date): AdminNewsItem {
  return {
    id: n.id,
    title: n.title,
    summary: n.summary,
    cover: n.coverFileId ? newsCoverUrl(n.id, n.coverFileId) : null,
    source: n.source,
    status: n.status,
    state: newsState(n, now),
    publishedAt: n.publishedAt?.toISOString() ?? null,
    pinned: n.pinned,
    viewCount: n.viewCount,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

export function toAdminNewsDetail(n: NewsArticleEntity, now: Date): AdminNewsDetail {
  return { ...toAdminNewsItem(n, now), body: n.body, coverFileId: n.coverFileId };
}
