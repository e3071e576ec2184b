import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * CasesRepository's hand-written statements. Printed with their plans in server/test/sql/cases.repository.sql.
 */
export const CASES_SQL = reviewedSql({
  /**
   * $1 the Shanghai day (YYYY-MM-DD): that day's next case number. The row of the day is the arbiter: of
   * concurrent submissions each waits for the previous one's row lock, so no number is given twice.
   */
  nextNumber: {
    text: `INSERT INTO "case_number_counters" ("day", "last_number") VALUES ($1, 1)
ON CONFLICT ("day") DO UPDATE SET "last_number" = "case_number_counters"."last_number" + 1
RETURNING "last_number"`,
    example: ['2026-11-30'],
  },
  /** $1 enterprise: its name and its assigned butler, with the butler's department when they are in post. */
  enterpriseForCase: {
    text: `SELECT e.id, e.name, e.butler_id, b.department_id AS butler_department_id
FROM "enterprises" e
LEFT JOIN "users" b ON b.id = e.butler_id AND b.active AND b.deleted_at IS NULL
WHERE e.id = $1`,
    example: [EXAMPLE.UUID],
  },
  /** $1 enterprise: the approved owner, who hears about cases staff recorded for the enterprise. */
  enterpriseOwner: {
    text: `SELECT m.user_id FROM "enterprise_members" m
WHERE m.enterprise_id = $1 AND m.role = 'owner' AND m.status = 'approved'`,
    example: [EXAMPLE.UUID],
  },
  /** The coordinating centre: where a case goes when no butler's department takes it. */
  centreDepartment: {
    text: `SELECT id FROM "departments" WHERE is_centre ORDER BY name, id LIMIT 1`,
    example: [],
  },
  /** $1 user: how staff reach the submitter (their contact name in the enterprise and their phone). */
  contactOf: {
    text: `SELECT m.contact_name, u.phone FROM "users" u
LEFT JOIN "enterprise_members" m ON m.user_id = u.id
WHERE u.id = $1 AND u.deleted_at IS NULL`,
    example: [EXAMPLE.UUID],
  },
  /** Transfer targets: every department, the centre first. */
  departmentOptions: {
    text: `SELECT id, name, is_centre FROM "departments" ORDER BY is_centre DESC, name, id`,
    example: [],
  },
  /** Assignment targets: active butlers and supervisors in post, by department and name. */
  staffOptions: {
    text: `SELECT id, name, username, role, department_id FROM "users"
WHERE role IN ('butler', 'supervisor') AND active AND deleted_at IS NULL
ORDER BY department_id NULLS LAST, name, id`,
    example: [],
  },
});
