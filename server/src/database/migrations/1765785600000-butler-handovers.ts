import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * butler assignment, bulk reassignment and deactivation with handover (issue 11): the enterprises' butler
 * history, 园区 on enterprises (bulk reassignment by district or park), 管家介绍 on users, and the indexes
 * that find a butler's enterprises and a district's or park's.
 */
export class ButlerHandovers1765785600000 implements MigrationInterface {
  name = 'ButlerHandovers1765785600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "introduction" character varying(300)`);
    await q.query(`ALTER TABLE "enterprises" ADD "park" character varying(50)`);
    await q.query(`CREATE INDEX "idx_enterprises_park" ON "enterprises" ("park") WHERE park IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_enterprises_district" ON "enterprises" ("district") WHERE district IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_enterprises_butler" ON "enterprises" ("butler_id") WHERE butler_id IS NOT NULL`);
    await q.query(
      `CREATE TABLE "enterprise_butler_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "from_butler_id" uuid, "to_butler_id" uuid, "kind" character varying(16) NOT NULL, "changed_by" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2e0a412c97b8895f5f0195e551d" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_enterprise_butler_changes_enterprise_at" ON "enterprise_butler_changes" ("enterprise_id", "at", "id")`,
    );
    await q.query(
      `ALTER TABLE "enterprise_butler_changes" ADD CONSTRAINT "fk_butler_changes_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_butler_changes" ADD CONSTRAINT "fk_butler_changes_from" FOREIGN KEY ("from_butler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_butler_changes" ADD CONSTRAINT "fk_butler_changes_to" FOREIGN KEY ("to_butler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_butler_changes" ADD CONSTRAINT "fk_butler_changes_by" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "enterprise_butler_changes"`);
    await q.query(`DROP INDEX "idx_enterprises_butler"`);
    await q.query(`DROP INDEX "idx_enterprises_district"`);
    await q.query(`DROP INDEX "idx_enterprises_park"`);
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "park"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "introduction"`);
  }
}
