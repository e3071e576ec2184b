import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyTransition, DEFAULT_CASE_LIMITS, readClock, type WorkingCalendar } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import type { CaseEntity } from './case.entity';
import { CaseCalendarService } from './case-calendar.service';
import { CaseEventsRepository } from './case-events.repository';
import { caseTransitionNotice } from './case-notices';
import { CaseWriter } from './case-writer.service';
import { fromStoredClock, toRecord } from './case-record';
import { type AlertKind, CaseSweepRepository, type SweepClock } from './case-sweep.repository';
import { caseDeadlineNotice } from './case-sweep-notices';
import { CasesRepository } from './cases.repository';

/** Cases looked at per clock and kind in one sweep; the rest wait for the next. */
export const SWEEP_BATCH = 200;
const DAY_MS = 86_400_000;

export interface SweepResult {
  warnings: number;
  overdue: number;
  closed: number;
}

/**
 * The sweep's clock: the database's now(), never the process's, so several processes compare deadlines with
 * one clock. A provider of its own so medium tests can stand the sweep on a chosen instant.
 */
@Injectable()
export class CaseSweepClock {
  constructor(private readonly repo: CaseSweepRepository) {}

  now(): Promise<Date> {
    return this.repo.databaseNow();
  }
}

/**
 * The deadline sweep (docs/cases.md, "Sweep"), run every CASE_SWEEP_MS in every process:
 * - 80 % warning of a running accept or resolve clock: the assigned butler in post, else the department's
 *   supervisors (else its butlers);
 * - overdue escalation: the department's supervisors (else the admins);
 * - auto-close of a case resolved CASE_AUTO_CLOSE_DAYS ago and still unrated: the shared `close` by `system`.
 * Each is claimed in the database in the transaction that sends it — a `case_deadline_alerts` row inserted with
 * ON CONFLICT DO NOTHING (alerts), the case row taken with FOR UPDATE SKIP LOCKED and its state rechecked
 * (close) — so with several processes on one database each is done once.
 */
@Injectable()
export class CaseSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CaseSweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly writer: CaseWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CaseSweepRepository,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly calendars: CaseCalendarService,
    private readonly notifications: NotificationService,
    private readonly changes: Changes,
    private readonly clock: CaseSweepClock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.CASE_SWEEP_MS);
    this.timer.unref();
  }

  /** Stop the timer and let a sweep in flight finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return; // one sweep at a time per process
    this.running = this.sweepOnce()
      .catch((e: Error) => this.logger.warn({ reason: e.message }, 'Case sweep failed'))
      .finally(() => (this.running = null));
  }

  /** One sweep at the database's now. */
  async sweepOnce(): Promise<SweepResult> {
    const now = await this.clock.now();
    const calendar = await this.calendars.calendar();
    const result: SweepResult = { warnings: 0, overdue: 0, closed: 0 };
    for (const clock of ['accept', 'resolve'] as const) {
      for (const kind of ['overdue', 'warning'] as const) {
        for (const id of await this.repo.candidates(clock, kind, now, SWEEP_BATCH)) {
          if (this.stopped) return result;
          if (await this.alert(id, clock, kind, now, calendar)) result[kind === 'warning' ? 'warnings' : 'overdue']++;
        }
      }
    }
    const cutoff = new Date(now.getTime() - this.config.CASE_AUTO_CLOSE_DAYS * DAY_MS);
    for (const id of await this.repo.unratedResolved(cutoff, SWEEP_BATCH)) {
      if (this.stopped) return result;
      if (await this.autoClose(id, now, cutoff, calendar)) result.closed++;
    }
    return result;
  }

  /** Rechecks the clock on the locked row with `readClock`, claims the alert, and notifies — all in one transaction. */
  private alert(id: string, clock: SweepClock, kind: AlertKind, now: Date, calendar: WorkingCalendar) {
    return this.changes.run({ actor: null }, async (change) => {
      const m = change.manager;
      const row = await this.repo.lockOrSkip(id, m);
      if (!row) return false;
      const facts = fromStoredClock(clock === 'accept' ? row.acceptClock : row.resolveClock);
      if (!facts) return false;
      const reading = readClock(facts, calendar, now);
      if (!reading.running) return false;
      if (kind === 'overdue' && !reading.overdue) return false;
      if (kind === 'warning' && !reading.dueSoon) return false;
      const recipients = await this.recipients(row, kind, m);
      const claimed = await this.repo.claim(
        {
          caseId: id,
          clock,
          kind,
          clockStartedAt: facts.startedAt,
          dueAt: reading.dueAt,
          recipients: recipients.length,
          at: now,
        },
        m,
      );
      if (!claimed) return false;
      const notice = { id, number: row.number, type: row.type };
      for (const userId of recipients) {
        await this.notifications.notify(m, caseDeadlineNotice(userId, notice, clock, kind, reading.dueAt, now));
      }
      return true;
    });
  }

  /** Warning: the assigned butler in post, else the department's supervisors, else its butlers. Overdue: the supervisors, else the admins. */
  private async recipients(row: CaseEntity, kind: AlertKind, m: EntityManager): Promise<string[]> {
    if (kind === 'warning') {
      if (row.butlerId && (await this.repo.inPost(row.butlerId, m))) return [row.butlerId];
      if (!row.departmentId) return [];
      const leads = await this.repo.staffOfDepartment(row.departmentId, 'supervisor', m);
      return leads.length > 0 ? leads : this.repo.staffOfDepartment(row.departmentId, 'butler', m);
    }
    const leads = row.departmentId ? await this.repo.staffOfDepartment(row.departmentId, 'supervisor', m) : [];
    return leads.length > 0 ? leads : this.repo.admins(m);
  }

  /**
   * A resolved case still unrated at the cutoff: the shared `close` by `system`, counted as unrated (the timeline
   * line, the audit row, the enterprise's notice). SKIP LOCKED: a rating in progress, or another process's
   * sweep, has the row — it is left to them.
   */
  private autoClose(id: string, now: Date, cutoff: Date, calendar: WorkingCalendar) {
    return this.changes.run({ actor: null }, async (change) => {
      const m = change.manager;
      const row = await this.repo.lockOrSkip(id, m);
      if (!row || row.state !== 'resolved') return false;
      const events = await this.events.listForCase(id, m);
      const resolvedAt = events.filter((e) => e.action === 'resolve').at(-1)?.at;
      if (!resolvedAt || resolvedAt.getTime() > cutoff.getTime()) return false;
      const days = this.config.CASE_AUTO_CLOSE_DAYS;
      const applied = applyTransition(
        toRecord(row, events),
        {
          action: 'close',
          actor: { kind: 'system', id: null },
          at: now,
          payload: { reason: `办结后${days}日内未评价，系统自动完结（计为未评价）` },
        },
        { calendar, limits: DEFAULT_CASE_LIMITS },
      );
      if (!applied.ok) {
        this.logger.warn({ caseId: id, code: applied.code }, 'Auto-close refused');
        return false;
      }
      const { entry, record } = applied;
      await this.writer.write(change, row, applied, calendar, { actorId: null, audit: { unrated: true } });
      const recipient = row.submitterId ?? (await this.cases.enterpriseOwner(row.enterpriseId, m));
      if (recipient) {
        await this.notifications.notify(
          m,
          caseTransitionNotice(recipient, { id, number: row.number, type: record.type }, 'close', entry.to, entry.at),
        );
      }
      return true;
    });
  }
}

/** What cases.module.ts provides for the sweep (one line there). */
export const CASE_SWEEP_PROVIDERS = [CaseSweepRepository, CaseSweepClock, CaseSweepService];
