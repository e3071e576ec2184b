import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 企业商圈 (issue 12): the opt-in directory (`market_listings`), supply/demand posts (`market_posts`, bigram search
 * like policies: GIN on `search_vector`), contact requests (one open per requesting enterprise and post) and reports.
 */
export class Market1766044800000 implements MigrationInterface {
  name = 'Market1766044800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "market_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "author_id" uuid, "kind" character varying(8) NOT NULL, "category" character varying(20) NOT NULL, "industry" character varying(50), "district" character varying(30) NOT NULL, "title" character varying(50) NOT NULL, "description" character varying(1000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "takedown_reason" character varying(200), "taken_down_by" uuid, "taken_down_at" TIMESTAMP WITH TIME ZONE, "search_doc" text NOT NULL DEFAULT '', "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01c25bc3f637387a7b1b784b73e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_market_posts_enterprise" ON "market_posts"  ("enterprise_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE INDEX "idx_market_posts_board" ON "market_posts"  ("created_at", "id") WHERE status = 'active'`,
    );
    await q.query(
      `CREATE TABLE "market_contact_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "owner_enterprise_id" uuid NOT NULL, "requester_enterprise_id" uuid NOT NULL, "requester_id" uuid NOT NULL, "message" character varying(300) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c0d7325f610660075efa5dfecb" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_market_contact_requests_owner" ON "market_contact_requests"  ("owner_enterprise_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE INDEX "idx_market_contact_requests_requester" ON "market_contact_requests"  ("requester_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_market_contact_requests_open" ON "market_contact_requests"  ("post_id", "requester_enterprise_id") WHERE status IN ('pending', 'accepted')`,
    );
    await q.query(
      `CREATE TABLE "market_listings" ("enterprise_id" uuid NOT NULL, "introduction" character varying(500) NOT NULL, "products" character varying(300) NOT NULL, "logo_file_id" uuid, "visible" boolean NOT NULL DEFAULT false, "search_doc" text NOT NULL DEFAULT '', "search_vector" tsvector, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7039335556434735eb2a011ef8" PRIMARY KEY ("enterprise_id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_market_listings_visible" ON "market_listings"  ("updated_at", "enterprise_id") WHERE visible`,
    );
    await q.query(
      `CREATE TABLE "market_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "reporter_id" uuid, "reason" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "note" character varying(200), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b47da73c7f8a0382be42cb72ad" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_market_reports_status" ON "market_reports"  ("status", "created_at", "id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_market_reports_open" ON "market_reports"  ("post_id", "reporter_id") WHERE status = 'open'`,
    );
    await q.query(
      `ALTER TABLE "market_posts" ADD CONSTRAINT "fk_market_posts_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_posts" ADD CONSTRAINT "fk_market_posts_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_contact_requests" ADD CONSTRAINT "fk_market_contact_requests_post" FOREIGN KEY ("post_id") REFERENCES "market_posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_contact_requests" ADD CONSTRAINT "fk_market_contact_requests_owner" FOREIGN KEY ("owner_enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_contact_requests" ADD CONSTRAINT "fk_market_contact_requests_requester_ent" FOREIGN KEY ("requester_enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_contact_requests" ADD CONSTRAINT "fk_market_contact_requests_requester" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_listings" ADD CONSTRAINT "fk_market_listings_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_reports" ADD CONSTRAINT "fk_market_reports_post" FOREIGN KEY ("post_id") REFERENCES "market_posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "market_reports" ADD CONSTRAINT "fk_market_reports_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "idx_market_posts_search" ON "market_posts" USING gin ("search_vector")`);
    await q.query(`CREATE INDEX "idx_market_listings_search" ON "market_listings" USING gin ("search_vector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "market_reports"`);
    await q.query(`DROP TABLE "market_contact_requests"`);
    await q.query(`DROP TABLE "market_listings"`);
    await q.query(`DROP TABLE "market_posts"`);
  }
}
