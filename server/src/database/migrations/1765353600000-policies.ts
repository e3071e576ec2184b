import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 涉企政策 (issue 10): the admin-managed dictionaries, the enterprise's founding date (一企一档), policies with
 * their search columns, favourites and subscriptions. Search reads a GIN index over the bigram tsvector; the
 * category filter a GIN index over the category array.
 */
export class Policies1765353600000 implements MigrationInterface {
  name = 'Policies1765353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dictionary_entries" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "kind" character varying(20) NOT NULL, "value" character varying(50) NOT NULL, "sort" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47cac68f15abb2d1caa183960fd" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_dictionary_entries_kind_value" ON "dictionary_entries"  ("kind", "value") `);
    await q.query(
      `CREATE TABLE "policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "doc_number" character varying(100) NOT NULL, "issuer" character varying(100) NOT NULL, "level" character varying(16) NOT NULL, "categories" text array NOT NULL DEFAULT '{}', "industries" text array NOT NULL DEFAULT '{}', "scales" text array NOT NULL DEFAULT '{}', "districts" text array NOT NULL DEFAULT '{}', "qualifications" text array NOT NULL DEFAULT '{}', "valid_from" date, "valid_to" date, "summary" text NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "interpretation" text NOT NULL DEFAULT '', "attachments" jsonb NOT NULL DEFAULT '[]', "source_url" character varying(500), "status" character varying(16) NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "search_title" text NOT NULL DEFAULT '', "search_doc" text NOT NULL DEFAULT '', "search_vector" tsvector, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_603e09f183df0108d8695c57e28" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_policies_doc_number" ON "policies"  ("doc_number") `);
    await q.query(`CREATE INDEX "idx_policies_updated" ON "policies"  ("updated_at", "id") `);
    await q.query(
      `CREATE INDEX "idx_policies_published" ON "policies"  ("published_at", "id") WHERE status = 'published'`,
    );
    await q.query(
      `CREATE TABLE "policy_favorites" ("user_id" uuid NOT NULL, "policy_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d69a19d3e7ec01ed0fe2a0f237f" PRIMARY KEY ("user_id", "policy_id"))`,
    );
    await q.query(`CREATE INDEX "idx_policy_favorites_user_created" ON "policy_favorites"  ("user_id", "created_at") `);
    await q.query(
      `CREATE TABLE "policy_subscriptions" ("user_id" uuid NOT NULL, "match_profile" boolean NOT NULL DEFAULT true, "categories" text array NOT NULL DEFAULT '{}', "industries" text array NOT NULL DEFAULT '{}', "districts" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25cde6a14f7e4b07992e10503b9" PRIMARY KEY ("user_id"))`,
    );
    await q.query(`ALTER TABLE "enterprises" ADD "founded_on" date`);
    await q.query(
      `ALTER TABLE "policies" ADD CONSTRAINT "fk_policies_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_favorites" ADD CONSTRAINT "fk_policy_favorites_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_favorites" ADD CONSTRAINT "fk_policy_favorites_policy" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_subscriptions" ADD CONSTRAINT "fk_policy_subscriptions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "idx_policies_search" ON "policies" USING gin ("search_vector")`);
    await q.query(`CREATE INDEX "idx_policies_categories" ON "policies" USING gin ("categories")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "policy_subscriptions"`);
    await q.query(`DROP TABLE "policy_favorites"`);
    await q.query(`DROP TABLE "policies"`);
    await q.query(`ALTER TABLE "enterprises" DROP COLUMN "founded_on"`);
    await q.query(`DROP TABLE "dictionary_entries"`);
  }
}
