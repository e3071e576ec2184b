import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';
import { SATISFIED_MIN_LEVEL } from '../stats/ledger';

/*
 * ButlersRepository's hand-written statements (管家团队). Printed with their plans in
 * server/test/sql/butlers.repository.sql.
 */
export const BUTLERS_SQL = reviewedSql({
  /**
   * The ledger figures of the butlers $1 in one grouped statement: the cases each handles (never one still held by
   * the content check), those 办结 or closed, and the rated and satisfied ones (level ≥ $2, a voided rating not
   * counted) — as the ledger counts them. Served by the cases' butler index.
   */
  figures: {
    text: `SELECT c.butler_id,
  count(*)::int AS handled,
  count(*) FILTER (WHERE c.state IN ('resolved', 'closed'))::int AS resolved,
  count(r.level)::int AS rated,
  count(*) FILTER (WHERE r.level >= $2)::int AS satisfied
FROM "cases" c
LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
WHERE c.butler_id = ANY($1::uuid[]) AND c.state <> 'pending_check'
GROUP BY c.butler_id`,
    example: [[EXAMPLE.UUID], SATISFIED_MIN_LEVEL],
  },
  /** The butler of the enterprise user $1 is a member of with status $2 (approved): none, or one row. */
  servedButlerOf: {
    text: `SELECT e.butler_id FROM "enterprise_members" m JOIN "enterprises" e ON e.id = m.enterprise_id
WHERE m.user_id = $1 AND m.status = $2`,
    example: [EXAMPLE.UUID, 'approved'],
  },
  /**
   * The directory's department filter: departments with at least one listed butler (role $1, active, not deleted),
   * by name, with how many. Staff are the users with a username: the partial index on usernames reaches them
   * without reading the (many) enterprise users.
   */
  filterDepartments: {
    text: `SELECT d.id, d.name, count(*)::int AS count
FROM "users" u JOIN "departments" d ON d.id = u.department_id
WHERE u.username IS NOT NULL AND u.role = $1 AND u.active = true AND u.deleted_at IS NULL
GROUP BY d.id, d.name
ORDER BY d.name, d.id`,
    example: ['butler'],
  },
  /**
   * The directory's specialty filter: the specialties the listed butlers (role $1) name, the most common first, at
   * most $2 of them.
   */
  filterSpecialties: {
    text: `SELECT s.name, count(*)::int AS count
FROM "users" u CROSS JOIN LATERAL unnest(u.specialties) AS s(name)
WHERE u.username IS NOT NULL AND u.role = $1 AND u.active = true AND u.deleted_at IS NULL AND s.name <> ''
GROUP BY s.name
ORDER BY count(*) DESC, s.name
LIMIT $2`,
    example: ['butler', 50],
  },
});
