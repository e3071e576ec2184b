import { EXAMPLE, reviewedSql } from '../../../database/reviewed.sql';

/*
 * PolicyPushRepository's statements. Printed with their plans in server/test/sql/policy-push.repository.sql.
 *
 * The audience of a policy (`SubscriptionSettingsDto`'s rule, in SQL): enterprise users (not deleted) who
 *  - match on profile — `policy_subscriptions.match_profile` (no row: true) and an approved member of an
 *    enterprise eligible for the policy, as `evaluateEligibility` reads it: an empty list is no restriction,
 *    a national/provincial policy or a district list holding 全市 covers every district, a qualification list
 *    needs one of them held, and the policy is in force today; or
 *  - match on their lists — at least one list set and every set list fits: a shared category; a shared
 *    industry or a policy naming none; a district the policy covers. A list subscriber is not sent an expired
 *    policy (one announced for later, yes).
 * and who were not delivered the policy before (`policy_deliveries`).
 *
 * Every audience statement takes $1 the policy, $2 today (YYYY-MM-DD, Asia/Shanghai), $3 the whole city (全市).
 */

/** A policy of this level or district list applies in every district (`coversEveryDistrict`). */
const COVERS_EVERY_DISTRICT = `(p.level IN ('national', 'provincial') OR cardinality(p.districts) = 0 OR $3 = ANY (p.districts))`;

const ELIGIBLE = `(e.id IS NOT NULL
    AND (p.valid_from IS NULL OR p.valid_from <= $2::date) AND (p.valid_to IS NULL OR $2::date <= p.valid_to)
    AND (cardinality(p.industries) = 0 OR e.industry = ANY (p.industries))
    AND (cardinality(p.scales) = 0 OR e.scale = ANY (p.scales))
    AND (${COVERS_EVERY_DISTRICT} OR e.district = ANY (p.districts))
    AND (cardinality(p.qualifications) = 0 OR e.qualifications && p.qualifications))`;

const LISTS_FIT = `(cardinality(s.categories) + cardinality(s.industries) + cardinality(s.districts) > 0
    AND (p.valid_to IS NULL OR $2::date <= p.valid_to)
    AND (cardinality(s.categories) = 0 OR s.categories && p.categories)
    AND (cardinality(s.industries) = 0 OR cardinality(p.industries) = 0 OR s.industries && p.industries)
    AND (cardinality(s.districts) = 0 OR ${COVERS_EVERY_DISTRICT} OR s.districts && p.districts))`;

/**
 * Rows: `u` the user, `e` their enterprise (if an approved member), of policy `p` ($1) — whether or not
 * delivered; with `after`, only users whose id is greater. The bound is repeated on each joined table's user id
 * (the same value): PostgreSQL does not carry an inequality across a join, and a merge join would otherwise
 * read every member and subscription before the cursor again on each batch.
 */
const matching = (after?: string) => {
  const bound = (column: string) => (after ? ` AND ${column} > ${after}` : '');
  return `policies p
  JOIN users u ON u.role = 'enterprise' AND u.deleted_at IS NULL${bound('u.id')}
  LEFT JOIN policy_subscriptions s ON s.user_id = u.id${bound('s.user_id')}
  LEFT JOIN enterprise_members m ON m.user_id = u.id AND m.status = 'approved'${bound('m.user_id')}
  LEFT JOIN enterprises e ON e.id = m.enterprise_id
WHERE p.id = $1
  AND ((COALESCE(s.match_profile, true) AND ${ELIGIBLE}) OR (s.user_id IS NOT NULL AND ${LISTS_FIT}))`;
};

/** The audience: matching users the policy was not delivered to yet. */
const AUDIENCE = `${matching()}
  AND NOT EXISTS (SELECT 1 FROM policy_deliveries d WHERE d.policy_id = p.id AND d.user_id = u.id)`;

/** $4: the last user walked (null: from the start). */
const AFTER_CURSOR = `COALESCE($4::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`;

const AUDIENCE_EXAMPLE = [EXAMPLE.UUID, '2026-11-30', '全市'] as const;

/** `WHERE` of a worker's writes to its push: still its lease (a worker whose lease ran out writes nothing). */
const FENCE = `id = $1 AND attempts = $2 AND status = 'running'`;

export const POLICY_PUSH_SQL = reviewedSql({
  /** $1 policy, $2 today, $3 全市. How many would receive it now (the publish confirmation's number). */
  countAudience: {
    text: `SELECT count(*)::int AS users, count(DISTINCT e.id)::int AS enterprises FROM ${AUDIENCE}`,
    example: AUDIENCE_EXAMPLE,
  },

  /** $1 policy, $2 today, $3 全市. Anybody left to push it to? */
  anyAudience: {
    text: `SELECT EXISTS (SELECT 1 FROM ${AUDIENCE}) AS "any"`,
    example: AUDIENCE_EXAMPLE,
  },

  /** $1 policy, $2 actor. A queued push, unless the policy has one queued or running (no row then). */
  insertPush: {
    text: `INSERT INTO policy_pushes (policy_id, created_by) VALUES ($1, $2)
ON CONFLICT (policy_id) WHERE status IN ('queued', 'running') DO NOTHING
RETURNING id`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID],
  },

  /** $1 policy. Its push queued or running, if any. */
  activePushOf: {
    text: `SELECT id FROM policy_pushes WHERE policy_id = $1 AND status IN ('queued', 'running')`,
    example: [EXAMPLE.UUID],
  },

  /** $1 policies. The latest push of each (for the admin list). */
  lastPushIds: {
    text: `SELECT DISTINCT ON (policy_id) policy_id, id FROM policy_pushes
WHERE policy_id = ANY ($1::uuid[])
ORDER BY policy_id, created_at DESC, id DESC`,
    example: [[EXAMPLE.UUID]],
  },

  /** $1 lease (ms). Takes the oldest push that is queued, or running under a lease that ran out. */
  claim: {
    text: `UPDATE policy_pushes pp SET status = 'running', attempts = pp.attempts + 1,
  locked_until = now() + make_interval(secs => $1::float8 / 1000)
WHERE pp.id = (
  SELECT id FROM policy_pushes
  WHERE status = 'queued' OR (status = 'running' AND locked_until < now())
  ORDER BY created_at, id LIMIT 1
  FOR UPDATE SKIP LOCKED)
RETURNING pp.id, pp.policy_id, pp.attempts`,
    example: [60_000],
  },

  /** $1 push, $2 claimed attempt. Locks the push for one batch; nothing when the lease is no longer ours. */
  lockForBatch: {
    text: `SELECT cursor::text AS cursor FROM policy_pushes WHERE ${FENCE} FOR UPDATE`,
    example: [EXAMPLE.UUID, 1],
  },

  /**
   * One batch of the fan-out, in one statement: $1 policy, $2 today, $3 全市, $4 cursor (last user walked, or
   * null), $5 batch size, $6 push, $7 template id (null: inbox only), $8 page, $9 data (JSON), $10 inbox title,
   * $11 inbox body, $12 inbox link. The batch is the next matching users by id, delivered before or not (an
   * anti-join against the policy's deliveries here would read all of them again on every batch); deliveries
   * first — `ON CONFLICT DO NOTHING` keeps a user from ever getting the policy twice — then an inbox row for
   * exactly the users delivered now, a credit spent and an outbox row for those holding one. Only a published
   * policy is walked: a withdrawn one ends its push.
   */
  fanOutBatch: {
    text: `WITH batch AS (
  SELECT u.id FROM ${matching(AFTER_CURSOR)}
    AND p.status = 'published'
  ORDER BY u.id LIMIT $5),
delivered AS (
  INSERT INTO policy_deliveries (policy_id, user_id, push_id, notification_id)
  SELECT $1, b.id, $6, gen_random_uuid() FROM batch b
  ON CONFLICT DO NOTHING
  RETURNING user_id, notification_id),
inbox AS (
  INSERT INTO notifications (id, user_id, kind, title, body, link)
  SELECT d.notification_id, d.user_id, 'policy', $10, $11, $12 FROM delivered d
  RETURNING id),
spent AS (
  UPDATE subscription_grants g SET credits = g.credits - 1, updated_at = now()
  FROM delivered d
  WHERE g.user_id = d.user_id AND g.template_id = $7::varchar AND g.credits > 0
  RETURNING g.user_id),
queued AS (
  INSERT INTO notification_outbox (notification_id, user_id, template_id, page, data)
  SELECT d.notification_id, d.user_id, $7::varchar, $8, $9::jsonb FROM delivered d JOIN spent USING (user_id)
  RETURNING id)
SELECT (SELECT b.id::text FROM batch b ORDER BY b.id DESC LIMIT 1) AS last_id,
  (SELECT count(*)::int FROM batch) AS walked,
  (SELECT count(*)::int FROM delivered) AS delivered,
  (SELECT count(*)::int FROM inbox) AS inbox,
  (SELECT COALESCE(array_agg(id::text), '{}') FROM queued) AS outbox_ids`,
    example: [
      EXAMPLE.UUID,
      '2026-11-30',
      '全市',
      null,
      1000,
      EXAMPLE.UUID,
      EXAMPLE.TEMPLATE_ID,
      'packages/policies/pages/detail/index?id=1',
      '{"thing1":{"value":"x"}}',
      '政策',
      '正文',
      '/packages/policies/pages/detail/index?id=1',
    ],
  },

  /**
   * $1 push, $2 claimed attempt, $3 new cursor, $4 delivered, $5 inbox rows, $6 of them not granted, $7 done,
   * $8 lease (ms). The batch's progress, in the batch's transaction; the lease renewed.
   */
  advance: {
    text: `UPDATE policy_pushes SET cursor = COALESCE($3::uuid, cursor), targeted = targeted + $4,
  inbox_written = inbox_written + $5, not_granted = not_granted + $6,
  status = CASE WHEN $7::boolean THEN 'done' ELSE status END,
  finished_at = CASE WHEN $7::boolean THEN now() ELSE finished_at END,
  locked_until = CASE WHEN $7::boolean THEN NULL ELSE now() + make_interval(secs => $8::float8 / 1000) END
WHERE ${FENCE} RETURNING id`,
    example: [EXAMPLE.UUID, 1, EXAMPLE.UUID, 1000, 1000, 10, false, 60_000],
  },

  /** $1 push, $2 claimed attempt. A stopping worker hands its push over now rather than at the lease's end. */
  release: {
    text: `UPDATE policy_pushes SET locked_until = now() WHERE ${FENCE} RETURNING id`,
    example: [EXAMPLE.UUID, 1],
  },

  /** $1 push. The push and its policy's title. */
  progress: {
    text: `SELECT pp.id, pp.policy_id, p.title AS policy_title, pp.status, pp.targeted, pp.inbox_written,
  pp.not_granted, pp.created_at, pp.finished_at
FROM policy_pushes pp JOIN policies p ON p.id = pp.policy_id
WHERE pp.id = $1`,
    example: [EXAMPLE.UUID],
  },

  /** $1 push. Its WeChat messages by outbox status. */
  outboxCounts: {
    text: `SELECT o.status, count(*)::int AS n
FROM policy_deliveries d JOIN notification_outbox o ON o.notification_id = d.notification_id
WHERE d.push_id = $1
GROUP BY o.status`,
    example: [EXAMPLE.UUID],
  },
});
