import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff queue at province scale (docs/performance.md, "Case engine at 300k cases"): a butler's scope is their
 * department's cases OR those they hold, were addressed or recorded; a supervisor's their department's OR those
 * they recorded. With an index on every arm of the OR, PostgreSQL reads only the scope's rows (a BitmapOr) for the
 * counts per filter and for pages deep in a quiet department's queue, and 我的 (`butler_id = me`) reads the
 * butler's own cases newest first instead of the whole table. They also serve the foreign keys' ON DELETE SET NULL.
 */
export class CaseQueueIndexes1765180800000 implements MigrationInterface {
  name = 'CaseQueueIndexes1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_cases_butler_created" ON "cases" ("butler_id", "created_at") `);
    await q.query(
      `CREATE INDEX "idx_cases_addressed_butler_created" ON "cases" ("addressed_butler_id", "created_at") WHERE addressed_butler_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "idx_cases_recorded_by_created" ON "cases" ("recorded_by", "created_at") WHERE recorded_by IS NOT NULL`,
    );
    // The queue's counts are of open cases: a department's open cases without reading its closed years.
    await q.query(
      `CREATE INDEX "idx_cases_department_open" ON "cases" ("department_id") WHERE state NOT IN ('closed', 'rejected')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_cases_department_open"`);
    await q.query(`DROP INDEX "idx_cases_recorded_by_created"`);
    await q.query(`DROP INDEX "idx_cases_addressed_butler_created"`);
    await q.query(`DROP INDEX "idx_cases_butler_created"`);
  }
}
