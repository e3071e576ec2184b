import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * ButlerAssignmentsRepository's hand-written statements. Printed with their plans in
 * server/test/sql/butler-assignments.repository.sql.
 *
 * The filter of a bulk assignment, in every statement that takes it: $d district, $p park, $f the butler the
 * enterprises have now, $i an array of enterprise ids — each NULL when not given (at least one is given).
 */
const FILTER = (d: number, p: number, f: number, i: number) => `($${d}::varchar IS NULL OR e.district = $${d})
  AND ($${p}::varchar IS NULL OR e.park = $${p})
  AND ($${f}::uuid IS NULL OR e.butler_id = $${f})
  AND ($${i}::uuid[] IS NULL OR e.id = ANY($${i}::uuid[]))`;

const CLOSED_STATES = `('resolved', 'closed', 'rejected')`;

export const BUTLER_ASSIGNMENTS_SQL = reviewedSql({
  /** $1 enterprise: one row when it exists. */
  enterpriseExists: {
    text: `SELECT 1 AS found FROM "enterprises" WHERE id = $1`,
    example: [EXAMPLE.UUID],
  },

  /** $1 the butler to assign, then the filter ($2–$5): how many match, and how many of them another butler serves. */
  previewBulk: {
    text: `SELECT count(*)::int AS matched, (count(*) FILTER (WHERE e.butler_id IS DISTINCT FROM $1))::int AS changed
FROM "enterprises" e
WHERE ${FILTER(2, 3, 4, 5)}`,
    example: [EXAMPLE.UUID, '岳塘区', null, null, null],
  },

  /**
   * $1 the butler to assign, the filter ($2–$5), $6 the kind of change, $7 the admin. One statement: the
   * matching enterprises are locked, those another butler serves (or none) move to $1 in one UPDATE, and
   * their history rows are written by one INSERT … SELECT. Answers one row per moved enterprise (its id,
   * name and previous butler), or a single row with a null id when the filter matched some but moved
   * none; `matched` is on every row.
   */
  reassign: {
    text: `WITH matched AS (
  SELECT e.id, e.butler_id FROM "enterprises" e
  WHERE ${FILTER(2, 3, 4, 5)}
  FOR UPDATE
), moved AS (
  UPDATE "enterprises" e SET butler_id = $1, updated_at = now()
  FROM matched m
  WHERE e.id = m.id AND m.butler_id IS DISTINCT FROM $1
  RETURNING e.id, e.name, m.butler_id AS from_butler_id
), history AS (
  INSERT INTO "enterprise_butler_changes" ("enterprise_id", "from_butler_id", "to_butler_id", "kind", "changed_by")
  SELECT id, from_butler_id, $1, $6, $7 FROM moved
)
SELECT (SELECT count(*) FROM matched)::int AS matched, mv.id, mv.name, mv.from_butler_id
FROM (SELECT 1) one LEFT JOIN moved mv ON true`,
    example: [EXAMPLE.UUID, '岳塘区', null, null, null, 'bulk', EXAMPLE.UUID],
  },

  /** $1 enterprise ids: their approved members (user id, enterprise name), to tell of their new butler. */
  approvedMembersOf: {
    text: `SELECT m.user_id, e.name AS enterprise_name
FROM "enterprise_members" m JOIN "enterprises" e ON e.id = m.enterprise_id
WHERE m.enterprise_id = ANY($1::uuid[]) AND m.status = 'approved'`,
    example: [[EXAMPLE.UUID]],
  },

  /** $1 the staff member: the enterprises they serve and the open cases they hold or were addressed. */
  workload: {
    text: `SELECT
  (SELECT count(*) FROM "enterprises" e WHERE e.butler_id = $1)::int AS enterprises,
  (SELECT count(*) FROM "cases" c
    WHERE (c.butler_id = $1 OR c.addressed_butler_id = $1) AND c.state NOT IN ${CLOSED_STATES})::int AS open_cases`,
    example: [EXAMPLE.UUID],
  },

  /**
   * Handover, $1 the deactivated butler, $2 the successor: the open cases held by or addressed to $1 now
   * are $2's (the department stays: the successor sees the cases they hold whatever their department).
   * Answers each moved case's id and state (for its timeline line).
   */
  handOverCases: {
    text: `UPDATE "cases" c SET
  butler_id = CASE WHEN c.butler_id = $1 THEN $2 ELSE c.butler_id END,
  addressed_butler_id = CASE WHEN c.addressed_butler_id = $1 THEN $2 ELSE c.addressed_butler_id END,
  updated_at = now()
WHERE (c.butler_id = $1 OR c.addressed_butler_id = $1) AND c.state NOT IN ${CLOSED_STATES}
RETURNING c.id, c.state`,
    example: [EXAMPLE.UUID, '00000000-0000-4000-8000-000000000002'],
  },

  /**
   * $1 case ids (already locked by handOverCases), $2 the admin, $3 the payload: one 指派管家 line at the
   * end of each case's timeline, in its current state. A statement of its own after the UPDATE, so it
   * reads the timelines as they are once the rows are locked (a transition that committed meanwhile
   * has its line counted).
   */
  appendHandoverEvents: {
    text: `INSERT INTO "case_events" ("case_id", "seq", "actor_id", "actor_kind", "action", "from_state", "to_state", "payload", "at")
SELECT c.id, (SELECT COALESCE(max(ev.seq), 0) + 1 FROM "case_events" ev WHERE ev.case_id = c.id),
  $2, 'admin', 'assign', c.state, c.state, $3::jsonb, greatest(now(), (SELECT max(ev.at) FROM "case_events" ev WHERE ev.case_id = c.id))
FROM "cases" c WHERE c.id = ANY($1::uuid[])`,
    example: [
      [EXAMPLE.UUID],
      EXAMPLE.UUID,
      '{"butlerId":"00000000-0000-4000-8000-000000000001","reason":"原管家停用，工作交接"}',
    ],
  },
});
