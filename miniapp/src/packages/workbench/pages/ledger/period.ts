import { addCalendarDays, calendarDaysBetween, isCalendarDay, LEDGER_MAX_DAYS, weekdayOf } from '@qsgj/shared/rules';

export { LEDGER_MAX_DAYS } from '@qsgj/shared/rules';

export type Preset = 'month' | 'lastMonth' | 'quarter' | 'year' | 'custom';

export const PRESETS: ReadonlyArray<{ key: Preset; label: string }> = [
  { key: 'month', label: '本月' },
  { key: 'lastMonth', label: '上月' },
  { key: 'quarter', label: '本季度' },
  { key: 'year', label: '本年' },
  { key: 'custom', label: '自定义' },
];

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month: number) => `${year}-${pad(month)}-01`;

/** A preset's days, up to `today` (Asia/Shanghai, YYYY-MM-DD) for the running month, quarter and year. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'month':
      return { from: firstOf(year, month), to: today };
    case 'lastMonth': {
      const from = month === 1 ? firstOf(year - 1, 12) : firstOf(year, month - 1);
      return { from, to: addCalendarDays(firstOf(year, month), -1) };
    }
    case 'quarter':
      return { from: firstOf(year, Math.floor((month - 1) / 3) * 3 + 1), to: today };
    case 'year':
      return { from: firstOf(year, 1), to: today };
  }
}

/** Why a period cannot be asked for (in Chinese), or null: checked before any request is sent. */
export function periodProblem({ from, to }: Period): string | null {
  if (!isCalendarDay(from)) return '请选择开始日期';
  if (!isCalendarDay(to)) return '请选择结束日期';
  if (to < from) return '结束日期不能早于开始日期';
  if (calendarDaysBetween(from, to) + 1 > LEDGER_MAX_DAYS)
    return `统计区间不能超过 ${LEDGER_MAX_DAYS} 天，请缩短区间后再查询`;
  return null;
}

/** The Monday of a day's week. */
export function mondayOf(day: string): string {
  return addCalendarDays(day, -((weekdayOf(day) + 6) % 7));
}

/** Every week (its Monday) that the period touches, oldest first: the chart shows weeks without cases as 0. */
export function weeksOf({ from, to }: Period): string[] {
  const weeks: string[] = [];
  for (let d = mondayOf(from); d <= to; d = addCalendarDays(d, 7)) weeks.push(d);
  return weeks;
}

/** 「11月2日」 from 2026-11-02. */
export function dayLabel(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
