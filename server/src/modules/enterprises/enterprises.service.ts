import { Injectable } from '@nestjs/common';
import { AuditAction, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Change } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { becameOwnerNotice } from './enterprise-notices';
import type { EnterpriseMemberEntity } from './enterprise-member.entity';
import { EnterpriseMembersRepository, type MembershipWithEnterprise } from './enterprise-members.repository';
import { EnterprisesRepository } from './enterprises.repository';

/** Why a member leaves their enterprise; the audit row of a succession names it. */
export type LeaveReason = 'account_deleted' | 'left' | 'removed';

/** What other domains (the account: 我的, data export, deletion) need of a user's enterprise membership. */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly enterprises: EnterprisesRepository,
    private readonly members: EnterpriseMembersRepository,
    private readonly notifications: NotificationService,
  ) {}

  /** The user's membership (a user has at most one), with its enterprise. */
  membershipOf(userId: string): Promise<MembershipWithEnterprise | null> {
    return this.members.findMembershipOfUser(userId);
  }

  /**
   * Removes the user's membership inside a change that holds the user's lock; what was removed, if any.
   * When the approved owner leaves, the member who has been approved longest becomes the owner, in the
   * same transaction: audited (`enterprise.ownership_transferred`) and told. The enterprise is never left
   * ownerless while it has an approved member, so nobody can claim it by its public credit code (ADR 007).
   * The one way out of an enterprise: account deletion uses it, and so must leaving or removal.
   */
  async removeMembershipOf(
    userId: string,
    change: Change,
    reason: LeaveReason,
  ): Promise<EnterpriseMemberEntity | null> {
    const m = change.manager;
    const found = await this.members.findMembershipOfUserIn(userId, m);
    if (!found) return null;
    const enterprise = await this.enterprises.findAndLock(found.enterpriseId, m);
    // Read again under the lock: the owner leaving at the same moment may have just made this member the owner.
    const membership = await this.members.findMembershipOfUserIn(userId, m);
    if (!membership) return null;
    await this.members.deleteMembership(membership.id, m);
    const wasOwner = membership.role === MemberRole.OWNER && membership.status === MembershipStatus.APPROVED;
    if (!wasOwner || !enterprise) return membership;

    const successor = await this.members.findLongestApprovedMember(enterprise.id, m);
    if (!successor) {
      // Nobody approved is left: the enterprise waits without an owner. Anyone binding it now waits for
      // staff if a request is still there (any row), or meets the first-binder rule if none is.
      await change.audit(
        AuditAction.OWNERSHIP_TRANSFERRED,
        { type: 'enterprise', id: enterprise.id },
        { from: userId, to: null, reason },
      );
      return membership;
    }
    await this.members.makeOwner(successor.id, m);
    await change.audit(
      AuditAction.OWNERSHIP_TRANSFERRED,
      { type: 'enterprise', id: enterprise.id },
      { from: userId, to: successor.userId, reason },
    );
    await this.notifications.notify(m, becameOwnerNotice(successor.userId, enterprise, 'succession', new Date()));
    return membership;
  }
}
