/**
 * Raw SQL kept where it can be reviewed. A repository that writes SQL by hand keeps every statement
 * in one `<repository>.sql.ts` module, each with example parameters; `server/test/sql` prints each
 * statement and its `EXPLAIN (COSTS OFF)` on a seeded PostgreSQL into `server/test/sql/<file>.sql`,
 * a committed file, so a changed statement — or an index that stops being used — shows in the diff.
 */
export interface ReviewedStatement {
  /** The statement, with `$1`… parameters and no other interpolation at call time. */
  readonly text: string;
  /** Parameters for its EXPLAIN on the seeded database: fixed values (plans print them). */
  readonly example: readonly unknown[];
}

/** A repository's statements by method name. */
export type ReviewedStatements = Readonly<Record<string, ReviewedStatement>>;

/** Declares a repository's statements (type-checks them; returns them unchanged). */
export function reviewedSql<const T extends ReviewedStatements>(statements: T): T {
  return statements;
}

/** Example parameter values, like immich's DummyValue: fixed, so the printed plans are stable. */
export const EXAMPLE = {
  UUID: '00000000-0000-4000-8000-000000000001',
  BIGINT_ID: '1',
  TEMPLATE_ID: 'tmpl-membership-0001',
  DATE: new Date('2026-01-01T00:00:00.000Z'),
} as const;
