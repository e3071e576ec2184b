import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { WorkingCalendar } from '@qsgj/shared/rules';
import type { StoredClock } from '../../modules/cases/case.entity';
import { fromStoredClock, ledgerColumns } from '../../modules/cases/case-record';

/** How many cases are re-stamped per UPDATE of the backfill. */
const BATCH = 2000;

/**
 * The ledger's facts on the case (docs/cases.md "Ledger"; docs/performance.md "Case engine at 300k cases"): the
 * first 受理 and last 办结 of the timeline, and whether each stopped clock stopped in time, so the ledger reads
 * plain columns instead of every case's JSON clocks and timeline. Backfilled here: the instants from `case_events`,
 * the on-time facts by `ledgerColumns` (the function every change writes them with) on the stored calendar.
 */
export class CaseLedgerFacts1765267200000 implements MigrationInterface {
  name = 'CaseLedgerFacts1765267200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "resolved_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "accept_on_time" boolean`);
    await q.query(`ALTER TABLE "cases" ADD "resolve_late" boolean`);

    await q.query(`UPDATE "cases" c SET accepted_at = e.accepted_at, resolved_at = e.resolved_at
      FROM (SELECT case_id, min(at) FILTER (WHERE action = 'accept') AS accepted_at,
                   max(at) FILTER (WHERE action = 'resolve') AS resolved_at
            FROM "case_events" WHERE action IN ('accept', 'resolve') GROUP BY case_id) e
      WHERE e.case_id = c.id`);

    const calendar = (await q.query(
      `SELECT year, holidays, workdays FROM "working_calendar" ORDER BY year`,
    )) as WorkingCalendar;
    const rows = (await q.query(
      `SELECT id, accept_clock, resolve_clock FROM "cases" WHERE accept_clock IS NOT NULL OR resolve_clock IS NOT NULL`,
    )) as Array<{ id: string; accept_clock: StoredClock | null; resolve_clock: StoredClock | null }>;
    const facts = rows
      .map((r) => ({
        id: r.id,
        ...ledgerColumns(
          { acceptClock: fromStoredClock(r.accept_clock), resolveClock: fromStoredClock(r.resolve_clock), history: [] },
          calendar,
        ),
      }))
      .filter((f) => f.acceptOnTime !== null || f.resolveLate !== null);
    for (let i = 0; i < facts.length; i += BATCH) {
      const part = facts.slice(i, i + BATCH);
      await q.query(
        `UPDATE "cases" c SET accept_on_time = u.a, resolve_late = u.r
         FROM unnest($1::uuid[], $2::boolean[], $3::boolean[]) AS u(id, a, r) WHERE c.id = u.id`,
        [part.map((f) => f.id), part.map((f) => f.acceptOnTime), part.map((f) => f.resolveLate)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "resolve_late"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "accept_on_time"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "resolved_at"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "accepted_at"`);
  }
}
