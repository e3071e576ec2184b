import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  from?: Date;
  /** Inclusive. */
  to?: Date;
}

/** Newest first: by id (an identity, so also by time of writing). */
export const AUDIT_ORDER: KeysetOrder = { table: 'audit_log', alias: 'a', direction: 'DESC', idType: 'int' };

export type NewAuditRow = Omit<AuditLogEntity, 'id' | 'at'>;

/** Every column of a new row: the runtime role's INSERT grant on `audit_log` is exactly these. */
const AUDIT_INSERT_COLUMNS = [
  'actorId',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'ip',
  'requestId',
  'details',
] as const satisfies readonly (keyof NewAuditRow)[];

/** The one repository of `audit_log`. Append-only: a trigger rejects UPDATE, DELETE and TRUNCATE. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuditLogEntity);
  }

  /**
   * Appends a row. Names only the columns the server writes: the runtime database role may insert
   * those and no others (`id` and `at` are the database's: database/roles.ts), and reads nothing back.
   */
  async insert(row: NewAuditRow, manager?: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(AuditLogEntity, AUDIT_INSERT_COLUMNS as unknown as string[])
      .values(row as never)
      .updateEntity(false)
      .execute();
  }

  /** Newest first, after the cursor: `limit + 1` rows matching the filter. */
  findNewestFirst(filter: AuditFilter, after: Cursor | undefined, limit: number): Promise<AuditLogEntity[]> {
    const qb = this.repo().createQueryBuilder('a');
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetType) qb.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at <= :to', { to: filter.to });
    return keyset(qb, AUDIT_ORDER, after, limit).getMany();
  }

  /** Every row the user is the actor of, oldest first (their data export). */
  findByActor(userId: string): Promise<AuditLogEntity[]> {
    return this.repo().find({ where: { actorId: userId }, order: { id: 'ASC' } });
  }
}
