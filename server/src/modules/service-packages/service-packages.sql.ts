import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';
import { SATISFIED_MIN_LEVEL } from '../stats/ledger';

/*
 * ServicePackagesRepository's hand-written statements (惠企服务). Printed with their plans in
 * server/test/sql/service-packages.repository.sql.
 */
export const SERVICE_PACKAGES_SQL = reviewedSql({
  /**
   * The figures of the packages $1 in one grouped statement, as the ledger counts them: the applications (their
   * cases, never one still held by the content check), and the rated and satisfied ones (level ≥ $2, a voided
   * rating not counted). Served by the cases' package index.
   */
  figures: {
    text: `SELECT c.service_package_id,
  count(*)::int AS applications,
  count(r.level)::int AS rated,
  count(*) FILTER (WHERE r.level >= $2)::int AS satisfied
FROM "cases" c
LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
WHERE c.service_package_id = ANY($1::uuid[]) AND c.state <> 'pending_check'
GROUP BY c.service_package_id`,
    example: [[EXAMPLE.UUID], SATISFIED_MIN_LEVEL],
  },
});
