import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { NewsArticleEntity } from './news-article.entity';

/** The public list and the home feed: pinned first, then the newest publish time, then id. */
export const PUBLIC_NEWS_ORDER: KeysetOrder = {
  table: 'news_articles',
  alias: 'n',
  keys: [(a) => `${a}.pinned`, (a) => `${a}.published_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** The workbench list: the latest change first. */
export const ADMIN_NEWS_ORDER: KeysetOrder = {
  table: 'news_articles',
  alias: 'n',
  keys: [(a) => `${a}.updated_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** What an admin writes of an article (the body already sanitised). */
export type NewsFields = Pick<NewsArticleEntity, 'title' | 'summary' | 'body' | 'source' | 'coverFileId' | 'pinned'>;

/** Public: published, and its publish time has come by `now` (the caller's clock, NewsTime); `:now` bound by the caller. */
const isPublic = (alias?: string) => {
  const a = alias ? `${alias}.` : '';
  return `${a}status = 'published' AND ${a}published_at <= :now`;
};
const PUBLIC = isPublic('n');

/** The one repository of `news_articles`. */
@Injectable()
export class NewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private articles(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(NewsArticleEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<NewsArticleEntity | null> {
    return this.articles(manager).findOne({ where: { id } });
  }

  /** The row locked for a change, so two changes of one article queue up. */
  findForUpdate(id: string, manager: EntityManager): Promise<NewsArticleEntity | null> {
    return this.articles(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The article when the public may see it at `now`, else null. */
  findPublic(id: string, now: Date): Promise<NewsArticleEntity | null> {
    return this.articles().createQueryBuilder('n').where('n.id = :id', { id }).andWhere(PUBLIC, { now }).getOne();
  }

  /** Public articles after `after`, `limit + 1` of them (keyset). */
  listPublic(now: Date, after: Cursor | undefined, limit: number): Promise<NewsArticleEntity[]> {
    const qb = this.articles().createQueryBuilder('n').where(PUBLIC, { now });
    return keyset(qb, PUBLIC_NEWS_ORDER, after, limit).getMany();
  }

  /** Every article (any status) after `after`, `limit + 1` of them, optionally of one status. */
  listAll(status: string | undefined, after: Cursor | undefined, limit: number): Promise<NewsArticleEntity[]> {
    const qb = this.articles().createQueryBuilder('n');
    if (status) qb.where('n.status = :status', { status });
    return keyset(qb, ADMIN_NEWS_ORDER, after, limit).getMany();
  }

  insert(fields: NewsFields, createdBy: string, manager: EntityManager): Promise<NewsArticleEntity> {
    const repo = this.articles(manager);
    return repo.save(repo.create({ ...fields, createdBy, status: 'draft', publishedAt: null, viewCount: 0 }));
  }

  save(article: NewsArticleEntity, manager: EntityManager): Promise<NewsArticleEntity> {
    return this.articles(manager).save(article);
  }

  /**
   * One public read: adds 1 to the view count in one UPDATE (no read-modify-write, so concurrent reads each
   * count) and only while the article is public at `now`. Answers the row as updated, or null (not public).
   */
  async countView(id: string, now: Date): Promise<NewsArticleEntity | null> {
    const result = await this.articles()
      .createQueryBuilder()
      .update(NewsArticleEntity)
      .set({ viewCount: () => 'view_count + 1', updatedAt: () => 'updated_at' })
      .where('id = :id', { id })
      .andWhere(isPublic(), { now })
      .returning('*')
      .execute();
    const raw = (result.raw as Array<Record<string, unknown>>)[0];
    if (!raw) return null;
    return this.articles().create({
      id: raw.id as string,
      title: raw.title as string,
      summary: raw.summary as string,
      body: raw.body as string,
      source: raw.source as string | null,
      coverFileId: raw.cover_file_id as string | null,
      status: raw.status as NewsArticleEntity['status'],
      publishedAt: raw.published_at === null ? null : new Date(raw.published_at as string | Date),
      pinned: raw.pinned as boolean,
      viewCount: Number(raw.view_count),
      createdBy: raw.created_by as string | null,
      createdAt: new Date(raw.created_at as string | Date),
      updatedAt: new Date(raw.updated_at as string | Date),
    });
  }
}
