import type { AuditItem } from '@qsgj/shared/contracts';
import type { AuditLogEntity } from './audit-log.entity';

export function toAuditItem(a: AuditLogEntity): AuditItem {
  return {
    id: a.id,
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorRole: a.actorRole,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    outcome: a.outcome,
    ip: a.ip,
    requestId: a.requestId,
    details: a.details,
  };
}
