import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, registerDecorator } from 'class-validator';
import { decodeCursor } from '../rules/cursor';

/**
 * One page of a keyset-paged list. `nextCursor` is opaque: pass it back as `cursor` for the next
 * page; null on the last page. Every list route answers in this shape (the inbox adds its unread count).
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The default and the largest page size of every list. */
export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/** The largest id a numeric cursor may name: ids that are numbers are PostgreSQL `integer` identities. */
export const CURSOR_MAX_INT_ID = 2_147_483_647;

/**
 * A cursor this API made: base64url of a `[key, id]` pair whose id is a uuid-like text or a whole
 * number from 1 to `CURSOR_MAX_INT_ID` (a larger one would reach the database and fail there).
 */
export function isPageCursor(value: unknown): boolean {
  if (typeof value !== 'string' || !CURSOR.test(value)) return false;
  const cursor = decodeCursor(value);
  if (cursor === null) return false;
  return (
    typeof cursor.id === 'string' || (Number.isInteger(cursor.id) && cursor.id >= 1 && cursor.id <= CURSOR_MAX_INT_ID)
  );
}

/** `?limit=`: a whole number from 1 to `max` (one rule, one set of Chinese messages, for every list). */
export function IsPageLimit(max: number = PAGE_LIMIT_MAX): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsOptional()(target, property);
    Type(() => Number)(target, property);
    IsInt({ message: '每页条数必须是整数' })(target, property);
    Min(1, { message: '每页至少 1 条' })(target, property);
    Max(max, { message: `每页最多 ${max} 条` })(target, property);
  };
}

/** `?cursor=`: the `nextCursor` of the previous page (opaque base64url). */
export function IsPageCursor(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsOptional()(target, property);
    registerDecorator({
      name: 'isPageCursor',
      target: target.constructor,
      propertyName: property as string,
      options: { message: '游标格式错误' },
      validator: { validate: isPageCursor },
    });
  };
}

/** The query of a keyset-paged list. List queries with filters extend it. */
export class PageQueryDto {
  /** The `nextCursor` of the previous page. */
  @IsPageCursor()
  cursor?: string;

  @IsPageLimit()
  limit?: number;
}
