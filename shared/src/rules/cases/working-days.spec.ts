import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  calendarFromChineseDays,
  calendarYearFromChineseDays,
  type ChineseDaysData,
  validateCalendarYear,
} from './calendar';
import { dueAfter, readClock, type CaseClock, warningDays } from './clock';
import {
  addWorkingDays,
  endOfShanghaiDay,
  expectedReplyText,
  hasOfficialData,
  isCalendarDay,
  isWorkingDay,
  shanghaiDay,
  startOfShanghaiDay,
  weekdayOf,
  type WorkingCalendar,
  workingDayOnOrAfter,
  workingDaysBetween,
  yearsWithoutOfficialData,
} from './working-days';

/** The real data the server seeds from (test only: shared itself depends on nothing). */
const CHINESE_DAYS: ChineseDaysData = JSON.parse(
  readFileSync(join(__dirname, '../../../../server/node_modules/chinese-days/dist/chinese-days.json'), 'utf8'),
);
const CAL: WorkingCalendar = calendarFromChineseDays(CHINESE_DAYS);
const at = (iso: string) => new Date(iso);

describe('the chinese-days converter', () => {
  it('yields the official 2026 schedule (国办发明电〔2025〕7号)', () => {
    const y2026 = calendarYearFromChineseDays(CHINESE_DAYS, 2026)!;
    expect(y2026.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(y2026.holidays).toEqual([
      ...['2026-01-01', '2026-01-02', '2026-01-03'],
      ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21'],
      ...['2026-02-22', '2026-02-23'],
      ...['2026-04-04', '2026-04-05', '2026-04-06'],
      ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
      ...['2026-06-19', '2026-06-20', '2026-06-21'],
      ...['2026-09-25', '2026-09-26', '2026-09-27'],
      ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    ]);
    expect(validateCalendarYear(y2026)).toEqual([]);
  });

  it('has nothing for 2027 (not yet published), and every year 2004–2026', () => {
    expect(calendarYearFromChineseDays(CHINESE_DAYS, 2027)).toBeNull();
    expect(CAL.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    for (const year of CAL) expect(validateCalendarYear(year)).toEqual([]);
  });

  it('refuses broken data', () => {
    expect(() => calendarYearFromChineseDays({ holidays: { '2026-13-01': 'x' }, workdays: {} }, 2026)).toThrow(
      /2026-13-01/,
    );
    expect(() =>
      calendarYearFromChineseDays({ holidays: { '2026-02-14': 'x' }, workdays: { '2026-02-14': 'x' } }, 2026),
    ).toThrow(/both/);
  });
});

describe('working days on the 2026 calendar', () => {
  it.each([
    ['2026-02-13', true, '周五，节前'],
    ['2026-02-14', true, '周六，调休上班'],
    ['2026-02-15', false, '周日，春节假期'],
    ['2026-02-16', false, '周一，春节假期'],
    ['2026-02-23', false, '周一，春节假期最后一天'],
    ['2026-02-24', true, '周二，节后'],
    ['2026-02-28', true, '周六，调休上班'],
    ['2026-03-01', false, '周日'],
    ['2026-09-20', true, '周日，调休上班'],
    ['2026-09-25', false, '周五，中秋'],
    ['2026-10-01', false, '国庆'],
    ['2026-10-07', false, '国庆最后一天'],
    ['2026-10-08', true, '周四，节后'],
    ['2026-10-10', true, '周六，调休上班'],
    ['2026-10-11', false, '周日'],
  ])('%s is a working day: %s (%s)', (day, working) => expect(isWorkingDay(day, CAL)).toBe(working));

  it.each([
    // [submitted on, limit, due on]
    ['2026-02-12', 1, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'], // the make-up Saturday counts
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-12', 5, '2026-02-26'], // 13, 14(六), 24, 25, 26
    ['2026-02-18', 1, '2026-02-24'], // submitted during the holiday
    ['2026-02-14', 1, '2026-02-24'], // submitted on the make-up Saturday: it never counts itself
    ['2026-02-27', 1, '2026-02-28'], // the second make-up Saturday
    ['2026-09-19', 1, '2026-09-20'], // a make-up Sunday
    ['2026-09-24', 1, '2026-09-28'], // over 中秋
    ['2026-09-30', 1, '2026-10-08'], // over 国庆
    ['2026-09-30', 3, '2026-10-10'], // 8, 9, 10(六)
    ['2026-09-29', 5, '2026-10-12'], // 30, 8, 9, 10(六), 12
    ['2026-03-06', 1, '2026-03-09'], // an ordinary weekend
    ['2026-03-06', 0, '2026-03-06'],
  ])('submitted %s with a limit of %i working days: due %s', (day, n, due) => {
    expect(addWorkingDays(day, n, CAL)).toBe(due);
    expect(workingDaysBetween(day, due, CAL)).toBe(n);
  });

  it('counts working days in (from, to], negative backwards', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-24', CAL)).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13', CAL)).toBe(-2);
    expect(workingDaysBetween('2026-10-01', '2026-10-07', CAL)).toBe(0);
    expect(workingDaysBetween('2026-02-24', '2026-02-24', CAL)).toBe(0);
    expect(workingDayOnOrAfter('2026-10-01', CAL)).toBe('2026-10-08');
    expect(workingDayOnOrAfter('2026-10-10', CAL)).toBe('2026-10-10');
  });

  it('addWorkingDays and workingDaysBetween are inverse and monotone (2025–2028)', () => {
    const day = fc.integer({ min: 0, max: 4 * 366 }).map(iso);
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 40 }), (a, b, n) => {
        const due = addWorkingDays(a, n, CAL);
        expect(workingDaysBetween(a, due, CAL)).toBe(n);
        if (n > 0) expect(isWorkingDay(due, CAL)).toBe(true);
        if (a <= b) expect(addWorkingDays(a, n, CAL) <= addWorkingDays(b, n, CAL)).toBe(true);
      }),
    );
  });

  it('refuses nonsense', () => {
    expect(() => addWorkingDays('2026-02-30', 1, CAL)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', -1, CAL)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', 1.5, CAL)).toThrow(RangeError);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-2-1')).toBe(false);
  });
});

function iso(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);
}

describe('a year without official data (2027)', () => {
  it('counts weekends only and is flagged', () => {
    expect(hasOfficialData(2026, CAL)).toBe(true);
    expect(hasOfficialData(2027, CAL)).toBe(false);
    // 2027-02-08 is a Monday in what will be the Spring Festival week: without data it is a working day.
    expect(weekdayOf('2027-02-08')).toBe(1);
    expect(isWorkingDay('2027-02-08', CAL)).toBe(true);
    expect(isWorkingDay('2027-02-06', CAL)).toBe(false); // Saturday
    expect(addWorkingDays('2026-12-31', 1, CAL)).toBe('2027-01-01'); // a Friday: no 元旦 without data
    expect(yearsWithoutOfficialData('2026-12-30', '2027-01-04', CAL)).toEqual([2027]);
    expect(yearsWithoutOfficialData('2026-01-01', '2026-12-31', CAL)).toEqual([]);
  });

  it('marks a deadline that runs into it as an estimate, and entering the year corrects it', () => {
    const clock: CaseClock = {
      startedAt: at('2026-12-30T10:00:00+08:00'),
      limitDays: 3,
      extensionDays: 0,
      pauses: [],
      stoppedAt: null,
    };
    const now = at('2026-12-30T11:00:00+08:00');
    const guess = readClock(clock, CAL, now);
    expect(guess.dueOn).toBe('2027-01-04'); // 31, 1(五), 4
    expect(guess.estimatedYears).toEqual([2027]);
    const entered = [...CAL, { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }];
    const official = readClock(clock, entered, now);
    expect(official.dueOn).toBe('2027-01-05');
    expect(official.estimatedYears).toEqual([]);
  });
});

describe('Asia/Shanghai days and the due instant', () => {
  it('turns instants into dates at +08:00', () => {
    expect(shanghaiDay(at('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(shanghaiDay(at('2026-02-13T16:00:00.000Z'))).toBe('2026-02-14');
    expect(startOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });

  it('is due at the end of the N-th working day: on time up to 23:59:59.999 +08:00, overdue the next instant', () => {
    const clock: CaseClock = {
      startedAt: at('2026-09-30T23:59:00+08:00'),
      limitDays: 1,
      extensionDays: 0,
      pauses: [],
      stoppedAt: null,
    };
    expect(dueAfter(clock.startedAt, 1, CAL).toISOString()).toBe(at('2026-10-08T23:59:59.999+08:00').toISOString());
    expect(readClock(clock, CAL, at('2026-10-08T23:59:59.999+08:00')).overdue).toBe(false);
    expect(readClock(clock, CAL, at('2026-10-09T00:00:00.000+08:00')).overdue).toBe(true);
    // Met at the last instant is on time; met the next instant is late.
    expect(readClock({ ...clock, stoppedAt: at('2026-10-08T23:59:59.999+08:00') }, CAL, at('2026-11-01')).overdue).toBe(
      false,
    );
    expect(readClock({ ...clock, stoppedAt: at('2026-10-09T00:00:00+08:00') }, CAL, at('2026-11-01')).overdue).toBe(
      true,
    );
  });

  it('says when the enterprise can expect an answer', () => {
    expect(expectedReplyText(at('2026-12-03T23:59:59.999+08:00'))).toBe('预计 12月3日前答复');
    expect(expectedReplyText(at('2026-12-03T16:00:00.000Z'))).toBe('预计 12月4日前答复');
    expect(expectedReplyText(at('2027-01-05T23:59:59.999+08:00'), at('2026-12-30T10:00:00+08:00'))).toBe(
      '预计 2027年1月5日前答复',
    );
    expect(expectedReplyText(at('2026-12-03T23:59:59.999+08:00'), at('2026-12-01T10:00:00+08:00'))).toBe(
      '预计 12月3日前答复',
    );
  });
});

describe('the clock: pauses, the 80 % warning, extensions', () => {
  const monday = (limitDays: number, extra: Partial<CaseClock> = {}): CaseClock => ({
    startedAt: at('2026-03-02T10:00:00+08:00'),
    limitDays,
    extensionDays: 0,
    pauses: [],
    stoppedAt: null,
    ...extra,
  });
  const now = at('2026-03-02T11:00:00+08:00');

  it('adds the working days after the pause day up to the answer day', () => {
    expect(readClock(monday(5), CAL, now).dueOn).toBe('2026-03-09');
    const pause = (from: string, to: string | null) => ({ from: at(from), to: to === null ? null : at(to) });
    const read = (p: ReturnType<typeof pause>, n = now) => readClock(monday(5, { pauses: [p] }), CAL, n);
    // Tue → Thu: Wed and Thu given back.
    expect(read(pause('2026-03-03T10:00:00+08:00', '2026-03-05T15:00:00+08:00')).dueOn).toBe('2026-03-11');
    expect(read(pause('2026-03-03T10:00:00+08:00', '2026-03-05T15:00:00+08:00')).pausedWorkingDays).toBe(2);
    // Same day: nothing.
    expect(read(pause('2026-03-03T09:00:00+08:00', '2026-03-03T17:00:00+08:00')).dueOn).toBe('2026-03-09');
    // Answered on Saturday: counts as received on Monday, like an answer on Monday.
    expect(read(pause('2026-03-06T10:00:00+08:00', '2026-03-07T10:00:00+08:00')).pausedWorkingDays).toBe(1);
    expect(read(pause('2026-03-06T10:00:00+08:00', '2026-03-09T10:00:00+08:00')).pausedWorkingDays).toBe(1);
  });

  it('stands still across Spring Festival while waiting on the enterprise', () => {
    const clock: CaseClock = {
      startedAt: at('2026-02-11T09:00:00+08:00'),
      limitDays: 3,
      extensionDays: 0,
      pauses: [{ from: at('2026-02-12T10:00:00+08:00'), to: at('2026-02-25T09:00:00+08:00') }],
      stoppedAt: null,
    };
    expect(readClock({ ...clock, pauses: [] }, CAL, at('2026-02-12T00:00:00+08:00')).dueOn).toBe('2026-02-14');
    const r = readClock(clock, CAL, at('2026-02-25T10:00:00+08:00'));
    expect(r.pausedWorkingDays).toBe(4); // 13, 14(六), 24, 25
    expect(r.dueOn).toBe('2026-02-27');
  });

  it('is never overdue while it waits, and its projected deadline only grows', () => {
    const waiting = monday(1, { pauses: [{ from: at('2026-03-03T20:00:00+08:00'), to: null }] });
    let last = 0;
    for (const t of ['2026-03-03T21:00:00+08:00', '2026-03-07T12:00:00+08:00', '2026-03-20T12:00:00+08:00']) {
      const r = readClock(waiting, CAL, at(t));
      expect(r).toMatchObject({ paused: true, running: false, overdue: false, dueSoon: false });
      expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(at(t).getTime());
      expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(last);
      last = r.dueAt.getTime();
    }
  });

  it('a pause that begins after the deadline does not cure the overdue case', () => {
    const late = monday(1, {
      pauses: [{ from: at('2026-03-04T00:00:00+08:00'), to: at('2026-03-10T10:00:00+08:00') }],
    });
    const r = readClock(late, CAL, at('2026-03-10T11:00:00+08:00'));
    expect(r.dueOn).toBe('2026-03-03');
    expect(r.pausedWorkingDays).toBe(0);
    expect(r.overdue).toBe(true);
    const open = readClock(
      monday(1, { pauses: [{ from: at('2026-03-04T00:00:00+08:00'), to: null }] }),
      CAL,
      at('2026-03-05'),
    );
    expect(open).toMatchObject({ paused: false, overdue: true });
  });

  it.each([
    // [limit, warning day (the ⌊80 %⌋ + 1-th working day after Monday 2 March)]
    [1, '2026-03-03'],
    [3, '2026-03-05'],
    [5, '2026-03-09'],
    [10, '2026-03-13'],
    [15, '2026-03-19'],
  ])('warns a limit of %i days at 00:00 of %s', (limit, day) => {
    const warnAt = startOfShanghaiDay(day);
    expect(readClock(monday(limit), CAL, now).warnAt.toISOString()).toBe(warnAt.toISOString());
    expect(readClock(monday(limit), CAL, new Date(warnAt.getTime() - 1)).dueSoon).toBe(false);
    expect(readClock(monday(limit), CAL, warnAt).dueSoon).toBe(true);
  });

  it('warns at ⌊80 %⌋ of the working days, never after the due day', () => {
    expect([1, 2, 3, 4, 5, 7, 10, 15].map(warningDays)).toEqual([0, 1, 2, 3, 4, 5, 8, 12]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), (limit, ext) => {
        const r = readClock(monday(limit, { extensionDays: ext }), CAL, now);
        expect(r.warnAt.getTime()).toBeLessThan(r.dueAt.getTime());
        expect(isWorkingDay(shanghaiDay(r.warnAt), CAL)).toBe(true);
        const elapsed = workingDaysBetween('2026-03-02', shanghaiDay(new Date(r.warnAt.getTime() - 1)), CAL);
        expect(elapsed).toBe(Math.floor(((limit + ext) * 4) / 5));
      }),
    );
  });

  it('moves the deadline by the working days of an extension', () => {
    expect(readClock(monday(5, { extensionDays: 2 }), CAL, now).dueOn).toBe('2026-03-11');
  });
});

describe('validateCalendarYear', () => {
  it.each([
    [{ year: 1999, holidays: [], workdays: [] }, 'year', '年份须在 2000 至 2100 之间'],
    [
      { year: 2027, holidays: ['2027-02-30'], workdays: [] },
      'holidays',
      '放假日期「2027-02-30」不是有效日期（格式 YYYY-MM-DD）',
    ],
    [{ year: 2027, holidays: ['2026-10-01'], workdays: [] }, 'holidays', '放假日期「2026-10-01」不属于 2027 年'],
    [{ year: 2027, holidays: ['2027-10-01', '2027-10-01'], workdays: [] }, 'holidays', '放假日期「2027-10-01」重复'],
    [{ year: 2027, holidays: ['2027-02-06'], workdays: ['2027-02-06'] }, 'workdays', '「2027-02-06」不能既放假又上班'],
    [
      { year: 2027, holidays: [], workdays: ['2027-02-08'] },
      'workdays',
      '调休上班日「2027-02-08」应为周六或周日（工作日本就上班）',
    ],
  ])('refuses %j', (entry, field, message) => expect(validateCalendarYear(entry)).toEqual([{ field, message }]));

  it('accepts an empty year (official: no holiday at all)', () =>
    expect(validateCalendarYear({ year: 2027, holidays: [], workdays: [] })).toEqual([]));
});
