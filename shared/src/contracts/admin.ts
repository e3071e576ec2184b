import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsDefined,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import type { Role } from '../enums';
import { PageQueryDto } from './paging';
import { IsIsoDateOrDateTime, MaxChars } from './validation';

const STAFF_ROLE_VALUES = ['butler', 'supervisor', 'admin'];

/** The longest 管家介绍 (characters). */
export const STAFF_INTRODUCTION_MAX = 300;

/** Surrounding spaces never make a different name. */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Query strings carry booleans as text: `true` / `false` (anything else fails validation). */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The field may be left out, but `null` is refused (IsOptional alone would let null through). */
const OmittableNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreateDepartmentDto {
  @Transform(trim)
  @IsNotEmpty({ message: '请输入部门名称' })
  @IsString({ message: '部门名称必须是文本' })
  @MaxChars(50, { message: '部门名称不能超过 50 个字符' })
  name!: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '简称必须是文本' })
  @MaxChars(20, { message: '简称不能超过 20 个字符' })
  shortName?: string;
}

/** Renames a department. `shortName: null` removes the short name. */
export class UpdateDepartmentDto {
  @Transform(trim)
  @OmittableNotNull()
  @IsNotEmpty({ message: '部门名称不能为空' })
  @IsString({ message: '部门名称必须是文本' })
  @MaxChars(50, { message: '部门名称不能超过 50 个字符' })
  name?: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '简称必须是文本' })
  @MaxChars(20, { message: '简称不能超过 20 个字符' })
  shortName?: string | null;
}

export class CreateStaffDto {
  @IsNotEmpty({ message: '请输入用户名' })
  @IsString({ message: '用户名必须是文本' })
  @Matches(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, {
    message: '用户名须以字母开头，3-32 位字母、数字、下划线、点或短横线',
  })
  username!: string;

  @Transform(trim)
  @IsNotEmpty({ message: '请输入姓名' })
  @IsString({ message: '姓名必须是文本' })
  @MaxChars(30, { message: '姓名不能超过 30 个字符' })
  name!: string;

  @IsDefined({ message: '请选择角色' })
  @IsIn(STAFF_ROLE_VALUES, { message: '角色只能是管家、主管或管理员' })
  role!: Role;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;

  @IsNotEmpty({ message: '请输入初始密码' })
  @IsString({ message: '初始密码必须是文本' })
  @MaxChars(128, { message: '初始密码不能超过 128 位' })
  password!: string;

  @IsOptional()
  @IsArray({ message: '专长必须是列表' })
  @ArrayMaxSize(10, { message: '专长最多 10 项' })
  @IsString({ each: true, message: '每项专长必须是文本' })
  @MaxChars(20, { each: true, message: '每项专长不能超过 20 个字符' })
  specialties?: string[];

  @IsOptional()
  @IsString({ message: '手机号码必须是文本' })
  @Matches(/^1[3-9]\d{9}$/, { message: '请输入 11 位手机号码' })
  phone?: string;

  /** 管家介绍, shown in the butler directory. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '个人介绍必须是文本' })
  @MaxChars(STAFF_INTRODUCTION_MAX, { message: `个人介绍不能超过 ${STAFF_INTRODUCTION_MAX} 个字符` })
  introduction?: string;
}

/**
 * Changes a staff account. Every field may be left out; none may be null except `departmentId`
 * (null removes the department, which only an admin account may lack).
 */
export class UpdateStaffDto {
  @Transform(trim)
  @OmittableNotNull()
  @IsNotEmpty({ message: '姓名不能为空' })
  @IsString({ message: '姓名必须是文本' })
  @MaxChars(30, { message: '姓名不能超过 30 个字符' })
  name?: string;

  @OmittableNotNull()
  @IsIn(STAFF_ROLE_VALUES, { message: '角色只能是管家、主管或管理员' })
  role?: Role;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string | null;

  /** false deactivates the account (it is never deleted) and ends all its sessions; true reactivates it. */
  @OmittableNotNull()
  @IsBoolean({ message: '在岗状态必须是布尔值' })
  active?: boolean;

  @OmittableNotNull()
  @IsArray({ message: '专长必须是列表' })
  @ArrayMaxSize(10, { message: '专长最多 10 项' })
  @IsString({ each: true, message: '每项专长必须是文本' })
  @MaxChars(20, { each: true, message: '每项专长不能超过 20 个字符' })
  specialties?: string[];

  /** Sets a new temporary password that must be changed at next sign-in; ends all sessions. */
  @OmittableNotNull()
  @IsString({ message: '重置密码必须是文本' })
  @MaxChars(128, { message: '重置密码不能超过 128 位' })
  resetPassword?: string;

  /** Lifts a lockout (clears the lock and the failed-attempt count). */
  @OmittableNotNull()
  @IsBoolean({ message: '解锁标志必须是布尔值' })
  unlock?: boolean;

  /** 管家介绍 shown in the butler directory; `null` or an empty text removes it. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '个人介绍必须是文本' })
  @MaxChars(STAFF_INTRODUCTION_MAX, { message: `个人介绍不能超过 ${STAFF_INTRODUCTION_MAX} 个字符` })
  introduction?: string | null;

  /**
   * With `active: false`: who takes over the butler's enterprises and open cases (an active butler or
   * supervisor). Required while the butler still has any (409 BUTLER_HANDOVER_REQUIRED, with the counts).
   */
  @IsOptional()
  @IsUUID('all', { message: '接手人编号格式错误' })
  successorId?: string;
}

export class AssignButlerDto {
  @IsDefined({ message: '请选择管家' })
  @IsUUID('all', { message: '管家编号格式错误' })
  butlerId!: string;
}

/** Filters of the staff list. `q` matches username or name. */
export class StaffQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(STAFF_ROLE_VALUES, { message: '角色只能是管家、主管或管理员' })
  role?: Role;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  departmentId?: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: '搜索词必须是文本（只能有一个）' })
  @MaxChars(50, { message: '搜索词不能超过 50 个字符' })
  q?: string;

  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '在岗状态只能是 true 或 false' })
  active?: boolean;
}

/** Enterprises for the admin to find and assign. `q` matches name or credit code; keyset-paged by name. */
export class AdminEnterpriseQueryDto extends PageQueryDto {
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '搜索词必须是文本（只能有一个）' })
  @MaxChars(100, { message: '搜索词不能超过 100 个字符' })
  q?: string;

  /** 所属区县, exactly as in 一企一档. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '区县必须是文本（只能有一个）' })
  @MaxChars(30, { message: '区县不能超过 30 个字符' })
  district?: string;

  /** 所属园区, exactly. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '园区必须是文本（只能有一个）' })
  @MaxChars(50, { message: '园区不能超过 50 个字符' })
  park?: string;

  /** Only the enterprises this butler serves. */
  @IsOptional()
  @IsUUID('all', { message: '管家编号格式错误' })
  butlerId?: string;
}

/**
 * Audit log filters; newest first. `from` and `to` are both inclusive: a date (`2026-11-30`) or an
 * ISO date-time with its time zone (`2026-11-30T08:00:00+08:00`).
 */
export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString({ message: '操作类型必须是文本（只能有一个）' })
  @MaxChars(64, { message: '操作类型不能超过 64 个字符' })
  action?: string;

  @IsOptional()
  @IsUUID('all', { message: '操作人编号格式错误' })
  actorId?: string;

  @IsOptional()
  @IsString({ message: '对象类型必须是文本（只能有一个）' })
  @MaxChars(32, { message: '对象类型不能超过 32 个字符' })
  targetType?: string;

  @IsOptional()
  @IsString({ message: '对象编号必须是文本（只能有一个）' })
  @MaxChars(64, { message: '对象编号不能超过 64 个字符' })
  targetId?: string;

  @IsOptional()
  @IsIsoDateOrDateTime({
    message: '开始时间格式错误：应为 YYYY-MM-DD 或带时区的 ISO 时间（如 2026-11-30T08:00:00+08:00）',
  })
  from?: string;

  @IsOptional()
  @IsIsoDateOrDateTime({
    message: '结束时间格式错误：应为 YYYY-MM-DD 或带时区的 ISO 时间（如 2026-11-30T18:00:00+08:00）',
  })
  to?: string;
}

export interface DepartmentItem {
  id: string;
  name: string;
  shortName: string | null;
  /** Active staff accounts in the department. */
  staffCount: number;
}

export interface StaffItem {
  id: string;
  username: string;
  name: string;
  role: Role;
  department: { id: string; name: string } | null;
  specialties: string[];
  /** 管家介绍 (≤ 300 characters); null when none. */
  introduction: string | null;
  /** Masked. */
  phone: string | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface AuditItem {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

/** One row of the admin's enterprise list (and the answer to a butler assignment). */
export interface AdminEnterpriseItem {
  id: string;
  creditCode: string;
  name: string;
  district: string | null;
  /** 所属园区; null when none is on record. */
  park: string | null;
  butler: { id: string; name: string } | null;
}
