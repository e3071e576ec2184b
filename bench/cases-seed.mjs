#!/usr/bin/env node
/**
 * A year of a province-sized case load for bench/cases.mjs, generated in SQL (`generate_series`) straight into a
 * scratch PostgreSQL database: 60 departments (the first the coordinating centre), 600 butlers and 60 supervisors,
 * 30,000 enterprises, 300,000 cases received over the last 12 months with the states a real year leaves (the old
 * ones closed, rejected or in long-term follow-up, the recent ones open), their timeline rows (受理, 办结, 评价 …)
 * and ratings. Deterministic (`setseed`); instants are relative to now().
 *
 * The workload is skewed like a real city: the centre takes 8 % of the cases, and the other departments follow a
 * power law (the busiest ≈ 10 %, the quietest a few hundred a year). The clocks are stored as the server stores them
 * (accept 1 working day, resolve 3 for 咨询 and 5 otherwise, the pauses of 补充材料, an extension now and then);
 * the running deadlines (`accept_due_at`, `resolve_due_at`, `resolve_warn_at`) of the open cases are then computed by
 * the shared rules (`runningDeadlines`) on the database's working calendar, exactly as the server writes them.
 *
 *   node bench/cases-seed.mjs                   (re)creates `bench_cases` (drops it first)
 *   node bench/cases-seed.mjs --db other --cases 100000
 *
 * Needs a built server (`pnpm build`: the migrations and rules come from server/dist) and PostgreSQL
 * (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres, trust auth).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverRequire = createRequire(join(ROOT, 'server', 'package.json'));

/** The users the benchmark signs in as (their password is set by `seedBenchCases`). */
export const BENCH_USERS = {
  centre: 'bench-centre',
  supervisor: 'bench-supervisor',
  butler: 'bench-butler',
};
export const BENCH_PASSWORD = 'Bench-Cases-2026!';

const uuid = (prefix, n) => `('${prefix}-0000-4000-8000-' || lpad((${n})::text, 12, '0'))::uuid`;
const DEPT = (n) => uuid('d0000000', n);
const STAFF = (n) => uuid('00000000', n);
const ENT = (n) => uuid('20000000', n);
const CASE = (n) => uuid('c0000000', n);

const DEPARTMENT_NAMES = [
  '营商环境服务中心',
  '市场监督管理局',
  '税务局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '工业和信息化局',
  '商务局',
  '发展和改革委员会',
  '科学技术局',
  '财政局',
  '生态环境局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '应急管理局',
  '行政审批服务局',
  '公安局',
  '司法局',
  '供电公司',
];

/** The statements, in order. `n` cases; 60 departments; 10 butlers and 1 supervisor per department. */
export function seedSql(n) {
  const names = `ARRAY[${DEPARTMENT_NAMES.map((s) => `'${s}'`).join(', ')}]`;
  const content = [
    '我们公司新建厂房需要办理施工许可，材料已经提交两周了还没有消息，请帮忙了解一下进度，项目工期比较紧。',
    '想咨询今年的研发费用加计扣除政策，委托外部研发的费用如何归集，预缴申报时能否享受？',
    '园区物业在水电费之外每月加收配套服务费，没有收费依据，希望有关部门核实处理。',
    '燃气报装申请提交一个多月，燃气公司一直说在排期，生产线调试被耽误，请协调尽快施工。',
    '申请企业开办帮办服务：新设一家分公司，需要营业执照、刻章、税务登记和社保开户一次办结。',
    '我司注册商标被外地公司在电商平台仿冒使用，请求帮助维权并协调平台下架侵权商品。',
    '小微企业想申请创业担保贷款，请问需要准备哪些材料，额度和贴息政策是怎样的？',
    '特种设备使用登记提交后窗口让我们反复补材料，每次要求都不一样，希望一次性告知。',
  ];
  const contents = `ARRAY[${content.map((s) => `'${s}'`).join(', ')}]`;
  const categories = `ARRAY['policy','approval','startup','market_access','finance','tax','fees','land','property','utilities','labour','talent','ip','innovation','quality','other']`;
  return [
    `SELECT setseed(0.20261130)`,
    // Departments: 1 is the coordinating centre.
    `INSERT INTO departments (id, name, short_name, is_centre, created_at, updated_at)
     SELECT ${DEPT('i')}, CASE WHEN i <= 20 THEN (${names})[i] ELSE '区县营商服务站' || lpad(i::text, 2, '0') END,
            CASE WHEN i <= 20 THEN left((${names})[i], 8) ELSE '服务站' || lpad(i::text, 2, '0') END,
            i = 1, now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(1, 60) i`,
    // Staff: user k = 1..60 supervises department k; k = 61..660 are butlers, 10 per department.
    `INSERT INTO users (id, role, username, name, password_hash, department_id, created_at, updated_at)
     SELECT ${STAFF('k')}, 'supervisor', 'sup' || lpad(k::text, 3, '0'), '主管' || k, 'x', ${DEPT('k')},
            now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(1, 60) k`,
    `INSERT INTO users (id, role, username, name, password_hash, department_id, created_at, updated_at)
     SELECT ${STAFF('k')}, 'butler', 'gj' || lpad(k::text, 4, '0'), '管家' || k, 'x', ${DEPT('(k - 61) / 10 + 1')},
            now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(61, 660) k`,
    // Enterprises: e's butler is butler 61 + (e - 1) % 600, so department ((e - 1) % 600) / 10 + 1.
    `INSERT INTO enterprises (id, credit_code, name, scale, district, butler_id, on_record, created_at, updated_at)
     SELECT ${ENT('e')}, '91430300' || lpad(e::text, 10, '0'), '湘潭样例企业' || e || '有限公司',
            (ARRAY['micro','small','medium','large'])[1 + e % 4], (ARRAY['雨湖区','岳塘区','湘潭县','湘乡市','韶山市'])[1 + e % 5],
            ${STAFF('61 + (e - 1) % 600')}, true, now() - interval '2 years', now() - interval '2 years'
     FROM generate_series(1, 30000) e`,

    // One row of draws per case, then the case's facts derived from them.
    `CREATE TEMP TABLE g AS
     WITH d AS (
       SELECT i, random() AS r_dept, random() AS r_pow, random() AS r_slot, random() AS r_ent, random() AS r_type,
              random() AS r_src, random() AS r_state, random() AS r_age, random() AS r_acc, random() AS r_late,
              random() AS r_res, random() AS r_misc, random() AS r_rate, random() AS r_pause
       FROM generate_series(1, ${n}) i
     ), b AS (
       SELECT d.*,
              CASE WHEN r_dept < 0.08 THEN 1 ELSE 2 + least(58, floor(59 * power(r_pow, 1.8)))::int END AS dept,
              floor(r_slot * 10)::int AS slot,
              floor(r_ent * 50)::int AS ent_j,
              r_age * 365 AS age_days,
              CASE WHEN r_type < 0.45 THEN 'consult' WHEN r_type < 0.75 THEN 'complaint'
                   WHEN r_type < 0.85 THEN 'service' ELSE 'appeal' END AS type,
              CASE WHEN r_src < 0.55 THEN 'miniapp' WHEN r_src < 0.70 THEN 'reception_day'
                   WHEN r_src < 0.82 THEN 'hotline_12345' WHEN r_src < 0.92 THEN 'entrepreneur_group' ELSE 'staff' END AS source,
              now() - (r_age * 365) * interval '1 day' - interval '10 minutes' AS created_at
       FROM d
     ), s AS (
       SELECT b.*,
              CASE
                WHEN age_days < 1 THEN CASE WHEN r_state < 0.03 THEN 'pending_check' WHEN r_state < 0.60 THEN 'submitted'
                  WHEN r_state < 0.92 THEN 'accepted' WHEN r_state < 0.95 THEN 'rejected' ELSE 'resolved' END
                WHEN age_days < 10 THEN CASE WHEN r_state < 0.02 THEN 'submitted' WHEN r_state < 0.25 THEN 'accepted'
                  WHEN r_state < 0.33 THEN 'awaiting_enterprise' WHEN r_state < 0.70 THEN 'resolved'
                  WHEN r_state < 0.74 THEN 'rejected' WHEN r_state < 0.75 THEN 'long_term' ELSE 'closed' END
                ELSE CASE WHEN r_state < 0.05 THEN 'rejected' WHEN r_state < 0.09 THEN 'long_term'
                  WHEN r_state < 0.10 THEN 'accepted' WHEN r_state < 0.105 THEN 'awaiting_enterprise' ELSE 'closed' END
              END AS state,
              CASE type WHEN 'consult' THEN 3 ELSE 5 END AS limit_days
       FROM b
     ), t AS (
       SELECT s.*,
              -- 受理 (or 不予受理) within hours, one in twenty late; never after now.
              least(created_at + (CASE WHEN r_late < 0.05 THEN 30 + r_acc * 60 ELSE 1 + r_acc * 20 END) * interval '1 hour',
                    created_at + (now() - created_at) * 0.3) AS accepted_at,
              (dept - 1) * 10 + slot AS butler_slot
       FROM s
     )
     SELECT t.*,
            -- 办结 within the limit (in calendar days), one in sixteen late.
            least(accepted_at + (CASE WHEN r_late > 0.94 THEN limit_days * 2.2 + r_res * 6 ELSE 0.2 + r_res * limit_days * 1.1 END)
                    * interval '1 day',
                  accepted_at + (now() - accepted_at) * 0.6) AS resolved_at,
            state IN ('resolved', 'closed') AND type <> 'consult' AND r_pause < 0.12 AS paused_once,
            r_misc < 0.05 AND state IN ('accepted', 'awaiting_enterprise', 'resolved', 'closed', 'long_term') AS extended,
            'QS' || to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(row_number() OVER (
              PARTITION BY (created_at AT TIME ZONE 'Asia/Shanghai')::date ORDER BY created_at, i)::text, 4, '0') AS number
     FROM t`,

    `INSERT INTO cases (id, number, type, source, state, category, content, enterprise_id, submitter_id, recorded_by,
                        department_id, butler_id, addressed_butler_id, anonymous, resolve_limit_days, accept_clock,
                        resolve_clock, next_review_on, result, created_at, updated_at, accepted_at, resolved_at)
     SELECT ${CASE('i')}, number, type, source, state,
            CASE WHEN state IN ('pending_check', 'submitted') AND r_misc < 0.5 THEN NULL ELSE (${categories})[1 + i % 16] END,
            (${contents})[1 + i % 8],
            ${ENT('butler_slot + 600 * ent_j + 1')},
            NULL,
            CASE WHEN source = 'miniapp' THEN NULL WHEN source = 'hotline_12345' THEN ${STAFF('61 + (i % 10)')}
                 ELSE ${STAFF('61 + butler_slot')} END,
            ${DEPT('dept')},
            CASE WHEN state IN ('pending_check', 'submitted') AND r_misc < 0.6 THEN NULL ELSE ${STAFF('61 + butler_slot')} END,
            CASE WHEN source = 'miniapp' AND type = 'consult' AND r_misc > 0.95 THEN ${STAFF('61 + ((butler_slot + 3) % 600)')} END,
            type = 'complaint' AND source = 'miniapp' AND r_rate < 0.1,
            limit_days,
            CASE WHEN state = 'pending_check' THEN NULL ELSE jsonb_build_object(
              'startedAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'limitDays', 1, 'extensionDays', 0, 'pauses', '[]'::jsonb,
              'stoppedAt', CASE WHEN state = 'submitted' THEN NULL
                                ELSE to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END) END,
            CASE WHEN state = 'pending_check' THEN NULL ELSE jsonb_build_object(
              'startedAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'limitDays', limit_days, 'extensionDays', CASE WHEN extended THEN 3 ELSE 0 END,
              'pauses', CASE
                WHEN state = 'awaiting_enterprise' THEN jsonb_build_array(jsonb_build_object(
                  'from', to_char((accepted_at + (now() - accepted_at) * 0.5) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'to', NULL))
                WHEN paused_once THEN jsonb_build_array(jsonb_build_object(
                  'from', to_char((accepted_at + (resolved_at - accepted_at) * 0.3) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'to', to_char((accepted_at + (resolved_at - accepted_at) * 0.6) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                ELSE '[]'::jsonb END,
              'stoppedAt', CASE
                WHEN state = 'rejected' THEN to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                WHEN state IN ('resolved', 'closed', 'long_term') THEN to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                END) END,
            CASE WHEN state = 'long_term' THEN ((now() AT TIME ZONE 'Asia/Shanghai')::date + 1 + i % 30) END,
            CASE WHEN state IN ('resolved', 'closed') AND type <> 'consult' THEN '经协调，问题已解决，企业认可办理结果。' END,
            created_at,
            CASE WHEN state IN ('resolved', 'closed', 'long_term') THEN resolved_at
                 WHEN state IN ('pending_check', 'submitted') THEN created_at ELSE accepted_at END,
            -- The ledger's first 受理 and last 办结 (the timeline's 'accept' and 'resolve' below); the on-time facts
            -- are written by seedBenchCases with the server's own function.
            CASE WHEN state NOT IN ('pending_check', 'submitted', 'rejected') THEN accepted_at END,
            CASE WHEN state IN ('resolved', 'closed') THEN resolved_at END
     FROM g ORDER BY created_at`,

    // The timeline: create, then 受理 / 不予受理, 补充材料, 转长期推进 / 办结, 评价 / 关闭.
    `CREATE TEMP TABLE ev AS
     SELECT i, 1 AS ord, 'create' AS action, CASE WHEN source = 'miniapp' THEN 'enterprise' ELSE 'butler' END AS actor_kind,
            NULL::text AS from_state, CASE WHEN state = 'pending_check' THEN 'pending_check' ELSE 'submitted' END AS to_state,
            created_at AS at, '{}'::jsonb AS payload
     FROM g
     UNION ALL
     SELECT i, 2, CASE WHEN state = 'rejected' THEN 'reject' ELSE 'accept' END, 'butler', 'submitted',
            CASE WHEN state = 'rejected' THEN 'rejected' ELSE 'accepted' END, accepted_at,
            CASE WHEN state = 'rejected' THEN '{"reason":"不属于受理范围，已告知企业办理渠道。"}'::jsonb ELSE '{}'::jsonb END
     FROM g WHERE state NOT IN ('pending_check', 'submitted')
     UNION ALL
     SELECT i, 3, 'extend', 'supervisor', 'accepted', 'accepted', accepted_at + interval '1 day', '{"extensionDays":3,"reason":"需多部门会商。"}'
     FROM g WHERE extended
     UNION ALL
     SELECT i, 4, 'request_info', 'butler', 'accepted', 'awaiting_enterprise',
            CASE WHEN state = 'awaiting_enterprise' THEN accepted_at + (now() - accepted_at) * 0.5
                 ELSE accepted_at + (resolved_at - accepted_at) * 0.3 END, '{"reason":"请补充相关证明材料。"}'
     FROM g WHERE state = 'awaiting_enterprise' OR paused_once
     UNION ALL
     SELECT i, 5, 'supplement', 'enterprise', 'awaiting_enterprise', 'accepted', accepted_at + (resolved_at - accepted_at) * 0.6,
            '{"reason":"已补充材料。"}'
     FROM g WHERE paused_once
     UNION ALL
     SELECT i, 6, CASE WHEN state = 'long_term' THEN 'long_term' ELSE 'resolve' END, 'butler', 'accepted',
            CASE WHEN state = 'long_term' THEN 'long_term' ELSE 'resolved' END, resolved_at, '{}'
     FROM g WHERE state IN ('resolved', 'closed', 'long_term')
     UNION ALL
     SELECT i, 7, CASE WHEN r_rate < 0.82 THEN 'rate' ELSE 'close' END,
            CASE WHEN r_rate < 0.82 THEN 'enterprise' ELSE 'system' END, 'resolved', 'closed',
            resolved_at + CASE WHEN r_rate < 0.82 THEN r_rate * interval '100 hours' ELSE interval '7 days 10 minutes' END, '{}'
     FROM g WHERE state = 'closed'`,
    `INSERT INTO case_events (case_id, seq, actor_id, actor_kind, action, from_state, to_state, payload, at)
     SELECT ${CASE('ev.i')}, row_number() OVER (PARTITION BY ev.i ORDER BY ev.ord)::int,
            CASE WHEN actor_kind IN ('butler', 'supervisor') THEN ${STAFF('61 + g.butler_slot')} END,
            actor_kind, action, from_state, to_state, payload, least(ev.at, now())
     FROM ev JOIN g USING (i)
     ORDER BY ev.i, ev.ord`,
    // Ratings of the closed cases rated by their enterprise: mostly 4–5, one in twenty-five 差评, a few voided.
    `INSERT INTO case_ratings (case_id, level, tags, comment, butler_id, department_id, voided, created_at)
     SELECT ${CASE('i')},
            CASE WHEN r_misc < 0.70 THEN 5 WHEN r_misc < 0.90 THEN 4 WHEN r_misc < 0.96 THEN 3 WHEN r_misc < 0.98 THEN 2 ELSE 1 END,
            CASE WHEN r_misc < 0.90 THEN '["响应及时"]'::jsonb ELSE '[]'::jsonb END,
            NULL, ${STAFF('61 + butler_slot')}, ${DEPT('dept')}, r_pause > 0.995,
            least(resolved_at + r_rate * interval '100 hours', now())
     FROM g WHERE state = 'closed' AND r_rate < 0.82`,
    `INSERT INTO case_number_counters (day, last_number)
     SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM g GROUP BY 1`,
    `DROP TABLE ev`,
    `DROP TABLE g`,
  ];
}

/**
 * Seeds an empty, migrated database (`client`: a connected pg Client). The running deadlines of the open cases come
 * from the shared rules on the database's calendar; the three bench users get BENCH_PASSWORD.
 */
export async function seedBenchCases(client, { cases = 300_000, log = () => undefined } = {}) {
  const { hash } = serverRequire('@node-rs/argon2');
  const { ARGON2_OPTIONS } = serverRequire(join(ROOT, 'server', 'dist', 'modules', 'users', 'password-hasher.js'));
  const { fromStoredClock, ledgerColumns, runningDeadlines } = serverRequire(
    join(ROOT, 'server', 'dist', 'modules', 'cases', 'case-record.js'),
  );
  for (const [i, sql] of seedSql(cases).entries()) {
    const started = performance.now();
    await client.query(sql);
    log(`seed statement ${i + 1}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  // The running deadlines, as the server computes them (a few thousand open cases).
  const calendar = (await client.query('SELECT year, holidays, workdays FROM working_calendar ORDER BY year')).rows;
  const now = new Date();
  const open = (
    await client.query(
      `SELECT id, accept_clock, resolve_clock FROM cases WHERE state NOT IN ('closed', 'rejected', 'pending_check')`,
    )
  ).rows;
  const updates = open.map((r) => {
    const d = runningDeadlines(
      { acceptClock: fromStoredClock(r.accept_clock), resolveClock: fromStoredClock(r.resolve_clock) },
      calendar,
      now,
    );
    return [r.id, d.acceptDueAt, d.resolveDueAt, d.resolveWarnAt];
  });
  for (let i = 0; i < updates.length; i += 2000) {
    const part = updates.slice(i, i + 2000);
    await client.query(
      `UPDATE cases c SET accept_due_at = u.a, resolve_due_at = u.r, resolve_warn_at = u.w
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) AS u(id, a, r, w)
       WHERE c.id = u.id`,
      [part.map((u) => u[0]), part.map((u) => u[1]), part.map((u) => u[2]), part.map((u) => u[3])],
    );
  }
  log(`running deadlines of ${open.length} open cases`);

  // The ledger's on-time facts of the stopped clocks, as the server writes them (`ledgerColumns`).
  const stopped = (
    await client.query(
      `SELECT id, accept_clock, resolve_clock FROM cases WHERE accept_clock->>'stoppedAt' IS NOT NULL
         OR resolve_clock->>'stoppedAt' IS NOT NULL`,
    )
  ).rows;
  const facts = stopped.map((r) => {
    const f = ledgerColumns(
      { acceptClock: fromStoredClock(r.accept_clock), resolveClock: fromStoredClock(r.resolve_clock), history: [] },
      calendar,
    );
    return [r.id, f.acceptOnTime, f.resolveLate];
  });
  for (let i = 0; i < facts.length; i += 5000) {
    const part = facts.slice(i, i + 5000);
    await client.query(
      `UPDATE cases c SET accept_on_time = u.a, resolve_late = u.r
       FROM unnest($1::uuid[], $2::boolean[], $3::boolean[]) AS u(id, a, r) WHERE c.id = u.id`,
      [part.map((u) => u[0]), part.map((u) => u[1]), part.map((u) => u[2])],
    );
  }
  log(`on-time facts of ${stopped.length} cases`);

  // The bench users: the centre's supervisor, the busiest other department's supervisor, and a butler of a
  // department whose queue is a little over 5,000 deep (a typical department for the depth the issue asks for).
  const busiest = (
    await client.query(
      `SELECT department_id FROM cases WHERE department_id <> ${DEPT(1)} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0].department_id;
  const typical = (
    await client.query(
      `SELECT department_id FROM cases WHERE department_id <> ${DEPT(1)} GROUP BY 1 HAVING count(*) >= $1
       ORDER BY count(*) ASC LIMIT 1`,
      [Math.min(5600, Math.floor(cases / 60))],
    )
  ).rows[0].department_id;
  const passwordHash = await hash(BENCH_PASSWORD, ARGON2_OPTIONS);
  const addUser = (username, role, departmentId) =>
    client.query(`INSERT INTO users (role, username, name, password_hash, department_id) VALUES ($1, $2, $3, $4, $5)`, [
      role,
      username,
      username,
      passwordHash,
      departmentId,
    ]);
  const centreDept = (await client.query(`SELECT ${DEPT(1)} AS id`)).rows[0].id;
  await addUser(BENCH_USERS.centre, 'supervisor', centreDept);
  await addUser(BENCH_USERS.supervisor, 'supervisor', busiest);
  await addUser(BENCH_USERS.butler, 'butler', typical);
  const started = performance.now();
  await client.query('VACUUM ANALYZE');
  log(`VACUUM ANALYZE: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Drops and recreates `db`, migrates it with the built server's migrations, and seeds it. */
export async function createBenchDatabase(db, { pgBase, cases, log = () => undefined }) {
  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${db}"`);
  await admin.end();
  const url = new URL(pgBase);
  url.pathname = `/${db}`;
  const { createDataSource } = serverRequire(join(ROOT, 'server', 'dist', 'database', 'data-source.js'));
  const ds = await createDataSource({ url: url.toString() });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await seedBenchCases(client, { cases, log });
  } finally {
    await client.end();
  }
  return url.toString();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
  };
  const db = arg('--db', 'bench_cases');
  const cases = Number(arg('--cases', '300000'));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const started = performance.now();
  await createBenchDatabase(db, { pgBase, cases, log: (m) => console.error(m) });
  console.error(`${db}: ${cases} cases in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
