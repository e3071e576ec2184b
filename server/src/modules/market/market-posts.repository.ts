import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { MarketPostKind, MarketPostQueryDto } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { marketSearchColumns, whereText } from './market-search';
import { MarketPostEntity, type StoredMarketPostStatus } from './market-post.entity';

/** The board: newest first. */
export const BOARD_ORDER: KeysetOrder = {
  table: 'market_posts',
  alias: 'p',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** 我的发布: the enterprise's posts, newest first; another enterprise's post as a cursor leads nowhere. */
export const MINE_ORDER: KeysetOrder = { ...BOARD_ORDER, anchorScope: (a) => `${a}.enterprise_id = :enterpriseId` };

/** On the board: active and not expired, by the database's clock (so every process agrees). */
export const ON_BOARD = (a: string) => `${a}.status = 'active' AND ${a}.expires_at > now()`;

/** What a writer sets of a post (its search columns follow from title and description). */
export type MarketPostFields = Pick<
  MarketPostEntity,
  'kind' | 'category' | 'industry' | 'district' | 'title' | 'description'
>;

/** A post with its enterprise's name and whether it is past its expiry (by the database's clock). */
export type PostRow = MarketPostEntity & { enterprise: { id: string; name: string } };

/** What matching reads of a candidate post. */
export interface MatchCandidate {
  row: PostRow;
  score: number;
}

/** The one repository of `market_posts`. */
@Injectable()
export class MarketPostsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private posts(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MarketPostEntity);
  }

  /** Posts with their enterprise's id and name. */
  private withEnterprise(manager?: EntityManager): SelectQueryBuilder<MarketPostEntity> {
    return this.posts(manager).createQueryBuilder('p').innerJoin('p.enterprise', 'e').addSelect(['e.id', 'e.name']);
  }

  findById(id: string, manager?: EntityManager): Promise<PostRow | null> {
    return this.withEnterprise(manager).where('p.id = :id', { id }).getOne() as Promise<PostRow | null>;
  }

  /** The row locked for a change, so two changes of one post queue up. */
  findForUpdate(id: string, manager: EntityManager): Promise<MarketPostEntity | null> {
    return this.posts(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** True when the post is on the board now (the database's clock). */
  async isOnBoard(id: string, manager?: EntityManager): Promise<boolean> {
    return (
      (await this.posts(manager)
        .createQueryBuilder('p')
        .where('p.id = :id', { id })
        .andWhere(ON_BOARD('p'))
        .getCount()) > 0
    );
  }

  async insert(
    fields: MarketPostFields,
    owner: { enterpriseId: string; authorId: string },
    status: StoredMarketPostStatus,
    validDays: number,
    manager: EntityManager,
  ): Promise<string> {
    const search = marketSearchColumns(fields.title, fields.description);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MarketPostEntity)
      .values({
        ...fields,
        ...owner,
        status,
        expiresAt: () => `now() + make_interval(days => :validDays)`,
        searchDoc: search.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameters({ validDays, searchVector: search.searchVector })
      .returning(['id'])
      .execute();
    return (result.identifiers[0] ?? (result.raw as Array<{ id: string }>)[0]).id as string;
  }

  /** Writes the fields (and the search columns of the whole post as it will be), and the status when given. */
  async update(
    id: string,
    whole: MarketPostFields,
    status: StoredMarketPostStatus,
    manager: EntityManager,
  ): Promise<void> {
    const search = marketSearchColumns(whole.title, whole.description);
    await manager
      .createQueryBuilder()
      .update(MarketPostEntity)
      .set({
        ...whole,
        status,
        searchDoc: search.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', search.searchVector)
      .where('id = :id', { id })
      .execute();
  }

  async setStatus(id: string, status: StoredMarketPostStatus, manager: EntityManager): Promise<void> {
    await this.posts(manager).update({ id }, { status });
  }

  /** Active again, shown for `validDays` from now. */
  async renew(id: string, validDays: number, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MarketPostEntity)
      .set({ status: 'active', expiresAt: () => `now() + make_interval(days => :validDays)` })
      .setParameter('validDays', validDays)
      .where('id = :id', { id })
      .execute();
  }

  async takeDown(id: string, reason: string, by: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MarketPostEntity)
      .set({ status: 'taken_down', takedownReason: reason, takenDownBy: by, takenDownAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  /** The board: posts on it, filtered and searched, newest first. */
  async listBoard(query: MarketPostQueryDto, after: Cursor | undefined, limit: number): Promise<PostRow[]> {
    const qb = this.withEnterprise().where(ON_BOARD('p'));
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.category) qb.andWhere('p.category = :category', { category: query.category });
    if (query.industry) qb.andWhere('p.industry = :industry', { industry: query.industry });
    if (query.district) qb.andWhere('p.district = :district', { district: query.district });
    if (!whereText(qb, 'p', query.q)) return [];
    return (await keyset(qb, BOARD_ORDER, after, limit).getMany()) as PostRow[];
  }

  /** An enterprise's posts, every status, newest first. */
  async listOfEnterprise(enterpriseId: string, after: Cursor | undefined, limit: number): Promise<PostRow[]> {
    const qb = this.withEnterprise().where('p.enterprise_id = :enterpriseId', { enterpriseId });
    return (await keyset(qb, MINE_ORDER, after, limit).getMany()) as PostRow[];
  }

  /**
   * Posts on the board of `kind` from other enterprises than `excludeEnterpriseId` that share at least one of: the
   * category, the industry, the district, a keyword (in title or description). Best first: category 3, industry 2,
   * district 2, each keyword 1; then newest.
   */
  async matchCandidates(
    kind: MarketPostKind,
    fit: { category: string; industry: string | null; district: string; keywords: string[] },
    excludeEnterpriseId: string,
    limit: number,
  ): Promise<MatchCandidate[]> {
    const params: Record<string, unknown> = {
      kind,
      category: fit.category,
      industry: fit.industry,
      district: fit.district,
      exclude: excludeEnterpriseId,
    };
    const parts = [
      `(CASE WHEN p.category = :category THEN 3 ELSE 0 END)`,
      `(CASE WHEN p.industry = CAST(:industry AS text) THEN 2 ELSE 0 END)`,
      `(CASE WHEN p.district = :district THEN 2 ELSE 0 END)`,
      ...fit.keywords.map((k, i) => {
        params[`k${i}`] = k;
        return `(CASE WHEN strpos(p.search_doc, CAST(:k${i} AS text)) > 0 THEN 1 ELSE 0 END)`;
      }),
    ];
    const score = `(${parts.join(' + ')})`;
    const rows = await this.withEnterprise()
      .addSelect(score, 'match_score')
      .where(ON_BOARD('p'))
      .andWhere('p.kind = :kind')
      .andWhere('p.enterprise_id <> :exclude')
      .andWhere(`${score} > 0`)
      .setParameters(params)
      .orderBy(score, 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((row, i) => ({
      row: row as PostRow,
      score: Number((rows.raw[i] as { match_score: number | string }).match_score),
    }));
  }
}
