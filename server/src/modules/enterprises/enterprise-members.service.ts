import { Injectable } from '@nestjs/common';
import type { EnterpriseMemberItem, Page, PageQueryDto } from '@qsgj/shared/contracts';
import { AuditAction, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { becameOwnerNotice, memberDecidedNotice } from './enterprise-notices';
import { toMemberItem } from './enterprise.mapper';
import { EnterpriseAction, enforce, enterprisePolicy } from './enterprise.policy';
import type { EnterpriseEntity } from './enterprise.entity';
import { EnterpriseMembersRepository, MEMBER_ORDER } from './enterprise-members.repository';
import { EnterprisesRepository } from './enterprises.repository';

/** The members of an enterprise: the owner's list, and approving or rejecting requests to join. */
@Injectable()
export class EnterpriseMembersService {
  constructor(
    private readonly enterprises: EnterprisesRepository,
    private readonly members: EnterpriseMembersRepository,
    private readonly changes: Changes,
    private readonly notifications: NotificationService,
  ) {}

  /** The enterprise whose members the signed-in owner manages (404 without a membership, 403 for a non-owner). */
  private async ownEnterprise(actor: Actor): Promise<EnterpriseEntity> {
    const membership = await this.members.findMembershipOfUser(actor.id);
    if (!membership) throw new AppException('ENTERPRISE_NOT_BOUND');
    enforce(enterprisePolicy(actor, EnterpriseAction.MANAGE_MEMBERS, membership.enterprise, membership));
    return membership.enterprise;
  }

  /** Pending requests first, then by request time; keyset-paged. */
  async listForOwner(actor: Actor, query: PageQueryDto): Promise<Page<EnterpriseMemberItem>> {
    const enterprise = await this.ownEnterprise(actor);
    return paged(
      query,
      MEMBER_ORDER,
      (after, limit) => this.members.listMembers(enterprise.id, after, limit),
      toMemberItem,
      (m) => ({ k: m.createdAt.toISOString(), id: m.id }),
    );
  }

  async decideAsOwner(
    actor: Actor,
    userId: string,
    approve: boolean,
    meta: RequestMeta,
  ): Promise<EnterpriseMemberItem> {
    const enterprise = await this.ownEnterprise(actor);
    return this.decide(actor, enterprise, userId, approve, meta);
  }

  /** Admin, supervisor, or the enterprise's assigned butler (others: 404, as if it did not exist). */
  async decideAsStaff(
    actor: Actor,
    enterpriseId: string,
    userId: string,
    approve: boolean,
    meta: RequestMeta,
  ): Promise<EnterpriseMemberItem> {
    const enterprise = await this.enterprises.findById(enterpriseId);
    if (!enterprise) throw notFound();
    enforce(enterprisePolicy(actor, EnterpriseAction.MANAGE_MEMBERS, enterprise, null));
    return this.decide(actor, enterprise, userId, approve, meta);
  }

  private async decide(
    actor: Actor,
    enterprise: EnterpriseEntity,
    userId: string,
    approve: boolean,
    meta: RequestMeta,
  ): Promise<EnterpriseMemberItem> {
    const enterpriseId = enterprise.id;
    const status = approve ? MembershipStatus.APPROVED : MembershipStatus.REJECTED;
    const member = await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      // The binding rule reads who is bound under this lock (ADR 007): take it before changing anyone.
      await this.enterprises.findAndLock(enterpriseId, m);
      if (!(await this.members.decidePending(enterpriseId, userId, status, actor.id, m))) {
        const existing = await this.members.findMemberOfEnterprise(enterpriseId, userId, m);
        throw existing ? new AppException('MEMBERSHIP_NOT_PENDING') : notFound();
      }
      // An enterprise with an approved member always has an owner: staff approving the first binder of an
      // ownerless enterprise (one on record, or whose owner left with nobody approved) make them its owner.
      const becomesOwner = approve && !(await this.members.findApprovedOwnerId(enterpriseId, m));
      const decided = await this.members.findMemberOfEnterprise(enterpriseId, userId, m);
      if (becomesOwner && decided) await this.members.makeOwner(decided.id, m);
      const action = approve ? AuditAction.MEMBER_APPROVED : AuditAction.MEMBER_REJECTED;
      await change.audit(
        action,
        { type: 'user', id: userId },
        becomesOwner ? { enterpriseId, role: MemberRole.OWNER } : { enterpriseId },
      );
      await this.notifications.notify(
        m,
        becomesOwner
          ? becameOwnerNotice(userId, enterprise, 'approved', new Date())
          : memberDecidedNotice(userId, enterprise, approve, new Date()),
      );
      return this.members.findMemberOfEnterprise(enterpriseId, userId, m);
    });
    if (!member) throw notFound();
    return toMemberItem(member);
  }
}
