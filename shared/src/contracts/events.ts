import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CaseState, CaseType } from '../enums';
import { IsPageLimit, PageQueryDto } from './paging';
import { IsIsoDateOrDateTime, MaxChars } from './validation';

/** Contracts of 潭商讲堂: lectures, trainings, 轻骑兵 policy tours and 企业接待日 (issue 12). */

import {
  CHECKIN_CODE_MAX,
  EVENT_AUDIENCE_MAX,
  EVENT_CANCEL_REASON_MAX,
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_KIND_VALUES,
  EVENT_MATERIAL_NAME_MAX,
  EVENT_MATERIALS_MAX,
  EVENT_PAGE_MAX,
  EVENT_PLACE_MAX,
  EVENT_SPEAKERS_MAX,
  EVENT_STATUS_VALUES,
  EVENT_TITLE_MAX,
  EVENT_TOPIC_MAX,
  EVENT_URL_MAX,
  EventKind,
} from '../rules/events';
import type { EventStatus, RegistrationStatus } from '../rules/events';

export * from '../rules/events';

const URL = /^https?:\/\/[^\s<>"']+$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ───────────────────────────── answers ─────────────────────────────

/** A material (课件、政策汇编) or the replay: a link. */
export interface EventMaterial {
  name: string;
  url: string;
}

/** An event as lists show it. */
export interface EventCard {
  id: string;
  kind: EventKind;
  title: string;
  speakers: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
  place: string | null;
  online: boolean;
  capacity: number;
  /** Seats still free (never below 0). */
  seatsLeft: number;
  waitlisted: number;
  status: EventStatus;
  /** Sign-up still open now: published, before the deadline and the start. */
  signupOpen: boolean;
  /** The end has passed. */
  ended: boolean;
  /** Districts / industries it is for; empty: everyone. */
  audienceDistricts: string[];
  audienceIndustries: string[];
  hasReplay: boolean;
}

/** The caller's own registration of an event. */
export interface MyRegistration {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  /** Place in the waitlist (1 = next to get a seat); null unless waitlisted. */
  waitlistPosition: number | null;
  topic: string | null;
  checkedInAt: string | null;
  createdAt: string;
}

/** `GET /events/:id`: the card, the details, and for a signed-in enterprise user their registration. */
export interface EventDetail extends EventCard {
  description: string;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  organizerDepartmentId: string | null;
  organizerDepartment: string | null;
  materials: EventMaterial[];
  replayUrl: string | null;
  cancelReason: string | null;
  myRegistration: MyRegistration | null;
}

/** `POST /events/:id/registrations` and `DELETE /events/:id/registrations/me`. */
export interface RegistrationResult {
  registration: MyRegistration;
  /** False when an earlier sign-up was answered again (idempotent repeat). */
  created: boolean;
  seatsLeft: number;
}

/** The QR the registrant shows at the door: a signed, short-lived code (refresh before `expiresAt`). */
export interface CheckinCode {
  code: string;
  expiresAt: string;
}

/** `GET /me/registrations`: my registrations with their events; a check-in code for confirmed ones not yet over. */
export interface MyRegistrationItem extends MyRegistration {
  event: EventCard;
  checkin: CheckinCode | null;
}

/** The workbench's list of an event (admins): any status. */
export interface AdminEventItem extends EventCard {
  organizerDepartment: string | null;
  checkedIn: number;
  createdAt: string;
  updatedAt: string;
}

/** A registration in the staff list: the phone masked. */
export interface StaffRegistrationItem {
  id: string;
  status: RegistrationStatus;
  /** Arrival order in the event. */
  seq: number;
  waitlistPosition: number | null;
  enterpriseId: string;
  enterpriseName: string;
  contactName: string | null;
  /** Masked: 138****0000. */
  phone: string | null;
  topic: string | null;
  caseId: string | null;
  checkedInAt: string | null;
  createdAt: string;
}

/** Attendance of an event: no-shows are counted once the event has ended (null before). */
export interface EventAttendance {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
  noShow: number | null;
}

/** `GET /staff/events/:id/registrations`. */
export interface StaffRegistrationPage {
  event: EventCard;
  attendance: EventAttendance;
  items: StaffRegistrationItem[];
  nextCursor: string | null;
}

/** `POST /events/:id/checkins`. */
export interface CheckinResult {
  registrationId: string;
  enterpriseName: string;
  contactName: string | null;
  checkedInAt: string;
  /** True when the registrant had already been checked in (a second scan): nothing changed. */
  alreadyCheckedIn: boolean;
  attendance: EventAttendance;
}

/** `POST /staff/events/:eventId/registrations/:id/case`. */
export interface RegistrationCaseResult {
  registrationId: string;
  caseId: string;
  caseNumber: string;
  departmentId: string | null;
  state: CaseState;
  /** False when the registration had already become this case (idempotent repeat). */
  created: boolean;
}

// ───────────────────────────── requests ─────────────────────────────

export type EventWhen = 'upcoming' | 'past';

/** `GET /events`: upcoming (soonest first, the default) or past (latest first); by kind. */
export class EventQueryDto extends PageQueryDto {
  @IsPageLimit(EVENT_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsIn(['upcoming', 'past'], { message: 'when 只能是 upcoming 或 past' })
  when?: EventWhen;

  @IsOptional()
  @IsIn(EVENT_KIND_VALUES, { message: '活动类型只能是讲座、培训、政策宣讲或企业接待日' })
  kind?: EventKind;
}

/** `GET /admin/events`: every event, the latest change first; by status. */
export class AdminEventQueryDto extends PageQueryDto {
  @IsPageLimit(EVENT_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsIn([...EVENT_STATUS_VALUES, 'all'], { message: '状态只能是 draft、published、cancelled 或 all' })
  status?: EventStatus | 'all';
}

/** `GET /staff/events/:id/registrations`: by status. */
export class StaffRegistrationQueryDto extends PageQueryDto {
  @IsPageLimit(EVENT_PAGE_MAX * 2)
  declare limit?: number;

  @IsOptional()
  @IsIn(['confirmed', 'waitlisted', 'cancelled', 'all'], {
    message: '状态只能是 confirmed、waitlisted、cancelled 或 all',
  })
  status?: RegistrationStatus | 'all';
}

export class EventMaterialDto {
  @Transform(trim)
  @IsString({ message: '资料名称必须是文本' })
  @IsNotEmpty({ message: '请填写资料名称' })
  @MaxChars(EVENT_MATERIAL_NAME_MAX, { message: `资料名称不能超过 ${EVENT_MATERIAL_NAME_MAX} 个字符` })
  name!: string;

  @IsString({ message: '资料链接必须是文本' })
  @Matches(URL, { message: '资料链接须以 http:// 或 https:// 开头' })
  @MaxChars(EVENT_URL_MAX, { message: `资料链接不能超过 ${EVENT_URL_MAX} 个字符` })
  url!: string;
}

/** A list of dictionary values (区域、行业) an event is for. */
function AudienceValues(name: string): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsOptional()(target, property);
    IsArray({ message: `${name}必须是列表` })(target, property);
    ArrayMaxSize(EVENT_AUDIENCE_MAX, { message: `${name}最多 ${EVENT_AUDIENCE_MAX} 项` })(target, property);
    ArrayUnique({ message: `${name}不能重复` })(target, property);
    IsString({ each: true, message: `${name}的每一项必须是文本` })(target, property);
    Matches(/\S/, { each: true, message: `${name}不能有空项` })(target, property);
  };
}

function KindField(): PropertyDecorator {
  return IsIn(EVENT_KIND_VALUES, { message: '活动类型只能是讲座、培训、政策宣讲或企业接待日' });
}

function TitleField(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    Transform(trim)(target, property);
    IsString({ message: '标题必须是文本' })(target, property);
    IsNotEmpty({ message: '请输入标题' })(target, property);
    MaxChars(EVENT_TITLE_MAX, { message: `标题不能超过 ${EVENT_TITLE_MAX} 个字符` })(target, property);
  };
}

/** An instant with its time zone (`2026-12-10T14:30:00+08:00`). */
function InstantField(name: string, example: string): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsIsoDateOrDateTime({ message: `${name}格式应为带时区的 ISO 时间，如 ${example}` })(target, property);
    Matches(/T/, { message: `${name}须包含时刻，如 ${example}` })(target, property);
  };
}

function CapacityField(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsInt({ message: '名额必须是整数' })(target, property);
    Min(1, { message: '名额至少 1 个' })(target, property);
    Max(EVENT_CAPACITY_MAX, { message: `名额不能超过 ${EVENT_CAPACITY_MAX} 个` })(target, property);
  };
}

/** The fields create and update share that are optional in both. */
export class EventOptionalFieldsDto {
  @IsOptional()
  @IsString({ message: '活动介绍必须是文本' })
  @MaxChars(EVENT_DESCRIPTION_MAX, { message: `活动介绍不能超过 ${EVENT_DESCRIPTION_MAX} 个字符` })
  description?: string;

  /** The speaker, or the officials present (接待日、轻骑兵). */
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '主讲人或出席领导必须是文本' })
  @MaxChars(EVENT_SPEAKERS_MAX, { message: `主讲人或出席领导不能超过 ${EVENT_SPEAKERS_MAX} 个字符` })
  speakers?: string;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @Transform(trim)
  @IsString({ message: '地点必须是文本' })
  @MaxChars(EVENT_PLACE_MAX, { message: `地点不能超过 ${EVENT_PLACE_MAX} 个字符` })
  place?: string | null;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '纬度必须是数字' })
  @Min(-90, { message: '纬度不能小于 -90' })
  @Max(90, { message: '纬度不能大于 90' })
  latitude?: number | null;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '经度必须是数字' })
  @Min(-180, { message: '经度不能小于 -180' })
  @Max(180, { message: '经度不能大于 180' })
  longitude?: number | null;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString({ message: '线上链接必须是文本' })
  @Matches(URL, { message: '线上链接须以 http:// 或 https:// 开头' })
  @MaxChars(EVENT_URL_MAX, { message: `线上链接不能超过 ${EVENT_URL_MAX} 个字符` })
  onlineUrl?: string | null;

  @AudienceValues('面向区域')
  audienceDistricts?: string[];

  @AudienceValues('面向行业')
  audienceIndustries?: string[];

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsUUID('all', { message: '主办部门编号格式错误' })
  organizerDepartmentId?: string | null;

  @IsOptional()
  @IsArray({ message: '资料必须是列表' })
  @ArrayMaxSize(EVENT_MATERIALS_MAX, { message: `资料最多 ${EVENT_MATERIALS_MAX} 项` })
  @ValidateNested({ each: true, message: '资料的内容有误' })
  @Type(() => EventMaterialDto)
  materials?: EventMaterialDto[];

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString({ message: '回放链接必须是文本' })
  @Matches(URL, { message: '回放链接须以 http:// 或 https:// 开头' })
  @MaxChars(EVENT_URL_MAX, { message: `回放链接不能超过 ${EVENT_URL_MAX} 个字符` })
  replayUrl?: string | null;
}

/** `POST /admin/events`: a draft. Kind, title, times and capacity are required; a place or an online link. */
export class EventInputDto extends EventOptionalFieldsDto {
  @KindField()
  kind!: EventKind;

  @TitleField()
  title!: string;

  @InstantField('开始时间', '2026-12-10T14:30:00+08:00')
  startsAt!: string;

  @InstantField('结束时间', '2026-12-10T16:30:00+08:00')
  endsAt!: string;

  @InstantField('报名截止时间', '2026-12-09T18:00:00+08:00')
  signupDeadline!: string;

  @CapacityField()
  capacity!: number;
}

/** `PATCH /admin/events/:id`: any of the fields. A capacity below the confirmed count is refused (409). */
export class UpdateEventDto extends EventOptionalFieldsDto {
  @IsOptional()
  @KindField()
  kind?: EventKind;

  @IsOptional()
  @TitleField()
  title?: string;

  @IsOptional()
  @InstantField('开始时间', '2026-12-10T14:30:00+08:00')
  startsAt?: string;

  @IsOptional()
  @InstantField('结束时间', '2026-12-10T16:30:00+08:00')
  endsAt?: string;

  @IsOptional()
  @InstantField('报名截止时间', '2026-12-09T18:00:00+08:00')
  signupDeadline?: string;

  @IsOptional()
  @CapacityField()
  capacity?: number;
}

/** `POST /admin/events/:id/cancel`: registrants are told, with the reason. */
export class CancelEventDto {
  @Transform(trim)
  @IsString({ message: '取消原因必须是文本' })
  @IsNotEmpty({ message: '请填写取消原因' })
  @MaxChars(EVENT_CANCEL_REASON_MAX, { message: `取消原因不能超过 ${EVENT_CANCEL_REASON_MAX} 个字符` })
  reason!: string;
}

/** `POST /events/:id/registrations`: for a 企业接待日, the problem the enterprise wants to raise. */
export class RegisterEventDto {
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '反映的问题必须是文本' })
  @MaxChars(EVENT_TOPIC_MAX, { message: `反映的问题不能超过 ${EVENT_TOPIC_MAX} 个字符` })
  topic?: string;
}

/** `POST /events/:id/checkins`: the scanned (or typed) code, or the registration ticked in the list. */
export class CheckinDto {
  @ValidateIf((o: CheckinDto) => o.registrationId === undefined || o.code !== undefined)
  @IsString({ message: '签到码必须是文本' })
  @IsNotEmpty({ message: '请扫描或输入签到码' })
  @MaxChars(CHECKIN_CODE_MAX, { message: '签到码无效，请让报名人刷新二维码后重新扫描' })
  code?: string;

  @IsOptional()
  @IsUUID('all', { message: '报名编号格式错误' })
  registrationId?: string;
}

/** `POST /staff/events/:eventId/registrations/:id/case`: the department to handle it (default: the butler's). */
export class RegistrationCaseDto {
  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;

  @IsOptional()
  @IsIn(['consult', 'complaint', 'appeal'], { message: '请选择咨询、投诉或诉求反映' })
  type?: CaseType;
}
