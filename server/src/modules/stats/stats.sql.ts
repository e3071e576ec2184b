import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * StatsRepository's statements (the ledger and the public figures, docs/cases.md "Ledger"). Printed with their
 * plans in server/test/sql/stats.repository.sql.
 */
export const STATS_SQL = reviewedSql({
  /**
   * The ledger's cohort: one row per case received in [$1, $2) (`created_at`), never one still held by the content
   * check, within the caller's scope ($3 sees all, else only department $4) and the filters ($5 department, $6
   * butler, $7 type, $8 source; null = any). Its facts: first 受理 and last 办结 instants, the stored clocks and
   * running deadlines, and the rating unless voided. The figures are computed from these rows by the shared
   * working-day rules (readClock, workingDaysBetween) in one pass per breakdown: one statement, no per-case query.
   */
  ledgerFacts: {
    text: `SELECT c.id, c.type, c.source, c.state, c.created_at,
  c.department_id, d.name AS department_name, c.butler_id, u.name AS butler_name,
  c.accept_clock, c.resolve_clock, c.accept_due_at, c.resolve_due_at,
  (SELECT min(e.at) FROM "case_events" e WHERE e.case_id = c.id AND e.action = 'accept') AS accepted_at,
  (SELECT max(e.at) FROM "case_events" e WHERE e.case_id = c.id AND e.action = 'resolve') AS resolved_at,
  r.level AS rating_level
FROM "cases" c
LEFT JOIN "departments" d ON d.id = c.department_id
LEFT JOIN "users" u ON u.id = c.butler_id
LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
WHERE c.created_at >= $1 AND c.created_at < $2 AND c.state <> 'pending_check'
  AND ($3::boolean OR c.department_id = $4::uuid)
  AND ($5::uuid IS NULL OR c.department_id = $5::uuid)
  AND ($6::uuid IS NULL OR c.butler_id = $6::uuid)
  AND ($7::text IS NULL OR c.type = $7::text)
  AND ($8::text IS NULL OR c.source = $8::text)`,
    example: [EXAMPLE.DATE, new Date('2026-12-31T16:00:00.000Z'), false, EXAMPLE.UUID, null, null, null, null],
  },
  /**
   * The public figures per department (a case without a department counts for the city only): received (not held
   * by the content check), resolved (办结 or 完结), in long-term follow-up, rated (not voided) and satisfied (3–5).
   * Counts only: no name but the department's.
   */
  publicByDepartment: {
    text: `SELECT c.department_id, d.name AS department_name,
  count(*)::int AS received,
  count(*) FILTER (WHERE c.state IN ('resolved', 'closed'))::int AS resolved,
  count(*) FILTER (WHERE c.state = 'long_term')::int AS long_term,
  count(r.id)::int AS rated,
  count(r.id) FILTER (WHERE r.level >= 3)::int AS satisfied
FROM "cases" c
LEFT JOIN "departments" d ON d.id = c.department_id
LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
WHERE c.state <> 'pending_check'
GROUP BY c.department_id, d.name
ORDER BY d.name NULLS LAST`,
    example: [],
  },
});
