import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MarketReportStatus } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { MarketReportEntity } from './market-report.entity';
import type { PostRow } from './market-posts.repository';

/** The staff queue: oldest first, so nothing waits for ever. */
export const REPORT_ORDER: KeysetOrder = {
  table: 'market_reports',
  alias: 'r',
  keys: [(a) => `${a}.created_at`],
  direction: 'ASC',
  idType: 'uuid',
};

export type ReportRow = MarketReportEntity & { post: PostRow };

/** The one repository of `market_reports`. */
@Injectable()
export class MarketReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private reports(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MarketReportEntity);
  }

  findForUpdate(id: string, manager: EntityManager): Promise<MarketReportEntity | null> {
    return this.reports(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts an open report unless the reporter has one open on the post; then answers that one. */
  async openOnce(
    postId: string,
    reporterId: string | null,
    reason: string,
    manager: EntityManager,
  ): Promise<MarketReportEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MarketReportEntity)
      .values({ postId, reporterId, reason, status: 'open' })
      .orIgnore()
      .execute();
    const qb = this.reports(manager)
      .createQueryBuilder('r')
      .where(`r.post_id = :postId AND r.status = 'open'`, { postId })
      .orderBy('r.created_at', 'DESC')
      .limit(1);
    if (reporterId === null) qb.andWhere('r.reporter_id IS NULL');
    else qb.andWhere('r.reporter_id = :reporterId', { reporterId });
    return (await qb.getOne()) as MarketReportEntity;
  }

  async decide(
    id: string,
    status: MarketReportStatus,
    note: string,
    by: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MarketReportEntity)
      .set({ status, note, decidedBy: by, decidedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  /** Every other open report of the post, closed with the same decision (a post taken down needs no more review). */
  async closeOpenOfPost(postId: string, status: MarketReportStatus, note: string, by: string, manager: EntityManager) {
    await manager
      .createQueryBuilder()
      .update(MarketReportEntity)
      .set({ status, note, decidedBy: by, decidedAt: () => 'now()' })
      .where(`post_id = :postId AND status = 'open'`, { postId })
      .execute();
  }

  private joined() {
    return this.reports()
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.post', 'p')
      .innerJoin('p.enterprise', 'e')
      .addSelect(['e.id', 'e.name']);
  }

  findRow(id: string): Promise<ReportRow | null> {
    return this.joined().where('r.id = :id', { id }).getOne() as Promise<ReportRow | null>;
  }

  async list(status: 'open' | 'decided' | 'all', after: Cursor | undefined, limit: number): Promise<ReportRow[]> {
    const qb = this.joined();
    if (status === 'open') qb.where(`r.status = 'open'`);
    else if (status === 'decided') qb.where(`r.status <> 'open'`);
    return (await keyset(qb, REPORT_ORDER, after, limit).getMany()) as ReportRow[];
  }
}
