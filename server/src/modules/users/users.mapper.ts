import type { MeResponse, MyButlerResponse } from '@qsgj/shared/contracts';
import { isStaffRole } from '@qsgj/shared/enums';
import { maskPhone } from '@qsgj/shared/rules';
import { toMyMembership } from '../enterprises/enterprise.mapper';
import type { MembershipWithEnterprise } from '../enterprises/enterprise-members.repository';
import type { UserEntity } from './user.entity';

/** A user as they see themselves (`GET /me`, and the answer to binding an enterprise). */
export function toMeResponse(
  user: UserEntity,
  membership: MembershipWithEnterprise | null,
  currentConsentVersion: string,
): MeResponse {
  return {
    id: user.id,
    role: user.role,
    nickname: user.nickname ?? user.name,
    phone: maskPhone(user.phone),
    largeFont: user.largeFont,
    consentVersion: user.consentVersion,
    consentRequired: !isStaffRole(user.role) && user.consentVersion !== currentConsentVersion,
    membership: membership ? toMyMembership(membership, membership.enterprise) : null,
    department: user.department ? { id: user.department.id, name: user.department.name } : null,
    mustChangePassword: user.mustChangePassword,
  };
}

export function toMyButler(butler: UserEntity): MyButlerResponse {
  return {
    id: butler.id,
    name: butler.name ?? '亲商管家',
    department: butler.department?.name ?? null,
    specialties: butler.specialties,
    phone: maskPhone(butler.phone),
  };
}
