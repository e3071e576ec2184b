import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from './case.entity';
import { CASE_SWEEP_SQL } from './case-sweep.sql';

export type SweepClock = 'accept' | 'resolve';
export type AlertKind = 'warning' | 'overdue';

export interface AlertClaim {
  caseId: string;
  clock: SweepClock;
  kind: AlertKind;
  clockStartedAt: Date;
  dueAt: Date;
  recipients: number;
  at: Date;
}

const CANDIDATES: Record<`${SweepClock}:${AlertKind}`, string> = {
  'accept:warning': CASE_SWEEP_SQL.acceptWarnings.text,
  'accept:overdue': CASE_SWEEP_SQL.acceptOverdue.text,
  'resolve:warning': CASE_SWEEP_SQL.resolveWarnings.text,
  'resolve:overdue': CASE_SWEEP_SQL.resolveOverdue.text,
};

/** The deadline sweep's reads of `cases` and its claims (`case_deadline_alerts`, one repository for that table). */
@Injectable()
export class CaseSweepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return (manager ?? this.dataSource.manager).query(sql, params) as Promise<T[]>;
  }

  /** The database's now(): the one clock several processes agree on. */
  async databaseNow(manager?: EntityManager): Promise<Date> {
    const [row] = await this.query<{ now: Date | string }>(CASE_SWEEP_SQL.now.text, [], manager);
    return new Date(row.now);
  }

  async candidates(clock: SweepClock, kind: AlertKind, now: Date, batch: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(CANDIDATES[`${clock}:${kind}`], [now, batch]);
    return rows.map((r) => r.id);
  }

  async unratedResolved(cutoff: Date, batch: number): Promise<string[]> {
    const rows = await this.query<{ id: string }>(CASE_SWEEP_SQL.unratedResolved.text, [cutoff, batch]);
    return rows.map((r) => r.id);
  }

  /** The case, its row locked until the transaction ends; null when another transaction holds it (skip it this time). */
  async lockOrSkip(id: string, manager: EntityManager): Promise<CaseEntity | null> {
    const locked = await this.query<{ id: string }>(CASE_SWEEP_SQL.lockCase.text, [id], manager);
    if (locked.length === 0) return null;
    return manager.getRepository(CaseEntity).findOne({ where: { id } });
  }

  /** True for the one transaction that records this alert; false when it was already sent. */
  async claim(c: AlertClaim, manager: EntityManager): Promise<boolean> {
    const rows = await this.query<{ case_id: string }>(
      CASE_SWEEP_SQL.claim.text,
      [c.caseId, c.clock, c.kind, c.clockStartedAt, c.dueAt, c.recipients, c.at],
      manager,
    );
    return rows.length === 1;
  }

  async staffOfDepartment(departmentId: string, role: 'butler' | 'supervisor', manager: EntityManager) {
    const rows = await this.query<{ id: string }>(CASE_SWEEP_SQL.staffOfDepartment.text, [departmentId, role], manager);
    return rows.map((r) => r.id);
  }

  async inPost(userId: string, manager: EntityManager): Promise<boolean> {
    return (await this.query<{ id: string }>(CASE_SWEEP_SQL.inPost.text, [userId], manager)).length === 1;
  }

  async admins(manager: EntityManager): Promise<string[]> {
    return (await this.query<{ id: string }>(CASE_SWEEP_SQL.admins.text, [], manager)).map((r) => r.id);
  }
}
