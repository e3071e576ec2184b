import { Injectable } from '@nestjs/common';
import { isStaffRole } from '@qsgj/shared/enums';
import type { NewsCard, NewsDetail, NewsQueryDto, Page } from '@qsgj/shared/contracts';
import { NEWS_PAGE_MAX } from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { type OpenedFile } from '../files/file-response';
import { FilesService } from '../files/files.service';
import { isPublicAt, NEWS_FILE_OWNER, toNewsCard, toNewsDetail } from './news.mapper';
import { NewsRepository, PUBLIC_NEWS_ORDER } from './news.repository';
import { NewsTime } from './news-time';

/**
 * 营商动态 for everyone: the list and an article (published, its time come), and the newest articles for the home
 * feed. Staff may open any article (the workbench's preview); only other readers count as views.
 */
@Injectable()
export class NewsService {
  constructor(
    private readonly news: NewsRepository,
    private readonly files: FilesService,
    private readonly time: NewsTime,
  ) {}

  /** Published articles whose publish time has come, pinned first then newest; at most `limit` (1–50). */
  async latest(limit: number): Promise<NewsCard[]> {
    const n = Math.max(1, Math.min(NEWS_PAGE_MAX, Math.floor(limit) || 1));
    return (await this.news.listPublic(this.time.now(), undefined, n)).slice(0, n).map(toNewsCard);
  }

  /** `GET /news`: keyset pages of the public articles. */
  async list(query: NewsQueryDto): Promise<Page<NewsCard>> {
    const limit = Math.min(pageLimit(query.limit), NEWS_PAGE_MAX);
    const rows = await this.news.listPublic(this.time.now(), readCursor(query.cursor, PUBLIC_NEWS_ORDER), limit);
    return toPage(rows, limit, toNewsCard, (n) => ({ k: n.publishedAt?.toISOString() ?? '', id: n.id }));
  }

  /**
   * `GET /news/:id`: for staff any article, uncounted; for everyone else a public one, its view counted by the
   * very UPDATE that reads it (one statement, so concurrent readers each count) — anything else is 404.
   */
  async detail(actor: Actor | undefined, id: string): Promise<NewsDetail> {
    const now = this.time.now();
    if (actor && isStaffRole(actor.role)) {
      const row = await this.news.findById(id);
      if (!row) throw notFound();
      return toNewsDetail(row, now);
    }
    const row = await this.news.countView(id, now);
    if (!row) throw notFound();
    return toNewsDetail(row, now);
  }

  /** `GET /news/:id/images/:fileId`: the cover of an article the caller may see; 404 otherwise. */
  async openImage(actor: Actor | undefined, id: string, fileId: string): Promise<OpenedFile> {
    const row = await this.news.findById(id);
    const staff = actor !== undefined && isStaffRole(actor.role);
    if (!row || (!staff && !isPublicAt(row, this.time.now()))) throw notFound();
    const file = await this.files.findAttachedTo(fileId, [{ kind: NEWS_FILE_OWNER, ids: [id] }]);
    if (!file) throw notFound();
    return this.files.open(file);
  }
}
