import type { LedgerFigures, LedgerResponse, LedgerRow } from '@qsgj/shared/contracts';
import { CASE_SOURCE_LABEL, CASE_TYPE_LABEL, type CaseSource, type CaseType } from '@qsgj/shared/enums';
import {
  addCalendarDays,
  calendarDaysBetween,
  isWorkingDay,
  readClock,
  shanghaiDay,
  weekdayOf,
  workingDaysBetween,
  type WorkingCalendar,
} from '@qsgj/shared/rules';
import type { StoredClock } from '../cases/case.entity';
import { fromStoredClock } from '../cases/case-record';

/**
 * The ledger's arithmetic (docs/cases.md "Ledger").
 *
 * The server counts in SQL (`STATS_SQL.ledgerFigures`: one statement, one row per group, a year of a city in
 * well under a second). What that statement computes is written here once more, case by case, with the shared
 * rules themselves (`readClock`, `workingDaysBetween`): `caseFacts` and `countFacts` are the definition the
 * statement is tested against (`ledger-figures.spec.ts`, random cases over holidays, pauses and extensions).
 * Every rate is a share of cases, rounded to 4 decimals; null when its denominator is 0.
 */

/** One case of the cohort as the rules read it: its state, instants, stored clocks and rating. */
export interface LedgerFactRow {
  type: string;
  source: string;
  state: string;
  created_at: Date;
  department_id: string | null;
  butler_id: string | null;
  accept_clock: StoredClock | null;
  resolve_clock: StoredClock | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  /** The first 受理. */
  accepted_at: Date | null;
  /** The last 办结. */
  resolved_at: Date | null;
  /** Unless voided. */
  rating_level: number | null;
}

/** What one case counts for. */
export interface CaseFacts {
  accepted: boolean;
  resolved: boolean;
  closed: boolean;
  rejected: boolean;
  longTerm: boolean;
  overdueOpen: boolean;
  resolvedLate: boolean;
  acceptedOnTime: boolean;
  rated: boolean;
  satisfied: boolean;
  acceptDays: number | null;
  resolveDays: number | null;
}

/** A rating counts as satisfied at these levels (5 非常满意, 4 满意, 3 基本满意). */
export const SATISFIED_MIN_LEVEL = 3;

export function caseFacts(row: LedgerFactRow, calendar: WorkingCalendar, now: Date): CaseFacts {
  const receivedDay = shanghaiDay(row.created_at);
  const accepted = row.accepted_at !== null;
  const resolved = row.state === 'resolved' || row.state === 'closed';
  const acceptClock = fromStoredClock(row.accept_clock);
  const resolveClock = fromStoredClock(row.resolve_clock);
  const acceptedOnTime =
    accepted &&
    acceptClock !== null &&
    acceptClock.stoppedAt !== null &&
    acceptClock.stoppedAt.getTime() <= readClock(acceptClock, calendar, now).dueAt.getTime();
  const resolvedLate =
    resolved &&
    resolveClock !== null &&
    resolveClock.stoppedAt !== null &&
    resolveClock.stoppedAt.getTime() > readClock(resolveClock, calendar, now).dueAt.getTime();
  const overdueOpen =
    (row.accept_due_at !== null && row.accept_due_at.getTime() < now.getTime()) ||
    (row.resolve_due_at !== null && row.resolve_due_at.getTime() < now.getTime());
  const rated = row.rating_level !== null;
  return {
    accepted,
    resolved,
    closed: row.state === 'closed',
    rejected: row.state === 'rejected',
    longTerm: row.state === 'long_term',
    overdueOpen,
    resolvedLate,
    acceptedOnTime,
    rated,
    satisfied: rated && row.rating_level! >= SATISFIED_MIN_LEVEL,
    acceptDays: row.accepted_at ? workingDaysBetween(receivedDay, shanghaiDay(row.accepted_at), calendar) : null,
    resolveDays:
      resolved && row.resolved_at ? workingDaysBetween(receivedDay, shanghaiDay(row.resolved_at), calendar) : null,
  };
}

/**
 * What a group's figures are made of: counts, and the sums behind the averages. The ledger statement returns
 * these per group; `countFacts` adds them up from `caseFacts`.
 */
export interface LedgerCounts {
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  rejected: number;
  longTerm: number;
  overdueOpen: number;
  resolvedLate: number;
  acceptedOnTime: number;
  rated: number;
  satisfied: number;
  acceptDaysSum: number;
  acceptDaysCount: number;
  resolveDaysSum: number;
  resolveDaysCount: number;
}

/** The counts of a set of cases' facts. */
export function countFacts(all: readonly CaseFacts[]): LedgerCounts {
  const count = (p: (f: CaseFacts) => boolean) => all.filter(p).length;
  const acceptDays = all.flatMap((f) => (f.acceptDays === null ? [] : [f.acceptDays]));
  const resolveDays = all.flatMap((f) => (f.resolveDays === null ? [] : [f.resolveDays]));
  return {
    received: all.length,
    accepted: count((f) => f.accepted),
    resolved: count((f) => f.resolved),
    closed: count((f) => f.closed),
    rejected: count((f) => f.rejected),
    longTerm: count((f) => f.longTerm),
    overdueOpen: count((f) => f.overdueOpen),
    resolvedLate: count((f) => f.resolvedLate),
    acceptedOnTime: count((f) => f.acceptedOnTime),
    rated: count((f) => f.rated),
    satisfied: count((f) => f.satisfied),
    acceptDaysSum: acceptDays.reduce((a, b) => a + b, 0),
    acceptDaysCount: acceptDays.length,
    resolveDaysSum: resolveDays.reduce((a, b) => a + b, 0),
    resolveDaysCount: resolveDays.length,
  };
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

function average(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/** A group's figures from its counts: the overdue total, the averages and the rates. */
export function figuresOf(c: LedgerCounts): LedgerFigures {
  return {
    received: c.received,
    accepted: c.accepted,
    resolved: c.resolved,
    closed: c.closed,
    rejected: c.rejected,
    longTerm: c.longTerm,
    overdue: c.overdueOpen + c.resolvedLate,
    overdueOpen: c.overdueOpen,
    resolvedLate: c.resolvedLate,
    acceptedOnTime: c.acceptedOnTime,
    rated: c.rated,
    satisfied: c.satisfied,
    avgAcceptDays: average(c.acceptDaysSum, c.acceptDaysCount),
    avgResolveDays: average(c.resolveDaysSum, c.resolveDaysCount),
    responseRate: rate(c.acceptedOnTime, c.accepted),
    resolutionRate: rate(c.resolved, c.received - c.rejected),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}

/** The Monday (YYYY-MM-DD, Asia/Shanghai) of the week an instant falls in. */
export function weekOf(instant: Date): string {
  const day = shanghaiDay(instant);
  return addCalendarDays(day, -((weekdayOf(day) + 6) % 7));
}

/**
 * The working calendar as the ledger statement reads it: `index[k]` (1-based, as SQL arrays are) is the number of
 * working days from `first` up to and including day `first + k − 1`. So for a day d, `index[d − first + 1]`
 * counts the working days up to d and `index[d − first]` those before d, and working-day arithmetic becomes
 * subtraction: `workingDaysBetween(a, b)` = index(b) − index(a); `addWorkingDays(s, L)` ≥ d exactly when
 * (working days before d) < index(s) + L. Whether a day is a working day is decided by the shared rule.
 */
export interface WorkingDayIndex {
  first: string;
  index: number[];
}

export function workingDayIndex(first: string, last: string, calendar: WorkingCalendar): WorkingDayIndex {
  const index: number[] = [];
  let count = 0;
  for (let i = 0, n = calendarDaysBetween(first, last); i <= n; i++) {
    if (isWorkingDay(addCalendarDays(first, i), calendar)) count += 1;
    index.push(count);
  }
  return { first, index };
}

/** One group of the ledger statement's result. */
export interface LedgerGroup extends LedgerCounts {
  breakdown: 'total' | 'department' | 'butler' | 'type' | 'source' | 'week';
  /** The group's key (null: no department / no butler). */
  key: string | null;
  /** The department's or the butler's name. */
  name: string | null;
}

type Breakdowns = Pick<LedgerResponse, 'total' | 'byDepartment' | 'byButler' | 'byType' | 'bySource' | 'byWeek'>;

const EMPTY: LedgerCounts = {
  received: 0,
  accepted: 0,
  resolved: 0,
  closed: 0,
  rejected: 0,
  longTerm: 0,
  overdueOpen: 0,
  resolvedLate: 0,
  acceptedOnTime: 0,
  rated: 0,
  satisfied: 0,
  acceptDaysSum: 0,
  acceptDaysCount: 0,
  resolveDaysSum: 0,
  resolveDaysCount: 0,
};

/** The groups as the response's breakdowns: labelled, by label (zh-CN) or, for weeks, by key. */
export function breakdowns(groups: readonly LedgerGroup[]): Breakdowns {
  const rows = (kind: LedgerGroup['breakdown'], label: (g: LedgerGroup) => string, order: 'label' | 'key') =>
    groups
      .filter((g) => g.breakdown === kind)
      .map((g): LedgerRow => ({ key: g.key, label: label(g), ...figuresOf(g) }))
      .sort((a, b) =>
        order === 'key' ? String(a.key).localeCompare(String(b.key)) : a.label.localeCompare(b.label, 'zh-CN'),
      );
  return {
    total: figuresOf(groups.find((g) => g.breakdown === 'total') ?? EMPTY),
    byDepartment: rows('department', (g) => g.name ?? '未分配部门', 'label'),
    byButler: rows('butler', (g) => g.name ?? '未指派管家', 'label'),
    byType: rows('type', (g) => CASE_TYPE_LABEL[g.key as CaseType] ?? String(g.key), 'label'),
    bySource: rows('source', (g) => CASE_SOURCE_LABEL[g.key as CaseSource] ?? String(g.key), 'label'),
    byWeek: rows('week', (g) => `${g.key} 当周`, 'key'),
  };
}
