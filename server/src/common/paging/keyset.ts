import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Page, PAGE_LIMIT_DEFAULT } from '@qsgj/shared/contracts';
import { type Cursor, decodeCursor, encodeCursor } from '@qsgj/shared/rules';
import { fieldError } from '../errors/app-exception';
import { UUID_PATTERN } from '../uuid.pipe';

/**
 * How a list is ordered for keyset paging: by one or more sort keys, then the row's id, all in one
 * direction — a total order, so a page never repeats or skips a row, whatever is inserted meanwhile.
 */
export interface KeysetOrder {
  /** The table the rows come from (the anchor row is read from it). */
  table: string;
  /** The query builder's alias of that table. */
  alias: string;
  /** SQL of each sort key for a given alias of the table, e.g. `(a) => \`${a}.created_at\``; none: by id alone. */
  keys?: Array<(alias: string) => string>;
  direction: 'ASC' | 'DESC';
  /** The id column (default `id`) and its type, to refuse a forged cursor before it reaches SQL. */
  id?: string;
  idType: 'uuid' | 'int';
  /**
   * A condition the anchor row must meet too, for lists scoped to an owner, e.g.
   * `(a) => \`${a}.user_id = :userId\`` (a parameter the list query already binds): another owner's row
   * as a cursor then leads nowhere instead of positioning the page.
   */
  anchorScope?: (alias: string) => string;
}

export const CURSOR_MESSAGE = '游标格式错误';

/** The `?cursor=` of a list query, or undefined on the first page; a cursor this server did not make: 400. */
export function readCursor(text: string | undefined, order: Pick<KeysetOrder, 'idType'>): Cursor | undefined {
  if (text === undefined) return undefined;
  const cursor = decodeCursor(text);
  const ok =
    cursor &&
    (order.idType === 'uuid'
      ? typeof cursor.id === 'string' && UUID_PATTERN.test(cursor.id)
      : typeof cursor.id === 'number' && Number.isSafeInteger(cursor.id) && cursor.id > 0);
  if (!ok) throw fieldError('cursor', CURSOR_MESSAGE);
  return cursor;
}

/**
 * Orders `qb` by the keyset, starts after the cursor's row and asks for one row more than `limit` (so
 * `toPage` knows whether another page follows). The anchor's sort keys are read from its own row, exact
 * to the microsecond (a value that went through a JS Date would not be). A row deleted between two pages
 * ends the list early rather than repeating rows.
 */
export function keyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder,
  after: Cursor | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const { alias, table, direction } = order;
  const idColumn = order.id ?? 'id';
  const keys = order.keys ?? [];
  const op = direction === 'DESC' ? '<' : '>';
  if (after) {
    if (keys.length === 0) {
      qb.andWhere(`${alias}.${idColumn} ${op} :keysetAnchor`, { keysetAnchor: after.id });
    } else {
      const mine = [...keys.map((k) => k(alias)), `${alias}.${idColumn}`].join(', ');
      const anchor = [...keys.map((k) => k('keyset_anchor')), `keyset_anchor.${idColumn}`].join(', ');
      qb.andWhere(
        `(${mine}) ${op} (SELECT ${anchor} FROM "${table}" keyset_anchor WHERE keyset_anchor.${idColumn} = :keysetAnchor${
          order.anchorScope ? ` AND ${order.anchorScope('keyset_anchor')}` : ''
        })`,
        { keysetAnchor: after.id },
      );
    }
  }
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k(alias), direction) : qb.addOrderBy(k(alias), direction)));
  if (keys.length === 0) qb.orderBy(`${alias}.${idColumn}`, direction);
  else qb.addOrderBy(`${alias}.${idColumn}`, direction);
  return qb.limit(limit + 1);
}

/** The page size asked for, or the default. */
export function pageLimit(limit: number | undefined, fallback = PAGE_LIMIT_DEFAULT): number {
  return limit ?? fallback;
}

/**
 * The first `limit` rows as items, and a cursor after the last of them when more rows were found.
 * `key` names the row for the cursor: its id, and (for the record only) its first sort value.
 */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => Cursor): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
}

/**
 * A whole list route in one call: reads `?cursor=` and `?limit=`, fetches `limit + 1` rows after the
 * cursor (`fetch` passes both to a repository method that uses `keyset`), and returns the page.
 */
export async function paged<R, T>(
  query: { cursor?: string; limit?: number },
  order: Pick<KeysetOrder, 'idType'>,
  fetch: (after: Cursor | undefined, limit: number) => Promise<R[]>,
  map: (row: R) => T,
  key: (row: R) => Cursor,
  defaultLimit = PAGE_LIMIT_DEFAULT,
): Promise<Page<T>> {
  const limit = pageLimit(query.limit, defaultLimit);
  const rows = await fetch(readCursor(query.cursor, order), limit);
  return toPage(rows, limit, map, key);
}
