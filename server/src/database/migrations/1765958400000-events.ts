import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 潭商讲堂 events, registrations, waitlist, check-in and reminders (issue 12). `ck_events_seats` is the database's
 * own guarantee that an event never stores more confirmed seats than its capacity; the unique (event, user) index
 * makes a repeat sign-up answer the same registration. A case recorded from a 接待日 registration names its event.
 */
export class Events1765958400000 implements MigrationInterface {
  name = 'Events1765958400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "title" character varying(100) NOT NULL, "description" text NOT NULL DEFAULT '', "speakers" character varying(200) NOT NULL DEFAULT '', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signup_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "place" character varying(200), "latitude" double precision, "longitude" double precision, "online_url" character varying(500), "capacity" integer NOT NULL, "audience_districts" text array NOT NULL DEFAULT '{}', "audience_industries" text array NOT NULL DEFAULT '{}', "department_id" uuid, "materials" jsonb NOT NULL DEFAULT '[]', "replay_url" character varying(500), "status" character varying(16) NOT NULL DEFAULT 'draft', "cancel_reason" character varying(200), "confirmed_count" integer NOT NULL DEFAULT '0', "waitlist_count" integer NOT NULL DEFAULT '0', "signup_seq" integer NOT NULL DEFAULT '0', "published_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_events_seats" CHECK ("confirmed_count" >= 0 AND "confirmed_count" <= "capacity"), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_events_updated" ON "events"  ("updated_at", "id") `);
    await q.query(
      `CREATE INDEX "idx_events_published_starts" ON "events"  ("starts_at", "id") WHERE status = 'published'`,
    );
    await q.query(
      `CREATE TABLE "event_registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "seq" integer NOT NULL, "topic" text, "case_id" uuid, "checked_in_at" TIMESTAMP WITH TIME ZONE, "checked_in_by" uuid, "promoted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "reminded_day_at" TIMESTAMP WITH TIME ZONE, "reminded_hour_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_953d3b862c2487289a92b2356e9" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "idx_event_registrations_user_created" ON "event_registrations"  ("user_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE INDEX "idx_event_registrations_event_status_seq" ON "event_registrations"  ("event_id", "status", "seq") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_event_registrations_event_user" ON "event_registrations"  ("event_id", "user_id") `,
    );
    await q.query(`ALTER TABLE "cases" ADD "event_id" uuid`);
    await q.query(
      `ALTER TABLE "events" ADD CONSTRAINT "fk_events_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "events" ADD CONSTRAINT "fk_events_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event_registrations" ADD CONSTRAINT "fk_event_registrations_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event_registrations" ADD CONSTRAINT "fk_event_registrations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event_registrations" ADD CONSTRAINT "fk_event_registrations_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event_registrations" ADD CONSTRAINT "fk_event_registrations_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "event_registrations" ADD CONSTRAINT "fk_event_registrations_checked_in_by" FOREIGN KEY ("checked_in_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_event"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "event_id"`);
    await q.query(`DROP TABLE "event_registrations"`);
    await q.query(`DROP TABLE "events"`);
  }
}
