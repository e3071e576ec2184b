import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OUTBOX_SQL } from './outbox.sql';
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

/**
 * The worker's statements on `notification_outbox`. Each is a single statement (autocommit), so a
 * claim, a send and its outcome never hold a transaction open while WeChat answers. Times come from
 * the database's clock, never from this process, so several instances agree on what is due.
 * The statements themselves are in `outbox.sql.ts` (their plans: server/test/sql/outbox.repository.sql).
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return rowsOf<T>(await this.dataSource.query(sql, params));
  }

  /** Takes up to `limit` due messages, oldest first, skipping rows another worker is taking right now. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const rows = await this.run<ClaimedRow>(OUTBOX_SQL.claimDue.text, [limit, leaseMs]);
    return rows.map(toClaimed).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Takes this message if it is due; null when it is not (sent, leased by another worker, or not yet due). */
  async claimOne(id: string, leaseMs: number): Promise<ClaimedMessage | null> {
    const rows = await this.run<ClaimedRow>(OUTBOX_SQL.claimOne.text, [id, leaseMs]);
    return rows[0] ? toClaimed(rows[0]) : null;
  }

  /** Ids of due messages, oldest first (for the queue; taking them is the queue worker's job). */
  async findDueIds(limit: number): Promise<string[]> {
    const rows = await this.run<{ id: string }>(OUTBOX_SQL.findDueIds.text, [limit]);
    return rows.map((r) => r.id);
  }

  /** True when the write landed (false: the lease had run out and another worker owns the message). */
  async markSent(m: ClaimedMessage): Promise<boolean> {
    const rows = await this.run(OUTBOX_SQL.markSent.text, [m.id, m.attempts]);
    return rows.length === 1;
  }

  async markRetry(m: ClaimedMessage, delayMs: number, error: string): Promise<boolean> {
    const rows = await this.run(OUTBOX_SQL.markRetry.text, [m.id, m.attempts, error, delayMs]);
    return rows.length === 1;
  }

  /** Failed: WeChat never delivered it, so the user's credit for the template is given back. */
  async markFailed(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(OUTBOX_SQL.markFailed.text, [m.id, m.attempts, error]);
    return rows.length === 1;
  }

  /** Skipped: the user deleted the account (no openid). */
  async markSkipped(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(OUTBOX_SQL.markSkipped.text, [m.id, m.attempts, error]);
    return rows.length === 1;
  }

  /** WeChat said 43101: the user has no subscription left. Skipped, and their credits for the template go to 0. */
  async markRefused(m: ClaimedMessage, error: string): Promise<boolean> {
    const rows = await this.run(OUTBOX_SQL.markRefused.text, [m.id, m.attempts, error]);
    return rows.length === 1;
  }

  /** Forgets finished messages older than `days` (their data is a copy of what the user was told). */
  async pruneFinished(days: number): Promise<void> {
    await this.run(OUTBOX_SQL.pruneFinished.text, [days]);
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
