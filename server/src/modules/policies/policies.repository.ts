import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseScale } from '@qsgj/shared/enums';
import { type Cursor, type MatchProfile, WHOLE_CITY } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { PolicyFavoriteEntity } from './policy-favorite.entity';
import { PolicyEntity, type StoredPolicyStatus } from './policy.entity';
import { PolicySubscriptionEntity } from './policy-subscription.entity';
import { indexFields } from './search/index-fields';

/** The admin's list without a query: the latest change first. */
export const ADMIN_POLICY_ORDER: KeysetOrder = {
  table: 'policies',
  alias: 'p',
  keys: [(a) => `${a}.updated_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** 我的收藏: the latest favourite first. */
export const FAVORITE_ORDER: KeysetOrder = {
  table: 'policy_favorites',
  alias: 'f',
  keys: [(a) => `${a}.created_at`],
  id: 'policy_id',
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.user_id = :userId`,
};

/** What an admin or an import writes of a policy (the body and 解读 already sanitised). */
export type PolicyFields = Pick<
  PolicyEntity,
  | 'title'
  | 'docNumber'
  | 'issuer'
  | 'level'
  | 'categories'
  | 'industries'
  | 'scales'
  | 'districts'
  | 'qualifications'
  | 'validFrom'
  | 'validTo'
  | 'summary'
  | 'body'
  | 'interpretation'
  | 'attachments'
  | 'sourceUrl'
>;

/** The admin list's status filter; `expired` and `published` are told apart by `validTo` against today. */
export type AdminStatusFilter = StoredPolicyStatus | 'expired' | 'all';

/** The one repository of `policies`, `policy_favorites` and `policy_subscriptions`. */
@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  private policies(manager?: EntityManager) {
    return this.manager(manager).getRepository(PolicyEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<PolicyEntity | null> {
    return this.policies(manager).findOne({ where: { id } });
  }

  /** The row locked for a change (publish, withdraw, edit), so two changes of one policy queue up. */
  findForUpdate(id: string, manager: EntityManager): Promise<PolicyEntity | null> {
    return this.policies(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByDocNumber(docNumber: string, manager: EntityManager): Promise<PolicyEntity | null> {
    return this.policies(manager).findOne({ where: { docNumber }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a draft with its search columns (`indexFields`); its id. */
  async insert(fields: PolicyFields, createdBy: string, manager: EntityManager): Promise<string> {
    const index = indexFields(fields);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(PolicyEntity)
      .values({
        ...fields,
        status: 'draft',
        createdBy,
        searchTitle: index.searchTitle,
        searchDoc: index.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', index.searchVector)
      .returning(['id'])
      .execute();
    return (result.identifiers[0] ?? (result.raw as Array<{ id: string }>)[0]).id as string;
  }

  /** Writes the fields of a policy and its search columns (from the whole row as it will be). */
  async update(id: string, whole: PolicyFields, manager: EntityManager): Promise<void> {
    const index = indexFields(whole);
    await manager
      .createQueryBuilder()
      .update(PolicyEntity)
      .set({
        ...whole,
        searchTitle: index.searchTitle,
        searchDoc: index.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', index.searchVector)
      .where('id = :id', { id })
      .execute();
  }

  async setStatus(
    id: string,
    patch: { status: StoredPolicyStatus; publishedAt?: Date },
    manager: EntityManager,
  ): Promise<void> {
    await this.policies(manager).update({ id }, patch);
  }

  /** The admin's list without a query, newest change first. */
  listForAdmin(status: AdminStatusFilter, today: string, after: Cursor | undefined, limit: number) {
    const qb = this.policies().createQueryBuilder('p');
    if (status === 'expired') {
      qb.where(`p.status = 'published' AND p.valid_to < :today`, { today });
    } else if (status === 'published') {
      qb.where(`p.status = 'published' AND (p.valid_to IS NULL OR p.valid_to >= :today)`, { today });
    } else if (status !== 'all') {
      qb.where('p.status = :status', { status });
    }
    return keyset(qb, ADMIN_POLICY_ORDER, after, limit).getMany();
  }

  /**
   * Published policies in force on `today` that miss at most one of the profile's conditions (industry,
   * scale, district, qualifications — the rules of `evaluateEligibility`, in SQL so only candidates are
   * read): fewest missing first, then most conditions met, then newest.
   */
  matchCandidates(profile: MatchProfile, today: string, limit: number): Promise<PolicyEntity[]> {
    const restricted = {
      industry: `cardinality(p.industries) > 0`,
      scale: `cardinality(p.scales) > 0`,
      district: `NOT (p.level IN ('national', 'provincial') OR cardinality(p.districts) = 0 OR :wholeCity = ANY(p.districts))`,
      qualifications: `cardinality(p.qualifications) > 0`,
    };
    const held = {
      industry: `COALESCE(CAST(:industry AS text) = ANY(p.industries), false)`,
      scale: `COALESCE(CAST(:scale AS text) = ANY(p.scales), false)`,
      district: `COALESCE(CAST(:district AS text) = ANY(p.districts), false)`,
      qualifications: `p.qualifications && CAST(:qualifications AS text[])`,
    };
    const keys = Object.keys(restricted) as Array<keyof typeof restricted>;
    const missing = keys.map((k) => `(CASE WHEN ${restricted[k]} AND NOT ${held[k]} THEN 1 ELSE 0 END)`).join(' + ');
    const met = keys.map((k) => `(CASE WHEN ${restricted[k]} AND ${held[k]} THEN 1 ELSE 0 END)`).join(' + ');
    return this.policies()
      .createQueryBuilder('p')
      .where(`p.status = 'published'`)
      .andWhere('(p.valid_from IS NULL OR p.valid_from <= :today)', { today })
      .andWhere('(p.valid_to IS NULL OR p.valid_to >= :today)', { today })
      .andWhere(`(${missing}) <= 1`)
      .setParameters({
        wholeCity: WHOLE_CITY,
        industry: profile.industry,
        scale: profile.scale as EnterpriseScale | null,
        district: profile.district,
        qualifications: [...profile.qualifications],
      })
      .orderBy(`(${missing})`, 'ASC')
      .addOrderBy(`(${met})`, 'DESC')
      .addOrderBy('p.published_at', 'DESC', 'NULLS LAST')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  // ── favourites ──

  async isFavorite(userId: string, policyId: string): Promise<boolean> {
    return this.manager().getRepository(PolicyFavoriteEntity).exists({ where: { userId, policyId } });
  }

  /** Adds the favourite unless it is there; true when it was added. */
  async addFavorite(userId: string, policyId: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.manager(manager)
      .createQueryBuilder()
      .insert()
      .into(PolicyFavoriteEntity)
      .values({ userId, policyId })
      .orIgnore()
      .execute();
    return (result.identifiers.filter(Boolean).length ?? 0) > 0;
  }

  async removeFavorite(userId: string, policyId: string, manager?: EntityManager): Promise<void> {
    await this.manager(manager).getRepository(PolicyFavoriteEntity).delete({ userId, policyId });
  }

  /** My favourites that are published (withdrawn ones drop out), the latest favourite first. */
  async listFavorites(
    userId: string,
    after: Cursor | undefined,
    limit: number,
  ): Promise<Array<{ policy: PolicyEntity; createdAt: Date }>> {
    const qb = this.manager()
      .getRepository(PolicyFavoriteEntity)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.policy', 'p', `p.status = 'published'`)
      .where('f.user_id = :userId', { userId });
    const rows = await keyset(qb, FAVORITE_ORDER, after, limit).getMany();
    return rows.map((f) => ({ policy: f.policy as PolicyEntity, createdAt: f.createdAt }));
  }

  // ── subscriptions ──

  findSubscription(userId: string): Promise<PolicySubscriptionEntity | null> {
    return this.manager().getRepository(PolicySubscriptionEntity).findOne({ where: { userId } });
  }

  async saveSubscription(
    row: Pick<PolicySubscriptionEntity, 'userId' | 'matchProfile' | 'categories' | 'industries' | 'districts'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(PolicySubscriptionEntity).upsert(row, ['userId']);
  }
}
