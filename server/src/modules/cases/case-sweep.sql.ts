import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * CaseSweepRepository's statements (the deadline sweep, docs/cases.md "Sweep"). Printed with their plans in
 * server/test/sql/case-sweep.repository.sql. `$1` is always the database's now(), read once per sweep, so every
 * process compares the stored deadlines with the same clock.
 */
const NOT_CLAIMED = (clock: 'accept' | 'resolve', kind: 'warning' | 'overdue') =>
  `NOT EXISTS (SELECT 1 FROM "case_deadline_alerts" a WHERE a.case_id = c.id AND a.clock = '${clock}' AND a.kind = '${kind}' AND a.clock_started_at = (c.${clock}_clock ->> 'startedAt')::timestamptz)`;

export const CASE_SWEEP_SQL = reviewedSql({
  /** The database's clock: what every process compares deadlines with. */
  now: { text: `SELECT now() AS now`, example: [] },
  /**
   * $1 now, $2 batch: running resolve clocks at or past their 80 % point and not yet overdue, not warned for this
   * run of the clock (the stored `resolve_warn_at` / `resolve_due_at` are null while paused or stopped).
   */
  resolveWarnings: {
    text: `SELECT c.id FROM "cases" c
WHERE c.resolve_warn_at <= $1 AND c.resolve_due_at >= $1 AND ${NOT_CLAIMED('resolve', 'warning')}
ORDER BY c.resolve_warn_at, c.id LIMIT $2`,
    example: [EXAMPLE.DATE, 100],
  },
  /** $1 now, $2 batch: running resolve clocks past their due instant, not yet escalated for this run of the clock. */
  resolveOverdue: {
    text: `SELECT c.id FROM "cases" c
WHERE c.resolve_due_at < $1 AND ${NOT_CLAIMED('resolve', 'overdue')}
ORDER BY c.resolve_due_at, c.id LIMIT $2`,
    example: [EXAMPLE.DATE, 100],
  },
  /**
   * $1 now, $2 batch: running accept clocks not yet due and not warned, soonest due first. No column holds the
   * accept clock's 80 % point: the service decides with `readClock` (for the 1-day limit, 00:00 of the due day).
   */
  acceptWarnings: {
    text: `SELECT c.id FROM "cases" c
WHERE c.accept_due_at >= $1 AND ${NOT_CLAIMED('accept', 'warning')}
ORDER BY c.accept_due_at, c.id LIMIT $2`,
    example: [EXAMPLE.DATE, 100],
  },
  /** $1 now, $2 batch: running accept clocks past their due instant, not yet escalated. */
  acceptOverdue: {
    text: `SELECT c.id FROM "cases" c
WHERE c.accept_due_at < $1 AND ${NOT_CLAIMED('accept', 'overdue')}
ORDER BY c.accept_due_at, c.id LIMIT $2`,
    example: [EXAMPLE.DATE, 100],
  },
  /**
   * $1 cutoff (now − the auto-close days), $2 batch: resolved (so unrated) cases whose last 办结 is at or before
   * the cutoff.
   */
  unratedResolved: {
    text: `SELECT c.id FROM "cases" c
WHERE c.state = 'resolved'
  AND (SELECT max(e.at) FROM "case_events" e WHERE e.case_id = c.id AND e.action = 'resolve') <= $1
ORDER BY c.id LIMIT $2`,
    example: [EXAMPLE.DATE, 100],
  },
  /** $1 case: lock its row, or nothing when another transaction holds it (a transition, another process's sweep). */
  lockCase: {
    text: `SELECT id FROM "cases" WHERE id = $1 FOR UPDATE SKIP LOCKED`,
    example: [EXAMPLE.UUID],
  },
  /**
   * The claim: $1 case, $2 clock, $3 kind, $4 the clock's start, $5 its due instant, $6 how many were told, $7 now.
   * A row comes back only to the one transaction that inserted it: that one sends the notices.
   */
  claim: {
    text: `INSERT INTO "case_deadline_alerts" ("case_id", "clock", "kind", "clock_started_at", "due_at", "recipients", "sent_at")
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT DO NOTHING
RETURNING "case_id"`,
    example: [EXAMPLE.UUID, 'resolve', 'warning', EXAMPLE.DATE, EXAMPLE.DATE, 1, EXAMPLE.DATE],
  },
  /** $1 department, $2 role: its staff in post with that role. */
  staffOfDepartment: {
    text: `SELECT u.id FROM "users" u
WHERE u.department_id = $1 AND u.role = $2 AND u.active AND u.deleted_at IS NULL
ORDER BY u.id`,
    example: [EXAMPLE.UUID, 'supervisor'],
  },
  /** $1 user: still in post (an assigned butler who left is not warned; their department's leads are). */
  inPost: {
    text: `SELECT u.id FROM "users" u WHERE u.id = $1 AND u.active AND u.deleted_at IS NULL`,
    example: [EXAMPLE.UUID],
  },
  /** Admins in post: told of an overdue case whose department has no supervisor. */
  admins: {
    text: `SELECT u.id FROM "users" u WHERE u.role = 'admin' AND u.active AND u.deleted_at IS NULL ORDER BY u.id`,
    example: [],
  },
});
