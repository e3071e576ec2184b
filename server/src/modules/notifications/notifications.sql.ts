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
