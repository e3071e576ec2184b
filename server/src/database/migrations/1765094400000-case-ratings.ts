import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratings (issue 9, 评价): `case_ratings` (一事一评: one per case; `voided` is what the ledger reads), the follow-up of
 * a 差评 (`case_follow_ups`, 回访整改) and the butler's appeal of a rating (`rating_appeals`, 申诉复核).
 */
export class CaseRatings1765094400000 implements MigrationInterface {
  name = 'CaseRatings1765094400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "level" smallint NOT NULL, "tags" jsonb NOT NULL DEFAULT '[]', "comment" text, "rated_by" uuid, "butler_id" uuid, "department_id" uuid, "voided" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53263af4174e1545a5627aa9671" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_case_ratings_department_created" ON "case_ratings" ("department_id", "created_at") `,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_case_ratings_case" ON "case_ratings" ("case_id") `);
    await q.query(
      `CREATE TABLE "case_follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "rating_id" uuid NOT NULL, "department_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "contact_method" character varying(16), "contacted_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "rectification" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "fix_rating" character varying(24), "fix_rated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8b1dc9bca0cf565f2606102c96" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_case_follow_ups_due" ON "case_follow_ups" ("due_at") `);
    await q.query(
      `CREATE INDEX "idx_case_follow_ups_department_due" ON "case_follow_ups" ("department_id", "due_at") `,
    );
    await q.query(`CREATE INDEX "idx_case_follow_ups_case" ON "case_follow_ups" ("case_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_case_follow_ups_rating" ON "case_follow_ups" ("rating_id") `);
    await q.query(
      `CREATE TABLE "rating_appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rating_id" uuid NOT NULL, "case_id" uuid NOT NULL, "appellant_id" uuid, "reason" text NOT NULL, "decision" character varying(8), "decision_reason" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b34eae87814dd9d7c4f7fc102d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_rating_appeals_case" ON "rating_appeals" ("case_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_rating_appeals_rating" ON "rating_appeals" ("rating_id") `);
    await q.query(
      `ALTER TABLE "case_ratings" ADD CONSTRAINT "fk_case_ratings_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_ratings" ADD CONSTRAINT "fk_case_ratings_rated_by" FOREIGN KEY ("rated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_ratings" ADD CONSTRAINT "fk_case_ratings_butler" FOREIGN KEY ("butler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_ratings" ADD CONSTRAINT "fk_case_ratings_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_rating" FOREIGN KEY ("rating_id") REFERENCES "case_ratings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rating_appeals" ADD CONSTRAINT "fk_rating_appeals_rating" FOREIGN KEY ("rating_id") REFERENCES "case_ratings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rating_appeals" ADD CONSTRAINT "fk_rating_appeals_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rating_appeals" ADD CONSTRAINT "fk_rating_appeals_appellant" FOREIGN KEY ("appellant_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rating_appeals" ADD CONSTRAINT "fk_rating_appeals_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "rating_appeals"`);
    await q.query(`DROP TABLE "case_follow_ups"`);
    await q.query(`DROP TABLE "case_ratings"`);
  }
}
