import { addCalendarDays, weekdayOf } from '@qsgj/shared/rules';

export type DayKind = 'holiday' | 'workday' | 'normal';

export interface DayCell {
  day: string;
  date: number;
  weekend: boolean;
  kind: DayKind;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];
/** The grid's columns, Monday first. */
export const GRID_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

export function isWeekend(day: string): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** One month as weeks of seven cells, Monday first; null fills the days of the neighbouring months. */
export function monthCells(
  year: number,
  month: number,
  holidays: ReadonlySet<string>,
  workdays: ReadonlySet<string>,
): Array<DayCell | null> {
  const first = `${year}-${pad(month)}-01`;
  const cells: Array<DayCell | null> = Array.from({ length: (weekdayOf(first) + 6) % 7 }, () => null);
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addCalendarDays(day, 1)) {
    const kind: DayKind = workdays.has(day) ? 'workday' : holidays.has(day) ? 'holiday' : 'normal';
    cells.push({ day, date: Number(day.slice(8, 10)), weekend: isWeekend(day), kind });
  }
  while (cells.length % 7) cells.push(null);
  return cells;
}

/** Sorted days as runs of consecutive days: 「10月1日—10月8日」 is one holiday. */
export function dayRuns(days: readonly string[]): Array<{ from: string; to: string; count: number }> {
  const runs: Array<{ from: string; to: string; count: number }> = [];
  for (const day of [...days].sort()) {
    const last = runs[runs.length - 1];
    if (last && addCalendarDays(last.to, 1) === day) {
      last.to = day;
      last.count++;
    } else runs.push({ from: day, to: day, count: 1 });
  }
  return runs;
}

export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
