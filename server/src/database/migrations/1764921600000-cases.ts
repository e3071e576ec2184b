import { readFileSync } from 'node:fs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { calendarFromChineseDays, type ChineseDaysData } from '@qsgj/shared/rules';

/**
 * The case engine (issue 9): cases, their timeline, conversation and internal notes, the per-day number
 * counter, the working calendar (seeded from the `chinese-days` package's data as it is at migration time;
 * admins enter later years) and the coordinating centre flag on departments.
 */
export class Cases1764921600000 implements MigrationInterface {
  name = 'Cases1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "type" character varying(16) NOT NULL, "source" character varying(24) NOT NULL, "state" character varying(24) NOT NULL, "category" character varying(50), "content" text NOT NULL, "enterprise_id" uuid NOT NULL, "submitter_id" uuid, "recorded_by" uuid, "department_id" uuid, "butler_id" uuid, "addressed_butler_id" uuid, "anonymous" boolean NOT NULL DEFAULT false, "policy_id" uuid, "resolve_limit_days" integer NOT NULL, "accept_clock" jsonb, "resolve_clock" jsonb, "next_review_on" date, "result" text, "accept_due_at" TIMESTAMP WITH TIME ZONE, "resolve_due_at" TIMESTAMP WITH TIME ZONE, "resolve_warn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_cases_number" ON "cases" ("number") `);
    await q.query(
      `CREATE INDEX "idx_cases_resolve_due" ON "cases" ("resolve_due_at") WHERE resolve_due_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "idx_cases_accept_due" ON "cases" ("accept_due_at") WHERE accept_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_cases_created" ON "cases" ("created_at") `);
    await q.query(`CREATE INDEX "idx_cases_department_created" ON "cases" ("department_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_cases_enterprise_created" ON "cases" ("enterprise_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "seq" integer NOT NULL, "actor_id" uuid, "actor_kind" character varying(16) NOT NULL, "action" character varying(24) NOT NULL, "from_state" character varying(24), "to_state" character varying(24) NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_case_events_seq" ON "case_events" ("case_id", "seq") `);
    await q.query(
      `CREATE TABLE "case_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_id" uuid, "author_kind" character varying(16) NOT NULL, "content" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abd10cae638adbb2365d2446d10" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_case_messages_case" ON "case_messages" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_id" uuid, "content" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_case_notes_case" ON "case_notes" ("case_id", "created_at") `);
    await q.query(
      `CREATE TABLE "case_number_counters" ("day" date NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_d9282e75b219a5ed2e8e4173f73" PRIMARY KEY ("day"))`,
    );
    await q.query(
      `CREATE TABLE "working_calendar" ("year" integer NOT NULL, "holidays" text array NOT NULL DEFAULT '{}', "workdays" text array NOT NULL DEFAULT '{}', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7eeb865b79f4aa02bd11cb44a2" PRIMARY KEY ("year"))`,
    );
    await q.query(`ALTER TABLE "departments" ADD "is_centre" boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_submitter" FOREIGN KEY ("submitter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_butler" FOREIGN KEY ("butler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_addressed_butler" FOREIGN KEY ("addressed_butler_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_events" ADD CONSTRAINT "fk_case_events_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_events" ADD CONSTRAINT "fk_case_events_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_messages" ADD CONSTRAINT "fk_case_messages_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_messages" ADD CONSTRAINT "fk_case_messages_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    const data = JSON.parse(
      readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
    ) as ChineseDaysData;
    for (const year of calendarFromChineseDays(data)) {
      await q.query(`INSERT INTO "working_calendar" ("year", "holidays", "workdays") VALUES ($1, $2, $3)`, [
        year.year,
        year.holidays,
        year.workdays,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "working_calendar"`);
    await q.query(`DROP TABLE "case_number_counters"`);
    await q.query(`DROP TABLE "case_notes"`);
    await q.query(`DROP TABLE "case_messages"`);
    await q.query(`DROP TABLE "case_events"`);
    await q.query(`DROP TABLE "cases"`);
    await q.query(`ALTER TABLE "departments" DROP COLUMN "is_centre"`);
  }
}
