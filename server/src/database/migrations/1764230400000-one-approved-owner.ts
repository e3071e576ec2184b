import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one approved owner per enterprise, enforced by the database. Binding relies on it:
 * `INSERT … ON CONFLICT DO NOTHING` against this index decides who owns a new enterprise when
 * two users bind the same credit code at once.
 */
export class OneApprovedOwner1764230400000 implements MigrationInterface {
  name = 'OneApprovedOwner1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX "uq_enterprise_members_approved_owner" ON "enterprise_members" ("enterprise_id") WHERE role = 'owner' AND status = 'approved'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_enterprise_members_approved_owner"`);
  }
}
