import { Injectable } from '@nestjs/common';
import type { LedgerQueryDto, LedgerResponse, PublicStatsFigures, PublicStatsResponse } from '@qsgj/shared/contracts';
import { LEDGER_MAX_DAYS } from '@qsgj/shared/contracts';
import { AuditAction, CASE_SOURCE_LABEL, CASE_TYPE_LABEL, type CaseSource, type CaseType } from '@qsgj/shared/enums';
import { addCalendarDays, calendarDaysBetween, startOfShanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { fieldError } from '../../common/errors/app-exception';
import { AuditService } from '../audit/audit.service';
import { CaseCalendarService } from '../cases/case-calendar.service';
import { seesAll } from '../cases/case.policy';
import { CaseTime } from '../cases/case-time';
import { CaseViewers } from '../cases/case-viewers.service';
import { breakdown, caseFacts, sumFigures, weekOf } from './ledger';
import { attachment, ledgerCsv, ledgerXlsx } from './ledger-export';
import { StatsRepository } from './stats.repository';

/** How long the public figures are kept per process (they may be this many seconds stale). */
export const PUBLIC_STATS_TTL_MS = 30_000;

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
    const rows = await this.stats.ledgerFacts({
      from: startOfShanghaiDay(query.from),
      toExclusive: startOfShanghaiDay(addCalendarDays(query.to, 1)),
      seesAll: all,
      // Outside the centre: their department only (none without one: the comparison with null matches nothing).
      scopeDepartmentId: all ? null : viewer.departmentId,
      departmentId: query.department ?? null,
      butlerId: query.butler ?? null,
      type: query.type ?? null,
      source: query.source ?? null,
    });
    const [calendar, now] = [await this.calendars.calendar(), this.time.now()];
    const facts = rows.map((r) => caseFacts(r, calendar, now));
    return {
      from: query.from,
      to: query.to,
      filters: {
        department: query.department ?? null,
        butler: query.butler ?? null,
        type: query.type ?? null,
        source: query.source ?? null,
      },
      total: sumFigures(facts),
      byDepartment: breakdown(rows, facts, (r) => ({
        key: r.department_id,
        label: r.department_name ?? '未分配部门',
      })),
      byButler: breakdown(rows, facts, (r) => ({ key: r.butler_id, label: r.butler_name ?? '未指派管家' })),
      byType: breakdown(rows, facts, (r) => ({ key: r.type, label: CASE_TYPE_LABEL[r.type as CaseType] ?? r.type })),
      bySource: breakdown(rows, facts, (r) => ({
        key: r.source,
        label: CASE_SOURCE_LABEL[r.source as CaseSource] ?? r.source,
      })),
      byWeek: breakdown(
        rows,
        facts,
        (r) => {
          const monday = weekOf(r.created_at);
          return { key: monday, label: `${monday} 当周` };
        },
        'key',
      ),
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
