import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { CaseListQueryDto } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { CaseEntity } from './case.entity';
import type { CaseScope } from './case.policy';
import { CASES_SQL } from './cases.sql';

/** The queue and 我的诉求: newest first. */
export const CASE_ORDER: KeysetOrder = {
  table: 'cases',
  alias: 'c',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
};

export interface EnterpriseForCase {
  id: string;
  name: string;
  butlerId: string | null;
  /** The assigned butler's department, when the butler is in post. */
  butlerDepartmentId: string | null;
}

export type CaseFilters = Pick<
  CaseListQueryDto,
  'state' | 'stage' | 'type' | 'source' | 'overdue' | 'dueSoon' | 'mine' | 'unassigned' | 'departmentId'
>;

export const CASE_COUNT_KEYS = [
  'open',
  'pendingCheck',
  'submitted',
  'accepted',
  'awaitingEnterprise',
  'longTerm',
  'resolved',
  'overdue',
  'dueSoon',
  'mine',
  'unassigned',
] as const;
export type CaseCountKey = (typeof CASE_COUNT_KEYS)[number];

/** A case with the names its views show: enterprise, department, butler. */
export type CaseWithNames = CaseEntity & {
  enterprise: { id: string; name: string };
  department: { id: string; name: string } | null;
  butler: { id: string; name: string | null } | null;
};

/** The one repository of `cases` (and of its per-day number counter). */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEntity);
  }

  private query<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.dataSource.manager).query(sql, params) as Promise<T[]>;
  }

  /** The day's next number (1, 2, …), safe under concurrency: the day's counter row is the arbiter. */
  async nextNumber(day: string, manager: EntityManager): Promise<number> {
    const [row] = await this.query<{ last_number: number }>(CASES_SQL.nextNumber.text, [day], manager);
    return Number(row.last_number);
  }

  async enterpriseForCase(id: string, manager?: EntityManager): Promise<EnterpriseForCase | null> {
    const [row] = await this.query<{
      id: string;
      name: string;
      butler_id: string | null;
      butler_department_id: string | null;
    }>(CASES_SQL.enterpriseForCase.text, [id], manager);
    return row
      ? { id: row.id, name: row.name, butlerId: row.butler_id, butlerDepartmentId: row.butler_department_id }
      : null;
  }

  async enterpriseOwner(enterpriseId: string, manager?: EntityManager): Promise<string | null> {
    const [row] = await this.query<{ user_id: string }>(CASES_SQL.enterpriseOwner.text, [enterpriseId], manager);
    return row?.user_id ?? null;
  }

  async centreDepartmentId(manager?: EntityManager): Promise<string | null> {
    const [row] = await this.query<{ id: string }>(CASES_SQL.centreDepartment.text, [], manager);
    return row?.id ?? null;
  }

  async contactOf(
    userId: string,
    manager?: EntityManager,
  ): Promise<{ name: string | null; phone: string | null } | null> {
    const [row] = await this.query<{ contact_name: string | null; phone: string | null }>(
      CASES_SQL.contactOf.text,
      [userId],
      manager,
    );
    return row ? { name: row.contact_name, phone: row.phone } : null;
  }

  async insert(values: Partial<CaseEntity>, manager: EntityManager): Promise<string> {
    const result = await this.repo(manager).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Reads the case and locks its row until the transaction ends: transitions of one case queue. */
  lockById(id: string, manager: EntityManager): Promise<CaseEntity | null> {
    return this.repo(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, patch: Partial<CaseEntity>, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, patch);
  }

  findWithNames(id: string, manager?: EntityManager): Promise<CaseWithNames | null> {
    return this.withNames(this.repo(manager).createQueryBuilder('c'))
      .where('c.id = :id', { id })
      .getOne() as Promise<CaseWithNames | null>;
  }

  /** One page of the viewer's scope, filtered, newest first. `now` decides overdue and due-soon. */
  list(scope: CaseScope, filters: CaseFilters, viewerId: string, now: Date, after: Cursor | undefined, limit: number) {
    const qb = this.withNames(this.repo().createQueryBuilder('c'));
    const where = scopeCondition(scope);
    qb.where(where.sql('c'), where.params);
    if (filters.state) qb.andWhere('c.state = :state', { state: filters.state });
    if (filters.stage === 'open') qb.andWhere("c.state NOT IN ('closed', 'rejected')");
    if (filters.stage === 'active') qb.andWhere("c.state NOT IN ('resolved', 'closed', 'rejected')");
    if (filters.stage === 'finished') qb.andWhere("c.state IN ('closed', 'rejected')");
    if (filters.type) qb.andWhere('c.type = :type', { type: filters.type });
    if (filters.source) qb.andWhere('c.source = :source', { source: filters.source });
    if (filters.departmentId) qb.andWhere('c.department_id = :departmentId', { departmentId: filters.departmentId });
    const overdue = '(c.accept_due_at < :now OR c.resolve_due_at < :now)';
    if (filters.overdue === true) qb.andWhere(overdue, { now });
    if (filters.overdue === false) qb.andWhere(`NOT COALESCE(${overdue}, false)`, { now });
    if (filters.dueSoon !== undefined) {
      const dueSoon = '(c.resolve_warn_at <= :now AND c.resolve_due_at >= :now)';
      qb.andWhere(filters.dueSoon ? dueSoon : `NOT COALESCE(${dueSoon}, false)`, { now });
    }
    // 我的: assigned to me (staff); submitted by me (an enterprise user).
    if (filters.mine === true) {
      qb.andWhere(scope.kind === 'enterprise' ? 'c.submitter_id = :me' : 'c.butler_id = :me', { me: viewerId });
    }
    if (filters.unassigned === true) qb.andWhere('c.butler_id IS NULL');
    if (filters.unassigned === false) qb.andWhere('c.butler_id IS NOT NULL');
    // Another scope's case as a cursor leads nowhere.
    return keyset(qb, { ...CASE_ORDER, anchorScope: where.sql }, after, limit).getMany() as Promise<CaseWithNames[]>;
  }

  /**
   * How many cases of the scope each queue filter holds now (`GET /cases/counts`): one pass over the scope.
   * The filters mean what `list` means by them; open is neither closed nor rejected.
   */
  async counts(scope: CaseScope, viewerId: string, now: Date): Promise<Record<CaseCountKey, number>> {
    const where = scopeCondition(scope);
    const mine = scope.kind === 'enterprise' ? 'c.submitter_id = :me' : 'c.butler_id = :me';
    const open = "c.state NOT IN ('closed', 'rejected')";
    const row = (await this.repo()
      .createQueryBuilder('c')
      .select('count(*) FILTER (WHERE ' + open + ')', 'open')
      .addSelect("count(*) FILTER (WHERE c.state = 'pending_check')", 'pendingCheck')
      .addSelect("count(*) FILTER (WHERE c.state = 'submitted')", 'submitted')
      .addSelect("count(*) FILTER (WHERE c.state = 'accepted')", 'accepted')
      .addSelect("count(*) FILTER (WHERE c.state = 'awaiting_enterprise')", 'awaitingEnterprise')
      .addSelect("count(*) FILTER (WHERE c.state = 'long_term')", 'longTerm')
      .addSelect("count(*) FILTER (WHERE c.state = 'resolved')", 'resolved')
      .addSelect('count(*) FILTER (WHERE c.accept_due_at < :now OR c.resolve_due_at < :now)', 'overdue')
      .addSelect('count(*) FILTER (WHERE c.resolve_warn_at <= :now AND c.resolve_due_at >= :now)', 'dueSoon')
      .addSelect(`count(*) FILTER (WHERE ${mine} AND ${open})`, 'mine')
      .addSelect(`count(*) FILTER (WHERE c.butler_id IS NULL AND ${open})`, 'unassigned')
      .where(where.sql('c'), where.params)
      // Every count is of open cases (a closed or rejected case has no clock and no place in the queue).
      .andWhere(open)
      .setParameters({ now, me: viewerId })
      .getRawOne()) as Record<CaseCountKey, string | number> | undefined;
    const out = {} as Record<CaseCountKey, number>;
    for (const key of CASE_COUNT_KEYS) out[key] = Number(row?.[key] ?? 0);
    return out;
  }

  async departmentOptions(): Promise<{ id: string; name: string; isCentre: boolean }[]> {
    const rows = await this.query<{ id: string; name: string; is_centre: boolean }>(
      CASES_SQL.departmentOptions.text,
      [],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, isCentre: r.is_centre }));
  }

  async staffOptions(): Promise<
    { id: string; name: string; role: 'butler' | 'supervisor'; departmentId: string | null }[]
  > {
    const rows = await this.query<{
      id: string;
      name: string | null;
      username: string | null;
      role: 'butler' | 'supervisor';
      department_id: string | null;
    }>(CASES_SQL.staffOptions.text, []);
    return rows.map((r) => ({
      id: r.id,
      name: r.name ?? r.username ?? '管家',
      role: r.role,
      departmentId: r.department_id,
    }));
  }

  /** Cases whose clocks may still run (not final): their stored deadlines follow a calendar change. */
  listOpen(manager: EntityManager): Promise<CaseEntity[]> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .where("c.state NOT IN ('closed', 'rejected')")
      .setLock('pessimistic_write')
      .getMany();
  }

  private withNames(qb: SelectQueryBuilder<CaseEntity>): SelectQueryBuilder<CaseEntity> {
    return qb
      .innerJoin('c.enterprise', 'e')
      .addSelect(['e.id', 'e.name'])
      .leftJoin('c.department', 'd')
      .addSelect(['d.id', 'd.name'])
      .leftJoin('c.butler', 'b')
      .addSelect(['b.id', 'b.name']);
  }
}

/** The scope as SQL for an alias of `cases` (the list's and the cursor anchor's), with its parameters. */
function scopeCondition(scope: CaseScope): { sql: (a: string) => string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'none':
      return { sql: () => 'false', params: {} };
    case 'enterprise':
      return { sql: (a) => `${a}.enterprise_id = :scopeEnterprise`, params: { scopeEnterprise: scope.enterpriseId } };
    case 'all':
      return { sql: () => 'true', params: {} };
    case 'department':
      return {
        sql: (a) =>
          `((${a}.department_id = :scopeDepartment OR ${a}.recorded_by = :scopeUser) AND ${a}.state <> 'pending_check')`,
        params: { scopeDepartment: scope.departmentId, scopeUser: scope.userId },
      };
    case 'butler':
      return {
        sql: (a) =>
          `((${a}.department_id = :scopeDepartment OR ${a}.butler_id = :scopeUser OR ${a}.addressed_butler_id = :scopeUser OR ${a}.recorded_by = :scopeUser) AND ${a}.state <> 'pending_check')`,
        params: { scopeDepartment: scope.departmentId, scopeUser: scope.userId },
      };
  }
}
