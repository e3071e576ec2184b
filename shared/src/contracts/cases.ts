import type { CaseApplication } from './service-packages';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { Transform } from 'class-transformer';
import type {
  CaseAction,
  CaseActorKind,
  CaseSource,
  CaseState,
  CaseType,
  FollowUpContactMethod,
  FollowUpRating,
  RatingLevel,
} from '../enums';
import {
  CASE_CONVERT_TARGETS,
  CASE_EXTENSION_MAX_DAYS,
  CASE_PLAN_MAX,
  CASE_REASON_MAX,
  CASE_REQUEST_ACTIONS,
  CASE_RESULT_MAX,
} from '../rules/cases/transitions';
import {
  CASE_CATEGORIES,
  CASE_COMMENT_MAX,
  CASE_CONTENT_MAX,
  CASE_IMAGES_MAX,
  CASE_RATING_TAGS,
} from '../rules/cases/dictionary';
import { isCalendarDay } from '../rules/cases/working-days';
import { PageQueryDto } from './paging';

// The words and limits of a case live in a decorator-free module the mini-program imports; here for the DTOs' users.
export {
  CASE_CATEGORIES,
  CASE_COMMENT_MAX,
  CASE_CONTENT_MAX,
  CASE_IMAGES_MAX,
  CASE_RATING_TAGS,
  type CaseCategory,
  caseCategoryLabel,
} from '../rules/cases/dictionary';
import { IsIsoDateOrDateTime, MaxChars } from './validation';

const RATING_TAG_VALUES: readonly string[] = [...CASE_RATING_TAGS.good, ...CASE_RATING_TAGS.bad];

const ENTERPRISE_TYPES: readonly CaseType[] = ['consult', 'complaint'];
const RECORDED_TYPES: readonly CaseType[] = ['consult', 'complaint', 'appeal'];
const CASE_TYPE_VALUES: readonly CaseType[] = ['consult', 'complaint', 'service', 'appeal'];
const CASE_STATE_VALUES: readonly CaseState[] = [
  'pending_check',
  'submitted',
  'accepted',
  'awaiting_enterprise',
  'long_term',
  'resolved',
  'closed',
  'rejected',
];
const CASE_SOURCE_VALUES: readonly CaseSource[] = [
  'miniapp',
  'reception_day',
  'hotline_12345',
  'entrepreneur_group',
  'staff',
];
const RECORDED_SOURCES: readonly CaseSource[] = CASE_SOURCE_VALUES.filter((s) => s !== 'miniapp');
const RATING_LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1];
const FOLLOW_UP_RATINGS: readonly FollowUpRating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const CONTACT_METHODS: readonly FollowUpContactMethod[] = ['phone', 'visit', 'online'];
const CATEGORY_CODES: readonly string[] = CASE_CATEGORIES.map((c) => c.code);
const CATEGORY_MESSAGE = '诉求分类不在可选范围内';

/** Surrounding spaces never make a different text. */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Query strings carry booleans as text: `true` / `false` (anything else fails validation). */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A rule between two fields of the same body: `allowed(object)` must hold when the property is given and truthy. */
function OnlyWhen(name: string, allowed: (object: Record<string, unknown>) => boolean, message: string) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || value === null || value === false || allowed(args.object as Record<string, unknown>),
      },
    });
  };
}

/** `YYYY-MM-DD`, a real date (`each`: every item of a list). */
function IsCalendarDay(message: string, each = false) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isCalendarDay',
      target: target.constructor,
      propertyName,
      options: { message, each },
      validator: { validate: (value: unknown) => isCalendarDay(value) },
    });
  };
}

/** The text of a case, a message or a note: required, not blank, at most CASE_CONTENT_MAX characters. */
function CaseText(what: string, missing: string) {
  return function (target: object, propertyName: string) {
    Transform(trim)(target, propertyName);
    IsString({ message: `${what}必须是文本` })(target, propertyName);
    Matches(/\S/, { message: missing })(target, propertyName);
    MaxChars(CASE_CONTENT_MAX, { message: `${what}不能超过 ${CASE_CONTENT_MAX} 个字` })(target, propertyName);
  };
}

/** Up to nine uploaded images, by the ids the upload answered. */
function CaseImages() {
  return function (target: object, propertyName: string) {
    IsOptional()(target, propertyName);
    IsArray({ message: '图片必须是列表' })(target, propertyName);
    ArrayMaxSize(CASE_IMAGES_MAX, { message: `最多上传 ${CASE_IMAGES_MAX} 张图片` })(target, propertyName);
    ArrayUnique({ message: '图片不能重复' })(target, propertyName);
    IsUUID('all', { each: true, message: '图片编号格式错误' })(target, propertyName);
  };
}

/**
 * `POST /cases` (header `Idempotency-Key` required): an enterprise's consultation or complaint.
 * The category may be left to staff, who classify on acceptance.
 */
export class CreateCaseDto {
  @IsIn(ENTERPRISE_TYPES, { message: '请选择咨询或投诉' })
  type!: CaseType;

  @CaseText('内容', '请描述您的问题')
  content!: string;

  @IsOptional()
  @IsIn(CATEGORY_CODES, { message: CATEGORY_MESSAGE })
  category?: string;

  @CaseImages()
  images?: string[];

  /** 「向TA咨询」: a consultation addressed to one butler. */
  @IsOptional()
  @IsUUID('all', { message: '管家编号格式错误' })
  @OnlyWhen('consultOnly', (o) => o.type === 'consult', '只有咨询可以指定管家')
  butlerId?: string;

  /** A complaint may ask that its enterprise be hidden from the department concerned. */
  @IsOptional()
  @IsBoolean({ message: '匿名选项必须是布尔值' })
  @OnlyWhen('complaintOnly', (o) => o.type === 'complaint', '只有投诉可以选择对被投诉部门隐藏企业身份')
  anonymous?: boolean;

  /** The policy the question is about (from a policy page). */
  @IsOptional()
  @IsUUID('all', { message: '政策编号格式错误' })
  policyId?: string;
}

/** Staff record a case on an enterprise's behalf, from 企业接待日, the 12345 hotline, the entrepreneurs' group or a visit. */
export class RecordCaseDto {
  @IsIn(RECORDED_SOURCES, { message: '请选择诉求来源：企业接待日、12345热线、企业家群或管家代录' })
  source!: CaseSource;

  @IsUUID('all', { message: '企业编号格式错误' })
  enterpriseId!: string;

  @IsIn(RECORDED_TYPES, { message: '请选择咨询、投诉或诉求反映' })
  type!: CaseType;

  @CaseText('内容', '请填写诉求内容')
  content!: string;

  @IsOptional()
  @IsIn(CATEGORY_CODES, { message: CATEGORY_MESSAGE })
  category?: string;

  /** The department to handle it; left out, the enterprise's butler's department. */
  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;

  @IsOptional()
  @IsBoolean({ message: '匿名选项必须是布尔值' })
  @OnlyWhen('complaintOnly', (o) => o.type === 'complaint', '只有投诉可以选择对被投诉部门隐藏企业身份')
  anonymous?: boolean;
}

/**
 * `POST /cases/:id/transitions`: one action of the table in `rules/cases/transitions.ts`. The types of the fields are
 * checked here; which fields the action needs (a reason to reject, a plan and next review date for long-term …) and
 * whether it is allowed now is `validateTransition`'s answer (400 with field details, or 409).
 */
export class CaseTransitionDto {
  @IsIn(CASE_REQUEST_ACTIONS, { message: '不支持该操作' })
  action!: CaseAction;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '理由必须是文本' })
  @MaxChars(CASE_REASON_MAX, { message: `理由不能超过 ${CASE_REASON_MAX} 个字` })
  reason?: string;

  /** 办理结果: required to resolve anything but a consultation. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '办理结果必须是文本' })
  @MaxChars(CASE_RESULT_MAX, { message: `办理结果不能超过 ${CASE_RESULT_MAX} 个字` })
  result?: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '推进计划必须是文本' })
  @MaxChars(CASE_PLAN_MAX, { message: `推进计划不能超过 ${CASE_PLAN_MAX} 个字` })
  plan?: string;

  /** YYYY-MM-DD (Asia/Shanghai), after today. */
  @IsOptional()
  @IsCalendarDay('下次跟踪日期格式错误（YYYY-MM-DD）')
  nextReviewOn?: string;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;

  @IsOptional()
  @IsUUID('all', { message: '管家编号格式错误' })
  butlerId?: string;

  @IsOptional()
  @IsInt({ message: '延期天数必须是整数' })
  @Min(1, { message: '延期至少 1 个工作日' })
  @Max(CASE_EXTENSION_MAX_DAYS, { message: `一次延期最多 ${CASE_EXTENSION_MAX_DAYS} 个工作日` })
  extensionDays?: number;

  @IsOptional()
  @IsIn(CASE_CONVERT_TARGETS, { message: '咨询只能转为投诉或诉求反映' })
  toType?: CaseType;

  /** Classify on acceptance when the enterprise left the category to staff. */
  @IsOptional()
  @IsIn(CATEGORY_CODES, { message: CATEGORY_MESSAGE })
  category?: string;
}

/** `POST /cases/:id/messages`: the conversation between the enterprise and staff. */
export class CaseMessageDto {
  @CaseText('留言', '请输入留言内容')
  content!: string;

  @CaseImages()
  images?: string[];
}

/** `POST /cases/:id/notes`: an internal note, staff only, never shown to the enterprise. */
export class CaseNoteDto {
  @CaseText('内部备注', '请输入备注内容')
  content!: string;
}

/** `POST /cases/:id/rating`: 一事一评, once, by the case's enterprise, after it is resolved. */
export class CaseRatingDto {
  @IsIn(RATING_LEVELS, { message: '请选择评价：非常满意、满意、基本满意、不满意或非常不满意' })
  level!: RatingLevel;

  @IsOptional()
  @IsArray({ message: '评价标签必须是列表' })
  @ArrayMaxSize(6, { message: '评价标签最多选 6 个' })
  @ArrayUnique({ message: '评价标签不能重复' })
  @IsIn(RATING_TAG_VALUES, { each: true, message: '评价标签不在可选范围内' })
  tags?: string[];

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '评价内容必须是文本' })
  @MaxChars(CASE_COMMENT_MAX, { message: `评价内容不能超过 ${CASE_COMMENT_MAX} 个字` })
  comment?: string;
}

/** The supervisor records the follow-up (回访整改) of a 差评: how and when the enterprise was reached, and the outcome. */
export class FollowUpDto {
  @IsIn(CONTACT_METHODS, { message: '请选择回访方式：电话、上门或线上' })
  contactMethod!: FollowUpContactMethod;

  @IsIsoDateOrDateTime({ message: '回访时间格式错误' })
  contactedAt!: string;

  @CaseText('回访情况', '请填写回访情况')
  outcome!: string;

  /** 整改措施, when something was put right. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '整改措施必须是文本' })
  @MaxChars(CASE_CONTENT_MAX, { message: `整改措施不能超过 ${CASE_CONTENT_MAX} 个字` })
  rectification?: string;
}

/** The enterprise rates the fix of a follow-up on three levels. */
export class FollowUpRatingDto {
  @IsIn(FOLLOW_UP_RATINGS, { message: '请选择：满意、基本满意或不满意' })
  rating!: FollowUpRating;
}

/** 申诉复核: the butler rated asks a supervisor to review a rating, with a reason. */
export class RatingAppealDto {
  @Transform(trim)
  @IsString({ message: '申诉理由必须是文本' })
  @Matches(/\S/, { message: '请填写申诉理由' })
  @MaxChars(CASE_REASON_MAX, { message: `申诉理由不能超过 ${CASE_REASON_MAX} 个字` })
  reason!: string;
}

/** The supervisor's decision on an appeal: uphold the rating or void it, with a reason either way. */
export class RatingAppealDecisionDto {
  @IsBoolean({ message: '请选择维持或撤销该评价' })
  uphold!: boolean;

  @Transform(trim)
  @IsString({ message: '复核理由必须是文本' })
  @Matches(/\S/, { message: '请填写复核理由' })
  @MaxChars(CASE_REASON_MAX, { message: `复核理由不能超过 ${CASE_REASON_MAX} 个字` })
  reason!: string;
}

/**
 * `GET /cases`: the enterprise's own cases, or the staff member's scope; newest first, keyset-paged.
 * No filter widens the scope. `mine`: assigned to me (staff); `unassigned`: no butler yet;
 * `overdue`: a clock past its deadline; `dueSoon`: past the 80 % warning, not yet overdue.
 */
export class CaseListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(CASE_STATE_VALUES, { message: '诉求状态不在可选范围内' })
  state?: CaseState;

  /**
   * `open`: not closed or rejected (the queue's 全部待办, as `counts.open`); `active`: not yet resolved, closed or
   * rejected (我的诉求's 办理中); `finished`: closed or rejected (已完结).
   */
  @IsOptional()
  @IsIn(['open', 'active', 'finished'], { message: '诉求阶段只能是 open、active 或 finished' })
  stage?: 'open' | 'active' | 'finished';

  @IsOptional()
  @IsIn(CASE_TYPE_VALUES, { message: '诉求类型不在可选范围内' })
  type?: CaseType;

  @IsOptional()
  @IsIn(CASE_SOURCE_VALUES, { message: '诉求来源不在可选范围内' })
  source?: CaseSource;

  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '超期筛选只能是 true 或 false' })
  overdue?: boolean;

  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '即将到期筛选只能是 true 或 false' })
  dueSoon?: boolean;

  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '“我的”筛选只能是 true 或 false' })
  mine?: boolean;

  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '未指派筛选只能是 true 或 false' })
  unassigned?: boolean;

  /** Staff who see several departments (centre, admin) may narrow to one. */
  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;
}

/** `PUT /admin/calendar/:year`: that year's official schedule (checked further by `validateCalendarYear`). */
export class CalendarYearDto {
  @IsArray({ message: '放假日期必须是列表' })
  @ArrayMaxSize(366, { message: '放假日期过多' })
  @IsCalendarDay('放假日期格式错误（YYYY-MM-DD）', true)
  holidays!: string[];

  @IsArray({ message: '调休上班日期必须是列表' })
  @ArrayMaxSize(366, { message: '调休上班日期过多' })
  @IsCalendarDay('调休上班日期格式错误（YYYY-MM-DD）', true)
  workdays!: string[];
}

// ---------------------------------------------------------------- responses

/** A case in a list, as its enterprise sees it. Times are ISO 8601. */
export interface CaseSummary {
  id: string;
  /** Human-readable, e.g. QS20261130-0007. */
  number: string;
  type: CaseType;
  source: CaseSource;
  state: CaseState;
  category: string | null;
  /** The beginning of the content. */
  excerpt: string;
  createdAt: string;
  updatedAt: string;
  /** The resolve deadline the enterprise can expect an answer by (「预计 12月3日前答复」); null when no clock runs. */
  expectedBy: string | null;
  /** 补充材料: the clock waits on the enterprise. */
  paused: boolean;
  department: { id: string; name: string } | null;
  /** Resolved, not yet rated: the 评价 card counts these. */
  awaitingRating: boolean;
}

/** A case in the staff queue. */
export interface CaseSummaryStaff extends CaseSummary {
  /** 「匿名企业」 with a null id when an anonymous complaint is seen by the department concerned. */
  enterprise: { id: string | null; name: string };
  anonymous: boolean;
  butler: { id: string; name: string } | null;
  acceptDueAt: string | null;
  resolveDueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  /** A deadline runs through a year without official calendar data (weekends only): admins must enter it. */
  estimatedDeadline: boolean;
}

export interface CaseImageItem {
  id: string;
  /** Served only to those who may see the case. */
  url: string;
}

export interface CaseMessageItem {
  id: string;
  at: string;
  author: { kind: 'enterprise' | 'staff'; name: string | null };
  content: string;
  images: CaseImageItem[];
}

/** One line of the timeline: who did what, when and why. */
export interface CaseTimelineEntry {
  seq: number;
  at: string;
  action: CaseAction | 'create';
  actor: { kind: CaseActorKind; name: string | null };
  from: CaseState | null;
  to: CaseState;
  reason: string | null;
  result: string | null;
  plan: string | null;
  nextReviewOn: string | null;
  extensionDays: number | null;
  toType: CaseType | null;
  /** Transfer: the department it went to. */
  department: { id: string; name: string } | null;
}

export interface CaseRatingItem {
  level: RatingLevel;
  tags: string[];
  comment: string | null;
  at: string;
  /** Voided on appeal (申诉复核): no longer counted. */
  voided: boolean;
}

export interface CaseFollowUpItem {
  /** For `POST /follow-ups/:id` (the supervisor) and `POST /follow-ups/:id/rating` (the enterprise). */
  id: string;
  dueAt: string;
  contactMethod: FollowUpContactMethod | null;
  contactedAt: string | null;
  outcome: string | null;
  rectification: string | null;
  /** The enterprise's rating of the fix. */
  rating: FollowUpRating | null;
}

/** A follow-up (回访整改) in the supervisor's list `GET /follow-ups`: no rater, no enterprise (open the case for it). */
export interface FollowUpListItem extends CaseFollowUpItem {
  case: { id: string; number: string; type: CaseType };
  department: { id: string; name: string } | null;
  /** The 差评 that opened it (1 or 2). */
  level: RatingLevel;
  createdAt: string;
  /** Past its due time and not yet recorded. */
  overdue: boolean;
}

/** A butler's appeal (申诉复核) of a rating, and its decision once made. */
export interface RatingAppealItem {
  id: string;
  caseId: string;
  reason: string;
  createdAt: string;
  decision: 'uphold' | 'void' | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

/** One case, as its enterprise sees it: never an internal note. */
export interface CaseDetail extends CaseSummary {
  content: string;
  images: CaseImageItem[];
  anonymous: boolean;
  messages: CaseMessageItem[];
  timeline: CaseTimelineEntry[];
  /** Extensions are visible to the enterprise, with their reasons. */
  extensions: { at: string; days: number; reason: string }[];
  nextReviewOn: string | null;
  rating: CaseRatingItem | null;
  followUp: CaseFollowUpItem | null;
  /** What this viewer may do now (`allowedActions`): the app shows these buttons only. */
  allowedActions: CaseAction[];
  /**
   * A service application's package or policy, and what the enterprise qualified by when it applied; null for any
   * other case (the server always sends it; optional only so views built before issue 11 still type-check).
   */
  application?: CaseApplication | null;
}

export interface CaseNoteItem {
  id: string;
  at: string;
  author: { id: string; name: string };
  content: string;
}

/** One case, as staff see it: the enterprise view plus internal notes and clocks. */
export interface CaseDetailStaff extends CaseDetail, CaseSummaryStaff {
  notes: CaseNoteItem[];
  /** Null when the enterprise is hidden from this viewer (anonymous complaint, department concerned). */
  contact: { name: string | null; phone: string | null } | null;
  /** The resolve clock's 80 % warning point. */
  resolveWarnAt: string | null;
  /**
   * The rated butler's appeal (申诉复核) of the rating, if any. Staff only: never on the enterprise's view.
   * `canDecide`: this viewer may decide it now (undecided; a supervisor of the rated department, the centre or an
   * admin; not the appellant) — the same rule as `POST /rating-appeals/:id/decision`.
   */
  appeal: (RatingAppealItem & { canDecide: boolean }) | null;
}

/**
 * `GET /cases/counts`: how many cases of the caller's scope each filter of the queue (or 我的诉求) holds now.
 * Open means not closed or rejected; `mine` is assigned to me (staff) or submitted by me (an enterprise user);
 * `resolved` is what waits for the enterprise's rating (the 评价 card's count).
 */
export interface CaseCountsResponse {
  open: number;
  pendingCheck: number;
  submitted: number;
  accepted: number;
  awaitingEnterprise: number;
  longTerm: number;
  resolved: number;
  overdue: number;
  dueSoon: number;
  mine: number;
  unassigned: number;
}

/** `GET /cases/options` (staff): where a case may be transferred and to whom it may be assigned. */
export interface CaseOptionsResponse {
  departments: { id: string; name: string; isCentre: boolean }[];
  /** Active butlers and supervisors, with their department. */
  staff: { id: string; name: string; role: 'butler' | 'supervisor'; departmentId: string | null }[];
}

/** `GET/PUT /admin/calendar/:year`: one year of the working calendar. */
export interface CalendarYearResponse {
  year: number;
  holidays: string[];
  workdays: string[];
  /** False when the year has no official data yet: deadlines through it count weekends only. */
  official: boolean;
  updatedAt: string | null;
}
