import { Injectable } from '@nestjs/common';
import type { AuditItem, AuditQueryDto, Page } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { AdminAuditRepository } from './admin-audit.repository';
import { toAuditItem } from './admin.mapper';

export const AUDIT_PAGE_DEFAULT = 50;

@Injectable()
export class AdminAuditService {
  constructor(
    private readonly auditLog: AdminAuditRepository,
    private readonly audit: AuditService,
  ) {}

  /** One page of the audit log, newest first. Looking is itself recorded (after the read, so not in this page). */
  async list(actor: Actor, query: AuditQueryDto, meta: RequestMeta): Promise<Page<AuditItem>> {
    const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
    const rows = await this.auditLog.findNewestFirst(
      {
        action: query.action,
        actorId: query.actorId,
        targetType: query.targetType,
        targetId: query.targetId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        beforeId: query.cursor,
      },
      limit + 1,
    );
    const items = rows.slice(0, limit).map(toAuditItem);
    const nextCursor = rows.length > limit ? (items[items.length - 1]?.id ?? null) : null;
    await this.audit.record({
      action: AuditAction.AUDIT_VIEWED,
      actor,
      ...meta,
      details: { filters: { ...query }, returned: items.length },
    });
    return { items, nextCursor };
  }
}
