import type {
  AdminNewsDetail,
  AdminNewsItem,
  AdminNewsQueryDto,
  NewsCard,
  NewsDetail,
  NewsInputDto,
  Page,
  PublishNewsDto,
  UpdateNewsDto,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/*
 * 营商动态 (issue 11): every call the mini-program makes for news, in one place. Types only from
 * `@qsgj/shared/contracts` (never the DTO classes' values).
 */

type Query = Record<string, string | number | boolean | null | undefined>;

export const newsApi = {
  list: (cursor: string | null, limit?: number) => http.get<Page<NewsCard>>(withQuery('/news', { cursor, limit })),
  /** A public read counts one view (staff reads do not). */
  detail: (id: string) => http.get<NewsDetail>(`/news/${encodeURIComponent(id)}`),
};

export const adminNewsApi = {
  list: (query: AdminNewsQueryDto) => http.get<Page<AdminNewsItem>>(withQuery('/admin/news', query as Query)),
  detail: (id: string) => http.get<AdminNewsDetail>(`/admin/news/${encodeURIComponent(id)}`),
  create: (body: NewsInputDto) => http.post<AdminNewsDetail>('/admin/news', body, { idempotent: true }),
  update: (id: string, body: UpdateNewsDto) =>
    http.patch<AdminNewsDetail>(`/admin/news/${encodeURIComponent(id)}`, body),
  /** Now, or at `publishAt` (定时发布). */
  publish: (id: string, body: PublishNewsDto = {}) =>
    http.post<AdminNewsDetail>(`/admin/news/${encodeURIComponent(id)}/publish`, body, { idempotent: true }),
  withdraw: (id: string) =>
    http.post<AdminNewsDetail>(`/admin/news/${encodeURIComponent(id)}/withdraw`, undefined, { idempotent: true }),
};
