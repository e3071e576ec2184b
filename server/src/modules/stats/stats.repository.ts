import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LedgerGroup } from './ledger';
import { STATS_SQL } from './stats.sql';

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

/** The ledger statement's groups, with the day offsets it read (to check the working-day index covered them). */
export interface LedgerGroups {
  groups: LedgerGroup[];
  /** The earliest and latest day offsets from `first` the statement looked up; null when there was no case. */
  firstOffset: number | null;
  lastOffset: number | null;
}

interface LedgerGroupRow {
  breakdown: LedgerGroup['breakdown'];
  key: string | null;
  name: string | null;
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  rejected: number;
  long_term: number;
  overdue_open: number;
  resolved_late: number;
  accepted_on_time: number;
  rated: number;
  satisfied: number;
  accept_days_sum: number;
  accept_days_count: number;
  resolve_days_sum: number;
  resolve_days_count: number;
  first_n: number | null;
  last_n: number | null;
}

/** Reads for the ledger and the public figures (cases, their events and ratings; read only). */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The ledger's groups (`STATS_SQL.ledgerFigures`), counted on the working-day index `index` that starts on day
   * `first`. In a transaction of its own with JIT off: PostgreSQL would otherwise compile the statement's
   * expressions for a year of cases, which takes longer than running them.
   */
  async ledgerGroups(
    f: LedgerFilter,
    now: Date,
    days: { first: string; index: number[] },
    satisfiedMinLevel: number,
  ): Promise<LedgerGroups> {
    const rows = await this.ds.transaction(async (m) => {
      await m.query('SET LOCAL jit = off');
      return (await m.query(STATS_SQL.ledgerFigures.text, [
        f.from,
        f.toExclusive,
        f.seesAll,
        f.scopeDepartmentId,
        f.departmentId,
        f.butlerId,
        f.type,
        f.source,
        now,
        days.first,
        days.index,
        satisfiedMinLevel,
      ])) as LedgerGroupRow[];
    });
    const total = rows.find((r) => r.breakdown === 'total');
    return {
      groups: rows.map((r) => ({
        breakdown: r.breakdown,
        key: r.key,
        name: r.name,
        received: Number(r.received),
        accepted: Number(r.accepted),
        resolved: Number(r.resolved),
        closed: Number(r.closed),
        rejected: Number(r.rejected),
        longTerm: Number(r.long_term),
        overdueOpen: Number(r.overdue_open),
        resolvedLate: Number(r.resolved_late),
        acceptedOnTime: Number(r.accepted_on_time),
        rated: Number(r.rated),
        satisfied: Number(r.satisfied),
        acceptDaysSum: Number(r.accept_days_sum),
        acceptDaysCount: Number(r.accept_days_count),
        resolveDaysSum: Number(r.resolve_days_sum),
        resolveDaysCount: Number(r.resolve_days_count),
      })),
      firstOffset: total?.first_n === null || total?.first_n === undefined ? null : Number(total.first_n),
      lastOffset: total?.last_n === null || total?.last_n === undefined ? null : Number(total.last_n),
    };
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
