import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox claim reads the due rows oldest first by id. The two partial indexes by time were not used
 * for it (the plan walked the primary key and filtered months of sent rows, server/test/sql); one partial
 * index of the rows still in flight, by id, is: a claim reads only pending and leased rows.
 */
export class OutboxActiveIndex1764489600000 implements MigrationInterface {
  name = 'OutboxActiveIndex1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_outbox_due"`);
    await q.query(`DROP INDEX "public"."idx_outbox_leased"`);
    await q.query(
      `CREATE INDEX "idx_outbox_active" ON "notification_outbox" ("id") WHERE status IN ('pending', 'sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_outbox_active"`);
    await q.query(
      `CREATE INDEX "idx_outbox_leased" ON "notification_outbox" ("locked_until") WHERE status = 'sending'`,
    );
    await q.query(
      `CREATE INDEX "idx_outbox_due" ON "notification_outbox" ("next_attempt_at", "id") WHERE status = 'pending'`,
    );
  }
}
