import { EXAMPLE, reviewedSql } from '../../database/reviewed.sql';

/*
 * NotificationsRepository's hand-written statements: the writes NotificationService makes inside its
 * callers' transactions, and the grant upsert. Printed with their plans in
 * server/test/sql/notifications.repository.sql.
 */
export const NOTIFICATIONS_SQL = reviewedSql({
  /** $1 user, $2 template. Spends one credit, only if one is left (no row returned: none left). */
  spendCredit: {
    text: `UPDATE "subscription_grants" SET "credits" = "credits" - 1, "updated_at" = now()
WHERE "user_id" = $1 AND "template_id" = $2 AND "credits" > 0
RETURNING "credits"`,
    example: [EXAMPLE.UUID, EXAMPLE.TEMPLATE_ID],
  },

  /**
   * Many notices in one statement (`NotificationService.notifyMany`), parallel arrays of one row per notice: $1 ids,
   * $2 users, $3 kinds, $4 titles, $5 bodies, $6 links, $7 templates (null: inbox only), $8 pages, $9 data. Writes
   * every inbox row; spends one credit per user and template that holds one; queues one WeChat message per spent
   * credit (the first notice of that user and template in the batch). Returns the queued outbox ids.
   */
  insertMany: {
    text: `WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
    $7::varchar[], $8::varchar[], $9::jsonb[]) WITH ORDINALITY
    AS i(id, user_id, kind, title, body, link, template_id, page, data, n)),
inbox AS (
  INSERT INTO "notifications" ("id", "user_id", "kind", "title", "body", "link")
  SELECT id, user_id, kind, title, body, link FROM input ORDER BY n
  RETURNING "id"),
spent AS (
  UPDATE "subscription_grants" g SET "credits" = g."credits" - 1, "updated_at" = now()
  FROM (SELECT DISTINCT user_id, template_id FROM input WHERE template_id IS NOT NULL) w
  WHERE g."user_id" = w.user_id AND g."template_id" = w.template_id AND g."credits" > 0
  RETURNING g."user_id", g."template_id"),
queued AS (
  INSERT INTO "notification_outbox" ("notification_id", "user_id", "template_id", "page", "data")
  SELECT DISTINCT ON (i.user_id, i.template_id) i.id, i.user_id, i.template_id, i.page, i.data
  FROM input i JOIN spent s ON s."user_id" = i.user_id AND s."template_id" = i.template_id
  ORDER BY i.user_id, i.template_id, i.n
  RETURNING "id")
SELECT COALESCE(array_agg("id"::text), '{}') AS "outbox_ids", (SELECT count(*)::int FROM inbox) AS "inbox"
FROM queued`,
    example: [
      [EXAMPLE.UUID],
      [EXAMPLE.UUID],
      ['lecture'],
      ['活动取消'],
      ['您报名的活动已取消'],
      ['/pages/index/index'],
      [EXAMPLE.TEMPLATE_ID],
      ['pages/index/index'],
      ['{"thing1":{"value":"x"}}'],
    ],
  },

  /** $1 notification, $2 user, $3 template, $4 page, $5 data (JSON text, already sanitised). */
  insertOutboxMessage: {
    text: `INSERT INTO "notification_outbox" ("notification_id", "user_id", "template_id", "page", "data")
VALUES ($1, $2, $3, $4, $5)
RETURNING "id"::text AS "id"`,
    example: [EXAMPLE.UUID, EXAMPLE.UUID, EXAMPLE.TEMPLATE_ID, 'pages/me/index', '{"thing1":{"value":"x"}}'],
  },

  /** $1 user, $2 template, $3 the answer: accept adds a credit, reject and ban take them all, filter keeps them. */
  recordAnswer: {
    text: `INSERT INTO "subscription_grants" ("user_id", "template_id", "credits", "last_result")
VALUES ($1, $2, CASE WHEN $3::text = 'accept' THEN 1 ELSE 0 END, $3)
ON CONFLICT ("user_id", "template_id") DO UPDATE SET
  "credits" = CASE $3::text
    WHEN 'accept' THEN "subscription_grants"."credits" + 1
    WHEN 'filter' THEN "subscription_grants"."credits"
    ELSE 0 END,
  "last_result" = EXCLUDED."last_result",
  "updated_at" = now()`,
    example: [EXAMPLE.UUID, EXAMPLE.TEMPLATE_ID, 'accept'],
  },
});
