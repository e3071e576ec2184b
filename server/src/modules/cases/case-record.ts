import {
  type CaseClock,
  type CaseHistoryEntry,
  type CaseRecord,
  readClock,
  type WorkingCalendar,
} from '@qsgj/shared/rules';
import type { CaseEntity, StoredClock } from './case.entity';
import type { CaseEventEntity } from './case-event.entity';

/**
 * Between the stored row and the pure model of shared/src/rules/cases/model.ts: the server keeps the model's
 * facts (clocks, history) and lets `openCase` / `applyTransition` decide every change.
 */

export function toStoredClock(clock: CaseClock | null): StoredClock | null {
  if (!clock) return null;
  return {
    startedAt: clock.startedAt.toISOString(),
    limitDays: clock.limitDays,
    extensionDays: clock.extensionDays,
    pauses: clock.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to ? p.to.toISOString() : null })),
    stoppedAt: clock.stoppedAt ? clock.stoppedAt.toISOString() : null,
  };
}

export function fromStoredClock(clock: StoredClock | null): CaseClock | null {
  if (!clock) return null;
  return {
    startedAt: new Date(clock.startedAt),
    limitDays: clock.limitDays,
    extensionDays: clock.extensionDays,
    pauses: clock.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
    stoppedAt: clock.stoppedAt ? new Date(clock.stoppedAt) : null,
  };
}

export function toHistoryEntry(e: CaseEventEntity): CaseHistoryEntry {
  return {
    seq: e.seq,
    at: e.at,
    action: e.action,
    actor: e.actorKind,
    actorId: e.actorId,
    from: e.fromState,
    to: e.toState,
    payload: e.payload ?? {},
  };
}

export function toRecord(row: CaseEntity, events: CaseEventEntity[]): CaseRecord {
  return {
    type: row.type,
    state: row.state,
    category: row.category,
    departmentId: row.departmentId,
    butlerId: row.butlerId,
    resolveLimitDays: row.resolveLimitDays,
    acceptClock: fromStoredClock(row.acceptClock),
    resolveClock: fromStoredClock(row.resolveClock),
    nextReviewOn: row.nextReviewOn,
    history: events.map(toHistoryEntry),
  };
}

/** The deadlines of the clocks running now (null when stopped or paused): the indexed copies the queue filters on. */
export function runningDeadlines(
  record: Pick<CaseRecord, 'acceptClock' | 'resolveClock'>,
  calendar: WorkingCalendar,
  now: Date,
): Pick<CaseEntity, 'acceptDueAt' | 'resolveDueAt' | 'resolveWarnAt'> {
  const accept = record.acceptClock && readClock(record.acceptClock, calendar, now);
  const resolve = record.resolveClock && readClock(record.resolveClock, calendar, now);
  return {
    acceptDueAt: accept?.running ? accept.dueAt : null,
    resolveDueAt: resolve?.running ? resolve.dueAt : null,
    resolveWarnAt: resolve?.running ? resolve.warnAt : null,
  };
}

/** Whether a stopped clock stopped after the end of its due day; null while it runs (or without a clock). */
function stoppedLate(clock: CaseClock | null, calendar: WorkingCalendar): boolean | null {
  if (!clock?.stoppedAt) return null;
  return clock.stoppedAt.getTime() > readClock(clock, calendar, clock.stoppedAt).dueAt.getTime();
}

/**
 * The ledger's facts of a case (docs/cases.md "Ledger"; the ledger statement counts them): its first 受理 and last
 * 办结 on the timeline, and whether its stopped clocks stopped in time on `calendar`.
 */
export function ledgerColumns(
  record: Pick<CaseRecord, 'acceptClock' | 'resolveClock' | 'history'>,
  calendar: WorkingCalendar,
): Pick<CaseEntity, 'acceptedAt' | 'resolvedAt' | 'acceptOnTime' | 'resolveLate'> {
  let acceptedAt: Date | null = null;
  let resolvedAt: Date | null = null;
  for (const h of record.history) {
    if (h.action === 'accept' && (acceptedAt === null || h.at.getTime() < acceptedAt.getTime())) acceptedAt = h.at;
    if (h.action === 'resolve' && (resolvedAt === null || h.at.getTime() > resolvedAt.getTime())) resolvedAt = h.at;
  }
  const acceptLate = stoppedLate(record.acceptClock, calendar);
  return {
    acceptedAt,
    resolvedAt,
    acceptOnTime: acceptLate === null ? null : !acceptLate,
    resolveLate: stoppedLate(record.resolveClock, calendar),
  };
}

/** The row's columns that follow the model. */
export function recordColumns(record: CaseRecord, calendar: WorkingCalendar, now: Date): Partial<CaseEntity> {
  return {
    type: record.type,
    state: record.state,
    category: record.category,
    departmentId: record.departmentId,
    butlerId: record.butlerId,
    resolveLimitDays: record.resolveLimitDays,
    acceptClock: toStoredClock(record.acceptClock),
    resolveClock: toStoredClock(record.resolveClock),
    nextReviewOn: record.nextReviewOn,
    ...runningDeadlines(record, calendar, now),
    ...ledgerColumns(record, calendar),
  };
}

/**
 * The `case_events` row of one history line. `actorId` is who is stored on the timeline: null for the enterprise
 * when its member must stay unnamed (a rating), and for the system.
 */
export function toEventRow(
  caseId: string,
  entry: CaseHistoryEntry,
  actorId: string | null,
): Omit<CaseEventEntity, 'id'> {
  return {
    caseId,
    seq: entry.seq,
    actorId,
    actorKind: entry.actor,
    action: entry.action,
    fromState: entry.from,
    toState: entry.to,
    payload: entry.payload,
    at: entry.at,
  };
}
