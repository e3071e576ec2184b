import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnterpriseMemberItem } from '@qsgj/shared/contracts';
import { AuditAction, MembershipStatus } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { AppException, notFound } from '../../common/errors/app-exception';
import { NotificationService } from '../notifications/notification.service';
import { memberDecidedNotice } from './enterprise-notices';
import { toMemberItem } from './enterprise.mapper';
import { EnterpriseAction, enforce, enterprisePolicy } from './enterprise.policy';
import type { EnterpriseEntity } from './enterprise.entity';
import { EnterprisesRepository } from './enterprises.repository';

/** The members of an enterprise: the owner's list, and approving or rejecting requests to join. */
@Injectable()
export class EnterpriseMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  /** The enterprise whose members the signed-in owner manages (404 without a membership, 403 for a non-owner). */
  private async ownEnterprise(actor: Actor): Promise<EnterpriseEntity> {
    const membership = await this.enterprises.findMembershipOfUser(actor.id);
    if (!membership) throw new AppException('ENTERPRISE_NOT_BOUND');
    enforce(enterprisePolicy(actor, EnterpriseAction.MANAGE_MEMBERS, membership.enterprise, membership));
    return membership.enterprise;
  }

  async listForOwner(actor: Actor): Promise<EnterpriseMemberItem[]> {
    const enterprise = await this.ownEnterprise(actor);
    return (await this.enterprises.listMembers(enterprise.id)).map(toMemberItem);
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
    const member = await this.dataSource.transaction(async (m) => {
      if (!(await this.enterprises.decidePending(enterpriseId, userId, status, actor.id, m))) {
        const existing = await this.enterprises.findMemberOfEnterprise(enterpriseId, userId, m);
        throw existing ? new AppException('MEMBERSHIP_NOT_PENDING') : notFound();
      }
      await this.audit.record(
        {
          action: approve ? AuditAction.MEMBER_APPROVED : AuditAction.MEMBER_REJECTED,
          actor,
          targetType: 'user',
          targetId: userId,
          ...meta,
          details: { enterpriseId },
        },
        m,
      );
      await this.notifications.notify(m, memberDecidedNotice(userId, enterprise, approve, new Date()));
      return this.enterprises.findMemberOfEnterprise(enterpriseId, userId, m);
    });
    if (!member) throw notFound();
    return toMemberItem(member);
  }
}
