import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the in-app inbox, users' subscribe-message grants (one-time subscription credits),
 * and the outbox of WeChat messages written in the same transaction as the change that caused them.
 */
export class Notifications1764316800000 implements MigrationInterface {
  name = 'Notifications1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" character varying(100) NOT NULL, "body" character varying(500) NOT NULL, "link" character varying(200), "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_notifications_user_created" ON "notifications" ("user_id", "created_at", "id") `);
    await q.query(`CREATE INDEX "idx_notifications_user_unread" ON "notifications" ("user_id") WHERE read_at IS NULL`);
    await q.query(
      `CREATE TABLE "subscription_grants" ("user_id" uuid NOT NULL, "template_id" character varying(128) NOT NULL, "credits" integer NOT NULL DEFAULT '0', "last_result" character varying(16) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_subscription_grants" PRIMARY KEY ("user_id", "template_id"))`,
    );
    await q.query(
      `CREATE TABLE "notification_outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "notification_id" uuid NOT NULL, "user_id" uuid NOT NULL, "template_id" character varying(128) NOT NULL, "page" character varying(200), "data" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(100), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_outbox_notification" ON "notification_outbox" ("notification_id") `);
    await q.query(
      `CREATE INDEX "idx_outbox_due" ON "notification_outbox" ("next_attempt_at", "id") WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "idx_outbox_leased" ON "notification_outbox" ("locked_until") WHERE status = 'sending'`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "subscription_grants" ADD CONSTRAINT "fk_subscription_grants_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "fk_outbox_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification_outbox" ADD CONSTRAINT "fk_outbox_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_outbox"`);
    await q.query(`DROP TABLE "subscription_grants"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
