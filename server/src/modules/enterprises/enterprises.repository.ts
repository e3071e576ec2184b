import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Cursor, likeEscape } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { UserEntity } from '../users/user.entity';
import { EnterpriseEntity } from './enterprise.entity';

/** An enterprise as the admin's list shows it: only the columns it needs, and its butler's name. */
export interface AdminEnterpriseRow {
  id: string;
  creditCode: string;
  name: string;
  district: string | null;
  park: string | null;
  butlerId: string | null;
  butlerName: string | null;
}

/** The admin list's filters: `q` matches the name or the credit code; the others exactly. */
export interface AdminEnterpriseFilter {
  q?: string;
  district?: string;
  park?: string;
  butlerId?: string;
}

interface RawRow {
  id: string;
  credit_code: string;
  name: string;
  district: string | null;
  park: string | null;
  butler_id: string | null;
  butler_name: string | null;
}

/** The admin's enterprise list: by name, then id. */
export const ENTERPRISE_ORDER: KeysetOrder = {
  table: 'enterprises',
  alias: 'e',
  keys: [(a) => `${a}.name`],
  direction: 'ASC',
  idType: 'uuid',
};

/** The one repository of `enterprises` (memberships: EnterpriseMembersRepository). */
@Injectable()
export class EnterprisesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseEntity);
  }

  findById(id: string): Promise<EnterpriseEntity | null> {
    return this.repo().findOne({ where: { id } });
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
    const inserted = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values({ creditCode, name })
      .orIgnore()
      .returning('id')
      .execute();
    const created = Boolean((inserted.raw as Array<{ id: string }>)[0]?.id);
    const enterprise = await this.repo(manager).findOneOrFail({ where: { creditCode } });
    return { enterprise, created };
  }

  /** One keyset page by name (then id) after the cursor, filtered. */
  async listByName(
    filter: AdminEnterpriseFilter,
    after: Cursor | undefined,
    limit: number,
  ): Promise<AdminEnterpriseRow[]> {
    const qb = this.rows();
    const { q, district, park, butlerId } = filter;
    if (q) qb.andWhere('(e.name ILIKE :q OR e.credit_code ILIKE :q)', { q: `%${likeEscape(q)}%` });
    if (district) qb.andWhere('e.district = :district', { district });
    if (park) qb.andWhere('e.park = :park', { park });
    if (butlerId) qb.andWhere('e.butler_id = :butlerId', { butlerId });
    const raw = await keyset(qb, ENTERPRISE_ORDER, after, limit).getRawMany<RawRow>();
    return raw.map(toRow);
  }

  async findRowById(id: string, manager?: EntityManager): Promise<AdminEnterpriseRow | null> {
    const raw = await this.rows(manager).andWhere('e.id = :id', { id }).getRawOne<RawRow>();
    return raw ? toRow(raw) : null;
  }

  /** Locks the enterprise row until the transaction ends, so two assignments cannot interleave. */
  async lockById(id: string, manager: EntityManager): Promise<boolean> {
    return !!(await this.repo(manager).findOne({
      where: { id },
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    }));
  }

  /**
   * The enterprise, locked until the transaction ends: every change to who is bound to it (binding,
   * deciding a request, a member leaving) takes this lock first, so "has it members?" stays true
   * until the change commits.
   */
  findAndLock(id: string, manager: EntityManager): Promise<EnterpriseEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setButler(id: string, butlerId: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { butlerId });
  }

  private rows(manager?: EntityManager): SelectQueryBuilder<EnterpriseEntity> {
    return this.repo(manager)
      .createQueryBuilder('e')
      .leftJoin(UserEntity, 'b', 'b.id = e.butler_id')
      .select([
        'e.id AS id',
        'e.credit_code AS credit_code',
        'e.name AS name',
        'e.district AS district',
        'e.park AS park',
        'e.butler_id AS butler_id',
      ])
      .addSelect('COALESCE(b.name, b.username)', 'butler_name');
  }
}

function toRow(raw: RawRow): AdminEnterpriseRow {
  return {
    id: raw.id,
    creditCode: raw.credit_code,
    name: raw.name,
    district: raw.district,
    park: raw.park,
    butlerId: raw.butler_id,
    butlerName: raw.butler_name,
  };
}
