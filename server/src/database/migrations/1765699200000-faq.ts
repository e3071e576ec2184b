import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 常见问题 (/faq, staff review) and the consultation form's suggestions (issue 11): `faq_entries` with their search
 * columns (the policies' bigram tsvector under a GIN index), and `faq_suggestion_drafts` (form sessions in which a
 * suggestion was opened).
 */
export class Faq1765699200000 implements MigrationInterface {
  name = 'Faq1765699200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "faq_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "question" character varying(200) NOT NULL, "answer" text NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "policy_ids" uuid array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'draft', "source_case_id" uuid, "created_by" uuid, "edited_by" uuid, "reviewed_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "view_count" integer NOT NULL DEFAULT '0', "search_title" text NOT NULL DEFAULT '', "search_doc" text NOT NULL DEFAULT '', "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4e06d34f76cad999df10bcc08f6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_faq_entries_source_case" ON "faq_entries"  ("source_case_id") WHERE source_case_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "idx_faq_entries_updated" ON "faq_entries"  ("updated_at", "id") `);
    await q.query(
      `CREATE INDEX "idx_faq_entries_published" ON "faq_entries"  ("published_at", "id") WHERE status = 'published'`,
    );
    await q.query(
      `CREATE TABLE "faq_suggestion_drafts" ("draft_id" uuid NOT NULL, "user_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "first_opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "opens" integer NOT NULL DEFAULT '1', "opened" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_4d489c492407f426e96937f7f92" PRIMARY KEY ("draft_id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_faq_suggestion_drafts_first_opened" ON "faq_suggestion_drafts"  ("first_opened_at") `,
    );
    await q.query(
      `ALTER TABLE "faq_entries" ADD CONSTRAINT "fk_faq_entries_source_case" FOREIGN KEY ("source_case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "faq_entries" ADD CONSTRAINT "fk_faq_entries_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "faq_entries" ADD CONSTRAINT "fk_faq_entries_edited_by" FOREIGN KEY ("edited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "faq_entries" ADD CONSTRAINT "fk_faq_entries_reviewed_by" FOREIGN KEY ("reviewed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "faq_suggestion_drafts" ADD CONSTRAINT "fk_faq_suggestion_drafts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "faq_suggestion_drafts" ADD CONSTRAINT "fk_faq_suggestion_drafts_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "idx_faq_entries_search" ON "faq_entries" USING gin ("search_vector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "faq_suggestion_drafts"`);
    await q.query(`DROP TABLE "faq_entries"`);
  }
}
