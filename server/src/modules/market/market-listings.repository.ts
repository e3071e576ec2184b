import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { MarketEnterpriseQueryDto } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { MarketListingEntity } from './market-listing.entity';
import { marketSearchColumns, whereText } from './market-search';

/** The directory: the latest updated first. */
export const DIRECTORY_ORDER: KeysetOrder = {
  table: 'market_listings',
  alias: 'l',
  keys: [(a) => `${a}.updated_at`],
  id: 'enterprise_id',
  direction: 'DESC',
  idType: 'uuid',
};

/** A listing with what the directory shows of its enterprise (never its contact details). */
export type ListingRow = MarketListingEntity & {
  enterprise: { id: string; name: string; district: string | null; industry: string | null };
};

export type ListingFields = Pick<MarketListingEntity, 'introduction' | 'products' | 'logoFileId' | 'visible'>;

/** The one repository of `market_listings`. */
@Injectable()
export class MarketListingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private listings(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MarketListingEntity);
  }

  private withEnterprise(manager?: EntityManager): SelectQueryBuilder<MarketListingEntity> {
    return this.listings(manager)
      .createQueryBuilder('l')
      .innerJoin('l.enterprise', 'e')
      .addSelect(['e.id', 'e.name', 'e.district', 'e.industry']);
  }

  findOfEnterprise(enterpriseId: string, manager?: EntityManager): Promise<ListingRow | null> {
    return this.withEnterprise(manager)
      .where('l.enterprise_id = :enterpriseId', { enterpriseId })
      .getOne() as Promise<ListingRow | null>;
  }

  /** A listed (visible) enterprise. */
  findVisible(enterpriseId: string): Promise<ListingRow | null> {
    return this.withEnterprise()
      .where('l.enterprise_id = :enterpriseId AND l.visible', { enterpriseId })
      .getOne() as Promise<ListingRow | null>;
  }

  /** Writes the listing (inserting it the first time) with its search columns; `name` is the enterprise's. */
  async save(enterpriseId: string, name: string, fields: ListingFields, manager: EntityManager): Promise<void> {
    const search = marketSearchColumns(name, `${fields.introduction} \n ${fields.products}`);
    await manager
      .createQueryBuilder()
      .insert()
      .into(MarketListingEntity)
      .values({
        enterpriseId,
        ...fields,
        searchDoc: search.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', search.searchVector)
      .orUpdate(
        ['introduction', 'products', 'logo_file_id', 'visible', 'search_doc', 'search_vector', 'updated_at'],
        ['enterprise_id'],
      )
      .execute();
  }

  /** The directory: visible listings, filtered by the enterprise's industry and district, searched. */
  async listVisible(query: MarketEnterpriseQueryDto, after: Cursor | undefined, limit: number): Promise<ListingRow[]> {
    const qb = this.withEnterprise().where('l.visible');
    if (query.industry) qb.andWhere('e.industry = :industry', { industry: query.industry });
    if (query.district) qb.andWhere('e.district = :district', { district: query.district });
    if (!whereText(qb, 'l', query.q)) return [];
    return (await keyset(qb, DIRECTORY_ORDER, after, limit).getMany()) as ListingRow[];
  }

  /**
   * Visible listings of other enterprises that share the industry, the district or a keyword (in name,
   * introduction or products). Best first: industry 2, district 2, each keyword 1.
   */
  async matchCandidates(
    fit: { industry: string | null; district: string; keywords: string[] },
    excludeEnterpriseId: string,
    limit: number,
  ): Promise<Array<{ row: ListingRow; score: number }>> {
    const params: Record<string, unknown> = {
      industry: fit.industry,
      district: fit.district,
      exclude: excludeEnterpriseId,
    };
    const parts = [
      `(CASE WHEN e.industry = CAST(:industry AS text) THEN 2 ELSE 0 END)`,
      `(CASE WHEN e.district = :district THEN 2 ELSE 0 END)`,
      ...fit.keywords.map((k, i) => {
        params[`k${i}`] = k;
        return `(CASE WHEN strpos(l.search_doc, CAST(:k${i} AS text)) > 0 THEN 1 ELSE 0 END)`;
      }),
    ];
    const score = `(${parts.join(' + ')})`;
    const rows = await this.withEnterprise()
      .addSelect(score, 'match_score')
      .where('l.visible')
      .andWhere('l.enterprise_id <> :exclude')
      .andWhere(`${score} > 0`)
      .setParameters(params)
      .orderBy(score, 'DESC')
      .addOrderBy('l.updated_at', 'DESC')
      .addOrderBy('l.enterprise_id', 'DESC')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((row, i) => ({
      row: row as ListingRow,
      score: Number((rows.raw[i] as { match_score: number | string }).match_score),
    }));
  }
}
