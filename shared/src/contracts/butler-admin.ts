import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { PageQueryDto } from './paging';
import { MaxChars } from './validation';

/*
 * 管家团队, the admin's side (issue 11): assigning butlers to enterprises one at a time or in bulk, the
 * enterprise's butler history, and what a butler still holds before deactivation (handover).
 */

/** Why an enterprise's butler changed: one assignment, a bulk reassignment, or the handover of a deactivated butler. */
export const ButlerChangeKind = {
  SINGLE: 'single',
  BULK: 'bulk',
  HANDOVER: 'handover',
} as const;
export type ButlerChangeKind = (typeof ButlerChangeKind)[keyof typeof ButlerChangeKind];

/** The most enterprises a bulk assignment may name one by one. */
export const BULK_ENTERPRISE_IDS_MAX = 500;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Which enterprises a bulk assignment moves: every criterion given must hold (at least one is required). */
export class ButlerAssignmentFilterDto {
  /** 所属区县, exactly as in 一企一档. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '区县必须是文本' })
  @MaxChars(30, { message: '区县不能超过 30 个字符' })
  district?: string;

  /** 所属园区, exactly. */
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '园区必须是文本' })
  @MaxChars(50, { message: '园区不能超过 50 个字符' })
  park?: string;

  /** The enterprises this butler serves now. */
  @IsOptional()
  @IsUUID('all', { message: '原管家编号格式错误' })
  fromButlerId?: string;

  /** These enterprises (at most 500). */
  @IsOptional()
  @IsArray({ message: '企业列表必须是列表' })
  @ArrayMaxSize(BULK_ENTERPRISE_IDS_MAX, { message: `一次最多选择 ${BULK_ENTERPRISE_IDS_MAX} 家企业` })
  @IsUUID('all', { each: true, message: '企业编号格式错误' })
  enterpriseIds?: string[];
}

/** `POST /admin/enterprises/butler-assignments`: every enterprise the filter matches gets this butler. */
export class BulkAssignButlersDto {
  @IsDefined({ message: '请选择管家' })
  @IsUUID('all', { message: '管家编号格式错误' })
  butlerId!: string;

  @IsDefined({ message: '请选择要分配的企业范围' })
  @IsObject({ message: '分配范围格式错误' })
  @ValidateNested({ message: '分配范围的内容有误' })
  @Type(() => ButlerAssignmentFilterDto)
  filter!: ButlerAssignmentFilterDto;
}

/** `?preview=true`: count what would change, write nothing (the confirmation's figures). */
export class BulkAssignQueryDto {
  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: '预览标志只能是 true 或 false' })
  preview?: boolean;
}

/** What a bulk assignment matched and did (or, previewed, would do). */
export interface BulkAssignResult {
  preview: boolean;
  /** Enterprises the filter matched. */
  matched: number;
  /** Of those, the ones whose butler changes (changed + unchanged = matched). */
  changed: number;
  /** Already served by the butler. */
  unchanged: number;
  butler: { id: string; name: string };
}

/** One line of an enterprise's butler history, newest first. */
export interface ButlerChangeItem {
  id: string;
  at: string;
  kind: ButlerChangeKind;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  /** The admin who made the change (null when the account is gone). */
  by: { id: string; name: string } | null;
}

/** `GET /admin/enterprises/:id/butler-history`. */
export class ButlerHistoryQueryDto extends PageQueryDto {}

/** What a staff member still holds: what a deactivation hands over to a successor. */
export interface StaffWorkload {
  /** Enterprises they are the butler of. */
  enterprises: number;
  /** Cases held by them or addressed to them, not yet resolved, closed or rejected. */
  openCases: number;
}
