import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { EnterpriseMemberEntity } from './enterprise-member.entity';
import { ENTERPRISE_MEMBERS_SQL } from './enterprise-members.sql';
import type { EnterpriseEntity } from './enterprise.entity';

export interface NewMembership {
  enterpriseId: string;
  userId: string;
  contactName: string;
}

/** A user's membership with its enterprise loaded. */
export type MembershipWithEnterprise = EnterpriseMemberEntity & { enterprise: EnterpriseEntity };

/** A member as the owner's list shows them: the membership with its user's nickname and phone. */
export type MemberWithUser = EnterpriseMemberEntity & {
  user: { id: string; nickname: string | null; phone: string | null };
};

const MEMBER_WITH_USER_SELECT = {
  id: true,
  userId: true,
  enterpriseId: true,
  role: true,
  status: true,
  contactName: true,
  createdAt: true,
  decidedAt: true,
  user: { id: true, nickname: true, phone: true },
} as const;

/** Everyone bound to an enterprise, for its owner: pending requests first, then by request time. */
export const MEMBER_ORDER: KeysetOrder = {
  table: 'enterprise_members',
  alias: 'm',
  keys: [(a) => `(CASE WHEN ${a}.status = 'pending' THEN 0 ELSE 1 END)`, (a) => `${a}.created_at`],
  direction: 'ASC',
  idType: 'uuid',
};

/** The one repository of `enterprise_members`. */
@Injectable()
export class EnterpriseMembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private members(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseMemberEntity);
  }

  /** The user's membership (a user has at most one), with its enterprise. */
  findMembershipOfUser(userId: string): Promise<MembershipWithEnterprise | null> {
    // One statement (findOne with relations sends two: DISTINCT ids, then the rows); on the /me hot path.
    return this.members()
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.enterprise', 'e')
      .where('m.user_id = :userId', { userId })
      .getOne() as Promise<MembershipWithEnterprise | null>;
  }

  /** The user's membership without its enterprise, inside a transaction that already holds the user's lock. */
  findMembershipOfUserIn(userId: string, manager: EntityManager): Promise<EnterpriseMemberEntity | null> {
    return this.members(manager).findOne({ where: { userId } });
  }

  async deleteMembership(id: string, manager: EntityManager): Promise<void> {
    await this.members(manager).delete({ id });
  }

  /**
   * Makes the user the enterprise's approved owner unless it already has one; true when they now own it.
   * Atomic, against the partial unique index `uq_enterprise_members_approved_owner`: of two users racing
   * for an ownerless enterprise exactly one wins, the other's insert does nothing.
   */
  async addOwnerIfNone(m: NewMembership, at: Date, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(ENTERPRISE_MEMBERS_SQL.addOwnerIfNone.text, [
      m.enterpriseId,
      m.userId,
      MemberRole.OWNER,
      MembershipStatus.APPROVED,
      m.contactName,
      at,
    ])) as Array<{ id: string }>;
    return rows.length === 1;
  }

  /** The user id of the enterprise's approved owner, if it has one. */
  async findApprovedOwnerId(enterpriseId: string, manager: EntityManager): Promise<string | null> {
    const owner = await this.members(manager).findOne({
      select: { userId: true },
      where: { enterpriseId, role: MemberRole.OWNER, status: MembershipStatus.APPROVED },
    });
    return owner?.userId ?? null;
  }

  /** True when anyone is bound to the enterprise: approved, pending or rejected. */
  async hasMembers(enterpriseId: string, manager: EntityManager): Promise<boolean> {
    return this.members(manager).exists({ where: { enterpriseId } });
  }

  /** The member who has been an approved member longest (by approval, then request time): the next owner. */
  findLongestApprovedMember(enterpriseId: string, manager: EntityManager): Promise<EnterpriseMemberEntity | null> {
    return this.members(manager).findOne({
      where: { enterpriseId, status: MembershipStatus.APPROVED, role: MemberRole.MEMBER },
      order: { decidedAt: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Makes an approved member the owner; the partial unique index refuses it while another owner is approved. */
  async makeOwner(id: string, manager: EntityManager): Promise<void> {
    await this.members(manager).update({ id, status: MembershipStatus.APPROVED }, { role: MemberRole.OWNER });
  }

  async addPendingMember(m: NewMembership, manager: EntityManager): Promise<void> {
    await this.members(manager).insert({ ...m, role: MemberRole.MEMBER, status: MembershipStatus.PENDING });
  }

  /** Everyone bound to the enterprise: pending requests first, then by request time. */
  async listMembers(enterpriseId: string, after: Cursor | undefined, limit: number): Promise<MemberWithUser[]> {
    const qb = this.members()
      .createQueryBuilder('m')
      .innerJoin('m.user', 'u')
      .select(['m.id', 'm.userId', 'm.enterpriseId', 'm.role', 'm.status', 'm.contactName', 'm.createdAt'])
      .addSelect(['m.decidedAt', 'u.id', 'u.nickname', 'u.phone'])
      .where('m.enterprise_id = :enterpriseId', { enterpriseId });
    return (await keyset(qb, MEMBER_ORDER, after, limit).getMany()) as MemberWithUser[];
  }

  findMemberOfEnterprise(
    enterpriseId: string,
    userId: string,
    manager?: EntityManager,
  ): Promise<MemberWithUser | null> {
    return this.members(manager).findOne({
      select: MEMBER_WITH_USER_SELECT,
      where: { enterpriseId, userId },
      relations: { user: true },
    }) as Promise<MemberWithUser | null>;
  }

  /**
   * Approves or rejects the user's pending request to join the enterprise, in one statement (so two
   * deciders cannot both decide it). False when there is no such pending request.
   */
  async decidePending(
    enterpriseId: string,
    userId: string,
    status: typeof MembershipStatus.APPROVED | typeof MembershipStatus.REJECTED,
    decidedBy: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await this.members(manager).update(
      { enterpriseId, userId, status: MembershipStatus.PENDING },
      { status, decidedBy, decidedAt: new Date() },
    );
    return (result.affected ?? 0) === 1;
  }
}
