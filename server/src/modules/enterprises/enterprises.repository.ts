import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import { EnterpriseMemberEntity } from './enterprise-member.entity';
import { EnterpriseEntity } from './enterprise.entity';

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

@Injectable()
export class EnterprisesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private enterprises(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseEntity);
  }

  private members(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseMemberEntity);
  }

  findById(id: string): Promise<EnterpriseEntity | null> {
    return this.enterprises().findOne({ where: { id } });
  }

  /** The user's membership (a user has at most one), with its enterprise. */
  findMembershipOfUser(userId: string): Promise<MembershipWithEnterprise | null> {
    return this.members().findOne({
      where: { userId },
      relations: { enterprise: true },
    }) as Promise<MembershipWithEnterprise | null>;
  }

  /** The user's membership without its enterprise, inside a transaction that already holds the user's lock. */
  findMembershipOfUserIn(userId: string, manager: EntityManager): Promise<EnterpriseMemberEntity | null> {
    return this.members(manager).findOne({ where: { userId } });
  }

  async deleteMembership(id: string, manager: EntityManager): Promise<void> {
    await this.members(manager).delete({ id });
  }

  /**
   * The enterprise with this credit code, created with `name` when there is none. Safe when two
   * requests race for the same new code: the unique index lets one insert win, both read the same row.
   */
  async findOrCreateByCreditCode(
    creditCode: string,
    name: string,
    manager: EntityManager,
  ): Promise<{ enterprise: EnterpriseEntity; created: boolean }> {
    const inserted = await this.enterprises(manager)
      .createQueryBuilder()
      .insert()
      .values({ creditCode, name })
      .orIgnore()
      .returning('id')
      .execute();
    const created = Boolean((inserted.raw as Array<{ id: string }>)[0]?.id);
    const enterprise = await this.enterprises(manager).findOneOrFail({ where: { creditCode } });
    return { enterprise, created };
  }

  /**
   * Makes the user the enterprise's approved owner unless it already has one; true when they now own it.
   * Atomic, against the partial unique index `uq_enterprise_members_approved_owner`: of two users racing
   * for an ownerless enterprise exactly one wins, the other's insert does nothing.
   */
  async addOwnerIfNone(m: NewMembership, at: Date, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO "enterprise_members" ("enterprise_id", "user_id", "role", "status", "contact_name", "decided_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("enterprise_id") WHERE role = 'owner' AND status = 'approved' DO NOTHING
       RETURNING "id"`,
      [m.enterpriseId, m.userId, MemberRole.OWNER, MembershipStatus.APPROVED, m.contactName, at],
    )) as Array<{ id: string }>;
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

  async addPendingMember(m: NewMembership, manager: EntityManager): Promise<void> {
    await this.members(manager).insert({ ...m, role: MemberRole.MEMBER, status: MembershipStatus.PENDING });
  }

  /** Everyone bound to the enterprise: pending requests first, then by request time. */
  async listMembers(enterpriseId: string): Promise<MemberWithUser[]> {
    const rows = (await this.members().find({
      select: MEMBER_WITH_USER_SELECT,
      where: { enterpriseId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    })) as MemberWithUser[];
    const rank = (s: MembershipStatus) => (s === MembershipStatus.PENDING ? 0 : 1);
    return rows.sort((a, b) => rank(a.status) - rank(b.status));
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
