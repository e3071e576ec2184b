import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StoredClock } from '../cases/case.entity';
import { STATS_SQL } from './stats.sql';

/** One case of the ledger's cohort, as `ledgerFacts` returns it. */
export interface LedgerFactRow {
  id: string;
  type: string;
  source: string;
  state: string;
  created_at: Date;
  department_id: string | null;
  department_name: string | null;
  butler_id: string | null;
  butler_name: string | null;
  accept_clock: StoredClock | null;
  resolve_clock: StoredClock | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  accepted_at: Date | null;
  resolved_at: Date | null;
  rating_level: number | null;
}

export interface PublicDepartmentRow {
  department_id: string | null;
  department_name: string | null;
  received: number;
  resolved: number;
  long_term: number;
  rated: number;
  satisfied: number;
}

export interface LedgerFilter {
  from: Date;
  toExclusive: Date;
  seesAll: boolean;
  scopeDepartmentId: string | null;
  departmentId: string | null;
  butlerId: string | null;
  type: string | null;
  source: string | null;
}

/** Reads for the ledger and the public figures (cases, their events and ratings; read only). */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async ledgerFacts(f: LedgerFilter): Promise<LedgerFactRow[]> {
    const rows: LedgerFactRow[] = await this.ds.query(STATS_SQL.ledgerFacts.text, [
      f.from,
      f.toExclusive,
      f.seesAll,
      f.scopeDepartmentId,
      f.departmentId,
      f.butlerId,
      f.type,
      f.source,
    ]);
    return rows.map((r) => ({
      ...r,
      created_at: new Date(r.created_at),
      accept_due_at: r.accept_due_at && new Date(r.accept_due_at),
      resolve_due_at: r.resolve_due_at && new Date(r.resolve_due_at),
      accepted_at: r.accepted_at && new Date(r.accepted_at),
      resolved_at: r.resolved_at && new Date(r.resolved_at),
      rating_level: r.rating_level === null ? null : Number(r.rating_level),
    }));
  }

  async publicByDepartment(): Promise<PublicDepartmentRow[]> {
    const rows: PublicDepartmentRow[] = await this.ds.query(STATS_SQL.publicByDepartment.text);
    return rows.map((r) => ({
      ...r,
      received: Number(r.received),
      resolved: Number(r.resolved),
      long_term: Number(r.long_term),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
    }));
  }
}
