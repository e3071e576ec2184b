import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseScale, PolicyLevel } from '@qsgj/shared/enums';
import { indexFields } from '../../src/modules/policies/search/index-fields';

/*
 * Policy-push fixtures (policy-push.medium-spec.ts and policy-push.e2e-spec.ts): policies, enterprises with a
 * profile, their approved members, subscriptions and grants — written in bulk with SQL, so a thousand
 * subscribers cost one statement.
 */

type Db = DataSource | EntityManager;

/** A subscribe-message template id for the policy kind (passes the configuration's check). */
export const POLICY_TEMPLATE = 'tplPolicy-push-test-00000000000000000001';

async function rows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = (await db.query(sql, params)) as unknown[];
  return (Array.isArray(r[0]) && typeof r[1] === 'number' ? r[0] : r) as T[];
}

export interface PolicySpec {
  title?: string;
  level?: PolicyLevel;
  categories?: string[];
  industries?: string[];
  scales?: EnterpriseScale[];
  districts?: string[];
  qualifications?: string[];
  validFrom?: string | null;
  validTo?: string | null;
  status?: 'draft' | 'published' | 'withdrawn';
}

/** A policy row, with its search columns (`indexFields`), published unless told otherwise. Returns the id. */
export async function newPolicy(db: Db, spec: PolicySpec = {}): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const p = {
    title: spec.title ?? `关于支持企业发展的若干政策措施${tag}`,
    docNumber: `潭政发〔2026〕${tag}号`,
    summary: '对符合条件的企业给予奖补资金支持。',
    body: '<p>具体条款见正文。</p>',
    interpretation: '',
  };
  const search = indexFields(p);
  const status = spec.status ?? 'published';
  const [row] = await rows<{ id: string }>(
    db,
    `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, scales, districts, qualifications,
       valid_from, valid_to, summary, body, interpretation, status, published_at, search_title, search_doc, search_vector)
     VALUES ($1, $2, '湘潭市工业和信息化局', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::varchar,
       CASE WHEN $14::varchar = 'draft' THEN NULL ELSE now() END, $15, $16, $17::tsvector)
     RETURNING id`,
    [
      p.title,
      p.docNumber,
      spec.level ?? 'city',
      spec.categories ?? ['资金扶持'],
      spec.industries ?? [],
      spec.scales ?? [],
      spec.districts ?? [],
      spec.qualifications ?? [],
      spec.validFrom ?? null,
      spec.validTo ?? null,
      p.summary,
      p.body,
      p.interpretation,
      status,
      search.searchTitle,
      search.searchDoc,
      search.searchVector,
    ],
  );
  return row.id;
}

export async function setPolicyStatus(db: Db, policyId: string, status: 'published' | 'withdrawn'): Promise<void> {
  await db.query(`UPDATE policies SET status = $2, updated_at = now() WHERE id = $1`, [policyId, status]);
}

export interface Profile {
  industry?: string | null;
  scale?: EnterpriseScale | null;
  district?: string | null;
  qualifications?: string[];
}

/** An enterprise with this profile. Returns the id. */
export async function newEnterprise(db: Db, profile: Profile = {}): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    `INSERT INTO enterprises (credit_code, name, industry, scale, district, qualifications)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      `91430300${randomBytes(5).toString('hex').toUpperCase()}`,
      `湘潭测试${randomBytes(3).toString('hex')}有限公司`,
      profile.industry ?? null,
      profile.scale ?? null,
      profile.district ?? null,
      profile.qualifications ?? [],
    ],
  );
  return row.id;
}

export interface MemberOptions {
  /** Membership status (default approved); null: a WeChat user of no enterprise. */
  status?: 'approved' | 'pending' | null;
  /** Granted credits for the policy template (default 0). */
  credits?: number;
  /** A deleted account (still a row). */
  deleted?: boolean;
  role?: 'enterprise' | 'butler';
}

/** `n` enterprise users, members of the enterprise (or of none). Returns their ids and openids, by id. */
export async function newMembers(
  db: Db,
  enterpriseId: string | null,
  n: number,
  opts: MemberOptions = {},
): Promise<Array<{ id: string; openid: string }>> {
  const tag = randomBytes(4).toString('hex');
  const users = await rows<{ id: string; openid: string }>(
    db,
    `INSERT INTO users (role, openid, nickname, deleted_at, username, name, password_hash)
     SELECT $2::varchar, 'op' || $1::text || '_' || i, '测试用户', CASE WHEN $3::boolean THEN now() END,
       CASE WHEN $2::varchar = 'butler' THEN 'b' || $1::text || i END,
       CASE WHEN $2::varchar = 'butler' THEN '管家' END, CASE WHEN $2::varchar = 'butler' THEN 'not-a-hash' END
     FROM generate_series(1, $4::int) i
     RETURNING id::text AS id, openid`,
    [tag, opts.role ?? 'enterprise', opts.deleted ?? false, n],
  );
  const ids = users.map((u) => u.id);
  const status = opts.status === undefined ? 'approved' : opts.status;
  if (enterpriseId && status) {
    await db.query(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status)
       SELECT $1, u, 'member', $2 FROM unnest($3::uuid[]) u`,
      [enterpriseId, status, ids],
    );
  }
  if (opts.credits) await grant(db, ids, opts.credits);
  return users.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The users hold `credits` for the policy template. */
export async function grant(db: Db, userIds: string[], credits = 1, templateId = POLICY_TEMPLATE): Promise<void> {
  await db.query(
    `INSERT INTO subscription_grants (user_id, template_id, credits, last_result)
     SELECT u, $2, $3, 'accept' FROM unnest($1::uuid[]) u
     ON CONFLICT (user_id, template_id) DO UPDATE SET credits = EXCLUDED.credits`,
    [userIds, templateId, credits],
  );
}

export interface Subscription {
  matchProfile?: boolean;
  categories?: string[];
  industries?: string[];
  districts?: string[];
}

export async function subscribe(db: Db, userIds: string[], s: Subscription): Promise<void> {
  await db.query(
    `INSERT INTO policy_subscriptions (user_id, match_profile, categories, industries, districts)
     SELECT u, $2, $3, $4, $5 FROM unnest($1::uuid[]) u
     ON CONFLICT (user_id) DO UPDATE SET match_profile = EXCLUDED.match_profile, categories = EXCLUDED.categories,
       industries = EXCLUDED.industries, districts = EXCLUDED.districts`,
    [userIds, s.matchProfile ?? true, s.categories ?? [], s.industries ?? [], s.districts ?? []],
  );
}

/** What a policy's push left: deliveries, inbox rows (kind policy, linking to it), outbox rows, duplicates. */
export async function pushedState(db: Db, policyId: string) {
  const [row] = await rows<{ deliveries: number; inbox: number; outbox: number; duplicates: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM policy_deliveries WHERE policy_id = $1) AS deliveries,
       (SELECT count(*)::int FROM notifications WHERE kind = 'policy' AND link LIKE '%id=' || $1) AS inbox,
       (SELECT count(*)::int FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id
          WHERE n.link LIKE '%id=' || $1) AS outbox,
       (SELECT count(*)::int FROM (SELECT user_id FROM notifications WHERE kind = 'policy' AND link LIKE '%id=' || $1
          GROUP BY user_id HAVING count(*) > 1) d) AS duplicates`,
    [policyId],
  );
  return row;
}

/** Ids of the users the policy was delivered to. */
export async function deliveredTo(db: Db, policyId: string): Promise<string[]> {
  const r = await rows<{ user_id: string }>(
    db,
    `SELECT user_id::text AS user_id FROM policy_deliveries WHERE policy_id = $1 ORDER BY user_id`,
    [policyId],
  );
  return r.map((x) => x.user_id);
}
