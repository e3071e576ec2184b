import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the city holds on record of an enterprise, for the ownership rule (ADR 007): `on_record` is set
 * when the city put the enterprise there (demo data, an import, an admin) rather than a binder creating
 * it, and `contact_phone` is the contact number on record. The first binder of an enterprise on record
 * becomes its owner only when WeChat's verified phone matches that number; otherwise the butler confirms.
 */
export class EnterpriseOwnership1764576000000 implements MigrationInterface {
  name = 'EnterpriseOwnership1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enterprises" ADD "contact_phone" character varying(20)`);
    await q.query(`ALTER TABLE "enterprises" ADD "on_record" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "on_record"`);
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "contact_phone"`);
  }
}
