import { CASE_ACTION_LABEL, type CaseAction, type CaseActorKind, type CaseState } from '../../enums';
import {
  allowedActions,
  CASE_ACTION_FIELDS,
  CASE_ACTIONS,
  CASE_ACTOR_KINDS,
  CASE_FINAL_STATES,
  CASE_REQUEST_ACTIONS,
  CASE_STATES,
  CASE_TRANSITIONS,
  type CaseTransitionPayload,
  type CaseView,
  nextState,
  requiredFields,
  validateTransition,
} from './transitions';

/**
 * The table as product.md and docs/cases.md state it, written out by hand: the code's table must be exactly this,
 * and every (state × action × actor) is tested against it — 8 × 15 × 6 = 720 cases.
 */
const EXPECTED = `
clear_check  pending_check        submitted            centre admin system
reject       pending_check        rejected             centre admin
accept       submitted            accepted             butler supervisor centre admin
reject       submitted            rejected             butler supervisor centre admin
transfer     submitted            submitted            butler supervisor centre admin
transfer     accepted             submitted            butler supervisor centre admin
assign       submitted            submitted            butler supervisor centre admin
assign       accepted             accepted             butler supervisor centre admin
assign       awaiting_enterprise  awaiting_enterprise  butler supervisor centre admin
assign       long_term            long_term            butler supervisor centre admin
convert      submitted            submitted            butler supervisor centre admin
convert      accepted             accepted             butler supervisor centre admin
request_info accepted             awaiting_enterprise  butler supervisor centre admin
supplement   awaiting_enterprise  accepted             enterprise
resume       awaiting_enterprise  accepted             butler supervisor centre admin
extend       accepted             accepted             supervisor centre admin
extend       awaiting_enterprise  awaiting_enterprise  supervisor centre admin
long_term    accepted             long_term            supervisor centre admin
review       long_term            long_term            butler supervisor centre admin
resolve      accepted             resolved             butler supervisor centre admin
resolve      long_term            resolved             butler supervisor centre admin
rate         resolved             closed               enterprise
close        resolved             closed               system
`
  .trim()
  .split('\n')
  .map((line) => {
    const [action, from, to, ...actors] = line.trim().split(/\s+/);
    return {
      action: action as CaseAction,
      from: from as CaseState,
      to: to as CaseState,
      actors: actors as CaseActorKind[],
    };
  });

const expectedRow = (state: CaseState, action: CaseAction) =>
  EXPECTED.find((r) => r.from === state && r.action === action);
const CHINESE = /[\u4e00-\u9fa5]/;

describe('the case transition table', () => {
  it('is exactly the documented table', () => {
    expect(CASE_TRANSITIONS.map((r) => ({ ...r, actors: [...r.actors] }))).toEqual(EXPECTED);
  });

  it('has one row per (action, state) and only known states, actions and actors', () => {
    const keys = CASE_TRANSITIONS.map((r) => `${r.action}/${r.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of CASE_TRANSITIONS) {
      expect(CASE_STATES).toContain(r.from);
      expect(CASE_STATES).toContain(r.to);
      expect(CASE_ACTIONS).toContain(r.action);
      for (const a of r.actors) expect(CASE_ACTOR_KINDS).toContain(a);
    }
    expect(CASE_FINAL_STATES).toEqual(['closed', 'rejected']);
    expect(CASE_REQUEST_ACTIONS).not.toContain('rate');
  });

  const combos = CASE_STATES.flatMap((state) =>
    CASE_ACTIONS.flatMap((action) => CASE_ACTOR_KINDS.map((actor) => ({ state, action, actor }))),
  );
  const allowed = combos.filter(({ state, action, actor }) => expectedRow(state, action)?.actors.includes(actor));
  const refused = combos.filter((c) => !allowed.includes(c));

  it('covers every combination', () => {
    expect(combos).toHaveLength(8 * 15 * 6);
    expect(allowed.length).toBe(EXPECTED.reduce((n, r) => n + r.actors.length, 0));
  });

  it.each(allowed)('allows $action on $state by $actor', ({ state, action, actor }) => {
    expect(nextState(state, action, actor)).toEqual({ ok: true, to: expectedRow(state, action)!.to });
  });

  it.each(refused)('refuses $action on $state by $actor', ({ state, action, actor }) => {
    const result = nextState(state, action, actor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(expectedRow(state, action) ? 'ACTOR_NOT_ALLOWED' : 'NOT_IN_THIS_STATE');
    expect(result.message).toMatch(CHINESE);
    expect(result.message).toContain(CASE_ACTION_LABEL[action]);
  });

  it('is total: unknown actions, states and actors are refused, never thrown', () => {
    expect(nextState('submitted', 'delete' as CaseAction, 'admin')).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTION',
    });
    expect(nextState('archived' as CaseState, 'accept', 'admin')).toMatchObject({ ok: false, code: 'UNKNOWN_STATE' });
    expect(nextState('submitted', 'accept', 'root' as CaseActorKind)).toMatchObject({
      ok: false,
      code: 'ACTOR_NOT_ALLOWED',
      message: '您不能对该诉求执行「受理」',
    });
    expect(nextState('resolved', 'accept', 'butler')).toEqual({
      ok: false,
      code: 'NOT_IN_THIS_STATE',
      message: '诉求当前为「已办结」，不能「受理」，请刷新后重试',
    });
  });
});

describe('allowedActions (the buttons the app shows)', () => {
  const view = (v: Partial<CaseView> = {}): CaseView => ({
    state: 'submitted',
    type: 'consult',
    category: 'tax',
    departmentId: 'd1',
    butlerId: null,
    overdue: false,
    ...v,
  });

  it.each(CASE_STATES.flatMap((state) => CASE_ACTOR_KINDS.map((kind) => ({ state, kind }))))(
    'in $state, $kind sees exactly the table’s actions',
    ({ state, kind }) => {
      const expected = CASE_ACTIONS.filter((a) => expectedRow(state, a)?.actors.includes(kind));
      expect(allowedActions(view({ state }), { kind, id: 'me' })).toEqual(expected);
    },
  );

  it('offers convert for a consultation only', () => {
    expect(allowedActions(view({ state: 'accepted' }), { kind: 'butler' })).toContain('convert');
    for (const type of ['complaint', 'service', 'appeal'] as const) {
      expect(allowedActions(view({ state: 'accepted', type }), { kind: 'butler' })).not.toContain('convert');
      expect(
        validateTransition(
          view({ state: 'accepted', type }),
          { kind: 'butler' },
          'convert',
          { toType: 'complaint' },
          new Date(),
        ),
      ).toMatchObject({ ok: false, code: 'TYPE_NOT_ALLOWED', message: '只有咨询可以转为投诉或诉求反映' });
    }
  });

  it('hides extend once the case is overdue', () => {
    expect(allowedActions(view({ state: 'accepted' }), { kind: 'supervisor' })).toContain('extend');
    expect(allowedActions(view({ state: 'accepted', overdue: true }), { kind: 'supervisor' })).not.toContain('extend');
    expect(
      validateTransition(
        view({ state: 'accepted', overdue: true }),
        { kind: 'supervisor' },
        'extend',
        { extensionDays: 2, reason: '需协调' },
        new Date(),
      ),
    ).toMatchObject({ ok: false, code: 'ALREADY_OVERDUE' });
  });

  it('lets a butler take an unassigned case for themselves only (认领); supervisors reassign', () => {
    expect(allowedActions(view(), { kind: 'butler', id: 'b1' })).toContain('assign');
    expect(allowedActions(view({ butlerId: 'b2' }), { kind: 'butler', id: 'b1' })).not.toContain('assign');
    expect(allowedActions(view({ butlerId: 'b2' }), { kind: 'supervisor', id: 's1' })).toContain('assign');
    const now = new Date();
    expect(validateTransition(view(), { kind: 'butler', id: 'b1' }, 'assign', { butlerId: 'b1' }, now)).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(validateTransition(view(), { kind: 'butler', id: 'b1' }, 'assign', { butlerId: 'b9' }, now)).toMatchObject({
      ok: false,
      code: 'ACTOR_NOT_ALLOWED',
    });
    expect(
      validateTransition(view({ butlerId: 'b2' }), { kind: 'supervisor' }, 'assign', { butlerId: 'b2' }, now),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      details: [{ field: 'butlerId', message: '该诉求已由这位管家负责' }],
    });
  });
});

describe('validateTransition: what each action must carry', () => {
  const NOW = new Date('2026-03-02T10:00:00+08:00'); // Monday; today is 2026-03-02 in Shanghai
  const STATE_FOR: Record<CaseAction, CaseState> = {
    clear_check: 'pending_check',
    accept: 'submitted',
    reject: 'submitted',
    request_info: 'accepted',
    supplement: 'awaiting_enterprise',
    resume: 'awaiting_enterprise',
    assign: 'accepted',
    transfer: 'accepted',
    convert: 'accepted',
    extend: 'accepted',
    long_term: 'accepted',
    review: 'long_term',
    resolve: 'accepted',
    rate: 'resolved',
    close: 'resolved',
  };
  /** A supervisor where the table lets one act (a butler may only assign to themselves), else the one who may. */
  const ACTOR_FOR = (action: CaseAction): CaseActorKind => {
    const actors = EXPECTED.find((r) => r.action === action && r.from === STATE_FOR[action])!.actors;
    return actors.includes('supervisor') ? 'supervisor' : actors[0];
  };
  /** A valid value of every field. */
  const VALID: Required<{ [K in keyof CaseTransitionPayload]: NonNullable<CaseTransitionPayload[K]> }> = {
    reason: '材料不全',
    result: '已协调解决',
    plan: '每月跟进一次',
    nextReviewOn: '2026-04-01',
    departmentId: 'd2',
    butlerId: 'b2',
    extensionDays: 3,
    toType: 'complaint',
    category: 'tax',
  };
  const complaint = (action: CaseAction, v: Partial<CaseView> = {}): CaseView => ({
    state: STATE_FOR[action],
    type: action === 'convert' ? 'consult' : 'complaint',
    category: null,
    departmentId: 'd1',
    butlerId: 'b1',
    ...v,
  });
  const REQUIRED: Record<CaseAction, string[]> = {
    clear_check: [],
    accept: ['category'], // the case has no category yet
    reject: ['reason'],
    request_info: ['reason'],
    supplement: ['reason'],
    resume: [],
    assign: ['butlerId'],
    transfer: ['departmentId', 'reason'],
    convert: ['toType'],
    extend: ['extensionDays', 'reason'],
    long_term: ['plan', 'nextReviewOn'],
    review: ['plan', 'nextReviewOn'],
    resolve: ['result'], // a complaint needs a written result
    rate: [],
    close: [],
  };

  it.each(CASE_ACTIONS)('%s: refuses each missing required field and passes with them', (action) => {
    const view = complaint(action);
    const actor = { kind: ACTOR_FOR(action), id: 'b9' };
    const required = REQUIRED[action];
    expect([...requiredFields(view, action)].sort()).toEqual([...required].sort());
    const full = Object.fromEntries(required.map((f) => [f, VALID[f as keyof typeof VALID]]));
    expect(validateTransition(view, actor, action, full, NOW)).toEqual({
      ok: true,
      to: expectedRow(view.state, action)!.to,
    });
    for (const field of required) {
      for (const empty of [undefined, null, '', '   ']) {
        const result = validateTransition(view, actor, action, { ...full, [field]: empty }, NOW);
        expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
        if (!result.ok) {
          expect(result.details).toEqual([{ field, message: expect.stringMatching(CHINESE) }]);
          expect(result.message).toBe(result.details![0].message);
        }
      }
    }
  });

  it.each(CASE_ACTIONS)('%s: refuses a field it does not take', (action) => {
    const view = complaint(action);
    const actor = { kind: ACTOR_FOR(action), id: 'b9' };
    const full = Object.fromEntries(REQUIRED[action].map((f) => [f, VALID[f as keyof typeof VALID]]));
    const accepted = new Set([...REQUIRED[action], ...Object.keys(CASE_ACTION_FIELDS[action])]);
    for (const [field, value] of Object.entries(VALID)) {
      const result = validateTransition(view, actor, action, { ...full, [field]: value }, NOW);
      if (accepted.has(field)) expect(result.ok).toBe(true);
      else
        expect(result).toMatchObject({
          ok: false,
          code: 'INVALID_PAYLOAD',
          details: [{ field, message: expect.stringContaining('不需要填写') }],
        });
    }
  });

  it('a consultation resolves without a written result; a case with a category accepts without one', () => {
    expect(validateTransition({ state: 'accepted', type: 'consult' }, { kind: 'butler' }, 'resolve', {}, NOW).ok).toBe(
      true,
    );
    expect(
      validateTransition(
        { state: 'submitted', type: 'complaint', category: 'tax' },
        { kind: 'butler' },
        'accept',
        {},
        NOW,
      ).ok,
    ).toBe(true);
  });

  it.each([
    ['nextReviewOn', '2026-03-02', '下次跟踪日期须晚于今天'],
    ['nextReviewOn', '2027-03-04', '下次跟踪日期不能超过一年'],
    ['nextReviewOn', '2026-02-30', '下次跟踪日期格式错误（YYYY-MM-DD）'],
  ])('long_term: %s = %s → %s', (field, value, message) => {
    const result = validateTransition(
      complaint('long_term'),
      { kind: 'supervisor' },
      'long_term',
      { plan: 'x', [field]: value },
      NOW,
    );
    expect(result).toMatchObject({ ok: false, details: [{ field, message }] });
  });

  it('long_term: the next review may be tomorrow, or 366 days ahead', () => {
    for (const day of ['2026-03-03', '2027-03-03']) {
      expect(
        validateTransition(
          complaint('long_term'),
          { kind: 'supervisor' },
          'long_term',
          { plan: 'x', nextReviewOn: day },
          NOW,
        ).ok,
      ).toBe(true);
    }
  });

  it.each([
    [0, false],
    [1, true],
    [15, true],
    [16, false],
    [2.5, false],
  ])('extend by %p working days: ok %p', (days, ok) => {
    const result = validateTransition(
      complaint('extend'),
      { kind: 'supervisor' },
      'extend',
      { extensionDays: days, reason: '需多部门会商' },
      NOW,
    );
    expect(result.ok).toBe(ok);
    if (!result.ok)
      expect(result.details).toEqual([{ field: 'extensionDays', message: '延期天数须为 1 至 15 个工作日' }]);
  });

  it('convert only into a complaint or an appeal; transfer only to another department; texts have limits', () => {
    const check = (action: CaseAction, payload: CaseTransitionPayload, kind: CaseActorKind = 'butler') =>
      validateTransition(complaint(action), { kind }, action, payload, NOW);
    expect(check('convert', { toType: 'consult' })).toMatchObject({
      details: [{ field: 'toType', message: '咨询只能转为投诉或诉求反映' }],
    });
    expect(check('convert', { toType: 'service' })).toMatchObject({ ok: false });
    expect(check('convert', { toType: 'appeal' })).toEqual({ ok: true, to: 'accepted' });
    expect(check('transfer', { departmentId: 'd1', reason: '不属本部门' })).toMatchObject({
      details: [{ field: 'departmentId', message: '不能转办给诉求当前所在的部门' }],
    });
    expect(check('reject', { reason: '字'.repeat(500) }).ok).toBe(true);
    expect(check('reject', { reason: '字'.repeat(501) })).toMatchObject({
      details: [{ field: 'reason', message: '理由不能超过 500 个字' }],
    });
    expect(check('reject', { reason: 42 as unknown as string })).toMatchObject({
      details: [{ field: 'reason', message: '理由必须是文本' }],
    });
    expect(check('resolve', { result: '字'.repeat(2001) })).toMatchObject({ details: [{ field: 'result' }] });
  });

  it('checks the table before the payload, and refuses in Chinese', () => {
    const result = validateTransition({ state: 'closed', type: 'complaint' }, { kind: 'admin' }, 'reject', {}, NOW);
    expect(result).toEqual({
      ok: false,
      code: 'NOT_IN_THIS_STATE',
      message: '诉求当前为「已完结」，不能「不予受理」，请刷新后重试',
    });
    expect(
      validateTransition({ state: 'submitted', type: 'complaint' }, { kind: 'enterprise' }, 'reject', {}, NOW),
    ).toEqual({
      ok: false,
      code: 'ACTOR_NOT_ALLOWED',
      message: '企业不能对该诉求执行「不予受理」',
    });
  });
});
