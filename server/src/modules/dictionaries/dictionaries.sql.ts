import { reviewedSql } from '../../database/reviewed.sql';

/*
 * DictionariesRepository's hand-written statements. Printed with their plans in
 * server/test/sql/dictionaries.repository.sql.
 *
 * A dictionary value is stored as text wherever it is used, so renaming an entry rewrites it in every column
 * that holds values of its kind, in the rename's transaction: `$1` the old value, `$2` the new one; each
 * statement returns a row per row it rewrote. A list
 * that already holds the new value only loses the old one (no repeats); the order of a list is kept.
 */
const renameInList = (table: string, column: string, where: string) =>
  `UPDATE "${table}" SET "${column}" = CASE WHEN $2::text = ANY("${column}") THEN array_remove("${column}", $1::text) ELSE array_replace("${column}", $1::text, $2::text) END
WHERE ${where}
RETURNING 1 AS "one"`;

export const DICTIONARIES_SQL = reviewedSql({
  /**
   * $1 kind, $2 values, $3 their sort keys (same length). Writes the defaults into a dictionary that has no
   * entry at all (another city's renamed or trimmed dictionary is left alone); several processes starting at
   * once insert each value once (the unique index is the arbiter).
   */
  seedIfEmpty: {
    text: `INSERT INTO "dictionary_entries" ("kind", "value", "sort")
SELECT $1::varchar, v.value, v.sort FROM unnest($2::text[], $3::int[]) AS v(value, sort)
WHERE NOT EXISTS (SELECT 1 FROM "dictionary_entries" WHERE "kind" = $1::varchar)
ON CONFLICT ("kind", "value") DO NOTHING`,
    example: ['districts', ['全市', '雨湖区'], [0, 10]],
  },
  /**
   * $1 kind, $2 values, $3 sort of the first new one. Adds the values the dictionary lacks and reactivates
   * inactive ones; returns the entries that were added or reactivated.
   */
  addMissing: {
    text: `INSERT INTO "dictionary_entries" ("kind", "value", "sort")
SELECT $1::varchar, v.value, $3::int + v.n::int - 1 FROM unnest($2::text[]) WITH ORDINALITY AS v(value, n)
ON CONFLICT ("kind", "value") DO UPDATE SET "active" = true, "updated_at" = now()
WHERE "dictionary_entries"."active" = false
RETURNING "id", "value"`,
    example: ['qualifications', ['高新技术企业'], 100],
  },
  /** $1 kind, $2 values: those among the kind's active entries. */
  activeAmong: {
    text: `SELECT "value" FROM "dictionary_entries" WHERE "kind" = $1 AND "active" AND "value" = ANY($2::text[])`,
    example: ['industries', ['建筑业', '金融业']],
  },
  /** $1 kind: the sort key after the last entry's. */
  nextSort: {
    text: `SELECT COALESCE(MAX("sort"), -10) + 10 AS "sort" FROM "dictionary_entries" WHERE "kind" = $1`,
    example: ['industries'],
  },

  renameInPolicyCategories: {
    text: renameInList('policies', 'categories', `"categories" @> ARRAY[$1::text]`),
    example: ['人才', '人才政策'],
  },
  renameInPolicyIndustries: {
    text: renameInList('policies', 'industries', `$1::text = ANY("industries")`),
    example: ['建筑业', '建筑施工业'],
  },
  renameInPolicyDistricts: {
    text: renameInList('policies', 'districts', `$1::text = ANY("districts")`),
    example: ['雨湖区', '雨湖片区'],
  },
  renameInPolicyQualifications: {
    text: renameInList('policies', 'qualifications', `$1::text = ANY("qualifications")`),
    example: ['高新技术企业', '国家高新技术企业'],
  },
  renameInEnterpriseIndustry: {
    text: `UPDATE "enterprises" SET "industry" = $2 WHERE "industry" = $1 RETURNING 1 AS "one"`,
    example: ['建筑业', '建筑施工业'],
  },
  renameInEnterpriseDistrict: {
    text: `UPDATE "enterprises" SET "district" = $2 WHERE "district" = $1 RETURNING 1 AS "one"`,
    example: ['雨湖区', '雨湖片区'],
  },
  renameInEnterpriseQualifications: {
    text: renameInList('enterprises', 'qualifications', `$1::text = ANY("qualifications")`),
    example: ['高新技术企业', '国家高新技术企业'],
  },
  renameInSubscriptionCategories: {
    text: renameInList('policy_subscriptions', 'categories', `$1::text = ANY("categories")`),
    example: ['人才', '人才政策'],
  },
  renameInSubscriptionIndustries: {
    text: renameInList('policy_subscriptions', 'industries', `$1::text = ANY("industries")`),
    example: ['建筑业', '建筑施工业'],
  },
  renameInSubscriptionDistricts: {
    text: renameInList('policy_subscriptions', 'districts', `$1::text = ANY("districts")`),
    example: ['雨湖区', '雨湖片区'],
  },
  renameInFaqCategories: {
    text: renameInList('faq_entries', 'categories', `$1::text = ANY("categories")`),
    example: ['人才', '人才政策'],
  },
  renameInServicePackageIndustries: {
    text: renameInList('service_packages', 'industries', `$1::text = ANY("industries")`),
    example: ['建筑业', '建筑施工业'],
  },
  renameInServicePackageDistricts: {
    text: renameInList('service_packages', 'districts', `$1::text = ANY("districts")`),
    example: ['雨湖区', '雨湖片区'],
  },
  renameInServicePackageQualifications: {
    text: renameInList('service_packages', 'qualifications', `$1::text = ANY("qualifications")`),
    example: ['高新技术企业', '国家高新技术企业'],
  },
  renameInEventIndustries: {
    text: renameInList('events', 'audience_industries', `$1::text = ANY("audience_industries")`),
    example: ['建筑业', '建筑施工业'],
  },
  renameInEventDistricts: {
    text: renameInList('events', 'audience_districts', `$1::text = ANY("audience_districts")`),
    example: ['雨湖区', '雨湖片区'],
  },
  /** A post's search columns hold only its title and description, so they stay as they are. */
  renameInMarketPostIndustry: {
    text: `UPDATE "market_posts" SET "industry" = $2 WHERE "industry" = $1 RETURNING 1 AS "one"`,
    example: ['建筑业', '建筑施工业'],
  },
  renameInMarketPostDistrict: {
    text: `UPDATE "market_posts" SET "district" = $2 WHERE "district" = $1 RETURNING 1 AS "one"`,
    example: ['雨湖区', '雨湖片区'],
  },
});
