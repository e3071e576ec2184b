import type { MyDataExport } from '@qsgj/shared/contracts';
import type { AuditLogEntity } from '../audit/audit-log.entity';
import type { SessionEntity } from '../auth/session.entity';
import { toMyMembership } from '../enterprises/enterprise.mapper';
import type { MembershipWithEnterprise } from '../enterprises/enterprise-members.repository';
import type { NotificationService } from '../notifications/notification.service';
import type { UserEntity } from '../users/user.entity';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export interface ExportSources {
  user: UserEntity;
  membership: MembershipWithEnterprise | null;
  sessions: SessionEntity[];
  auditRows: AuditLogEntity[];
  inbox: Awaited<ReturnType<NotificationService['allOfUser']>>;
  at: Date;
}

/** The data export: my own phone unmasked; never a token, a hash or a password. */
export function toMyDataExport({ user, membership, sessions, auditRows, inbox, at }: ExportSources): MyDataExport {
  return {
    exportedAt: at.toISOString(),
    profile: {
      id: user.id,
      role: user.role,
      nickname: user.nickname,
      phone: user.phone,
      openid: user.openid,
      unionid: user.unionid,
      username: user.username,
      name: user.name,
      department: user.department ? { id: user.department.id, name: user.department.name } : null,
      specialties: user.specialties,
      largeFont: user.largeFont,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    },
    consent: { version: user.consentVersion, at: iso(user.consentAt) },
    membership: membership
      ? {
          ...toMyMembership(membership, membership.enterprise),
          contactName: membership.contactName,
          requestedAt: membership.createdAt.toISOString(),
          decidedAt: iso(membership.decidedAt),
        }
      : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      revokedAt: iso(s.revokedAt),
      revokeReason: s.revokeReason,
    })),
    notifications: inbox.notifications.map((n) => ({
      kind: n.kind,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      readAt: iso(n.readAt),
    })),
    subscriptions: inbox.grants.map((g) => ({ templateId: g.templateId, credits: g.credits })),
    auditLog: auditRows.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      outcome: a.outcome,
      targetType: a.targetType,
      targetId: a.targetId,
      ip: a.ip,
      details: a.details,
    })),
  };
}
