import type { CaseAction, CaseActorKind, CaseState, CaseType } from '../../enums';
import { type CaseClock, readClock } from './clock';
import {
  type CaseActor,
  type CaseRefusal,
  type CaseTransitionPayload,
  type CaseView,
  CASE_PAYLOAD_FIELDS,
  validateTransition,
} from './transitions';
import type { WorkingCalendar } from './working-days';

/** Time limits in working days, configurable per type by admins. */
export interface CaseLimits {
  /** To accept (受理) a submitted case. */
  acceptDays: number;
  /** To resolve (办结), counted from submission. A service application uses its package's limit instead. */
  resolveDays: Record<CaseType, number>;
}

/** The defaults of product.md: accept within 1 working day; resolve a consultation in 3, the rest in 5 ("1515"). */
export const DEFAULT_CASE_LIMITS: CaseLimits = {
  acceptDays: 1,
  resolveDays: { consult: 3, complaint: 5, service: 5, appeal: 5 },
};

/** One line of a case's history: who did what, when, why. The first line is the creation. */
export interface CaseHistoryEntry {
  seq: number;
  at: Date;
  action: CaseAction | 'create';
  actor: CaseActorKind;
  actorId: string | null;
  from: CaseState | null;
  to: CaseState;
  /** The payload fields given (reason, plan, next review date …), exactly as recorded. */
  payload: CaseTransitionPayload;
}

/** The pure model of a case: what the server keeps in its row plus its history. */
export interface CaseRecord {
  type: CaseType;
  state: CaseState;
  category: string | null;
  departmentId: string | null;
  butlerId: string | null;
  /** This case's resolve limit in working days (its type's, or its service package's), used when its clock starts. */
  resolveLimitDays: number;
  /** Null until the case reaches a department (after the content check). */
  acceptClock: CaseClock | null;
  resolveClock: CaseClock | null;
  /** Long-term cases: the next review (YYYY-MM-DD). */
  nextReviewOn: string | null;
  history: CaseHistoryEntry[];
}

export interface CaseDeadlines {
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  resolveWarnAt: Date | null;
  /** The resolve clock stands still (补充材料). */
  paused: boolean;
  /** Either clock overdue (running past its deadline, or stopped after it). */
  overdue: boolean;
  /** Years without official calendar data that a deadline runs through. */
  estimatedYears: number[];
}

export interface CaseContext {
  calendar: WorkingCalendar;
  limits: CaseLimits;
}

function startClocks(record: CaseRecord, at: Date, limits: CaseLimits): CaseRecord {
  const clock = (limitDays: number): CaseClock => ({
    startedAt: at,
    limitDays,
    extensionDays: 0,
    pauses: [],
    stoppedAt: null,
  });
  return { ...record, acceptClock: clock(limits.acceptDays), resolveClock: clock(record.resolveLimitDays) };
}

const stop = (clock: CaseClock | null, at: Date): CaseClock | null =>
  clock && clock.stoppedAt === null ? { ...clock, stoppedAt: at } : clock;

function clean(payload: CaseTransitionPayload): CaseTransitionPayload {
  const out: Record<string, unknown> = {};
  for (const f of CASE_PAYLOAD_FIELDS) {
    const v = payload[f];
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''))
      out[f] = typeof v === 'string' ? v.trim() : v;
  }
  return out as CaseTransitionPayload;
}

/** The deadlines of a case at `now`. */
export function caseDeadlines(record: CaseRecord, calendar: WorkingCalendar, now: Date): CaseDeadlines {
  const accept = record.acceptClock && readClock(record.acceptClock, calendar, now);
  const resolve = record.resolveClock && readClock(record.resolveClock, calendar, now);
  return {
    acceptDueAt: accept?.dueAt ?? null,
    resolveDueAt: resolve?.dueAt ?? null,
    resolveWarnAt: resolve?.warnAt ?? null,
    paused: resolve?.paused ?? false,
    overdue: Boolean(accept?.overdue || resolve?.overdue),
    estimatedYears: [...new Set([...(accept?.estimatedYears ?? []), ...(resolve?.estimatedYears ?? [])])],
  };
}

/** What the rules see of a record at `now` (the resolve clock's overdue flag included). */
export function viewOf(record: CaseRecord, calendar: WorkingCalendar, now: Date): CaseView {
  const resolve = record.resolveClock && readClock(record.resolveClock, calendar, now);
  return {
    state: record.state,
    type: record.type,
    category: record.category,
    departmentId: record.departmentId,
    butlerId: record.butlerId,
    overdue: resolve?.overdue ?? false,
  };
}

export interface OpenCase {
  type: CaseType;
  at: Date;
  actor: CaseActor;
  /** The content check said `review` or failed: the case waits in `pending_check`, clocks not started. */
  pendingCheck: boolean;
  category?: string | null;
  departmentId?: string | null;
  butlerId?: string | null;
  /** A service application's package limit, instead of `limits.resolveDays.service`. */
  resolveDays?: number;
}

/** A new case and its first history line. Submitted cases start both clocks at once. */
export function openCase(input: OpenCase, ctx: CaseContext): CaseRecord {
  const state: CaseState = input.pendingCheck ? 'pending_check' : 'submitted';
  let record: CaseRecord = {
    type: input.type,
    state,
    category: input.category ?? null,
    departmentId: input.departmentId ?? null,
    butlerId: input.butlerId ?? null,
    resolveLimitDays: input.resolveDays ?? ctx.limits.resolveDays[input.type],
    acceptClock: null,
    resolveClock: null,
    nextReviewOn: null,
    history: [
      {
        seq: 1,
        at: input.at,
        action: 'create',
        actor: input.actor.kind,
        actorId: input.actor.id ?? null,
        from: null,
        to: state,
        payload: {},
      },
    ],
  };
  if (state === 'submitted') record = startClocks(record, input.at, ctx.limits);
  return record;
}

export type AppliedTransition =
  { ok: true; record: CaseRecord; entry: CaseHistoryEntry; deadlines: CaseDeadlines } | CaseRefusal;

/**
 * Applies one transition: `validateTransition`, then its effects on the clocks. The moment is never earlier than the
 * last history line's (a clock skew between servers cannot reorder history). Effects:
 * - clear_check starts both clocks; accept stops the accept clock; reject stops both;
 * - transfer restarts the accept clock for the new department (its deadline only moves later) and leaves the resolve clock running;
 * - convert keeps the start and takes the longer of the two types' resolve limits (a deadline never moves earlier);
 * - request_info pauses the resolve clock; supplement / resume end the pause; extend adds working days;
 * - long_term stops the resolve clock (the next review date takes over); resolve stops it.
 */
export function applyTransition(
  record: CaseRecord,
  request: { action: CaseAction; actor: CaseActor; at: Date; payload?: CaseTransitionPayload },
  ctx: CaseContext,
): AppliedTransition {
  const last = record.history[record.history.length - 1];
  const at = last && request.at.getTime() < last.at.getTime() ? last.at : request.at;
  const payload = request.payload ?? {};
  const check = validateTransition(viewOf(record, ctx.calendar, at), request.actor, request.action, payload, at);
  if (!check.ok) return check;
  const recorded = clean(payload);
  let next: CaseRecord = { ...record, state: check.to };
  switch (request.action) {
    case 'clear_check':
      next = startClocks(next, at, ctx.limits);
      break;
    case 'accept':
      next.acceptClock = stop(next.acceptClock, at);
      if (recorded.category) next.category = recorded.category;
      break;
    case 'reject':
      next.acceptClock = stop(next.acceptClock, at);
      next.resolveClock = stop(next.resolveClock, at);
      break;
    case 'transfer':
      next.departmentId = recorded.departmentId ?? null;
      next.butlerId = null;
      next.acceptClock = {
        startedAt: at,
        limitDays: ctx.limits.acceptDays,
        extensionDays: 0,
        pauses: [],
        stoppedAt: null,
      };
      break;
    case 'assign':
      next.butlerId = recorded.butlerId ?? null;
      break;
    case 'convert': {
      const toType = recorded.toType as CaseType;
      next.type = toType;
      next.resolveLimitDays = Math.max(next.resolveLimitDays, ctx.limits.resolveDays[toType]);
      if (next.resolveClock) next.resolveClock = { ...next.resolveClock, limitDays: next.resolveLimitDays };
      break;
    }
    case 'request_info':
      if (next.resolveClock && next.resolveClock.stoppedAt === null) {
        next.resolveClock = { ...next.resolveClock, pauses: [...next.resolveClock.pauses, { from: at, to: null }] };
      }
      break;
    case 'supplement':
    case 'resume':
      if (next.resolveClock) {
        next.resolveClock = {
          ...next.resolveClock,
          pauses: next.resolveClock.pauses.map((p) => (p.to === null ? { ...p, to: at } : p)),
        };
      }
      break;
    case 'extend':
      if (next.resolveClock) {
        next.resolveClock = {
          ...next.resolveClock,
          extensionDays: next.resolveClock.extensionDays + (recorded.extensionDays ?? 0),
        };
      }
      break;
    case 'long_term':
    case 'review':
      next.resolveClock = stop(next.resolveClock, at);
      next.nextReviewOn = recorded.nextReviewOn ?? null;
      break;
    case 'resolve':
      next.resolveClock = stop(next.resolveClock, at);
      next.nextReviewOn = null;
      break;
    case 'rate':
    case 'close':
      break;
  }
  const entry: CaseHistoryEntry = {
    seq: record.history.length + 1,
    at,
    action: request.action,
    actor: request.actor.kind,
    actorId: request.actor.id ?? null,
    from: record.state,
    to: check.to,
    payload: recorded,
  };
  next.history = [...record.history, entry];
  return { ok: true, record: next, entry, deadlines: caseDeadlines(next, ctx.calendar, at) };
}
