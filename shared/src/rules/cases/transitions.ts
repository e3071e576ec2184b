import {
  CASE_ACTION_LABEL,
  CASE_ACTOR_KIND_LABEL,
  CASE_STATE_LABEL,
  CaseAction,
  CaseActorKind,
  CaseState,
  CaseType,
} from '../../enums';
import { addCalendarDays, isCalendarDay, shanghaiDay } from './working-days';

const STAFF: readonly CaseActorKind[] = ['butler', 'supervisor', 'centre', 'admin'];
/** Decisions that bend a time limit or a department's queue: not the butler's own. */
const LEADS: readonly CaseActorKind[] = ['supervisor', 'centre', 'admin'];

export interface CaseTransitionRow {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  actors: readonly CaseActorKind[];
}

/**
 * THE table: every transition a case can make, and who may make it. Anything not here is refused.
 * The server enforces it, the app shows only the actions it allows (`allowedActions`), docs/cases.md prints it.
 * Scope (which department, which enterprise) is the server's policy, not this table's.
 */
export const CASE_TRANSITIONS: readonly CaseTransitionRow[] = [
  // The content check passed (a reviewer, or the check answered later): the department sees the case, the clocks start.
  { action: 'clear_check', from: 'pending_check', to: 'submitted', actors: ['centre', 'admin', 'system'] },
  { action: 'reject', from: 'pending_check', to: 'rejected', actors: ['centre', 'admin'] },
  { action: 'accept', from: 'submitted', to: 'accepted', actors: STAFF },
  { action: 'reject', from: 'submitted', to: 'rejected', actors: STAFF },
  // Transfer to another department: it must accept the case anew (a fresh accept clock); the resolve clock runs on.
  { action: 'transfer', from: 'submitted', to: 'submitted', actors: STAFF },
  { action: 'transfer', from: 'accepted', to: 'submitted', actors: STAFF },
  // Assign a butler (a butler may only take an unassigned case for themselves: 认领).
  { action: 'assign', from: 'submitted', to: 'submitted', actors: STAFF },
  { action: 'assign', from: 'accepted', to: 'accepted', actors: STAFF },
  { action: 'assign', from: 'awaiting_enterprise', to: 'awaiting_enterprise', actors: STAFF },
  { action: 'assign', from: 'long_term', to: 'long_term', actors: STAFF },
  // 咨询 → 投诉 / 诉求反映 (consultations only), history kept.
  { action: 'convert', from: 'submitted', to: 'submitted', actors: STAFF },
  { action: 'convert', from: 'accepted', to: 'accepted', actors: STAFF },
  // 补充材料: the resolve clock pauses until the enterprise answers (or staff resume without it).
  { action: 'request_info', from: 'accepted', to: 'awaiting_enterprise', actors: STAFF },
  { action: 'supplement', from: 'awaiting_enterprise', to: 'accepted', actors: ['enterprise'] },
  { action: 'resume', from: 'awaiting_enterprise', to: 'accepted', actors: STAFF },
  { action: 'extend', from: 'accepted', to: 'accepted', actors: LEADS },
  { action: 'extend', from: 'awaiting_enterprise', to: 'awaiting_enterprise', actors: LEADS },
  { action: 'long_term', from: 'accepted', to: 'long_term', actors: LEADS },
  { action: 'review', from: 'long_term', to: 'long_term', actors: STAFF },
  { action: 'resolve', from: 'accepted', to: 'resolved', actors: STAFF },
  { action: 'resolve', from: 'long_term', to: 'resolved', actors: STAFF },
  // 一事一评: rating closes the case; unrated, the sweep closes it after the configured days.
  { action: 'rate', from: 'resolved', to: 'closed', actors: ['enterprise'] },
  { action: 'close', from: 'resolved', to: 'closed', actors: ['system'] },
];

export const CASE_ACTIONS: readonly CaseAction[] = Object.values(CaseAction);
export const CASE_STATES: readonly CaseState[] = Object.values(CaseState);
export const CASE_ACTOR_KINDS: readonly CaseActorKind[] = Object.values(CaseActorKind);
export const CASE_TYPES: readonly CaseType[] = Object.values(CaseType);
/** States a case never leaves. */
export const CASE_FINAL_STATES: readonly CaseState[] = CASE_STATES.filter(
  (s) => !CASE_TRANSITIONS.some((row) => row.from === s),
);
/** What a consultation may be turned into. */
export const CASE_CONVERT_TARGETS: readonly CaseType[] = ['complaint', 'appeal'];
/** Actions that come through `POST /cases/:id/transitions` (rating has its own route and payload). */
export const CASE_REQUEST_ACTIONS: readonly CaseAction[] = CASE_ACTIONS.filter((a) => a !== 'rate');

/**
 * Why a transition is refused. The server answers payload problems (`INVALID_PAYLOAD`, with field details)
 * as 400 and every other refusal as 409, each with `message`.
 */
export type CaseRefusalCode =
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_STATE'
  | 'NOT_IN_THIS_STATE'
  | 'ACTOR_NOT_ALLOWED'
  | 'TYPE_NOT_ALLOWED'
  | 'ALREADY_OVERDUE'
  | 'INVALID_PAYLOAD';

export interface CaseFieldProblem {
  field: CasePayloadField;
  message: string;
}

export type CaseRefusal = { ok: false; code: CaseRefusalCode; message: string; details?: CaseFieldProblem[] };
export type NextStateResult = { ok: true; to: CaseState } | CaseRefusal;

const isAction = (a: unknown): a is CaseAction => typeof a === 'string' && (CASE_ACTIONS as string[]).includes(a);
const isState = (s: unknown): s is CaseState => typeof s === 'string' && (CASE_STATES as string[]).includes(s);
const isActor = (k: unknown): k is CaseActorKind => typeof k === 'string' && (CASE_ACTOR_KINDS as string[]).includes(k);

/** The table alone: where `action` by an actor of `actorKind` takes a case in `state`, or why it may not. Total. */
export function nextState(state: CaseState, action: CaseAction, actorKind: CaseActorKind): NextStateResult {
  if (!isAction(action)) return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持该操作' };
  if (!isState(state)) return { ok: false, code: 'UNKNOWN_STATE', message: '诉求状态无效，请刷新后重试' };
  const row = CASE_TRANSITIONS.find((r) => r.action === action && r.from === state);
  if (!row) {
    return {
      ok: false,
      code: 'NOT_IN_THIS_STATE',
      message: `诉求当前为「${CASE_STATE_LABEL[state]}」，不能「${CASE_ACTION_LABEL[action]}」，请刷新后重试`,
    };
  }
  if (!isActor(actorKind) || !row.actors.includes(actorKind)) {
    const who = isActor(actorKind) ? CASE_ACTOR_KIND_LABEL[actorKind] : '您';
    return { ok: false, code: 'ACTOR_NOT_ALLOWED', message: `${who}不能对该诉求执行「${CASE_ACTION_LABEL[action]}」` };
  }
  return { ok: true, to: row.to };
}

/** What the rules need to know of a case. */
export interface CaseView {
  state: CaseState;
  type: CaseType;
  /** Null when the enterprise left the category to staff (classified on acceptance). */
  category?: string | null;
  departmentId?: string | null;
  butlerId?: string | null;
  /** The resolve clock is overdue now (`readClock(...).overdue`). */
  overdue?: boolean;
}

export interface CaseActor {
  kind: CaseActorKind;
  /** The acting user's id (a butler may only assign a case to themselves). */
  id?: string | null;
}

/** The guards beyond the table: the case's type, its clock, who it belongs to. */
function guard(view: CaseView, actor: CaseActor, action: CaseAction): CaseRefusal | null {
  if (action === 'convert' && view.type !== 'consult') {
    return { ok: false, code: 'TYPE_NOT_ALLOWED', message: '只有咨询可以转为投诉或诉求反映' };
  }
  if (action === 'extend' && view.overdue) {
    return { ok: false, code: 'ALREADY_OVERDUE', message: '诉求已超期，不能再延期，请尽快办理' };
  }
  if (action === 'assign' && actor.kind === 'butler' && (view.butlerId || !actor.id)) {
    return { ok: false, code: 'ACTOR_NOT_ALLOWED', message: '管家只能认领尚未指派的诉求，改派请联系主管' };
  }
  return null;
}

/** The actions `actor` may take on the case now, in table order: the buttons the app shows. */
export function allowedActions(view: CaseView, actor: CaseActor): CaseAction[] {
  return CASE_ACTIONS.filter(
    (action) => nextState(view.state, action, actor.kind).ok && guard(view, actor, action) === null,
  );
}

/** The fields a transition may carry (`CaseTransitionDto` without `action`). */
export interface CaseTransitionPayload {
  reason?: string | null;
  result?: string | null;
  plan?: string | null;
  /** YYYY-MM-DD (Asia/Shanghai). */
  nextReviewOn?: string | null;
  departmentId?: string | null;
  butlerId?: string | null;
  extensionDays?: number | null;
  toType?: CaseType | null;
  category?: string | null;
}
export type CasePayloadField = keyof CaseTransitionPayload;
export const CASE_PAYLOAD_FIELDS: readonly CasePayloadField[] = [
  'reason',
  'result',
  'plan',
  'nextReviewOn',
  'departmentId',
  'butlerId',
  'extensionDays',
  'toType',
  'category',
];

/** Text limits (characters) of the payload fields. */
export const CASE_REASON_MAX = 500;
export const CASE_RESULT_MAX = 2000;
export const CASE_PLAN_MAX = 1000;
/** One extension: 1 to 15 working days (the "1515" rule's longest limit). */
export const CASE_EXTENSION_MAX_DAYS = 15;
/** A long-term case is reviewed at least yearly: the next review date is at most this many days ahead. */
export const CASE_REVIEW_MAX_DAYS_AHEAD = 366;

type Requirement = 'required' | 'optional';
/**
 * What each action needs. `required` fields must be given; `optional` may be; any other field given is refused,
 * so nothing unrecorded rides along. Two requirements depend on the case: `accept` needs `category` only when the
 * case has none, `resolve` needs a written `result` except for a consultation (answered in the conversation).
 */
export const CASE_ACTION_FIELDS: Record<CaseAction, Partial<Record<CasePayloadField, Requirement>>> = {
  clear_check: {},
  accept: { category: 'optional' },
  reject: { reason: 'required' },
  request_info: { reason: 'required' },
  supplement: { reason: 'required' },
  resume: { reason: 'optional' },
  assign: { butlerId: 'required' },
  transfer: { departmentId: 'required', reason: 'required' },
  convert: { toType: 'required', reason: 'optional' },
  extend: { extensionDays: 'required', reason: 'required' },
  long_term: { plan: 'required', nextReviewOn: 'required' },
  review: { plan: 'required', nextReviewOn: 'required' },
  resolve: { result: 'optional' },
  rate: {},
  close: { reason: 'optional' },
};

/** The fields `action` requires on this case (the app marks them required). */
export function requiredFields(view: Pick<CaseView, 'type' | 'category'>, action: CaseAction): CasePayloadField[] {
  const fields = Object.entries(CASE_ACTION_FIELDS[action] ?? {})
    .filter(([, r]) => r === 'required')
    .map(([f]) => f as CasePayloadField);
  if (action === 'accept' && !view.category) fields.push('category');
  if (action === 'resolve' && view.type !== 'consult') fields.push('result');
  return fields;
}

const MISSING: Partial<Record<CaseAction, Partial<Record<CasePayloadField, string>>>> = {
  accept: { category: '请选择诉求分类' },
  reject: { reason: '请填写不予受理的理由' },
  request_info: { reason: '请说明需要企业补充的材料' },
  supplement: { reason: '请填写补充说明' },
  assign: { butlerId: '请选择管家' },
  transfer: { departmentId: '请选择转办部门', reason: '请填写转办理由' },
  convert: { toType: '请选择转换后的类型' },
  extend: { extensionDays: '请填写延期的工作日天数', reason: '请填写延期理由' },
  long_term: { plan: '请填写推进计划', nextReviewOn: '请选择下次跟踪日期' },
  review: { plan: '请填写本次跟踪进展和后续计划', nextReviewOn: '请选择下次跟踪日期' },
  resolve: { result: '请填写办理结果' },
};

const FIELD_LABEL: Record<CasePayloadField, string> = {
  reason: '理由',
  result: '办理结果',
  plan: '推进计划',
  nextReviewOn: '下次跟踪日期',
  departmentId: '转办部门',
  butlerId: '管家',
  extensionDays: '延期天数',
  toType: '转换后的类型',
  category: '诉求分类',
};

const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

function text(field: CasePayloadField, value: unknown, max: number): string | null {
  if (typeof value !== 'string') return `${FIELD_LABEL[field]}必须是文本`;
  if ([...value.trim()].length > max) return `${FIELD_LABEL[field]}不能超过 ${max} 个字`;
  return null;
}

/** The value rules of each field, given the case and the day it happens. */
function checkValue(field: CasePayloadField, value: unknown, view: CaseView, now: Date): string | null {
  switch (field) {
    case 'reason':
      return text(field, value, CASE_REASON_MAX);
    case 'result':
      return text(field, value, CASE_RESULT_MAX);
    case 'plan':
      return text(field, value, CASE_PLAN_MAX);
    case 'nextReviewOn': {
      if (!isCalendarDay(value)) return '下次跟踪日期格式错误（YYYY-MM-DD）';
      const today = shanghaiDay(now);
      if (value <= today) return '下次跟踪日期须晚于今天';
      if (value > addCalendarDays(today, CASE_REVIEW_MAX_DAYS_AHEAD)) return '下次跟踪日期不能超过一年';
      return null;
    }
    case 'departmentId':
      if (typeof value !== 'string') return '部门编号格式错误';
      return value === view.departmentId ? '不能转办给诉求当前所在的部门' : null;
    case 'butlerId':
      if (typeof value !== 'string') return '管家编号格式错误';
      return value === view.butlerId ? '该诉求已由这位管家负责' : null;
    case 'extensionDays':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= CASE_EXTENSION_MAX_DAYS
        ? null
        : `延期天数须为 1 至 ${CASE_EXTENSION_MAX_DAYS} 个工作日`;
    case 'toType':
      return typeof value === 'string' && (CASE_CONVERT_TARGETS as string[]).includes(value)
        ? null
        : '咨询只能转为投诉或诉求反映';
    case 'category':
      return typeof value === 'string' ? null : '诉求分类格式错误';
  }
}

export type TransitionCheck = { ok: true; to: CaseState } | CaseRefusal;

/**
 * The whole check of a transition: the table (`nextState`), the guards (type, overdue, 认领), then the payload —
 * required fields present, values valid, no field the action does not take. `now` is the moment it happens
 * (the next review date must be after its day). Pure and total.
 */
export function validateTransition(
  view: CaseView,
  actor: CaseActor,
  action: CaseAction,
  payload: CaseTransitionPayload,
  now: Date,
): TransitionCheck {
  const step = nextState(view.state, action, actor.kind);
  if (!step.ok) return step;
  const refused = guard(view, actor, action);
  if (refused) return refused;
  if (action === 'assign' && actor.kind === 'butler' && payload.butlerId !== actor.id) {
    return { ok: false, code: 'ACTOR_NOT_ALLOWED', message: '管家只能认领给自己，改派请联系主管' };
  }
  const allowed = CASE_ACTION_FIELDS[action];
  const required = requiredFields(view, action);
  const details: CaseFieldProblem[] = [];
  for (const field of CASE_PAYLOAD_FIELDS) {
    const value = ((payload ?? {}) as Record<string, unknown>)[field];
    if (!given(value)) {
      if (required.includes(field))
        details.push({ field, message: MISSING[action]?.[field] ?? `请填写${FIELD_LABEL[field]}` });
      continue;
    }
    if (!allowed[field] && !required.includes(field)) {
      details.push({ field, message: `「${CASE_ACTION_LABEL[action]}」不需要填写${FIELD_LABEL[field]}` });
      continue;
    }
    const problem = checkValue(field, value, view, now);
    if (problem) details.push({ field, message: problem });
  }
  if (details.length > 0) return { ok: false, code: 'INVALID_PAYLOAD', message: details[0].message, details };
  return step;
}
