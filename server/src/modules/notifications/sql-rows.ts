/**
 * The rows of a raw `query()`. TypeORM's postgres driver answers UPDATE and DELETE with
 * `[rows, rowCount]` on `pg` but with the rows alone on PGlite (whose results carry no `command`);
 * every other statement answers with the rows.
 */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}
