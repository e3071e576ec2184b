import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 政策直达 (issue 10): policy pushes (one fan-out of a published policy, resumable: cursor, counters and lease
 * in the row) and policy deliveries, whose primary key (policy, user) means a policy reaches a user once, ever.
 */
export class PolicyPushes1765440000000 implements MigrationInterface {
  name = 'PolicyPushes1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "policy_pushes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "policy_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "cursor" uuid, "targeted" integer NOT NULL DEFAULT '0', "inbox_written" integer NOT NULL DEFAULT '0', "not_granted" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c295254aa6ab8b31a06ce8c66e0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_policy_pushes_policy" ON "policy_pushes"  ("policy_id", "created_at") `);
    await q.query(
      `CREATE INDEX "idx_policy_pushes_due" ON "policy_pushes"  ("created_at") WHERE status IN ('queued', 'running')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_policy_pushes_active" ON "policy_pushes"  ("policy_id") WHERE status IN ('queued', 'running')`,
    );
    await q.query(
      `CREATE TABLE "policy_deliveries" ("policy_id" uuid NOT NULL, "user_id" uuid NOT NULL, "push_id" uuid NOT NULL, "notification_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_policy_deliveries" PRIMARY KEY ("policy_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "idx_policy_deliveries_push" ON "policy_deliveries"  ("push_id") `);
    await q.query(
      `ALTER TABLE "policy_pushes" ADD CONSTRAINT "fk_policy_pushes_policy" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_pushes" ADD CONSTRAINT "fk_policy_pushes_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_deliveries" ADD CONSTRAINT "fk_policy_deliveries_policy" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_deliveries" ADD CONSTRAINT "fk_policy_deliveries_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_deliveries" ADD CONSTRAINT "fk_policy_deliveries_push" FOREIGN KEY ("push_id") REFERENCES "policy_pushes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_deliveries" ADD CONSTRAINT "fk_policy_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "policy_deliveries"`);
    await q.query(`DROP TABLE "policy_pushes"`);
  }
}
