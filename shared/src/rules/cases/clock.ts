import {
  addWorkingDays,
  endOfShanghaiDay,
  shanghaiDay,
  startOfShanghaiDay,
  type WorkingCalendar,
  workingDayOnOrAfter,
  workingDaysBetween,
  yearsWithoutOfficialData,
} from './working-days';

/** A time the clock stood still because the case waited on the enterprise (补充材料). `to` is null while it still waits. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

/**
 * A working-day time limit on a case: to accept it, or to resolve it. Stored as facts (when it started,
 * the limit, the extensions granted, the pauses, when it stopped) so its deadline is always recomputed
 * from the calendar as it is now — an admin entering next year's holidays corrects every open deadline.
 */
export interface CaseClock {
  startedAt: Date;
  /** The limit in working days (≥ 1). */
  limitDays: number;
  /** Working days added by extensions (延期), each granted with a recorded reason. */
  extensionDays: number;
  /** Oldest first. */
  pauses: readonly ClockPause[];
  /** When the clock stopped: the limit was met (accepted, resolved) or ended (rejected, long-term). */
  stoppedAt: Date | null;
}

export interface ClockReading {
  /** The working day the limit ends on, and its last instant (23:59:59.999 +08:00): on time up to and including it. */
  dueOn: string;
  dueAt: Date;
  /** 00:00 +08:00 of the day the butler is warned (80 % of the limit). */
  warnAt: Date;
  /** Working days added for the enterprise's pauses (an open pause counted as if it ended at `now`). */
  pausedWorkingDays: number;
  /** The case waits on the enterprise now: the clock stands still, never overdue meanwhile. */
  paused: boolean;
  /** Neither stopped nor paused. */
  running: boolean;
  /** Running past `dueAt`, or stopped after it (met late). */
  overdue: boolean;
  /** Running, not overdue, and at or past the warning point. */
  dueSoon: boolean;
  /** Years between the start and the due day without official data: the deadline is an estimate (weekends only). */
  estimatedYears: number[];
}

/** The working days of the limit after which the butler is warned: ⌊80 %⌋ of it. */
export function warningDays(limitDays: number): number {
  return Math.floor((limitDays * 4) / 5);
}

/**
 * Reads a clock at `now`. The rules (docs/cases.md, "Working days"):
 * - Start: a clock started at any time on day D with a limit of L working days (limit + extensions) is due at the
 *   end of the L-th working day after D (`addWorkingDays(D, L)`, 23:59:59.999 +08:00); the next instant is overdue.
 * - Pause: a pause from day P until an answer on day R adds the working days in (P, R'], where R' is R when R is a
 *   working day and otherwise the next working day (an answer on a day off counts as received on the next
 *   working day). Paused and answered the same working day adds nothing. An open pause counts as if answered `now`,
 *   so it never reads overdue while the case waits. A pause that began after the deadline (the case was already
 *   overdue) adds nothing: asking for material does not cure an overdue case.
 * - Warning: at 00:00 of working day ⌊0.8·L⌋ + 1 after D (plus the paused working days), i.e. when ⌊80 %⌋ of the
 *   limit's working days have fully elapsed — always a working day, never later than the due day.
 */
export function readClock(clock: CaseClock, calendar: WorkingCalendar, now: Date): ClockReading {
  if (!Number.isInteger(clock.limitDays) || clock.limitDays < 1) throw new RangeError('limitDays must be ≥ 1');
  if (!Number.isInteger(clock.extensionDays) || clock.extensionDays < 0)
    throw new RangeError('extensionDays must be ≥ 0');
  const start = shanghaiDay(clock.startedAt);
  const limit = clock.limitDays + clock.extensionDays;
  const end = clock.stoppedAt ?? now;
  let paused = 0;
  let open = false;
  for (const pause of clock.pauses) {
    const from = pause.from.getTime() < clock.startedAt.getTime() ? clock.startedAt : pause.from;
    const dueSoFar = endOfShanghaiDay(addWorkingDays(start, limit + paused, calendar));
    if (from.getTime() > dueSoFar.getTime()) continue; // began when already overdue
    const until = pause.to ?? end;
    if (pause.to === null && clock.stoppedAt === null) open = true;
    const answered = workingDayOnOrAfter(shanghaiDay(until), calendar);
    paused += Math.max(0, workingDaysBetween(shanghaiDay(from), answered, calendar));
  }
  const dueOn = addWorkingDays(start, limit + paused, calendar);
  const dueAt = endOfShanghaiDay(dueOn);
  const warnAt = startOfShanghaiDay(addWorkingDays(start, warningDays(limit) + 1 + paused, calendar));
  const running = clock.stoppedAt === null && !open;
  const overdue = !open && end.getTime() > dueAt.getTime();
  return {
    dueOn,
    dueAt,
    warnAt,
    pausedWorkingDays: paused,
    paused: open,
    running,
    overdue,
    dueSoon: running && !overdue && now.getTime() >= warnAt.getTime(),
    estimatedYears: yearsWithoutOfficialData(start, dueOn, calendar),
  };
}

/** The deadline of a limit of `days` working days for something that arrives at `at`, with no pause: what the app promises. */
export function dueAfter(at: Date, days: number, calendar: WorkingCalendar): Date {
  return endOfShanghaiDay(addWorkingDays(shanghaiDay(at), days, calendar));
}
