import type {
  AdminEnterpriseItem,
  EnterpriseBrief,
  EnterpriseMemberItem,
  EnterpriseSummary,
  MyMembership,
} from '@qsgj/shared/contracts';
import { MembershipStatus } from '@qsgj/shared/enums';
import { maskPhone } from '@qsgj/shared/rules';
import type { EnterpriseMemberEntity } from './enterprise-member.entity';
import type { EnterpriseEntity } from './enterprise.entity';
import type { MemberWithUser } from './enterprise-members.repository';
import type { AdminEnterpriseRow } from './enterprises.repository';

export function toEnterpriseBrief(e: EnterpriseEntity): EnterpriseBrief {
  return { creditCode: e.creditCode, name: e.name };
}

export function toEnterpriseSummary(e: EnterpriseEntity): EnterpriseSummary {
  return { id: e.id, creditCode: e.creditCode, name: e.name, scale: e.scale, district: e.district };
}

/**
 * My membership. Only an approved member sees the enterprise's profile (the policy's VIEW_PROFILE
 * rule); a pending or rejected request shows the name and credit code, nothing more.
 */
export function toMyMembership(m: EnterpriseMemberEntity, enterprise: EnterpriseEntity): MyMembership {
  if (m.status === MembershipStatus.APPROVED) {
    return { role: m.role, status: m.status, enterprise: toEnterpriseSummary(enterprise) };
  }
  return { role: m.role, status: m.status, enterprise: toEnterpriseBrief(enterprise) };
}

export function toMemberItem(m: MemberWithUser): EnterpriseMemberItem {
  return {
    userId: m.userId,
    nickname: m.user.nickname,
    contactName: m.contactName,
    phone: maskPhone(m.user.phone),
    role: m.role,
    status: m.status,
    requestedAt: m.createdAt.toISOString(),
    decidedAt: m.decidedAt?.toISOString() ?? null,
  };
}

export function toAdminEnterpriseItem(e: AdminEnterpriseRow): AdminEnterpriseItem {
  return {
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    district: e.district,
    park: e.park,
    butler: e.butlerId ? { id: e.butlerId, name: e.butlerName ?? '' } : null,
  };
}
