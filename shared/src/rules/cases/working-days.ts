/**
 * Working days (工作日) on the Chinese official calendar, in Asia/Shanghai. Pure: no Intl, no time-zone
 * database. China has had no daylight saving time since 1991, so an instant's local date is its UTC time
 * plus 8 hours, and a local date `YYYY-MM-DD` begins at `YYYY-MM-DDT00:00:00+08:00`.
 *
 * All arithmetic is on calendar dates (`YYYY-MM-DD` strings, "days"). A day is a working day when
 *  1. it is listed in its year's `workdays` (调休: a weekend made a working day), else
 *  2. it is not listed in its year's `holidays` (every day off of a holiday, weekend days inside it included), and
 *  3. it is Monday to Friday.
 * A year missing from the calendar has no official data: it is counted on weekends only, and
 * `hasOfficialData` / `yearsWithoutOfficialData` say so, so the workbench can warn the admins.
 */

/** One year of the official schedule (国务院办公厅关于部分节假日安排的通知). */
export interface CalendarYear {
  year: number;
  /** Every day off (YYYY-MM-DD), weekend days inside a holiday included. */
  holidays: string[];
  /** 调休: weekend days that are working days (YYYY-MM-DD). */
  workdays: string[];
}

/** The calendar: one entry per year with official data. */
export type WorkingCalendar = readonly CalendarYear[];

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year round. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The most working days one call may count (about 40 years): a guard against a runaway loop, never reached by a real limit. */
const MAX_SPAN_DAYS = 15_000;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or NaN. */
function dayNumberOrNaN(day: string): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real date round-trips. Years below 100 are not dates we keep.
  if (y < 1000 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / MS_PER_DAY;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is not one). */
export function isCalendarDay(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(dayNumberOrNaN(value));
}

function dayNumber(day: string): number {
  const n = dayNumberOrNaN(day);
  if (Number.isNaN(n)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${day}`);
  return n;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addCalendarDays(day: string, n: number): string {
  return fromDayNumber(dayNumber(day) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDay(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 +08:00 of a day. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(dayNumber(day) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 +08:00 of a day: the last instant that is still "on" that day. */
export function endOfShanghaiDay(day: string): Date {
  return new Date((dayNumber(day) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

interface CalendarIndex {
  /** Day number → working (调休 workday: true) or not (holiday: false). */
  overrides: Map<number, boolean>;
  years: Set<number>;
}
const indexes = new WeakMap<WorkingCalendar, CalendarIndex>();

function indexOf(calendar: WorkingCalendar): CalendarIndex {
  let index = indexes.get(calendar);
  if (!index) {
    index = { overrides: new Map(), years: new Set() };
    for (const entry of calendar) {
      index.years.add(entry.year);
      for (const d of entry.holidays) if (isCalendarDay(d)) index.overrides.set(dayNumber(d), false);
    }
    // A make-up working day wins over a day off listed by mistake in the same calendar.
    for (const entry of calendar)
      for (const d of entry.workdays) if (isCalendarDay(d)) index.overrides.set(dayNumber(d), true);
    indexes.set(calendar, index);
  }
  return index;
}

/** Whether the calendar holds the official schedule of `year` (otherwise that year counts weekends only). */
export function hasOfficialData(year: number, calendar: WorkingCalendar): boolean {
  return indexOf(calendar).years.has(year);
}

/** The years from `from` to `to` (days, inclusive) without official data: deadlines through them are estimates. */
export function yearsWithoutOfficialData(from: string, to: string, calendar: WorkingCalendar): number[] {
  const years: number[] = [];
  const [a, b] = from <= to ? [from, to] : [to, from];
  dayNumber(a);
  dayNumber(b);
  for (let y = yearOf(a); y <= yearOf(b); y++) if (!hasOfficialData(y, calendar)) years.push(y);
  return years;
}

function isWorkingDayNumber(n: number, index: CalendarIndex): boolean {
  const override = index.overrides.get(n);
  if (override !== undefined) return override;
  const weekday = (((n + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** See the rule at the top of this file. */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(dayNumber(day), indexOf(calendar));
}

/** `day` itself when it is a working day, else the first working day after it. */
export function workingDayOnOrAfter(day: string, calendar: WorkingCalendar): string {
  const index = indexOf(calendar);
  let n = dayNumber(day);
  for (let i = 0; i <= MAX_SPAN_DAYS; i++, n++) if (isWorkingDayNumber(n, index)) return fromDayNumber(n);
  throw new RangeError('no working day within the span');
}

/**
 * The `n`-th working day strictly after `day` (n = 0 answers `day` itself). This is the due day of a
 * limit of n working days for anything that arrived at any time on `day`: the day of arrival never
 * counts, whether or not it is a working day (受理次日起算).
 */
export function addWorkingDays(day: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPAN_DAYS)
    throw new RangeError(`working days must be a whole number from 0: ${n}`);
  const index = indexOf(calendar);
  let d = dayNumber(day);
  for (let left = n, steps = 0; left > 0; steps++) {
    if (steps > MAX_SPAN_DAYS * 2) throw new RangeError('no working day within the span');
    d += 1;
    if (isWorkingDayNumber(d, index)) left -= 1;
  }
  return fromDayNumber(d);
}

/**
 * The working days in (from, to]: after `from`, up to and including `to`. So
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative (minus the count in (to, from]) when `to` is earlier.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, calendar);
  if (b - a > MAX_SPAN_DAYS) throw new RangeError('span too long');
  const index = indexOf(calendar);
  let count = 0;
  for (let n = a + 1; n <= b; n++) if (isWorkingDayNumber(n, index)) count += 1;
  return count;
}

/** 「预计 12月3日前答复」; with `now`, the year is named when it differs from now's (「预计 2027年1月5日前答复」). */
export function expectedReplyText(due: Date, now?: Date): string {
  const day = shanghaiDay(due);
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const year = now && shanghaiDay(now).slice(0, 4) !== day.slice(0, 4) ? `${y}年` : '';
  return `预计 ${year}${m}月${d}日前答复`;
}
