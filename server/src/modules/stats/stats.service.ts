import { Injectable } from '@nestjs/common';
import type { LedgerQueryDto, LedgerResponse, PublicStatsFigures, PublicStatsResponse } from '@qsgj/shared/contracts';
import { LEDGER_MAX_DAYS } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { addCalendarDays, calendarDaysBetween, shanghaiDay, startOfShanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { fieldError } from '../../common/errors/app-exception';
import { AuditService } from '../audit/audit.service';
import { CaseCalendarService } from '../cases/case-calendar.service';
import { seesAll } from '../cases/case.policy';
import { CaseTime } from '../cases/case-time';
import { CaseViewers } from '../cases/case-viewers.service';
import { breakdowns, SATISFIED_MIN_LEVEL, workingDayIndex } from './ledger';
import { attachment, ledgerCsv, ledgerXlsx } from './ledger-export';
import { type LedgerGroups, StatsRepository } from './stats.repository';

/** How long the public figures are kept per process (they may be this many seconds stale). */
export const PUBLIC_STATS_TTL_MS = 30_000;

/** How far past the later of `to` and today the ledger's working-day index reaches, in calendar days. */
const LEDGER_INDEX_DAYS_AHEAD = 370;

export interface LedgerFile {
  body: Buffer;
  contentType: string;
  disposition: string;
}

/** 工作台账 (staff, within their scope) and the public figures (docs/cases.md "Ledger"). */
@Injectable()
export class StatsService {
  private publicCache: { at: number; value: PublicStatsResponse } | null = null;

  constructor(
    private readonly stats: StatsRepository,
    private readonly viewers: CaseViewers,
    private readonly calendars: CaseCalendarService,
    private readonly time: CaseTime,
    private readonly audit: AuditService,
  ) {}

  async ledger(actor: Actor, query: LedgerQueryDto): Promise<LedgerResponse> {
    const span = calendarDaysBetween(query.from, query.to) + 1;
    if (span < 1) throw fieldError('to', '结束日期不能早于开始日期');
    if (span > LEDGER_MAX_DAYS) throw fieldError('to', `统计区间不能超过${LEDGER_MAX_DAYS}天`);
    const viewer = await this.viewers.of(actor);
    const all = seesAll(viewer);
    const filter = {
      from: startOfShanghaiDay(query.from),
      toExclusive: startOfShanghaiDay(addCalendarDays(query.to, 1)),
      seesAll: all,
      // Outside the centre: their department only (none without one: the comparison with null matches nothing).
      scopeDepartmentId: all ? null : viewer.departmentId,
      departmentId: query.department ?? null,
      butlerId: query.butler ?? null,
      type: query.type ?? null,
      source: query.source ?? null,
    };
    const [calendar, now] = [await this.calendars.calendar(), this.time.now()];
    // The working-day index covers the period and a year past today: every instant of a case (received, 受理,
    // 办结, its clocks) lies in between. Should one lie outside (a clock set ahead), it is counted again on an
    // index that covers it.
    let first = addCalendarDays(query.from, -2);
    let last = addCalendarDays([query.to, shanghaiDay(now)].sort()[1], LEDGER_INDEX_DAYS_AHEAD);
    let result = await this.stats.ledgerGroups(
      filter,
      now,
      workingDayIndex(first, last, calendar),
      SATISFIED_MIN_LEVEL,
    );
    const covered = (r: LedgerGroups) =>
      (r.firstOffset === null || r.firstOffset >= 1) &&
      (r.lastOffset === null || r.lastOffset < calendarDaysBetween(first, last));
    if (!covered(result)) {
      const earlier = Math.min(0, (result.firstOffset ?? 0) - 2);
      const later = Math.max(0, (result.lastOffset ?? 0) + 2 - calendarDaysBetween(first, last));
      [first, last] = [addCalendarDays(first, earlier), addCalendarDays(last, later)];
      result = await this.stats.ledgerGroups(filter, now, workingDayIndex(first, last, calendar), SATISFIED_MIN_LEVEL);
    }
    return {
      from: query.from,
      to: query.to,
      filters: {
        department: query.department ?? null,
        butler: query.butler ?? null,
        type: query.type ?? null,
        source: query.source ?? null,
      },
      ...breakdowns(result.groups),
      generatedAt: now.toISOString(),
    };
  }

  async ledgerFile(
    actor: Actor,
    query: LedgerQueryDto,
    format: 'xlsx' | 'csv',
    meta: RequestMeta,
  ): Promise<LedgerFile> {
    const ledger = await this.ledger(actor, query);
    const body = format === 'xlsx' ? await ledgerXlsx(ledger) : ledgerCsv(ledger);
    await this.audit.record({
      action: AuditAction.LEDGER_EXPORTED,
      actor,
      ...meta,
      targetType: 'ledger',
      details: { format, from: query.from, to: query.to, filters: ledger.filters, received: ledger.total.received },
    });
    const base = `ledger-${query.from}-${query.to}`;
    return {
      body,
      contentType:
        format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      disposition: attachment(`工作台账_${query.from}_${query.to}.${format}`, `${base}.${format}`),
    };
  }

  /** City and per-department counts and satisfaction; cached per process for PUBLIC_STATS_TTL_MS. */
  async publicStats(): Promise<PublicStatsResponse> {
    const at = Date.now();
    if (this.publicCache && at - this.publicCache.at < PUBLIC_STATS_TTL_MS) return this.publicCache.value;
    const rows = await this.stats.publicByDepartment();
    const figures = (r: { received: number; resolved: number; longTerm: number; rated: number; satisfied: number }) =>
      ({
        ...r,
        satisfactionRate: r.rated === 0 ? null : Math.round((r.satisfied / r.rated) * 10_000) / 10_000,
      }) satisfies PublicStatsFigures;
    const sum = (k: 'received' | 'resolved' | 'long_term' | 'rated' | 'satisfied') =>
      rows.reduce((a, r) => a + r[k], 0);
    const value: PublicStatsResponse = {
      city: figures({
        received: sum('received'),
        resolved: sum('resolved'),
        longTerm: sum('long_term'),
        rated: sum('rated'),
        satisfied: sum('satisfied'),
      }),
      departments: rows
        .filter((r) => r.department_id !== null)
        .map((r) => ({
          name: r.department_name ?? '',
          ...figures({
            received: r.received,
            resolved: r.resolved,
            longTerm: r.long_term,
            rated: r.rated,
            satisfied: r.satisfied,
          }),
        })),
      generatedAt: new Date(at).toISOString(),
    };
    this.publicCache = { at, value };
    return value;
  }
}
