import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded files (case images first): the row beside the object in storage, unattached until its owner claims it. */
export class Files1764835200000 implements MigrationInterface {
  name = 'Files1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "storage_key" character varying(64) NOT NULL, "content_type" character varying(64) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "width" integer, "height" integer, "uploaded_by" uuid NOT NULL, "enterprise_id" uuid, "owner_kind" character varying(32), "owner_id" uuid, "attached_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_files_owner" CHECK ((owner_kind IS NULL) = (owner_id IS NULL)), CONSTRAINT "PK_6c16b9093a142e0e7613b04a3d9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_files_storage_key" ON "files" ("storage_key")`);
    await q.query(`CREATE INDEX "idx_files_uploaded_by" ON "files" ("uploaded_by")`);
    await q.query(`CREATE INDEX "idx_files_owner" ON "files" ("owner_kind", "owner_id") WHERE owner_kind IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_files_unattached_created" ON "files" ("created_at") WHERE owner_kind IS NULL`);
    await q.query(
      `ALTER TABLE "files" ADD CONSTRAINT "fk_files_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "files" ADD CONSTRAINT "fk_files_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "files"`);
  }
}
