import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MembershipStatus, Role } from '@qsgj/shared/enums';
import type { ButlerFilterOptions } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { SATISFIED_MIN_LEVEL } from '../stats/ledger';
import { UserEntity } from '../users/user.entity';
import { BUTLERS_SQL } from './butlers.sql';

/** The directory's order: by name (a butler without one first), then id. */
export const BUTLER_ORDER: KeysetOrder = {
  table: 'users',
  alias: 'u',
  keys: [(a) => `coalesce(${a}.name, '')`],
  direction: 'ASC',
  idType: 'uuid',
};

/** Filters of the directory: a department id, one specialty. */
export interface ButlerFilter {
  departmentId?: string;
  specialty?: string;
}

/** A butler's ledger figures over all their cases. */
export interface ButlerFigures {
  handled: number;
  resolved: number;
  rated: number;
  satisfied: number;
}

/** The most specialties the filter offers (the most common ones). */
export const SPECIALTY_OPTIONS_MAX = 50;

export const NO_FIGURES: ButlerFigures = { handled: 0, resolved: 0, rated: 0, satisfied: 0 };

@Injectable()
export class ButlersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Active, not deleted staff of role butler, with their department. Staff are the users with a username: saying
   * so lets the partial index on usernames reach them without reading the (many) enterprise users.
   */
  private listed() {
    return this.dataSource.manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.department', 'd')
      .where('u.username IS NOT NULL')
      .andWhere('u.role = :role', { role: Role.BUTLER })
      .andWhere('u.active = true')
      .andWhere('u.deleted_at IS NULL');
  }

  list(filter: ButlerFilter, after: Cursor | undefined, limit: number): Promise<UserEntity[]> {
    const qb = this.listed();
    if (filter.departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.specialty) qb.andWhere(':specialty = ANY(u.specialties)', { specialty: filter.specialty });
    return keyset(qb, BUTLER_ORDER, after, limit).getMany();
  }

  findListed(id: string): Promise<UserEntity | null> {
    return this.listed().andWhere('u.id = :id', { id }).getOne();
  }

  /**
   * The ledger figures of these butlers in one statement: cases they handle (never one still held by the
   * content check), those 办结 or closed, and the rated and satisfied ones (as the ledger counts them).
   */
  async figures(ids: string[]): Promise<Map<string, ButlerFigures>> {
    const result = new Map<string, ButlerFigures>();
    if (ids.length === 0) return result;
    const rows = (await this.dataSource.query(BUTLERS_SQL.figures.text, [ids, SATISFIED_MIN_LEVEL])) as Array<{
      butler_id: string;
      handled: number;
      resolved: number;
      rated: number;
      satisfied: number;
    }>;
    for (const r of rows) {
      result.set(r.butler_id, {
        handled: Number(r.handled),
        resolved: Number(r.resolved),
        rated: Number(r.rated),
        satisfied: Number(r.satisfied),
      });
    }
    return result;
  }

  /** The directory's filter options: departments with a listed butler, and the specialties butlers name. */
  async filterOptions(): Promise<ButlerFilterOptions> {
    const [departments, specialties] = await Promise.all([
      this.dataSource.query(BUTLERS_SQL.filterDepartments.text, [Role.BUTLER]) as Promise<
        Array<{ id: string; name: string; count: number }>
      >,
      this.dataSource.query(BUTLERS_SQL.filterSpecialties.text, [Role.BUTLER, SPECIALTY_OPTIONS_MAX]) as Promise<
        Array<{ name: string; count: number }>
      >,
    ]);
    return {
      departments: departments.map((d) => ({ id: d.id, name: d.name, count: Number(d.count) })),
      specialties: specialties.map((s) => ({ name: s.name, count: Number(s.count) })),
    };
  }

  /** The butler of the enterprise this user is an approved member of (null otherwise). */
  async servedButlerOf(userId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(BUTLERS_SQL.servedButlerOf.text, [
      userId,
      MembershipStatus.APPROVED,
    ])) as Array<{ butler_id: string | null }>;
    return rows[0]?.butler_id ?? null;
  }
}
