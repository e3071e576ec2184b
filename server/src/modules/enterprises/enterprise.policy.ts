import { MemberRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { AppException, notFound } from '../../common/errors/app-exception';

/** What one may do to an enterprise. */
export const EnterpriseAction = {
  /** See its profile (scale, district, …) beyond the name and credit code a join request shows. */
  VIEW_PROFILE: 'view_profile',
  /** List its members, approve or reject requests to join it. */
  MANAGE_MEMBERS: 'manage_members',
} as const;
export type EnterpriseAction = (typeof EnterpriseAction)[keyof typeof EnterpriseAction];

/** `not_found`: the actor may not even know the enterprise exists; `forbidden`: they know it, but may not do this. */
export type PolicyVerdict = 'allow' | 'forbidden' | 'not_found';

export interface PolicyActor {
  id: string;
  role: Role;
}

export interface PolicyEnterprise {
  id: string;
  butlerId: string | null;
}

/** The actor's own membership, when the actor is an enterprise user. */
export interface PolicyMembership {
  enterpriseId: string;
  role: MemberRole;
  status: MembershipStatus;
}

/**
 * May this actor do this to this enterprise? The one place that decides it.
 * - admin, supervisor: every enterprise;
 * - butler: the enterprises assigned to them, others do not exist for them;
 * - enterprise user: only their own; an approved member sees the profile, only the approved owner
 *   manages members; a pending or rejected member sees nothing beyond the name and code.
 */
export function enterprisePolicy(
  actor: PolicyActor,
  action: EnterpriseAction,
  enterprise: PolicyEnterprise,
  membership: PolicyMembership | null,
): PolicyVerdict {
  switch (actor.role) {
    case Role.ADMIN:
    case Role.SUPERVISOR:
      return 'allow';
    case Role.BUTLER:
      return enterprise.butlerId === actor.id ? 'allow' : 'not_found';
    case Role.ENTERPRISE: {
      if (!membership || membership.enterpriseId !== enterprise.id) return 'not_found';
      if (membership.status !== MembershipStatus.APPROVED) return 'forbidden';
      if (action === EnterpriseAction.VIEW_PROFILE) return 'allow';
      return membership.role === MemberRole.OWNER ? 'allow' : 'forbidden';
    }
    default: {
      const unknownRole: never = actor.role;
      throw new Error(`enterprisePolicy: unknown role ${String(unknownRole)}`);
    }
  }
}

/** Throws the answer a refusal gets: 404 exactly as if the enterprise did not exist, or 403. */
export function enforce(verdict: PolicyVerdict): void {
  if (verdict === 'not_found') throw notFound();
  if (verdict === 'forbidden') throw new AppException('FORBIDDEN');
}
