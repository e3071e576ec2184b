import { type CalendarYear, isCalendarDay, weekdayOf, yearOf } from './working-days';

/**
 * The shape of the `chinese-days` package's data (`dist/chinese-days.json`): every official day off
 * and every make-up working day as `YYYY-MM-DD → "English name,中文名,n"`. `inLieuDays` (调休 days off
 * inside a holiday) are already among `holidays` and are not needed.
 */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

function daysOfYear(days: Record<string, string>, year: number, list: string): string[] {
  const out: string[] = [];
  for (const day of Object.keys(days)) {
    if (!isCalendarDay(day)) throw new Error(`chinese-days ${list}: not a calendar date: ${day}`);
    if (yearOf(day) === year) out.push(day);
  }
  return out.sort();
}

/**
 * One year of the official schedule from the `chinese-days` data, or null when the data has nothing
 * for that year (the State Council has not published it yet: that year counts weekends only).
 * A day listed both as a day off and as a working day is a broken data set and throws.
 */
export function calendarYearFromChineseDays(data: ChineseDaysData, year: number): CalendarYear | null {
  const holidays = daysOfYear(data.holidays, year, 'holidays');
  const workdays = daysOfYear(data.workdays, year, 'workdays');
  if (holidays.length === 0 && workdays.length === 0) return null;
  const both = holidays.filter((d) => workdays.includes(d));
  if (both.length > 0) throw new Error(`chinese-days: ${both.join(', ')} listed as both a day off and a working day`);
  return { year, holidays, workdays };
}

/** Every year the `chinese-days` data holds, oldest first. */
export function calendarFromChineseDays(data: ChineseDaysData): CalendarYear[] {
  const years = new Set<number>();
  for (const day of [...Object.keys(data.holidays), ...Object.keys(data.workdays)]) years.add(yearOf(day));
  return [...years]
    .sort((a, b) => a - b)
    .map((y) => calendarYearFromChineseDays(data, y))
    .filter((y): y is CalendarYear => y !== null);
}

export interface CalendarProblem {
  field: 'year' | 'holidays' | 'workdays';
  message: string;
}

/** The years an admin may enter. */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;

/**
 * Checks one year an admin enters (`PUT /admin/calendar/:year`): real dates of that year, no day twice,
 * none both off and working, and every make-up working day a Saturday or Sunday (a weekday is a working
 * day anyway). Empty lists are allowed: a year without any holiday is still official data.
 */
export function validateCalendarYear(entry: CalendarYear): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!Number.isInteger(entry.year) || entry.year < CALENDAR_YEAR_MIN || entry.year > CALENDAR_YEAR_MAX) {
    problems.push({ field: 'year', message: `年份须在 ${CALENDAR_YEAR_MIN} 至 ${CALENDAR_YEAR_MAX} 之间` });
    return problems;
  }
  const check = (field: 'holidays' | 'workdays', label: string) => {
    const seen = new Set<string>();
    for (const day of entry[field]) {
      if (!isCalendarDay(day)) problems.push({ field, message: `${label}「${day}」不是有效日期（格式 YYYY-MM-DD）` });
      else if (yearOf(day) !== entry.year)
        problems.push({ field, message: `${label}「${day}」不属于 ${entry.year} 年` });
      else if (seen.has(day)) problems.push({ field, message: `${label}「${day}」重复` });
      seen.add(day);
    }
  };
  check('holidays', '放假日期');
  check('workdays', '调休上班日期');
  for (const day of entry.workdays) {
    if (!isCalendarDay(day) || yearOf(day) !== entry.year) continue;
    if (entry.holidays.includes(day)) problems.push({ field: 'workdays', message: `「${day}」不能既放假又上班` });
    else if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) {
      problems.push({ field: 'workdays', message: `调休上班日「${day}」应为周六或周日（工作日本就上班）` });
    }
  }
  return problems;
}
