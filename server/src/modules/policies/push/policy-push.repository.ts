import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WHOLE_CITY } from '@qsgj/shared/rules';
import { rowsOf } from '../../notifications/sql-rows';
import { POLICY_PUSH_SQL } from './policy-push.sql';

export interface ClaimedPush {
  id: string;
  policyId: string;
  /** The fencing token of this lease. */
  attempts: number;
}

/** What one batch's WeChat message and inbox row say (the same for every user of the push). */
export interface PushMessage {
  /** null: the policy template is not configured, or its data may not be sent — inbox only. */
  templateId: string | null;
  page: string;
  data: Record<string, { value: string }> | null;
  title: string;
  body: string;
  link: string;
}

export interface BatchResult {
  /** The last user walked; null when the batch found nobody. */
  lastId: string | null;
  walked: number;
  delivered: number;
  inbox: number;
  outboxIds: string[];
}

export interface PushRow {
  id: string;
  policy_id: string;
  policy_title: string;
  status: 'queued' | 'running' | 'done';
  targeted: number;
  inbox_written: number;
  not_granted: number;
  created_at: Date;
  finished_at: Date | null;
}

/** The push's tables. Statements in `policy-push.sql.ts`. */
@Injectable()
export class PolicyPushRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async run<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return rowsOf<T>(await (manager ?? this.dataSource.manager).query(sql, params));
  }

  private audienceParams(policyId: string, today: string): unknown[] {
    return [policyId, today, WHOLE_CITY];
  }

  async countAudience(policyId: string, today: string): Promise<{ users: number; enterprises: number }> {
    const [row] = await this.run<{ users: number; enterprises: number }>(
      POLICY_PUSH_SQL.countAudience.text,
      this.audienceParams(policyId, today),
    );
    return { users: Number(row.users), enterprises: Number(row.enterprises) };
  }

  async anyAudience(manager: EntityManager, policyId: string, today: string): Promise<boolean> {
    const [row] = await this.run<{ any: boolean }>(
      POLICY_PUSH_SQL.anyAudience.text,
      this.audienceParams(policyId, today),
      manager,
    );
    return row.any;
  }

  /** A queued push for the policy; null when it already has one queued or running. */
  async insertPush(manager: EntityManager, policyId: string, actorId: string | null): Promise<string | null> {
    const rows = await this.run<{ id: string }>(POLICY_PUSH_SQL.insertPush.text, [policyId, actorId], manager);
    return rows[0]?.id ?? null;
  }

  async activePushOf(manager: EntityManager, policyId: string): Promise<string | null> {
    const rows = await this.run<{ id: string }>(POLICY_PUSH_SQL.activePushOf.text, [policyId], manager);
    return rows[0]?.id ?? null;
  }

  /** The latest push of each policy (policies never pushed are absent). */
  async lastPushIds(policyIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (policyIds.length === 0) return new Map();
    const rows = await this.run<{ policy_id: string; id: string }>(
      POLICY_PUSH_SQL.lastPushIds.text,
      [policyIds],
      manager,
    );
    return new Map(rows.map((r) => [r.policy_id, r.id]));
  }

  async claim(leaseMs: number): Promise<ClaimedPush | null> {
    const rows = await this.run<{ id: string; policy_id: string; attempts: number }>(POLICY_PUSH_SQL.claim.text, [
      leaseMs,
    ]);
    const r = rows[0];
    return r ? { id: r.id, policyId: r.policy_id, attempts: Number(r.attempts) } : null;
  }

  /** Locks the push for a batch: its cursor, or undefined when the lease is no longer ours. */
  async lockForBatch(manager: EntityManager, push: ClaimedPush): Promise<{ cursor: string | null } | undefined> {
    const rows = await this.run<{ cursor: string | null }>(
      POLICY_PUSH_SQL.lockForBatch.text,
      [push.id, push.attempts],
      manager,
    );
    return rows[0];
  }

  async fanOutBatch(
    manager: EntityManager,
    push: ClaimedPush,
    today: string,
    cursor: string | null,
    size: number,
    message: PushMessage,
  ): Promise<BatchResult> {
    const [row] = await this.run<{
      last_id: string | null;
      walked: number;
      delivered: number;
      inbox: number;
      outbox_ids: string[];
    }>(
      POLICY_PUSH_SQL.fanOutBatch.text,
      [
        ...this.audienceParams(push.policyId, today),
        cursor,
        size,
        push.id,
        message.templateId,
        message.page,
        message.data ? JSON.stringify(message.data) : null,
        message.title,
        message.body,
        message.link,
      ],
      manager,
    );
    return {
      lastId: row.last_id,
      walked: Number(row.walked),
      delivered: Number(row.delivered),
      inbox: Number(row.inbox),
      outboxIds: row.outbox_ids,
    };
  }

  /** Records a batch's progress (false: the lease is no longer ours — the caller rolls the batch back). */
  async advance(
    manager: EntityManager,
    push: ClaimedPush,
    step: { cursor: string | null; delivered: number; inbox: number; notGranted: number; done: boolean },
    leaseMs: number,
  ): Promise<boolean> {
    const rows = await this.run(
      POLICY_PUSH_SQL.advance.text,
      [push.id, push.attempts, step.cursor, step.delivered, step.inbox, step.notGranted, step.done, leaseMs],
      manager,
    );
    return rows.length === 1;
  }

  async release(push: ClaimedPush): Promise<void> {
    await this.run(POLICY_PUSH_SQL.release.text, [push.id, push.attempts]);
  }

  async progress(pushId: string, manager?: EntityManager): Promise<PushRow | null> {
    const rows = await this.run<PushRow>(POLICY_PUSH_SQL.progress.text, [pushId], manager);
    return rows[0] ?? null;
  }

  /** The push's WeChat messages by outbox status. */
  async outboxCounts(pushId: string, manager?: EntityManager): Promise<Map<string, number>> {
    const rows = await this.run<{ status: string; n: number }>(POLICY_PUSH_SQL.outboxCounts.text, [pushId], manager);
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }
}
