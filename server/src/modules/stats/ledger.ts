import type { LedgerFigures, LedgerRow } from '@qsgj/shared/contracts';
import {
  addCalendarDays,
  readClock,
  shanghaiDay,
  weekdayOf,
  workingDaysBetween,
  type WorkingCalendar,
} from '@qsgj/shared/rules';
import { fromStoredClock } from '../cases/case-record';
import type { LedgerFactRow } from './stats.repository';

/**
 * The ledger's arithmetic (docs/cases.md "Ledger"), pure: per case what it counts for, then sums per group.
 * Every rate is a share of cases, rounded to 4 decimals; null when its denominator is 0.
 */

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

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

function average(values: number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

export function sumFigures(all: readonly CaseFacts[]): LedgerFigures {
  const count = (p: (f: CaseFacts) => boolean) => all.filter(p).length;
  const received = all.length;
  const accepted = count((f) => f.accepted);
  const resolved = count((f) => f.resolved);
  const rejected = count((f) => f.rejected);
  const overdueOpen = count((f) => f.overdueOpen);
  const resolvedLate = count((f) => f.resolvedLate);
  const acceptedOnTime = count((f) => f.acceptedOnTime);
  const rated = count((f) => f.rated);
  const satisfied = count((f) => f.satisfied);
  return {
    received,
    accepted,
    resolved,
    closed: count((f) => f.closed),
    rejected,
    longTerm: count((f) => f.longTerm),
    overdue: overdueOpen + resolvedLate,
    overdueOpen,
    resolvedLate,
    acceptedOnTime,
    rated,
    satisfied,
    avgAcceptDays: average(all.flatMap((f) => (f.acceptDays === null ? [] : [f.acceptDays]))),
    avgResolveDays: average(all.flatMap((f) => (f.resolveDays === null ? [] : [f.resolveDays]))),
    responseRate: rate(acceptedOnTime, accepted),
    resolutionRate: rate(resolved, received - rejected),
    satisfactionRate: rate(satisfied, rated),
  };
}

/** The Monday (YYYY-MM-DD, Asia/Shanghai) of the week an instant falls in. */
export function weekOf(instant: Date): string {
  const day = shanghaiDay(instant);
  return addCalendarDays(day, -((weekdayOf(day) + 6) % 7));
}

/** Groups the cases by a key and sums each group, in the order `order` gives (labels break ties). */
export function breakdown(
  rows: readonly LedgerFactRow[],
  facts: readonly CaseFacts[],
  keyOf: (r: LedgerFactRow) => { key: string | null; label: string },
  order: 'label' | 'key' = 'label',
): LedgerRow[] {
  const groups = new Map<string, { key: string | null; label: string; facts: CaseFacts[] }>();
  rows.forEach((r, i) => {
    const { key, label } = keyOf(r);
    const id = key ?? '\u0000none';
    const g = groups.get(id) ?? { key, label, facts: [] };
    g.facts.push(facts[i]);
    groups.set(id, g);
  });
  const sorted = [...groups.values()].sort((a, b) =>
    order === 'key' ? String(a.key).localeCompare(String(b.key)) : a.label.localeCompare(b.label, 'zh-CN'),
  );
  return sorted.map((g) => ({ key: g.key, label: g.label, ...sumFigures(g.facts) }));
}
