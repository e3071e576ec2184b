import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarYearDto, CalendarYearResponse } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { type CalendarYear, startOfShanghaiDay, validateCalendarYear, type WorkingCalendar } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { CaseEntity } from './case.entity';
import { fromStoredClock, ledgerColumns, runningDeadlines } from './case-record';
import { CaseTime } from './case-time';
import { CasesRepository } from './cases.repository';
import type { WorkingCalendarEntity } from './working-calendar.entity';
import { WorkingCalendarRepository } from './working-calendar.repository';

const YEAR = /^\d{4}$/;

function toResponse(year: number, row: WorkingCalendarEntity | null): CalendarYearResponse {
  return {
    year,
    holidays: row?.holidays ?? [],
    workdays: row?.workdays ?? [],
    official: row !== null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** The working calendar: what every deadline is computed on, and the admin's editor of it. */
@Injectable()
export class CaseCalendarService {
  constructor(
    private readonly years: WorkingCalendarRepository,
    private readonly cases: CasesRepository,
    private readonly changes: Changes,
    private readonly time: CaseTime,
  ) {}

  /** The whole calendar as the rules take it (a year without a row counts weekends only). */
  async calendar(manager?: EntityManager): Promise<WorkingCalendar> {
    return (await this.years.listAll(manager)).map((r): CalendarYear => ({
      year: r.year,
      holidays: r.holidays,
      workdays: r.workdays,
    }));
  }

  async getYear(yearText: string): Promise<CalendarYearResponse> {
    const year = this.parseYear(yearText);
    return toResponse(year, await this.years.findYear(year));
  }

  /**
   * Enters a year's official schedule (the State Council publishes it late). Every open case's stored deadlines
   * are recomputed in the same transaction, so the queue's overdue and due-soon filters follow at once; so are the
   * ledger's on-time facts of the cases whose clocks stopped (`restampLedgerFacts`).
   */
  putYear(actor: Actor, yearText: string, dto: CalendarYearDto, meta: RequestMeta): Promise<CalendarYearResponse> {
    const year = this.parseYear(yearText);
    const entry: CalendarYear = { year, holidays: [...dto.holidays].sort(), workdays: [...dto.workdays].sort() };
    const problems = validateCalendarYear(entry);
    if (problems.length > 0) throw new AppException('VALIDATION_FAILED', problems, undefined, problems[0].message);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const before = await this.years.findYear(year, m);
      await this.years.upsert({ ...entry, updatedBy: actor.id }, m);
      const calendar = await this.calendar(m);
      const now = this.time.now();
      const open = await this.cases.listOpen(m);
      for (const c of open) {
        const clocks = { acceptClock: fromStoredClock(c.acceptClock), resolveClock: fromStoredClock(c.resolveClock) };
        await this.cases.update(c.id, runningDeadlines(clocks, calendar, now), m);
      }
      const ledgerRestamped = await this.restampLedgerFacts(year, calendar, m);
      await change.audit(
        AuditAction.CALENDAR_UPDATED,
        { type: 'calendar', id: String(year) },
        {
          before: before ? { holidays: before.holidays, workdays: before.workdays } : null,
          after: { holidays: entry.holidays, workdays: entry.workdays },
          openCasesRecomputed: open.length,
          ledgerFactsRecomputed: ledgerRestamped,
        },
      );
      return toResponse(year, await this.years.findYear(year, m));
    });
  }

  /**
   * The ledger's on-time facts (`accept_on_time`, `resolve_late`) are read on the calendar, so they follow a change of
   * `year` (docs/cases.md "Ledger"). Only a clock that started before the year ended and stopped after it began can
   * read differently (its working days before the year are unchanged, and one stopped earlier was judged before
   * any day of the year). Stored instants are ISO 8601 in UTC (`toStoredClock`), so they compare as text. Returns
   * how many cases changed (usually none: a year is entered before it starts).
   */
  private async restampLedgerFacts(year: number, calendar: WorkingCalendar, m: EntityManager): Promise<number> {
    const from = startOfShanghaiDay(`${year}-01-01`);
    const until = startOfShanghaiDay(`${year + 1}-01-01`);
    const rows = await m
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.acceptClock', 'c.resolveClock', 'c.acceptOnTime', 'c.resolveLate'])
      .where('c.createdAt < :until', { until })
      .andWhere(`(c.accept_clock->>'stoppedAt' >= :from OR c.resolve_clock->>'stoppedAt' >= :from)`, {
        from: from.toISOString(),
      })
      .getMany();
    let changed = 0;
    for (const c of rows) {
      const { acceptOnTime, resolveLate } = ledgerColumns(
        { acceptClock: fromStoredClock(c.acceptClock), resolveClock: fromStoredClock(c.resolveClock), history: [] },
        calendar,
      );
      if (acceptOnTime === c.acceptOnTime && resolveLate === c.resolveLate) continue;
      await this.cases.update(c.id, { acceptOnTime, resolveLate }, m);
      changed += 1;
    }
    return changed;
  }

  private parseYear(text: string): number {
    if (!YEAR.test(text)) throw fieldError('year', '年份格式错误（四位数字）');
    const year = Number(text);
    const problem = validateCalendarYear({ year, holidays: [], workdays: [] })[0];
    if (problem) throw fieldError('year', problem.message);
    return year;
  }
}
