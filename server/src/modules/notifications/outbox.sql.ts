import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';
import { OutboxStatus } from './notification-outbox.entity';

/*
 * The outbox worker's statements (OutboxRepository). Printed with their plans in
 * server/test/sql/outbox.repository.sql; the partial index `idx_outbox_active` (pending and sending
 * rows, by id) is what keeps a claim cheap when the table holds months of sent rows.
 */

const { PENDING, SENDING, SENT, SKIPPED, FAILED } = OutboxStatus;

/** Due: pending and its time has come, or taken by a worker whose lease ran out. */
const DUE = `((o.status = '${PENDING}' AND o.next_attempt_at <= now())
    OR (o.status = '${SENDING}' AND o.locked_until < now()))`;

/** A claim: ours until now() + lease ($2, ms), and one more attempt (the fence of every later write). */
const CLAIM_SET = `status = '${SENDING}', attempts = o.attempts + 1,
    locked_until = now() + make_interval(secs => $2::float8 / 1000)`;

const CLAIMED_RETURNING = `o.id::text AS id, o.user_id, o.template_id, o.page, o.data, o.attempts,
    (SELECT u.openid FROM users u WHERE u.id = o.user_id AND u.deleted_at IS NULL) AS openid`;

/** `WHERE` of every write after a claim: the row is still ours (a worker whose lease ran out writes nothing). */
const FENCE = `id = $1 AND status = '${SENDING}' AND attempts = $2`;

export const OUTBOX_SQL = reviewedSql({
  /** $1 limit, $2 lease (ms). Oldest first; rows another worker is taking right now are skipped. */
  claimDue: {
    text: `UPDATE notification_outbox o SET ${CLAIM_SET}
WHERE o.id IN (
  SELECT o.id FROM notification_outbox o
  WHERE ${DUE}
  ORDER BY o.id LIMIT $1
  FOR UPDATE SKIP LOCKED)
RETURNING ${CLAIMED_RETURNING}`,
    example: [5, 60_000],
  },

  /** $1 outbox id, $2 lease (ms). Nothing when the row is not due (sent, leased, or not yet due). */
  claimOne: {
    text: `UPDATE notification_outbox o SET ${CLAIM_SET}
WHERE o.id = $1 AND ${DUE}
RETURNING ${CLAIMED_RETURNING}`,
    example: [EXAMPLE.BIGINT_ID, 60_000],
  },

  /** $1 limit. Due ids, oldest first, for the queue. */
  findDueIds: {
    text: `SELECT o.id::text AS id FROM notification_outbox o
WHERE ${DUE}
ORDER BY o.id LIMIT $1`,
    example: [100],
  },

  /** $1 id, $2 claimed attempt. */
  markSent: {
    text: `UPDATE notification_outbox SET status = '${SENT}', sent_at = now(), locked_until = NULL
WHERE ${FENCE} RETURNING id`,
    example: [EXAMPLE.BIGINT_ID, 1],
  },

  /** $1 id, $2 claimed attempt, $3 error label, $4 delay (ms). */
  markRetry: {
    text: `UPDATE notification_outbox SET status = '${PENDING}', locked_until = NULL, last_error = $3,
  next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
WHERE ${FENCE} RETURNING id`,
    example: [EXAMPLE.BIGINT_ID, 1, 'wechat:-1', 5_000],
  },

  /** $1 id, $2 claimed attempt, $3 error label. The user's credit for the template is given back. */
  markFailed: {
    text: `WITH failed AS (
  UPDATE notification_outbox SET status = '${FAILED}', locked_until = NULL, last_error = $3
  WHERE ${FENCE} RETURNING user_id, template_id),
refund AS (
  UPDATE subscription_grants g SET credits = g.credits + 1, updated_at = now()
  FROM failed f WHERE g.user_id = f.user_id AND g.template_id = f.template_id)
SELECT 1 AS ok FROM failed`,
    example: [EXAMPLE.BIGINT_ID, 5, 'wechat:47003'],
  },

  /** $1 id, $2 claimed attempt, $3 error label. */
  markSkipped: {
    text: `UPDATE notification_outbox SET status = '${SKIPPED}', locked_until = NULL, last_error = $3
WHERE ${FENCE} RETURNING id`,
    example: [EXAMPLE.BIGINT_ID, 1, 'no_openid'],
  },

  /** $1 id, $2 claimed attempt, $3 error label. 43101: skipped, and the user's credits for the template go to 0. */
  markRefused: {
    text: `WITH refused AS (
  UPDATE notification_outbox SET status = '${SKIPPED}', locked_until = NULL, last_error = $3
  WHERE ${FENCE} RETURNING user_id, template_id),
zeroed AS (
  UPDATE subscription_grants g SET credits = 0, last_result = 'refused', updated_at = now()
  FROM refused r WHERE g.user_id = r.user_id AND g.template_id = r.template_id)
SELECT 1 AS ok FROM refused`,
    example: [EXAMPLE.BIGINT_ID, 1, 'wechat:43101'],
  },

  /** $1 days. Finished rows older than that go. */
  pruneFinished: {
    text: `DELETE FROM notification_outbox
WHERE status IN ('${SENT}', '${SKIPPED}', '${FAILED}')
  AND created_at < now() - make_interval(days => $1::int)`,
    example: [30],
  },
});
