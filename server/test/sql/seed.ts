import type { QueryRunner } from 'typeorm';

/**
 * The database the plans are printed on: enough rows, shaped like a year of use, that the planner
 * prefers the indexes a real deployment relies on. Deterministic (fixed ids, times relative to
 * now()), every table under 30,000 rows so ANALYZE reads all of them: the same statistics, so the
 * same plans, on every run. A new table's statements need rows here too (a few thousand, with the
 * selectivity production will have).
 *
 * Every id is fixed (plans print parameters): user `i` is 00000000-0000-4000-8000-<i, 12 digits> (user 1
 * is EXAMPLE.UUID), notification `i` 10000000-…, enterprise `i` 20000000-…, session `i` 30000000-…,
 * the membership of user `i` 40000000-…, department `i` 50000000-…, case `i` 60000000-… (case 1 the newest).
 */
export const SEED_SQL = [
  // 5,000 enterprise users (every 50th has deleted the account), 200 staff.
  `INSERT INTO users (id, role, openid, nickname, deleted_at, created_at, updated_at)
   SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'enterprise',
          CASE WHEN i % 50 = 0 THEN NULL ELSE 'oSeed' || i END, '用户' || i,
          CASE WHEN i % 50 = 0 THEN now() - interval '1 day' END,
          now() - i * interval '1 hour', now() - i * interval '1 hour'
   FROM generate_series(1, 5000) i`,
  `INSERT INTO users (id, role, username, name, password_hash, created_at, updated_at)
   SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
          CASE WHEN i % 20 = 0 THEN 'supervisor' ELSE 'butler' END, 'staff' || i, '管家' || i, 'x',
          now() - i * interval '1 hour', now() - i * interval '1 hour'
   FROM generate_series(5001, 5200) i`,

  // 3,000 enterprises, each with an approved owner (users 1–3000); users 3001–4500 members of them
  // (one in three still pending); users 4501–5000 bound to nothing.
  `INSERT INTO enterprises (id, credit_code, name, created_at, updated_at)
   SELECT ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, '91430300' || lpad(i::text, 10, '0'),
          '湘潭样例企业' || i, now() - i * interval '2 hours', now() - i * interval '2 hours'
   FROM generate_series(1, 3000) i`,
  `INSERT INTO enterprise_members (id, enterprise_id, user_id, role, status, contact_name, decided_at, created_at, updated_at)
   SELECT ('40000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'owner', 'approved', '联系人',
          now() - i * interval '2 hours', now() - i * interval '2 hours', now() - i * interval '2 hours'
   FROM generate_series(1, 3000) i`,
  `INSERT INTO enterprise_members (id, enterprise_id, user_id, role, status, contact_name, created_at, updated_at)
   SELECT ('40000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad((i % 3000 + 1)::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'member',
          CASE WHEN i % 3 = 0 THEN 'pending' ELSE 'approved' END, '联系人',
          now() - i * interval '1 hour', now() - i * interval '1 hour'
   FROM generate_series(3001, 4500) i`,

  // Sessions: one per user, most ended long ago.
  `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at)
   SELECT ('30000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
          now() - i * interval '1 hour', now() - i * interval '30 minutes', now() + interval '30 days' - i * interval '1 hour',
          CASE WHEN i % 4 = 0 THEN now() - interval '1 hour' END
   FROM generate_series(1, 5200) i`,

  // The inbox: 4 notifications for each enterprise user (20,000), the older ones read.
  `INSERT INTO notifications (id, user_id, kind, title, body, link, read_at, created_at)
   SELECT ('10000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
          ('00000000-0000-4000-8000-' || lpad(((n - 1) % 5000 + 1)::text, 12, '0'))::uuid,
          'membership', '审核结果' || n, '您的申请已通过', '/pages/me/index',
          CASE WHEN n <= 15000 THEN now() - n * interval '1 minute' END,
          now() - (20001 - n) * interval '20 minutes'
   FROM generate_series(1, 20000) n`,

  // The outbox, one row per notification, as a month of use leaves it: the old rows finished
  // (sent, a few skipped or failed), only the newest 2 % still due, waiting for a retry or taken.
  `INSERT INTO notification_outbox (notification_id, user_id, template_id, page, data, status, attempts,
                                    next_attempt_at, locked_until, sent_at, created_at)
   SELECT id, user_id, 'tmpl-membership-0001', 'pages/me/index', '{"thing1":{"value":"样例"}}',
          s.status, CASE s.status WHEN 'failed' THEN 5 ELSE 1 END,
          CASE WHEN s.status = 'pending' AND r % 4 = 2 THEN now() + interval '10 minutes'
               ELSE created_at + interval '5 seconds' END,
          CASE WHEN s.status = 'sending' THEN now() + interval '1 minute' END,
          CASE WHEN s.status = 'sent' THEN created_at + interval '1 second' END,
          created_at
   FROM (SELECT n.*, row_number() OVER (ORDER BY created_at, id) AS r FROM notifications n) n
   CROSS JOIN LATERAL (SELECT CASE
       WHEN n.r > 19600 THEN CASE WHEN n.r % 4 = 3 THEN 'sending' ELSE 'pending' END
       WHEN n.r % 100 = 0 THEN 'failed' WHEN n.r % 100 < 3 THEN 'skipped' ELSE 'sent' END AS status) s
   ORDER BY n.r`,

  // Subscribe credits: every enterprise user answered the membership template once, half another.
  `INSERT INTO subscription_grants (user_id, template_id, credits, last_result)
   SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'tmpl-membership-0001', i % 3, 'accept'
   FROM generate_series(1, 5000) i`,
  `INSERT INTO subscription_grants (user_id, template_id, credits, last_result)
   SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'tmpl-case-update-0001', 1, 'accept'
   FROM generate_series(1, 5000, 2) i`,

  // The case engine: 20 departments (1 is the coordinating centre); staff 5001–5200 spread over them, 10 each.
  `INSERT INTO departments (id, name, is_centre, created_at, updated_at)
   SELECT ('50000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
          CASE WHEN i = 1 THEN '营商环境服务中心' ELSE '部门' || i END, i = 1, now() - interval '2 years', now() - interval '2 years'
   FROM generate_series(1, 20) i`,
  `UPDATE users SET department_id = ('50000000-0000-4000-8000-' || lpad(((n - 5001) % 20 + 1)::text, 12, '0'))::uuid
   FROM generate_series(5001, 5200) n WHERE users.id = ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid`,
  // 10,000 cases over the last 12 months (case 1 the newest), spread like a real year: the centre takes one in
  // twelve, the other departments a skewed share (the busiest ≈ 1,600, the quietest ≈ 150); the recent ones open,
  // the old ones mostly closed (5 % rejected, 4 % in long-term follow-up, a few left open and overdue). Each case's
  // butler is one of its department's; staff recorded one in seven, one in fifty was addressed to a butler.
  `INSERT INTO cases (id, number, type, source, state, content, enterprise_id, department_id, butler_id, recorded_by,
                      addressed_butler_id, resolve_limit_days, accept_clock, resolve_clock, accept_due_at,
                      resolve_due_at, resolve_warn_at, created_at, updated_at)
   SELECT ('60000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'QS-SEED-' || n,
          (ARRAY['consult', 'complaint', 'service', 'appeal'])[1 + n % 4],
          (ARRAY['miniapp', 'miniapp', 'miniapp', 'reception_day', 'hotline_12345', 'entrepreneur_group', 'staff'])[1 + n % 7],
          s.state, '企业诉求内容' || n, ('20000000-0000-4000-8000-' || lpad(((n * 31) % 3000 + 1)::text, 12, '0'))::uuid,
          ('50000000-0000-4000-8000-' || lpad(d.dept::text, 12, '0'))::uuid,
          CASE WHEN s.state IN ('pending_check', 'submitted') AND n % 2 = 0 THEN NULL
               ELSE ('00000000-0000-4000-8000-' || lpad((5000 + d.dept + 20 * (n % 10))::text, 12, '0'))::uuid END,
          CASE WHEN n % 7 = 0 THEN ('00000000-0000-4000-8000-' || lpad((5000 + d.dept + 20 * ((n + 3) % 10))::text, 12, '0'))::uuid END,
          CASE WHEN n % 50 = 0 THEN ('00000000-0000-4000-8000-' || lpad((5001 + (n * 13) % 200)::text, 12, '0'))::uuid END,
          5, jsonb_build_object('startedAt', t.created_at, 'limitDays', 1, 'extensionDays', 0, 'pauses', '[]'::jsonb,
                                'stoppedAt', CASE WHEN s.state <> 'submitted' THEN t.created_at + interval '5 hours' END),
          jsonb_build_object('startedAt', t.created_at, 'limitDays', 5, 'extensionDays', 0, 'pauses', '[]'::jsonb,
                             'stoppedAt', CASE WHEN s.state IN ('resolved', 'closed', 'rejected', 'long_term') THEN t.created_at + interval '3 days' END),
          CASE WHEN s.state = 'submitted' THEN t.created_at + interval '1 day' END,
          CASE WHEN s.state IN ('submitted', 'accepted') THEN t.created_at + interval '7 days' END,
          CASE WHEN s.state IN ('submitted', 'accepted') THEN t.created_at + interval '5 days' END,
          t.created_at, t.created_at
   FROM generate_series(1, 10000) n
   CROSS JOIN LATERAL (SELECT now() - n * interval '52 minutes 33 seconds' AS created_at) t
   CROSS JOIN LATERAL (SELECT CASE WHEN n % 12 = 0 THEN 1
                                   ELSE 2 + least(18, floor(19 * power(((n * 7919) % 10000) / 10000.0, 1.8)))::int END AS dept) d
   CROSS JOIN LATERAL (SELECT CASE
       WHEN n <= 30 THEN (ARRAY['submitted', 'submitted', 'accepted', 'pending_check', 'accepted'])[1 + n % 5]
       WHEN n <= 270 THEN (ARRAY['accepted', 'resolved', 'resolved', 'awaiting_enterprise', 'closed', 'closed'])[1 + n % 6]
       WHEN n % 100 < 5 THEN 'rejected' WHEN n % 100 < 9 THEN 'long_term' WHEN n % 100 = 9 THEN 'accepted'
       ELSE 'closed' END AS state) s`,
  // Their timeline (creation, 受理, 办结: under 30,000 rows) and the ratings of four in five closed cases.
  `INSERT INTO case_events (case_id, seq, actor_kind, action, from_state, to_state, at)
   SELECT c.id, 1, 'enterprise', 'create', NULL, 'submitted', c.created_at FROM cases c
   UNION ALL
   SELECT c.id, 2, 'butler', 'accept', 'submitted', 'accepted', c.created_at + interval '5 hours' FROM cases c
   WHERE c.state NOT IN ('pending_check', 'submitted', 'rejected')
   UNION ALL
   SELECT c.id, 3, 'butler', 'resolve', 'accepted', 'resolved', c.created_at + interval '3 days' FROM cases c
   WHERE c.state IN ('resolved', 'closed')`,
  `INSERT INTO case_ratings (case_id, level, butler_id, department_id, created_at)
   SELECT c.id, (ARRAY[5, 5, 5, 4, 4, 3, 2])[1 + (row_number() OVER (ORDER BY c.id))::int % 7], c.butler_id, c.department_id,
          c.created_at + interval '4 days'
   FROM cases c WHERE c.state = 'closed' AND right(c.number, 1) <> '5'`,
];

/**
 * Planner settings at PostgreSQL's defaults, so the plans depend on the data, not on the server's
 * configuration (CI's and a laptop's differ). No parallel plans: they depend on the number of cores.
 */
export const PLANNER_SETTINGS = [
  `SET seq_page_cost = 1`,
  `SET random_page_cost = 4`,
  `SET cpu_tuple_cost = 0.01`,
  `SET effective_cache_size = '4GB'`,
  `SET work_mem = '4MB'`,
  `SET jit = off`,
  `SET max_parallel_workers_per_gather = 0`,
  `SET enable_seqscan = on`,
  `SET enable_indexscan = on`,
  `SET enable_bitmapscan = on`,
];

/** Seeds the database and gives the planner exact statistics (VACUUM ANALYZE: all rows, all pages visible). */
export async function seedForPlans(runner: QueryRunner): Promise<void> {
  for (const sql of SEED_SQL) await runner.query(sql);
  await runner.query('VACUUM ANALYZE');
}
