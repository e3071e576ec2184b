import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditItem, AuditQueryDto, Page } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { endOfShanghaiDay, isCalendarDay, startOfShanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { paged } from '../../common/paging/keyset';
import type { AuditLogEntity } from './audit-log.entity';
import { AUDIT_ORDER, AuditLogRepository } from './audit-log.repository';
import { toAuditItem } from './audit.mapper';

export interface AuditEntry {
  action: AuditAction;
  actor?: Pick<Actor, 'id' | 'role'> | null;
  outcome?: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export const AUDIT_PAGE_DEFAULT = 50;

/** Writes audit rows (pass the transaction's manager so the row commits with the change it records) and reads them for the admin. */
@Injectable()
export class AuditService {
  constructor(private readonly rows: AuditLogRepository) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.rows.insert(
      {
        action: entry.action,
        actorId: entry.actor?.id ?? null,
        actorRole: entry.actor?.role ?? null,
        outcome: entry.outcome ?? 'success',
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: entry.ip ?? null,
        requestId: entry.requestId ?? null,
        details: entry.details ?? null,
      },
      manager,
    );
  }

  /** One page of the audit log, newest first. Looking is itself recorded (after the read, so not in this page). */
  async list(actor: Actor, query: AuditQueryDto, meta: RequestMeta): Promise<Page<AuditItem>> {
    const filter = {
      action: query.action,
      actorId: query.actorId,
      targetType: query.targetType,
      targetId: query.targetId,
      // A bare date is a whole day in Asia/Shanghai: `to=2026-11-30` includes that day's entries.
      from: query.from
        ? isCalendarDay(query.from)
          ? startOfShanghaiDay(query.from)
          : new Date(query.from)
        : undefined,
      to: query.to ? (isCalendarDay(query.to) ? endOfShanghaiDay(query.to) : new Date(query.to)) : undefined,
    };
    const page = await paged(
      query,
      AUDIT_ORDER,
      (after, limit) => this.rows.findNewestFirst(filter, after, limit),
      toAuditItem,
      (a) => ({ k: a.id, id: a.id }),
      AUDIT_PAGE_DEFAULT,
    );
    await this.record({
      action: AuditAction.AUDIT_VIEWED,
      actor,
      ...meta,
      details: { filters: { ...query }, returned: page.items.length },
    });
    return page;
  }

  /** Every row the user is the actor of, oldest first (their PIPL data export). */
  rowsOfActor(userId: string): Promise<AuditLogEntity[]> {
    return this.rows.findByActor(userId);
  }
}
