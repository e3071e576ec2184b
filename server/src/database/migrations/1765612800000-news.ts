import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 营商动态 (/news, /admin/news) (issue 11): articles with a cover (an attached upload), a sanitised body, a publish
 * time (scheduled publishing is decided on read), a pinned flag and a view count. The public list reads a
 * partial index over published rows in its order (pinned, publish time, id); the workbench the latest change.
 */
export class News1765612800000 implements MigrationInterface {
  name = 'News1765612800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "news_articles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(100) NOT NULL, "summary" character varying(300) NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "source" character varying(50), "cover_file_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "pinned" boolean NOT NULL DEFAULT false, "view_count" integer NOT NULL DEFAULT '0', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca1b67b1b6b2c382317bbd769dc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_news_articles_updated" ON "news_articles"  ("updated_at", "id") `);
    await q.query(
      `CREATE INDEX "idx_news_articles_public" ON "news_articles"  ("pinned", "published_at", "id") WHERE status = 'published'`,
    );
    await q.query(
      `ALTER TABLE "news_articles" ADD CONSTRAINT "fk_news_articles_cover" FOREIGN KEY ("cover_file_id") REFERENCES "files"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news_articles" ADD CONSTRAINT "fk_news_articles_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "news_articles"`);
  }
}
