import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline sweep's claims (docs/cases.md, "Sweep"): one row per (case, clock, kind, clock start) — the
 * 80 % warning or the overdue escalation of one run of a clock — inserted with ON CONFLICT DO NOTHING in the
 * transaction that sends the notice, so with several processes sweeping one database it is sent once.
 * No entity: only `CaseSweepRepository` reads and writes it, with reviewed SQL.
 */
export class CaseSweep1765008000000 implements MigrationInterface {
  name = 'CaseSweep1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_deadline_alerts" ("case_id" uuid NOT NULL, "clock" character varying(8) NOT NULL, "kind" character varying(8) NOT NULL, "clock_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recipients" integer NOT NULL, CONSTRAINT "ck_case_deadline_alerts_clock" CHECK (clock IN ('accept', 'resolve')), CONSTRAINT "ck_case_deadline_alerts_kind" CHECK (kind IN ('warning', 'overdue')), CONSTRAINT "pk_case_deadline_alerts" PRIMARY KEY ("case_id", "clock", "kind", "clock_started_at"))`,
    );
    await q.query(
      `ALTER TABLE "case_deadline_alerts" ADD CONSTRAINT "fk_case_deadline_alerts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_deadline_alerts"`);
  }
}
