import { IsOptional, IsString, IsUUID } from 'class-validator';
import { IsPageLimit, PageQueryDto } from './paging';
import { MaxChars } from './validation';

/** The largest page of the butler directory. */
export const BUTLER_PAGE_MAX = 50;

/** `GET /butlers?department=&specialty=`: active butlers, by name; filters by department id and one specialty. */
export class ButlerQueryDto extends PageQueryDto {
  @IsPageLimit(BUTLER_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  department?: string;

  @IsOptional()
  @IsString({ message: '专长必须是文本（只能有一个）' })
  @MaxChars(30, { message: '专长不能超过 30 个字' })
  specialty?: string;
}

/** A butler in the 管家团队 directory (and its detail). */
export interface ButlerItem {
  id: string;
  name: string;
  /** No photo is stored yet: null. */
  photo: string | null;
  department: { id: string; name: string } | null;
  specialties: string[];
  /** A few lines the butler or an admin wrote; null while none is written. */
  introduction: string | null;
  /** Masked, except to an approved member of an enterprise this butler serves. */
  phone: string | null;
  /** From the ledger: cases handled (received, never held by the content check) and resolved (办结 or closed). */
  casesHandled: number;
  casesResolved: number;
  /** Satisfied ratings (基本满意 or better) over rated cases, 0–1; null while none is rated. */
  satisfactionRate: number | null;
}

/**
 * `GET /butlers/filters`: the directory's filter options, from the active butlers themselves — the departments
 * that have one (by name) and the specialties they list (the most common first), each with how many butlers.
 */
export interface ButlerFilterOptions {
  departments: Array<{ id: string; name: string; count: number }>;
  specialties: Array<{ name: string; count: number }>;
}
