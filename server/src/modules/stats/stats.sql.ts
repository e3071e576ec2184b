import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * StatsRepository's statements (the ledger and the public figures, docs/cases.md "Ledger"). Printed with their
 * plans in server/test/sql/stats.repository.sql.
 */
/** A working-day index (`workingDayIndex`) for the example: its values do not change the plan. */
const EXAMPLE_WORKING_DAY_INDEX = [1, 2, 3, 4, 5, 5, 5, 6, 7, 8];

export const STATS_SQL = reviewedSql({
  /**
   * 工作台账 (docs/cases.md "Ledger"), counted in the database: one row per group — the total, each department,
   * butler, type, source and week (Monday, Shanghai) — of the cases received in [$1, $2) (`created_at`), never one
   * still held by the content check, within the caller's scope ($3 sees all, else only department $4) and the
   * filters ($5 department, $6 butler, $7 type, $8 source; null = any). $9 is now (overdue now), $12 the lowest
   * satisfied rating level. Each group's counts and the sums behind its averages; the rates are worked out from
   * them (`figuresOf`).
   *
   * The facts are the case's own columns, written with every change by `recordColumns` (case-record.ts):
   * `accepted_at` (first 受理), `resolved_at` (last 办结), `accept_on_time` / `resolve_late` (how each stopped clock
   * stopped on the working calendar, re-stamped when the calendar changes). Working days: $11 is the calendar as a
   * running count from day $10 (`workingDayIndex`): for a day d at offset n = d − $10, $11[n + 1] counts the working
   * days up to d, so the working days between two days are a subtraction. The same rules, case by case in
   * TypeScript from the clocks and the timeline, are `caseFacts` in ledger.ts; ledger-figures.spec.ts checks that
   * both agree on cases written through `recordColumns`.
   *
   * Costs: one pass over the cohort's plain columns (no JSON, no timeline) and a hash aggregate per breakdown. Run
   * with JIT off (StatsRepository): compiling its expressions costs more than it saves.
   */
  ledgerFigures: {
    text: `WITH facts AS (
  SELECT c.department_id, c.butler_id, c.type, c.source, c.state,
    (c.created_at AT TIME ZONE 'UTC' + interval '8 hours')::date - $10::date AS created_n,
    (c.accept_due_at < $9 OR c.resolve_due_at < $9) IS TRUE AS overdue_open,
    r.level AS rating_level,
    (c.accepted_at AT TIME ZONE 'UTC' + interval '8 hours')::date - $10::date AS accepted_n,
    (c.resolved_at AT TIME ZONE 'UTC' + interval '8 hours')::date - $10::date AS resolved_n,
    c.accepted_at IS NOT NULL AND c.accept_on_time IS TRUE AS accept_met,
    NOT (c.state IN ('resolved', 'closed') AND c.resolve_late IS TRUE) AS resolve_met
  FROM "cases" c
  LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
  WHERE c.created_at >= $1 AND c.created_at < $2 AND c.state <> 'pending_check'
    AND ($3::boolean OR c.department_id = $4::uuid)
    AND ($5::uuid IS NULL OR c.department_id = $5::uuid)
    AND ($6::uuid IS NULL OR c.butler_id = $6::uuid)
    AND ($7::text IS NULL OR c.type = $7::text)
    AND ($8::text IS NULL OR c.source = $8::text)
), figures AS (
  SELECT
    CASE WHEN GROUPING(department_id) = 0 THEN 'department' WHEN GROUPING(butler_id) = 0 THEN 'butler'
         WHEN GROUPING(type) = 0 THEN 'type' WHEN GROUPING(source) = 0 THEN 'source'
         WHEN GROUPING(week_n) = 0 THEN 'week' ELSE 'total' END AS breakdown,
    coalesce(department_id::text, butler_id::text, type, source, to_char($10::date + week_n, 'YYYY-MM-DD')) AS key,
    count(*)::int AS received,
    count(accepted_n)::int AS accepted,
    count(*) FILTER (WHERE state IN ('resolved', 'closed'))::int AS resolved,
    count(*) FILTER (WHERE state = 'closed')::int AS closed,
    count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
    count(*) FILTER (WHERE state = 'long_term')::int AS long_term,
    count(*) FILTER (WHERE overdue_open)::int AS overdue_open,
    count(*) FILTER (WHERE NOT resolve_met)::int AS resolved_late,
    count(*) FILTER (WHERE accept_met)::int AS accepted_on_time,
    count(rating_level)::int AS rated,
    count(*) FILTER (WHERE rating_level >= $12)::int AS satisfied,
    coalesce(sum(($11::int[])[accepted_n + 1] - ($11::int[])[created_n + 1]), 0)::int AS accept_days_sum,
    count(accepted_n)::int AS accept_days_count,
    coalesce(sum(($11::int[])[resolved_n + 1] - ($11::int[])[created_n + 1])
      FILTER (WHERE state IN ('resolved', 'closed')), 0)::int AS resolve_days_sum,
    count(resolved_n) FILTER (WHERE state IN ('resolved', 'closed'))::int AS resolve_days_count,
    -- The day offsets read, to check that $11 covers them all.
    least(min(created_n), min(accepted_n), min(resolved_n)) AS first_n,
    greatest(max(created_n), max(accepted_n), max(resolved_n)) AS last_n
  -- The week: the offset of its Monday (ISO weekday 1).
  FROM (SELECT f.*, f.created_n - (f.created_n + extract(isodow FROM $10::date)::int - 1) % 7 AS week_n FROM facts f) f
  GROUP BY GROUPING SETS ((), (department_id), (butler_id), (type), (source), (week_n))
)
SELECT f.*, coalesce(d.name, u.name) AS name
FROM figures f
LEFT JOIN "departments" d ON f.breakdown = 'department' AND d.id::text = f.key
LEFT JOIN "users" u ON f.breakdown = 'butler' AND u.id::text = f.key`,
    example: [
      new Date('2025-12-31T16:00:00.000Z'),
      new Date('2026-12-31T16:00:00.000Z'),
      false,
      // A department of server/test/sql/seed.ts (a busy one).
      '50000000-0000-4000-8000-000000000002',
      null,
      null,
      null,
      null,
      EXAMPLE.DATE,
      '2025-12-30',
      EXAMPLE_WORKING_DAY_INDEX,
      3,
    ],
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
