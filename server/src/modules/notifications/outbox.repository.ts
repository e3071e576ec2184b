import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxStatus } from './notification-outbox.entity';
import { rowsOf } from './sql-rows';

/** A message a worker has taken: it owns it until `locked_until`, fenced by `attempts`. */
export interface ClaimedMessage {
  id: string;
  userId: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  /** This claim's attempt number (1-based); every later write must match it. */
  attempts: number;
  /** Read now, not when the message was queued; null once the user deleted the account. */
  openid: string | null;
}

interface ClaimedRow {
  id: string;
  user_id: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  attempts: number;
  openid: string | null;
}

const DUE = `(o.status = '${OutboxStatus.PENDING}' AND o.next_attempt_at <= now())
          OR (o.status = '${OutboxStatus.SENDING}' AND o.locked_until < now())`;

const CLAIM_SET = `status = '${OutboxStatus.SENDING}', attempts = o.attempts + 1,
       locked_until = now() + make_interval(secs => $LEASE::float8 / 1000)`;

const CLAIMED_RETURNING = `o.id::text AS id, o.user_id, o.template_id, o.page, o.data, o.attempts,
       (SELECT u.openid FROM users u WHERE u.id = o.user_id AND u.deleted_at IS NULL) AS openid`;

/** `WHERE` of every write after a claim: the row is still ours (a worker whose lease ran out writes nothing). */
const FENCE = `id = $1 AND status = '${OutboxStatus.SENDING}' AND attempts = $2`;

/**
 * The worker's statements on `notification_outbox`. Each is a single statement (autocommit), so a
 * claim, a send and its outcome never hold a transaction open while WeChat answers. Times come from
 * the database's clock, never from this process, so several instances agree on what is due.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return rowsOf<T>(await this.dataSource.query(sql, params));
  }

  /** Takes up to `limit` due messages, oldest first, skipping rows another worker is taking right now. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows = await this.run<ClaimedRow>(
      `UPDATE notification_outbox o SET ${CLAIM_SET.replace('$LEASE', '$2')}
       WHERE o.id IN (
         SELECT o.id FROM notification_outbox o
         WHERE ${DUE}
         ORDER BY o.id LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING ${CLAIMED_RETURNING}`,
      [limit, leaseMs],
    );
    return rows.map(toClaimed).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Takes this message if it is due; null when it is not (sent, leased by another worker, or not yet due). */
  async claimOne(id: string, leaseMs: number): Promise<ClaimedMessage | null> {
    const rows = await this.run<ClaimedRow>(
      `UPDATE notification_outbox o SET ${CLAIM_SET.replace('$LEASE', '$2')}
       WHERE o.id = $1 AND (${DUE})
       RETURNING ${CLAIMED_RETURNING}`,
      [id, leaseMs],
    );
    return rows[0] ? toClaimed(rows[0]) : null;
  }

  /** Ids of due messages, oldest first (for the queue; taking them is the queue worker's job). */
  async findDueIds(limit: number): Promise<string[]> {
    const rows = await this.run<{ id: string }>(
      `SELECT o.id::text AS id FROM notification_outbox o WHERE ${DUE} ORDER BY o.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** True when the write landed (false: the lease had run out and another worker owns the message). */
  async markSent(m: ClaimedMessage): Promise<boolean> {
    const rows = await this.run(
      `UPDATE notification_outbox SET status = '${OutboxStatus.SENT}', sent_at = now(), locked_until = NULL
       WHERE ${FENCE} RETURNING id`,
      [m.id, m.attempts],
    );
    return rows.length === 1;
  }

  async markRetry(m: ClaimedMessage, delayMs: number, error: string): Promise<boolean> {
    const rows = await this.run(
      `UPDATE notification_outbox SET status = '${OutboxStatus.PENDING}', locked_until = NULL, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
       WHERE ${FENCE} RETURNING id`,
      [m.id, m.attempts, error, delayMs],
    );
    return rows.length === 1;
  }

  /** Failed: WeChat never delivered it, so the user's credit for the template is given back. */
  async markFailed(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(
      `WITH failed AS (
         UPDATE notification_outbox SET status = '${OutboxStatus.FAILED}', locked_until = NULL, last_error = $3
         WHERE ${FENCE} RETURNING user_id, template_id),
       refund AS (
         UPDATE subscription_grants g SET credits = g.credits + 1, updated_at = now()
         FROM failed f WHERE g.user_id = f.user_id AND g.template_id = f.template_id)
       SELECT 1 AS ok FROM failed`,
      [m.id, m.attempts, error],
    );
    return rows.length === 1;
  }

  /** Skipped: the user deleted the account (no openid). */
  async markSkipped(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(
      `UPDATE notification_outbox SET status = '${OutboxStatus.SKIPPED}', locked_until = NULL, last_error = $3
       WHERE ${FENCE} RETURNING id`,
      [m.id, m.attempts, error],
    );
    return rows.length === 1;
  }

  /** WeChat said 43101: the user has no subscription left. Skipped, and their credits for the template go to 0. */
  async markRefused(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(
      `WITH refused AS (
         UPDATE notification_outbox SET status = '${OutboxStatus.SKIPPED}', locked_until = NULL, last_error = $3
         WHERE ${FENCE} RETURNING user_id, template_id),
       zeroed AS (
         UPDATE subscription_grants g SET credits = 0, last_result = 'refused', updated_at = now()
         FROM refused r WHERE g.user_id = r.user_id AND g.template_id = r.template_id)
       SELECT 1 AS ok FROM refused`,
      [m.id, m.attempts, error],
    );
    return rows.length === 1;
  }

  /** Forgets finished messages older than `days` (their data is a copy of what the user was told). */
  async pruneFinished(days: number): Promise<void> {
    await this.run(
      `DELETE FROM notification_outbox
       WHERE status IN ('${OutboxStatus.SENT}', '${OutboxStatus.SKIPPED}', '${OutboxStatus.FAILED}')
         AND created_at < now() - make_interval(days => $1::int)`,
      [days],
    );
  }
}

function toClaimed(r: ClaimedRow): ClaimedMessage {
  return {
    id: r.id,
    userId: r.user_id,
    templateId: r.template_id,
    page: r.page,
    data: r.data,
    attempts: Number(r.attempts),
    openid: r.openid,
  };
}
