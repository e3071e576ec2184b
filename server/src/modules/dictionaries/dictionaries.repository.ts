import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { isUniqueViolation } from '../departments/departments.repository';
import { rowsOf } from '../notifications/sql-rows';
import { DictionaryEntryEntity } from './dictionary-entry.entity';
import { DICTIONARIES_SQL as SQL } from './dictionaries.sql';

/** Where renaming an entry of each kind rewrites its value, and how many rows it rewrote there. */
export interface RenameCounts {
  policies: number;
  enterprises: number;
  subscriptions: number;
  faq: number;
  servicePackages: number;
  events: number;
  marketPosts: number;
}

const RENAMES: Record<DictionaryKind, Array<[keyof RenameCounts, string]>> = {
  categories: [
    ['policies', SQL.renameInPolicyCategories.text],
    ['subscriptions', SQL.renameInSubscriptionCategories.text],
    ['faq', SQL.renameInFaqCategories.text],
  ],
  industries: [
    ['policies', SQL.renameInPolicyIndustries.text],
    ['enterprises', SQL.renameInEnterpriseIndustry.text],
    ['subscriptions', SQL.renameInSubscriptionIndustries.text],
    ['servicePackages', SQL.renameInServicePackageIndustries.text],
    ['events', SQL.renameInEventIndustries.text],
    ['marketPosts', SQL.renameInMarketPostIndustry.text],
  ],
  districts: [
    ['policies', SQL.renameInPolicyDistricts.text],
    ['enterprises', SQL.renameInEnterpriseDistrict.text],
    ['subscriptions', SQL.renameInSubscriptionDistricts.text],
    ['servicePackages', SQL.renameInServicePackageDistricts.text],
    ['events', SQL.renameInEventDistricts.text],
    ['marketPosts', SQL.renameInMarketPostDistrict.text],
  ],
  qualifications: [
    ['policies', SQL.renameInPolicyQualifications.text],
    ['enterprises', SQL.renameInEnterpriseQualifications.text],
    ['servicePackages', SQL.renameInServicePackageQualifications.text],
  ],
};

@Injectable()
export class DictionariesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  private repo(manager?: EntityManager) {
    return this.manager(manager).getRepository(DictionaryEntryEntity);
  }

  /** The kind's entries by sort, then value; only the active ones unless `all`. */
  listOfKind(kind: DictionaryKind, all: boolean, manager?: EntityManager): Promise<DictionaryEntryEntity[]> {
    return this.repo(manager).find({
      where: all ? { kind } : { kind, active: true },
      order: { sort: 'ASC', value: 'ASC', id: 'ASC' },
    });
  }

  countOfKind(kind: DictionaryKind, manager?: EntityManager): Promise<number> {
    return this.repo(manager).count({ where: { kind } });
  }

  /** Of these values, those that are active entries of the kind. */
  async activeAmong(kind: DictionaryKind, values: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    if (values.length === 0) return new Set();
    const rows = (await this.manager(manager).query(SQL.activeAmong.text, [kind, values])) as Array<{
      value: string;
    }>;
    return new Set(rows.map((r) => r.value));
  }

  /** Adds the values the kind lacks and reactivates inactive ones; the entries added or reactivated. */
  async addMissing(
    kind: DictionaryKind,
    values: readonly string[],
    manager: EntityManager,
  ): Promise<Array<{ id: number; value: string }>> {
    if (values.length === 0) return [];
    const sort = await this.nextSort(kind, manager);
    return (await manager.query(SQL.addMissing.text, [kind, values, sort])) as Array<{ id: number; value: string }>;
  }

  /** Writes the defaults into the kind when it has no entry at all; safe when several processes start at once. */
  async seedIfEmpty(kind: DictionaryKind, values: readonly string[], manager?: EntityManager): Promise<void> {
    await this.manager(manager).query(SQL.seedIfEmpty.text, [kind, values, values.map((_, i) => i * 10)]);
  }

  async nextSort(kind: DictionaryKind, manager: EntityManager): Promise<number> {
    const [{ sort }] = (await manager.query(SQL.nextSort.text, [kind])) as Array<{ sort: number }>;
    return Number(sort);
  }

  /** Inserts the entry; null when the kind already has this value (no error, even under a race). */
  async insertIfFree(
    values: { kind: DictionaryKind; value: string; sort: number },
    manager: EntityManager,
  ): Promise<DictionaryEntryEntity | null> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values({ ...values })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as Array<{ id: number }>)[0]?.id;
    return id ? this.repo(manager).findOne({ where: { id } }) : null;
  }

  /** The entry of this kind, locked until the transaction ends. */
  lockOfKind(kind: DictionaryKind, id: number, manager: EntityManager): Promise<DictionaryEntryEntity | null> {
    return this.repo(manager).findOne({ where: { kind, id }, lock: { mode: 'pessimistic_write' } });
  }

  isValueTaken(kind: DictionaryKind, value: string, manager: EntityManager): Promise<boolean> {
    return this.repo(manager).exists({ where: { kind, value } });
  }

  /**
   * Changes the entry. False when the new value is taken (a race the caller's check missed); on PostgreSQL the
   * transaction is then aborted, so the caller must end it by throwing.
   */
  async update(
    id: number,
    patch: { value?: string; sort?: number; active?: boolean },
    manager: EntityManager,
  ): Promise<boolean> {
    try {
      await this.repo(manager).update({ id }, patch);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  findById(id: number, manager: EntityManager): Promise<DictionaryEntryEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  /** Rewrites `from` as `to` wherever values of the kind are stored; the rows rewritten, by table. */
  async renameEverywhere(
    kind: DictionaryKind,
    from: string,
    to: string,
    manager: EntityManager,
  ): Promise<RenameCounts> {
    const counts: RenameCounts = {
      policies: 0,
      enterprises: 0,
      subscriptions: 0,
      faq: 0,
      servicePackages: 0,
      events: 0,
      marketPosts: 0,
    };
    for (const [table, text] of RENAMES[kind]) counts[table] += rowsOf(await manager.query(text, [from, to])).length;
    return counts;
  }
}
