import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarYearDto, CalendarYearResponse } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { type CalendarYear, validateCalendarYear, type WorkingCalendar } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { fromStoredClock, runningDeadlines } from './case-record';
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
   * are recomputed in the same transaction, so the queue's overdue and due-soon filters follow at once.
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
      await change.audit(
        AuditAction.CALENDAR_UPDATED,
        { type: 'calendar', id: String(year) },
        {
          before: before ? { holidays: before.holidays, workdays: before.workdays } : null,
          after: { holidays: entry.holidays, workdays: entry.workdays },
          openCasesRecomputed: open.length,
        },
      );
      return toResponse(year, await this.years.findYear(year, m));
    });
  }

  private parseYear(text: string): number {
    if (!YEAR.test(text)) throw fieldError('year', '年份格式错误（四位数字）');
    const year = Number(text);
    const problem = validateCalendarYear({ year, holidays: [], workdays: [] })[0];
    if (problem) throw fieldError('year', problem.message);
    return year;
  }
}
