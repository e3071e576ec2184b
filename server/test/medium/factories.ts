import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { NotificationKind, Role } from '@qsgj/shared/enums';

/** A membership template id that passes the configuration's check. */
export const TEMPLATE = 'tplMembership-medium-000000000000000000001';

/** Rows of a raw query (UPDATE … RETURNING answers `[rows, count]` on `pg`). */
async function rows<T>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = (await ds.query(sql, params)) as unknown[];
  return (Array.isArray(r[0]) && typeof r[1] === 'number' ? r[0] : r) as T[];
}

/** An enterprise (WeChat) user; `openid: null` is an account deleted after sign-in. Returns the id. */
export async function newEnterpriseUser(ds: DataSource, opts: { openid?: string | null } = {}): Promise<string> {
  const openid = opts.openid === undefined ? `o${randomBytes(12).toString('hex')}` : opts.openid;
  const [user] = await rows<{ id: string }>(
    ds,
    `INSERT INTO users (role, openid, nickname) VALUES ($1, $2, '测试用户') RETURNING id`,
    [Role.ENTERPRISE, openid],
  );
  return user.id;
}

/** A butler account (no department, a password hash that matches nothing). Returns the id. */
export async function newStaff(ds: DataSource): Promise<string> {
  const [user] = await rows<{ id: string }>(
    ds,
    `INSERT INTO users (role, username, name, password_hash) VALUES ($1, $2, '测试人员', 'not-a-hash') RETURNING id`,
    [Role.BUTLER, `staff${randomBytes(4).toString('hex')}`],
  );
  return user.id;
}

/** Gives the user `credits` for the template (their answers to subscribe requests, already recorded). */
export async function grantCredits(ds: DataSource, userId: string, credits: number, templateId = TEMPLATE) {
  await ds.query(
    `INSERT INTO subscription_grants (user_id, template_id, credits, last_result) VALUES ($1, $2, $3, 'accept')
     ON CONFLICT (user_id, template_id) DO UPDATE SET credits = EXCLUDED.credits`,
    [userId, templateId, credits],
  );
}

export async function creditsOf(ds: DataSource, userId: string, templateId = TEMPLATE): Promise<number | null> {
  const [row] = await rows<{ credits: number }>(
    ds,
    `SELECT credits FROM subscription_grants WHERE user_id = $1 AND template_id = $2`,
    [userId, templateId],
  );
  return row ? Number(row.credits) : null;
}

/** `n` committed notifications for the user, each with its WeChat message queued and due now. Outbox ids, oldest first. */
export async function queueMessages(ds: DataSource, userId: string, n: number, templateId = TEMPLATE) {
  const inserted = await rows<{ id: string }>(
    ds,
    `WITH n AS (
       INSERT INTO notifications (user_id, kind, title, body, link)
       SELECT $1, $2, '通知' || i, '正文', '/pages/me/index' FROM generate_series(1, $3::int) i
       RETURNING id)
     INSERT INTO notification_outbox (notification_id, user_id, template_id, page, data)
     SELECT n.id, $1, $4, 'pages/me/index', '{"thing1":{"value":"测试"}}'::jsonb FROM n
     RETURNING id::text AS id`,
    [userId, NotificationKind.MEMBERSHIP, n, templateId],
  );
  return inserted.map((r) => r.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
}

export interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  /** next_attempt_at − now(), in ms (negative: due). */
  due_in_ms: number;
  locked: boolean;
  sent: boolean;
}

export async function outboxRow(ds: DataSource, id: string): Promise<OutboxRow> {
  const [row] = await rows<OutboxRow>(
    ds,
    `SELECT id::text AS id, status, attempts, last_error,
            (extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS due_in_ms,
            locked_until IS NOT NULL AS locked, sent_at IS NOT NULL AS sent
     FROM notification_outbox WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no outbox row ${id}`);
  return { ...row, attempts: Number(row.attempts), due_in_ms: Number(row.due_in_ms) };
}

/** Time passes for a message waiting to be retried: it is due now. */
export async function makeDue(ds: DataSource, id: string): Promise<void> {
  await ds.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE id = $1`, [id]);
}

/** Time passes for a message a worker took: its lease has run out. */
export async function expireLease(ds: DataSource, id: string): Promise<void> {
  await ds.query(`UPDATE notification_outbox SET locked_until = now() - interval '1 millisecond' WHERE id = $1`, [id]);
}

export async function deleteAllMessages(ds: DataSource): Promise<void> {
  await ds.query(`DELETE FROM notification_outbox`);
  await ds.query(`DELETE FROM notifications`);
}
