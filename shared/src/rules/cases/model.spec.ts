import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CaseAction, CaseActorKind, CaseType } from '../../enums';
import { calendarFromChineseDays } from './calendar';
import {
  applyTransition,
  caseDeadlines,
  type CaseContext,
  type CaseDeadlines,
  type CaseRecord,
  DEFAULT_CASE_LIMITS,
  openCase,
  viewOf,
} from './model';
import {
  allowedActions,
  CASE_ACTION_FIELDS,
  CASE_ACTIONS,
  CASE_ACTOR_KINDS,
  CASE_CONVERT_TARGETS,
  CASE_STATES,
  CASE_TYPES,
  type CaseTransitionPayload,
  requiredFields,
} from './transitions';
import { addCalendarDays, endOfShanghaiDay, shanghaiDay } from './working-days';

const CAL = calendarFromChineseDays(
  JSON.parse(
    readFileSync(join(__dirname, '../../../../server/node_modules/chinese-days/dist/chinese-days.json'), 'utf8'),
  ),
);
const CTX: CaseContext = { calendar: CAL, limits: DEFAULT_CASE_LIMITS };
const at = (iso: string) => new Date(iso);
const due = (day: string) => endOfShanghaiDay(day).toISOString();

describe('a complaint over National Day 2026', () => {
  it('accepts, waits on the enterprise, resumes and resolves with the deadlines the rules give', () => {
    let record = openCase(
      {
        type: 'complaint',
        at: at('2026-09-29T10:00:00+08:00'),
        actor: { kind: 'enterprise', id: 'u1' },
        pendingCheck: false,
        departmentId: 'd1',
      },
      CTX,
    );
    expect(caseDeadlines(record, CAL, at('2026-09-29T10:00:00+08:00'))).toMatchObject({
      acceptDueAt: new Date(due('2026-09-30')),
      resolveDueAt: new Date(due('2026-10-12')), // 30, 8, 9, 10(六), 12
      resolveWarnAt: at('2026-10-12T00:00:00+08:00'),
    });
    const step = (action: CaseAction, kind: CaseActorKind, when: string, payload: CaseTransitionPayload = {}) => {
      const r = applyTransition(record, { action, actor: { kind, id: 'x' }, at: at(when), payload }, CTX);
      if (!r.ok) throw new Error(r.message);
      record = r.record;
      return r;
    };
    step('accept', 'butler', '2026-09-30T09:00:00+08:00', { category: 'tax' });
    const asked = step('request_info', 'butler', '2026-09-30T15:00:00+08:00', { reason: '请补充合同扫描件' });
    expect(asked.deadlines.paused).toBe(true);
    expect(asked.deadlines.overdue).toBe(false);
    const answered = step('supplement', 'enterprise', '2026-10-09T11:00:00+08:00', { reason: '已上传合同' });
    // Paused from 30 Sep to 9 Oct: 8 and 9 Oct given back.
    expect(answered.deadlines.resolveDueAt).toEqual(new Date(due('2026-10-14')));
    expect(answered.deadlines.paused).toBe(false);
    const done = step('resolve', 'butler', '2026-10-13T16:00:00+08:00', { result: '已协调退还多缴税款' });
    expect(done.deadlines).toMatchObject({ overdue: false, resolveDueAt: new Date(due('2026-10-14')) });
    step('rate', 'enterprise', '2026-10-14T09:00:00+08:00');
    expect(record.state).toBe('closed');
    expect(record.category).toBe('tax');
    expect(record.history.map((h) => `${h.action}:${h.from ?? '-'}>${h.to}`)).toEqual([
      'create:->submitted',
      'accept:submitted>accepted',
      'request_info:accepted>awaiting_enterprise',
      'supplement:awaiting_enterprise>accepted',
      'resolve:accepted>resolved',
      'rate:resolved>closed',
    ]);
    expect(record.history[2].payload).toEqual({ reason: '请补充合同扫描件' });
  });

  it('a consultation turned into a complaint keeps its start and takes the longer limit; a transfer restarts only the accept clock', () => {
    let record = openCase(
      {
        type: 'consult',
        at: at('2026-02-12T10:00:00+08:00'),
        actor: { kind: 'enterprise' },
        pendingCheck: true,
        departmentId: 'd1',
      },
      CTX,
    );
    expect(caseDeadlines(record, CAL, at('2026-02-12T10:00:00+08:00'))).toMatchObject({
      acceptDueAt: null,
      resolveDueAt: null,
    });
    const step = (action: CaseAction, kind: CaseActorKind, when: string, payload: CaseTransitionPayload = {}) => {
      const r = applyTransition(record, { action, actor: { kind }, at: at(when), payload }, CTX);
      if (!r.ok) throw new Error(r.message);
      record = r.record;
      return r.deadlines;
    };
    // The check clears on Friday 13: the clocks start then. 3 working days: 14(六), 24, 25.
    expect(step('clear_check', 'centre', '2026-02-13T09:00:00+08:00').resolveDueAt).toEqual(
      new Date(due('2026-02-25')),
    );
    expect(step('convert', 'butler', '2026-02-13T10:00:00+08:00', { toType: 'complaint' })).toMatchObject({
      resolveDueAt: new Date(due('2026-02-27')), // 5 working days: 14, 24, 25, 26, 27
      acceptDueAt: new Date(due('2026-02-14')),
    });
    expect(record.type).toBe('complaint');
    const moved = step('transfer', 'butler', '2026-02-14T11:00:00+08:00', {
      departmentId: 'd2',
      reason: '属市场监管职责',
    });
    expect(moved).toMatchObject({
      acceptDueAt: new Date(due('2026-02-24')),
      resolveDueAt: new Date(due('2026-02-27')),
    });
    expect(record).toMatchObject({ state: 'submitted', departmentId: 'd2', butlerId: null });
  });

  it('converting never shortens the limit, even where an admin set the new type’s shorter', () => {
    const ctx: CaseContext = {
      calendar: CAL,
      limits: { acceptDays: 1, resolveDays: { consult: 5, complaint: 3, service: 5, appeal: 2 } },
    };
    const record = openCase(
      { type: 'consult', at: at('2026-03-02T10:00:00+08:00'), actor: { kind: 'enterprise' }, pendingCheck: false },
      ctx,
    );
    const r = applyTransition(
      record,
      {
        action: 'convert',
        actor: { kind: 'butler' },
        at: at('2026-03-02T11:00:00+08:00'),
        payload: { toType: 'complaint' },
      },
      ctx,
    );
    expect(r.ok && r.deadlines.resolveDueAt).toEqual(new Date(due('2026-03-09')));
    expect(r.ok && r.record.resolveLimitDays).toBe(5);
  });

  it('uses a service package’s own limit, also when the clocks start after the content check', () => {
    const record = openCase(
      {
        type: 'service',
        at: at('2026-03-02T10:00:00+08:00'),
        actor: { kind: 'enterprise' },
        pendingCheck: true,
        resolveDays: 10,
      },
      CTX,
    );
    const r = applyTransition(
      record,
      { action: 'clear_check', actor: { kind: 'system' }, at: at('2026-03-02T11:00:00+08:00') },
      CTX,
    );
    expect(r.ok && r.deadlines.resolveDueAt).toEqual(new Date(due('2026-03-16')));
  });

  it('refuses an extension once overdue, and extends before', () => {
    const record = openCase(
      { type: 'consult', at: at('2026-03-02T10:00:00+08:00'), actor: { kind: 'enterprise' }, pendingCheck: false },
      CTX,
    );
    const accepted = applyTransition(
      record,
      {
        action: 'accept',
        actor: { kind: 'butler' },
        at: at('2026-03-02T11:00:00+08:00'),
        payload: { category: 'tax' },
      },
      CTX,
    );
    if (!accepted.ok) throw new Error(accepted.message);
    const extend = (when: string) =>
      applyTransition(
        accepted.record,
        {
          action: 'extend',
          actor: { kind: 'supervisor' },
          at: at(when),
          payload: { extensionDays: 2, reason: '需会商' },
        },
        CTX,
      );
    const inTime = extend('2026-03-05T23:59:59.999+08:00');
    expect(inTime.ok && inTime.deadlines.resolveDueAt).toEqual(new Date(due('2026-03-09')));
    expect(extend('2026-03-06T00:00:00+08:00')).toMatchObject({ ok: false, code: 'ALREADY_OVERDUE' });
  });
});

// ---------------------------------------------------------------- property: random action sequences

interface Step {
  /** Take one of the allowed actions (index into them), or any action at all. */
  mode: 'allowed' | 'any';
  pick: number;
  /** Independent of `pick`: whether a rarely-taken action may be taken this time. */
  roll: number;
  action: CaseAction;
  actor: CaseActorKind;
  /** Up to 4 days later; sometimes a little earlier (server clocks disagree). */
  deltaMs: number;
  /** Drop a required field or add one the action does not take. */
  spoil: 'none' | 'drop' | 'extra';
  extensionDays: number;
  reviewInDays: number;
  toType: CaseType;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  mode: fc.constantFrom<Step['mode']>('allowed', 'allowed', 'allowed', 'any'),
  pick: fc.nat(),
  roll: fc.nat({ max: 11 }),
  action: fc.constantFrom(...CASE_ACTIONS),
  actor: fc.constantFrom(...CASE_ACTOR_KINDS),
  deltaMs: fc.oneof(fc.integer({ min: 0, max: 4 * 86_400_000 }), fc.integer({ min: -60_000, max: 0 })),
  spoil: fc.constantFrom<Step['spoil']>('none', 'none', 'none', 'drop', 'extra'),
  extensionDays: fc.integer({ min: 1, max: 15 }),
  reviewInDays: fc.integer({ min: 1, max: 60 }),
  toType: fc.constantFrom(...CASE_CONVERT_TARGETS),
});

function payloadFor(
  record: CaseRecord,
  action: CaseAction,
  kind: CaseActorKind,
  now: Date,
  s: Step,
): CaseTransitionPayload {
  const value: Required<CaseTransitionPayload> = {
    reason: '理由',
    result: '办理结果',
    plan: '推进计划',
    nextReviewOn: addCalendarDays(shanghaiDay(now), s.reviewInDays),
    departmentId: record.departmentId === 'd1' ? 'd2' : 'd1',
    // A butler takes the case for themselves (认领); others assign someone new.
    butlerId: kind === 'butler' ? `${kind}-1` : record.butlerId === 'b-7' ? 'b-8' : 'b-7',
    extensionDays: s.extensionDays,
    toType: s.toType,
    category: 'tax',
  };
  const fields = [...new Set([...requiredFields(record, action)])];
  const payload: CaseTransitionPayload = Object.fromEntries(fields.map((f) => [f, value[f]]));
  if (s.spoil === 'drop' && fields.length > 0) delete payload[fields[0]];
  if (s.spoil === 'extra') {
    const extra = (Object.keys(value) as (keyof CaseTransitionPayload)[]).find(
      (f) => !(f in CASE_ACTION_FIELDS[action]) && !fields.includes(f),
    );
    if (extra) (payload as Record<string, unknown>)[extra] = value[extra];
  }
  return payload;
}

/** A plain check (jest's expect is too slow for thousands of checks per property run). */
function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

function checkHistory(record: CaseRecord): void {
  const h = record.history;
  assert(h[0].seq === 1 && h[0].action === 'create' && h[0].from === null, 'the first line is the creation');
  for (let i = 1; i < h.length; i++) {
    assert(h[i].seq === i + 1, `seq ${i + 1}`);
    assert(h[i].from === h[i - 1].to, `line ${i + 1} starts where line ${i} ended`);
    assert(h[i].at.getTime() >= h[i - 1].at.getTime(), `line ${i + 1} is not earlier than line ${i}`);
    assert(CASE_ACTIONS.includes(h[i].action as CaseAction), `line ${i + 1} names an action`);
    // Every "why" the action requires is on record.
    for (const [f, r] of Object.entries(CASE_ACTION_FIELDS[h[i].action as CaseAction])) {
      if (r === 'required')
        assert(typeof (h[i].payload as Record<string, unknown>)[f] !== 'undefined', `line ${i + 1} records ${f}`);
    }
  }
  assert(h[h.length - 1].to === record.state, 'the last line ends in the current state');
}

function checkClocks(record: CaseRecord): void {
  const { state, acceptClock, resolveClock } = record;
  assert(CASE_STATES.includes(state), `valid state ${state}`);
  if (state === 'pending_check') {
    assert(acceptClock === null && resolveClock === null, 'no clock runs before the content check');
    return;
  }
  if (resolveClock === null) {
    assert(state === 'rejected', 'only a case rejected at the content check has no clock');
    return;
  }
  const open = resolveClock.pauses.filter((p) => p.to === null).length;
  assert(
    open === (state === 'awaiting_enterprise' ? 1 : 0),
    `one open pause exactly while awaiting the enterprise (${state}: ${open})`,
  );
  const stopped = ['resolved', 'closed', 'long_term', 'rejected'].includes(state);
  assert((resolveClock.stoppedAt !== null) === stopped, `the resolve clock stopped iff ${state} ends it`);
  if (state === 'submitted') assert(acceptClock?.stoppedAt === null, 'a submitted case has a running accept clock');
  if (state === 'long_term') assert(record.nextReviewOn !== null, 'a long-term case has a next review date');
}

function checkNotEarlier(before: CaseDeadlines, after: CaseDeadlines): void {
  for (const key of ['acceptDueAt', 'resolveDueAt'] as const) {
    const b = before[key];
    const a = after[key];
    if (b === null) continue;
    assert(a !== null, `${key} never disappears`);
    assert(a.getTime() >= b.getTime(), `${key} moved earlier: ${b.toISOString()} → ${a.toISOString()}`);
  }
}

describe('random action sequences (fast-check)', () => {
  it('keep the state valid, the history complete, and never move a deadline earlier', () => {
    const applied = new Set<string>();
    const refused = new Set<string>();
    const start = fc.integer({ min: Date.parse('2025-12-20T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') });
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_TYPES),
        fc.boolean(),
        fc.boolean(),
        start,
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        (type, pendingCheck, withCategory, startMs, steps) => {
          let now = new Date(startMs);
          let record = openCase(
            {
              type,
              at: now,
              actor: { kind: 'enterprise', id: 'u1' },
              pendingCheck,
              category: withCategory ? 'tax' : null,
              departmentId: 'd1',
            },
            CTX,
          );
          let deadlines = caseDeadlines(record, CAL, now);
          let count = 0;
          for (const s of steps) {
            now = new Date(now.getTime() + s.deltaMs);
            let action = s.action;
            let kind = s.actor;
            if (s.mode === 'allowed') {
              // An allowed action (each equally likely), then one of the actors who may take it.
              const view = viewOf(record, CAL, now);
              const byAction = new Map<CaseAction, CaseActorKind[]>();
              for (const k of CASE_ACTOR_KINDS) {
                for (const a of allowedActions(view, { kind: k, id: `${k}-1` }))
                  byAction.set(a, [...(byAction.get(a) ?? []), k]);
              }
              if (byAction.size === 0) break; // a final state
              // Rejection ends a case at once, assignment and transfer go round in circles: take them less often,
              // so that sequences reach the later states.
              const rare: Partial<Record<CaseAction, number>> = { reject: 4, assign: 3, transfer: 3 };
              const all = [...byAction.keys()];
              const common = all.filter((a) => !rare[a] || s.roll % rare[a]! === 0);
              const actions = common.length > 0 ? common : all;
              action = actions[s.pick % actions.length];
              const actors = byAction.get(action)!;
              kind = actors[Math.floor(s.pick / actions.length) % actors.length];
            }
            const before = record;
            const result = applyTransition(
              before,
              { action, actor: { kind, id: `${kind}-1` }, at: now, payload: payloadFor(before, action, kind, now, s) },
              CTX,
            );
            if (result.ok) {
              count += 1;
              applied.add(action);
              record = result.record;
              const e = result.entry;
              assert(e === record.history[record.history.length - 1], 'the entry is the last history line');
              assert(
                e.action === action && e.actor === kind && e.from === before.state && e.to === record.state,
                'the entry says what happened',
              );
              const { resolveDueAt } = caseDeadlines(record, CAL, e.at);
              assert(
                result.deadlines.resolveDueAt?.getTime() === resolveDueAt?.getTime(),
                'the deadlines answered are the record’s',
              );
            } else {
              assert(/[\u4e00-\u9fa5]/.test(result.message), 'refused in Chinese');
              assert(record === before && before.history.length === 1 + count, 'a refusal changes nothing');
              refused.add(result.code);
            }
            assert(record.history.length === 1 + count, 'one history line per transition');
            checkHistory(record);
            checkClocks(record);
            const later = caseDeadlines(
              record,
              CAL,
              new Date(Math.max(now.getTime(), record.history[record.history.length - 1].at.getTime())),
            );
            checkNotEarlier(deadlines, later);
            deadlines = later;
          }
        },
      ),
      { numRuns: 400 },
    );
    // The sequences reached every action and every kind of refusal (not a vacuous run).
    expect([...applied].sort()).toEqual([...CASE_ACTIONS].sort());
    expect([...refused]).toEqual(
      expect.arrayContaining(['ACTOR_NOT_ALLOWED', 'INVALID_PAYLOAD', 'NOT_IN_THIS_STATE', 'TYPE_NOT_ALLOWED']),
    );
  });
});
