import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EnterpriseMemberEntity } from './enterprise-member.entity';
import { EnterpriseMembersRepository, type MembershipWithEnterprise } from './enterprise-members.repository';

/** What other domains (the account: 我的, data export, deletion) need of a user's enterprise membership. */
@Injectable()
export class EnterprisesService {
  constructor(private readonly members: EnterpriseMembersRepository) {}

  /** The user's membership (a user has at most one), with its enterprise. */
  membershipOf(userId: string): Promise<MembershipWithEnterprise | null> {
    return this.members.findMembershipOfUser(userId);
  }

  /** Removes the user's membership inside a transaction that holds the user's lock; what was removed, if any. */
  async removeMembershipOf(userId: string, manager: EntityManager): Promise<EnterpriseMemberEntity | null> {
    const membership = await this.members.findMembershipOfUserIn(userId, manager);
    if (membership) await this.members.deleteMembership(membership.id, manager);
    return membership;
  }
}
