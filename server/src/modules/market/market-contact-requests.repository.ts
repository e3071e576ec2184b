import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ContactRequestStatus } from '@qsgj/shared/contracts';
import { MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { EnterpriseMemberEntity } from '../enterprises/enterprise-member.entity';
import { MarketContactRequestEntity } from './market-contact-request.entity';

export const INCOMING_ORDER: KeysetOrder = {
  table: 'market_contact_requests',
  alias: 'r',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.owner_enterprise_id = :enterpriseId`,
};
export const OUTGOING_ORDER: KeysetOrder = {
  ...INCOMING_ORDER,
  anchorScope: (a) => `${a}.requester_id = :userId`,
};

/** A request with what every view of it shows: its post, and both enterprises' names. */
export type RequestRow = MarketContactRequestEntity & {
  post: { id: string; kind: 'supply' | 'demand'; title: string; authorId: string | null; enterpriseId: string };
  ownerEnterprise: { id: string; name: string };
  requesterEnterprise: { id: string; name: string };
};

/** A side's contact as stored: the person's name in their enterprise, their phone, the enterprise's phone on record. */
export interface ContactSource {
  /** The user is an approved member of the enterprise (else `contactName` and `userPhone` are null). */
  member: boolean;
  enterpriseName: string;
  contactName: string | null;
  userPhone: string | null;
  enterprisePhone: string | null;
}

export interface NewContactRequest {
  postId: string;
  ownerEnterpriseId: string;
  requesterEnterpriseId: string;
  requesterId: string;
  message: string;
}

/** The one repository of `market_contact_requests` (and the reads of who speaks for an enterprise). */
@Injectable()
export class MarketContactRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private requests(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MarketContactRequestEntity);
  }

  private joined(manager?: EntityManager): SelectQueryBuilder<MarketContactRequestEntity> {
    return this.requests(manager)
      .createQueryBuilder('r')
      .innerJoin('r.post', 'p')
      .innerJoin('r.ownerEnterprise', 'oe')
      .innerJoin('r.requesterEnterprise', 're')
      .addSelect(['p.id', 'p.kind', 'p.title', 'p.authorId', 'p.enterpriseId', 'oe.id', 'oe.name', 're.id', 're.name']);
  }

  findById(id: string, manager?: EntityManager): Promise<RequestRow | null> {
    return this.joined(manager).where('r.id = :id', { id }).getOne() as Promise<RequestRow | null>;
  }

  findForUpdate(id: string, manager: EntityManager): Promise<MarketContactRequestEntity | null> {
    return this.requests(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The requesting enterprise's open (pending or accepted) request on the post, if any. */
  findOpen(
    postId: string,
    requesterEnterpriseId: string,
    manager?: EntityManager,
  ): Promise<MarketContactRequestEntity | null> {
    return this.requests(manager)
      .createQueryBuilder('r')
      .where('r.post_id = :postId AND r.requester_enterprise_id = :requesterEnterpriseId', {
        postId,
        requesterEnterpriseId,
      })
      .andWhere(`r.status IN ('pending', 'accepted')`)
      .getOne();
  }

  /** How many requests the user sent in the 24 hours before now (the database's clock), and the oldest of them. */
  async sentInLastDay(userId: string, manager: EntityManager): Promise<{ count: number; oldest: Date | null }> {
    const row = (await this.requests(manager)
      .createQueryBuilder('r')
      .select('count(*)::int', 'count')
      .addSelect('min(r.created_at)', 'oldest')
      .where('r.requester_id = :userId', { userId })
      .andWhere(`r.created_at > now() - interval '24 hours'`)
      .getRawOne()) as { count: number | string; oldest: Date | string | null };
    return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null };
  }

  /** Inserts unless the enterprise has an open request on the post (the partial unique index); the id or null. */
  async insertIfNoneOpen(r: NewContactRequest, manager: EntityManager): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MarketContactRequestEntity)
      .values({ ...r, status: 'pending' })
      .orIgnore()
      .returning(['id'])
      .execute();
    const raw = result.raw as Array<{ id: string }>;
    return raw[0]?.id ?? null;
  }

  async decide(id: string, status: ContactRequestStatus, by: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MarketContactRequestEntity)
      .set({ status, decidedBy: by, decidedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  /** Requests on the enterprise's posts; with `authorId`, on that member's posts only. */
  listIncoming(
    enterpriseId: string,
    authorId: string | null,
    after: Cursor | undefined,
    limit: number,
  ): Promise<RequestRow[]> {
    const qb = this.joined().where('r.owner_enterprise_id = :enterpriseId', { enterpriseId });
    if (authorId) qb.andWhere('p.author_id = :authorId', { authorId });
    return keyset(qb, INCOMING_ORDER, after, limit).getMany() as Promise<RequestRow[]>;
  }

  listOutgoing(userId: string, after: Cursor | undefined, limit: number): Promise<RequestRow[]> {
    const qb = this.joined().where('r.requester_id = :userId', { userId });
    return keyset(qb, OUTGOING_ORDER, after, limit).getMany() as Promise<RequestRow[]>;
  }

  /** The user id of the enterprise's approved owner, if any. */
  async ownerOf(enterpriseId: string, manager?: EntityManager): Promise<string | null> {
    const row = await (manager ?? this.dataSource.manager).getRepository(EnterpriseMemberEntity).findOne({
      select: { userId: true },
      where: { enterpriseId, role: MemberRole.OWNER, status: MembershipStatus.APPROVED },
    });
    return row?.userId ?? null;
  }

  /**
   * Who speaks for an enterprise in a 对接: the user when they are still an approved member of it (their name in
   * the enterprise, their WeChat-verified phone), else nobody in person; the enterprise's phone on record either way.
   */
  async contactSource(enterpriseId: string, userId: string | null, manager?: EntityManager): Promise<ContactSource> {
    const m = manager ?? this.dataSource.manager;
    const [enterprise] = (await m
      .createQueryBuilder()
      .select(['e.name AS name', 'e.contact_phone AS phone'])
      .from('enterprises', 'e')
      .where('e.id = :enterpriseId', { enterpriseId })
      .getRawMany()) as Array<{ name: string; phone: string | null }>;
    let person: { contact_name: string | null; phone: string | null } | undefined;
    if (userId) {
      [person] = (await m
        .createQueryBuilder()
        .select(['m.contact_name AS contact_name', 'u.phone AS phone'])
        .from('enterprise_members', 'm')
        .innerJoin('users', 'u', 'u.id = m.user_id')
        .where('m.user_id = :userId AND m.enterprise_id = :enterpriseId', { userId, enterpriseId })
        .andWhere(`m.status = 'approved' AND u.deleted_at IS NULL`)
        .getRawMany()) as Array<{ contact_name: string | null; phone: string | null }>;
    }
    return {
      member: person !== undefined,
      enterpriseName: enterprise?.name ?? '',
      contactName: person?.contact_name ?? null,
      userPhone: person?.phone ?? null,
      enterprisePhone: enterprise?.phone ?? null,
    };
  }
}
