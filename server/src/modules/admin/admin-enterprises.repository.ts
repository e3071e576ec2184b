import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { UserEntity } from '../users/user.entity';

/** An enterprise as the admin's list shows it: only the columns it needs, and its butler's name. */
export interface AdminEnterpriseRow {
  id: string;
  creditCode: string;
  name: string;
  district: string | null;
  butlerId: string | null;
  butlerName: string | null;
}

/** Where the previous page ended (enterprises are listed by name, then id). */
export interface EnterpriseKey {
  name: string;
  id: string;
}

interface RawRow {
  id: string;
  credit_code: string;
  name: string;
  district: string | null;
  butler_id: string | null;
  butler_name: string | null;
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The admin's view of enterprises: finding one, and assigning its butler. */
@Injectable()
export class AdminEnterprisesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseEntity);
  }

  /** One page by name (then id), after `after`; `q` matches the name or the credit code. Asks for `limit` rows. */
  async listByName(filter: { q?: string; after?: EnterpriseKey; limit: number }): Promise<AdminEnterpriseRow[]> {
    const qb = this.rows();
    if (filter.q) {
      qb.andWhere('(e.name ILIKE :q OR e.credit_code ILIKE :q)', { q: `%${likeEscape(filter.q)}%` });
    }
    if (filter.after) {
      qb.andWhere('(e.name, e.id) > (:afterName, CAST(:afterId AS uuid))', {
        afterName: filter.after.name,
        afterId: filter.after.id,
      });
    }
    const raw = await qb.orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').limit(filter.limit).getRawMany<RawRow>();
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
    butlerId: raw.butler_id,
    butlerName: raw.butler_name,
  };
}
