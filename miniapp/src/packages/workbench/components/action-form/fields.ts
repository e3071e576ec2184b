import type { CaseOptionsResponse, CaseTransitionDto } from '@qsgj/shared/contracts';
import { CASE_TYPE_LABEL, type CaseAction, type CaseType, Role } from '@qsgj/shared/enums';
import {
  addCalendarDays,
  CASE_ACTION_FIELDS,
  CASE_CONVERT_TARGETS,
  CASE_EXTENSION_MAX_DAYS,
  CASE_PAYLOAD_FIELDS,
  CASE_PLAN_MAX,
  CASE_REASON_MAX,
  CASE_RESULT_MAX,
  CASE_REVIEW_MAX_DAYS_AHEAD,
  type CasePayloadField,
  type CaseView,
  requiredFields,
  shanghaiDay,
} from '@qsgj/shared/rules';
// The category words without the DTO module (its class-validator decorators must stay out of the bundle).
import { CASE_CATEGORY_LABEL } from '@/components/case-timeline/words';

/** What the form of an action knows about the case. */
export type FormCase = Pick<CaseView, 'type' | 'category' | 'departmentId' | 'butlerId'>;

/** The values the form holds: text as typed, pickers as the chosen value ('' = nothing chosen). */
export type FormValues = Record<CasePayloadField, string>;

export const EMPTY_VALUES: FormValues = {
  reason: '',
  result: '',
  plan: '',
  nextReviewOn: '',
  departmentId: '',
  butlerId: '',
  extensionDays: '',
  toType: '',
  category: '',
};

export interface FormField {
  field: CasePayloadField;
  required: boolean;
}

/**
 * The fields of an action's form: exactly those the shared table lets it carry (`CASE_ACTION_FIELDS`), required
 * as `requiredFields` says for this case (a category to accept a case that has none, a result to resolve anything
 * but a consultation). The server refuses any other field, so the form never shows one.
 */
export function formFields(action: CaseAction, view: FormCase): FormField[] {
  const required = requiredFields(view, action);
  const takes = CASE_ACTION_FIELDS[action] ?? {};
  return CASE_PAYLOAD_FIELDS.filter((f) => takes[f] !== undefined || required.includes(f)).map((field) => ({
    field,
    required: required.includes(field),
  }));
}

/** The label of `reason` in each action's form (what the reason is for). */
const REASON_LABEL: Partial<Record<CaseAction, string>> = {
  reject: '不予受理的理由',
  request_info: '需要企业补充的材料',
  resume: '恢复办理说明',
  transfer: '转办理由',
  convert: '转换理由',
  extend: '延期理由',
};

export function fieldLabel(action: CaseAction, field: CasePayloadField): string {
  switch (field) {
    case 'reason':
      return REASON_LABEL[action] ?? '理由';
    case 'result':
      return '办理结果';
    case 'plan':
      return action === 'review' ? '本次跟踪进展和后续计划' : '推进计划';
    case 'nextReviewOn':
      return '下次跟踪日期';
    case 'departmentId':
      return '转办部门';
    case 'butlerId':
      return '指派给';
    case 'extensionDays':
      return '延期天数';
    case 'toType':
      return '转换为';
    case 'category':
      return '诉求分类';
  }
}

/** The most characters of each text field (the server's limits). */
export const TEXT_MAX: Partial<Record<CasePayloadField, number>> = {
  reason: CASE_REASON_MAX,
  result: CASE_RESULT_MAX,
  plan: CASE_PLAN_MAX,
};

const PICKED: ReadonlySet<CasePayloadField> = new Set([
  'nextReviewOn',
  'departmentId',
  'butlerId',
  'extensionDays',
  'toType',
  'category',
]);

/** A picker (date or list), not a text. */
export function isPicker(field: CasePayloadField): boolean {
  return PICKED.has(field);
}

/** The message of a required field left empty (the server's words, so both sides say the same). */
const MISSING: Partial<Record<CaseAction, Partial<Record<CasePayloadField, string>>>> = {
  accept: { category: '请选择诉求分类' },
  reject: { reason: '请填写不予受理的理由' },
  request_info: { reason: '请说明需要企业补充的材料' },
  assign: { butlerId: '请选择管家' },
  transfer: { departmentId: '请选择转办部门', reason: '请填写转办理由' },
  convert: { toType: '请选择转换后的类型' },
  extend: { extensionDays: '请选择延期的工作日天数', reason: '请填写延期理由' },
  long_term: { plan: '请填写推进计划', nextReviewOn: '请选择下次跟踪日期' },
  review: { plan: '请填写本次跟踪进展和后续计划', nextReviewOn: '请选择下次跟踪日期' },
  resolve: { result: '请填写办理结果' },
};

export type FieldErrors = Partial<Record<CasePayloadField, string>>;

/** What is wrong with the form before it is sent: required fields left empty, texts too long. */
export function checkForm(action: CaseAction, view: FormCase, values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, required } of formFields(action, view)) {
    const value = values[field].trim();
    if (!value) {
      if (required) {
        errors[field] =
          MISSING[action]?.[field] ?? `${isPicker(field) ? '请选择' : '请填写'}${fieldLabel(action, field)}`;
      }
      continue;
    }
    const max = TEXT_MAX[field];
    if (max && [...value].length > max) errors[field] = `${fieldLabel(action, field)}不能超过 ${max} 个字`;
  }
  return errors;
}

/** The request body: the action and the form's fields that were filled in (trimmed); nothing else rides along. */
export function toTransition(action: CaseAction, view: FormCase, values: FormValues): CaseTransitionDto {
  const dto: Record<string, unknown> = { action };
  for (const { field } of formFields(action, view)) {
    const value = values[field].trim();
    if (!value) continue;
    dto[field] = field === 'extensionDays' ? Number(value) : value;
  }
  return dto as unknown as CaseTransitionDto;
}

export interface Choice {
  value: string;
  label: string;
}

/** 1 … 15 working days. */
export const EXTENSION_CHOICES: Choice[] = Array.from({ length: CASE_EXTENSION_MAX_DAYS }, (_, i) => ({
  value: String(i + 1),
  label: `${i + 1} 个工作日`,
}));

export const CONVERT_CHOICES: Choice[] = CASE_CONVERT_TARGETS.map((t: CaseType) => ({
  value: t,
  label: CASE_TYPE_LABEL[t],
}));

export const CATEGORY_CHOICES: Choice[] = Object.entries(CASE_CATEGORY_LABEL).map(([value, label]) => ({
  value,
  label,
}));

/** Transfer targets: every department but the one the case is in now. */
export function departmentChoices(options: CaseOptionsResponse | undefined, view: FormCase): Choice[] {
  return (options?.departments ?? [])
    .filter((d) => d.id !== view.departmentId)
    .map((d) => ({ value: d.id, label: d.isCentre ? `${d.name}（协调中心）` : d.name }));
}

/** Who may be assigned: the staff of the case's department (all staff when it has none), not its butler now. */
export function butlerChoices(options: CaseOptionsResponse | undefined, view: FormCase): Choice[] {
  return (options?.staff ?? [])
    .filter((s) => (view.departmentId ? s.departmentId === view.departmentId : true) && s.id !== view.butlerId)
    .map((s) => ({ value: s.id, label: s.role === Role.SUPERVISOR ? `${s.name}（主管）` : s.name }));
}

/** The next review date: after today (Asia/Shanghai), at most a year ahead. */
export function reviewDateRange(now: Date = new Date()): { start: string; end: string } {
  const today = shanghaiDay(now);
  return { start: addCalendarDays(today, 1), end: addCalendarDays(today, CASE_REVIEW_MAX_DAYS_AHEAD) };
}
