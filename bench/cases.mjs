#!/usr/bin/env node
/**
 * The case engine at province scale (issue 9, "Measure"): 300,000 cases received over a year in PostgreSQL
 * (bench/cases-seed.mjs), measured through the real routes of our server and, in the same run, against a bare
 * fastify + `pg` server that sends the same SQL.
 *
 * What it measures, one request at a time (latency, not throughput: median and p95 of `--runs` requests, ours
 * and bare alternating so a change in the machine's load hits both alike):
 *   - the workbench queue `GET /api/v1/cases` as the coordinating centre (every case), the supervisor of the
 *     busiest department (≈ 28k cases) and a butler of a typical department (≈ 5k): page 1, and the page after
 *     5,000 rows by cursor (keyset); OFFSET 5000 (the same statement with OFFSET instead of the cursor) on the
 *     bare server, for what the page would cost without keyset paging;
 *   - the counts per filter `GET /api/v1/cases/counts` for the same three users;
 *   - 工作台账 `GET /api/v1/stats/ledger` for a year, the whole city (centre) and the busiest department;
 *     and the ledger as it was before it was counted in SQL (every case of the year read into Node and counted
 *     with `caseFacts`), on the bare server, as "before".
 * Then EXPLAIN (ANALYZE, BUFFERS) of each statement, to show which indexes serve it.
 *
 * Ours is server/dist/main.js as production runs it (NODE_ENV=production, JSON logs to a file, the project's fake
 * WeChat, migrations at start, the deadline sweep held off so it does not write during the run); the bare server
 * checks the same JWT and session, reads the viewer's department and the working calendar, and sends the SQL our
 * repositories send (captured from them in this process), returning the rows as JSON with no framework, no
 * logging, no rate limit and none of the mapping our routes do. Both are pinned to core 0 (`taskset`), this
 * process to core 1.
 *
 *   node bench/cases.mjs                  uses the database `bench_cases` (creating and seeding it when absent)
 *   node bench/cases.mjs --reseed         recreates it first (≈ 2 minutes)
 *   node bench/cases.mjs --runs 30 --ledger-runs 7 --before-runs 3
 *
 * Needs a built server (`pnpm build`) and PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * trust auth). Writes artifacts/bench-cases.json. The database is kept for the next run (it is the data set).
 */
import { spawnSync } from 'node:child_process';
import { createSecretKey, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, BENCH_USERS, createBenchDatabase } from './cases-seed.mjs';

import {
  arg,
  children,
  hasTaskset,
  killChildrenOnSignal,
  pinned,
  ROOT,
  serverRequire,
  startChild,
  stopChild,
  waitForHealth as waitUntilHealthy,
} from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const waitForHealth = (base, child, what) => waitUntilHealthy(base, child, what, { seconds: 300, intervalMs: 100 });
const dist = (path) => serverRequire(join(ROOT, 'server', 'dist', path));

/** A year: the ledger's period (366 days at most). */
function yearToToday() {
  const { addCalendarDays, shanghaiDay } = serverRequire('@qsgj/shared/rules');
  const to = shanghaiDay(new Date());
  return { from: addCalendarDays(to, -364), to };
}

/**
 * The ledger as it was counted before (until this benchmark's change): every case of the period read into Node with
 * its first 受理 and last 办结, then `caseFacts` per case and sums per group. Kept here only to measure it.
 */
const LEDGER_BEFORE_SQL = `SELECT c.id, c.type, c.source, c.state, c.created_at,
  c.department_id, d.name AS department_name, c.butler_id, u.name AS butler_name,
  c.accept_clock, c.resolve_clock, c.accept_due_at, c.resolve_due_at,
  (SELECT min(e.at) FROM "case_events" e WHERE e.case_id = c.id AND e.action = 'accept') AS accepted_at,
  (SELECT max(e.at) FROM "case_events" e WHERE e.case_id = c.id AND e.action = 'resolve') AS resolved_at,
  r.level AS rating_level
FROM "cases" c
LEFT JOIN "departments" d ON d.id = c.department_id
LEFT JOIN "users" u ON u.id = c.butler_id
LEFT JOIN "case_ratings" r ON r.case_id = c.id AND r.voided = false
WHERE c.created_at >= $1 AND c.created_at < $2 AND c.state <> 'pending_check'
  AND ($3::boolean OR c.department_id = $4::uuid)`;

// ---------------------------------------------------------------------------------------------
// The bare server (child, core 0): the same SQL, no framework.
// ---------------------------------------------------------------------------------------------
async function bareChild() {
  const fastify = serverRequire('fastify')({ logger: false });
  const { Pool } = serverRequire('pg');
  const jwt = createRequire(serverRequire.resolve('@nestjs/jwt'))('jsonwebtoken');
  const rules = serverRequire('@qsgj/shared/rules');
  const { STATS_SQL } = dist('modules/stats/stats.sql.js');
  const ledger = dist('modules/stats/ledger.js');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
  /** Per user id: the captured statements of their queue. */
  const queues = JSON.parse(process.env.BENCH_QUEUES);
  const fail = (reply, status, code) => reply.code(status).send({ statusCode: status, code, message: code });

  async function authenticate(req, reply) {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return fail(reply, 401, 'UNAUTHENTICATED');
    let claims;
    try {
      claims = jwt.verify(header.slice(7).trim(), secret, {
        algorithms: ['HS256'],
        issuer: 'qsgj',
        audience: 'qsgj-api',
      });
    } catch {
      return fail(reply, 401, 'UNAUTHENTICATED');
    }
    const { rows } = await pool.query(
      `SELECT s.id, s.user_id, s.expires_at, s.revoked_at, u.role, u.active, u.deleted_at, u.department_id
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [claims.sid],
    );
    const s = rows[0];
    if (!s || s.user_id !== claims.sub || s.revoked_at || s.expires_at.getTime() <= Date.now() || !s.active)
      return fail(reply, 401, 'SESSION_REVOKED');
    // The viewer: their department and whether it is the centre (CaseViewers.of).
    const { rows: depts } = s.department_id
      ? await pool.query(`SELECT id, name, is_centre FROM departments WHERE id = $1`, [s.department_id])
      : { rows: [] };
    req.viewer = { id: s.user_id, role: s.role, departmentId: s.department_id, isCentre: depts[0]?.is_centre ?? false };
  }
  const calendar = async () =>
    (await pool.query(`SELECT year, holidays, workdays FROM working_calendar ORDER BY year`)).rows;

  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/api/v1/cases', { preHandler: authenticate }, async (req) => {
    const q = queues[req.viewer.id];
    await calendar();
    let statement;
    if (req.query.cursor) {
      const cursor = rules.decodeCursor(req.query.cursor);
      statement = { sql: q.after.sql, params: q.after.params.map((p, i) => (i === q.after.anchorAt ? cursor.id : p)) };
    } else if (req.query.offset) {
      statement = {
        sql: q.page1.sql.replace(/LIMIT 21\s*$/, `LIMIT 21 OFFSET ${Number(req.query.offset)}`),
        params: q.page1.params,
      };
    } else statement = q.page1;
    const { rows } = await pool.query(statement.sql, statement.params);
    const items = rows.slice(0, 20).map((r) => ({
      id: r.c_id,
      number: r.c_number,
      type: r.c_type,
      state: r.c_state,
      enterprise: r.e_name,
      department: r.d_name,
      butler: r.b_name,
      createdAt: r.c_created_at,
    }));
    const last = rows.length > 20 ? rows[19] : null;
    return {
      items,
      nextCursor: last ? rules.encodeCursor({ k: last.c_created_at.toISOString(), id: last.c_id }) : null,
    };
  });
  fastify.get('/api/v1/cases/counts', { preHandler: authenticate }, async (req) => {
    const q = queues[req.viewer.id].counts;
    const { rows } = await pool.query(
      q.sql,
      q.params.map((p, i) => (i === q.nowAt ? new Date() : p)),
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  });
  const ledgerParams = (req) => ({
    from: rules.startOfShanghaiDay(req.query.from),
    toExclusive: rules.startOfShanghaiDay(rules.addCalendarDays(req.query.to, 1)),
    seesAll: req.viewer.isCentre || req.viewer.role === 'admin',
  });
  fastify.get('/api/v1/stats/ledger', { preHandler: authenticate }, async (req) => {
    const cal = await calendar();
    const p = ledgerParams(req);
    const now = new Date();
    const days = ledger.workingDayIndex(
      rules.addCalendarDays(req.query.from, -2),
      rules.addCalendarDays(rules.shanghaiDay(now), 370),
      cal,
    );
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL jit = off');
      const { rows } = await client.query(STATS_SQL.ledgerFigures.text, [
        p.from,
        p.toExclusive,
        p.seesAll,
        p.seesAll ? null : req.viewer.departmentId,
        null,
        null,
        null,
        null,
        now,
        days.first,
        days.index,
        ledger.SATISFIED_MIN_LEVEL,
      ]);
      await client.query('COMMIT');
      return { groups: rows.length, total: rows.find((r) => r.breakdown === 'total') };
    } finally {
      client.release();
    }
  });
  // Before: every case into Node, counted case by case.
  fastify.get('/bench/ledger-before', { preHandler: authenticate }, async (req) => {
    const cal = await calendar();
    const p = ledgerParams(req);
    const now = new Date();
    const { rows } = await pool.query(LEDGER_BEFORE_SQL, [
      p.from,
      p.toExclusive,
      p.seesAll,
      p.seesAll ? null : req.viewer.departmentId,
    ]);
    const facts = rows.map((r) => ledger.caseFacts(r, cal, now));
    const groups = { total: ledger.countFacts(facts) };
    for (const [kind, keyOf] of [
      ['department', (r) => r.department_id],
      ['butler', (r) => r.butler_id],
      ['type', (r) => r.type],
      ['source', (r) => r.source],
      ['week', (r) => ledger.weekOf(r.created_at)],
    ]) {
      const byKey = new Map();
      rows.forEach((r, i) => {
        const key = keyOf(r);
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(facts[i]);
      });
      for (const [key, f] of byKey) groups[`${kind}:${key}`] = ledger.countFacts(f);
    }
    return { groups: Object.keys(groups).length, total: groups.total };
  });
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

async function request(base, path, token, init = {}) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
  const body = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
  return { ms, json: JSON.parse(body), bytes: body.length };
}

const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
};
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Captures the SQL a repository call sends (TypeORM, in this process, on the bench database). */
async function captureQueue(dbUrl, scopeOf, users, deepRows) {
  serverRequire('reflect-metadata');
  const { DataSource } = serverRequire('typeorm');
  const { dataSourceOptions } = dist('database/data-source.js');
  const { CasesRepository } = dist('modules/cases/cases.repository.js');
  const captured = [];
  const logger = {
    logQuery: (sql, params) => captured.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({ ...(await dataSourceOptions({ url: dbUrl })), logging: ['query'], logger });
  await ds.initialize();
  const repo = new CasesRepository(ds);
  const last = async (call) => {
    captured.length = 0;
    const result = await call();
    const sent = captured.filter((c) => /^\s*SELECT/i.test(c.sql));
    return { ...sent[sent.length - 1], result };
  };
  const queues = {};
  try {
    for (const [key, user] of Object.entries(users)) {
      const scope = scopeOf(user);
      const now = new Date();
      const page1 = await last(() => repo.list(scope, {}, user.id, now, undefined, 20));
      // The row after which the deep page starts: the 5,000th of the queue, as the queue orders it.
      const rows = await ds.query(page1.sql.replace(/LIMIT 21\s*$/, `OFFSET ${deepRows - 1} LIMIT 1`), page1.params);
      const anchor = rows[0];
      if (!anchor) throw new Error(`${key}: fewer than ${deepRows} cases in the queue`);
      const after = await last(() => repo.list(scope, {}, user.id, now, { k: 'x', id: anchor.c_id }, 20));
      const counts = await last(() => repo.counts(scope, user.id, now));
      queues[user.id] = {
        key,
        page1: { sql: page1.sql, params: page1.params },
        after: { sql: after.sql, params: after.params, anchorAt: after.params.indexOf(anchor.c_id) },
        counts: {
          sql: counts.sql,
          params: counts.params,
          nowAt: counts.params.findIndex((p) => p instanceof Date),
        },
        anchor: { id: anchor.c_id, createdAt: anchor.c_created_at.toISOString() },
      };
    }
  } finally {
    await ds.destroy();
  }
  return queues;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement: the plan, and its execution time. */
async function explain(client, sql, params, setup = []) {
  await client.query('BEGIN');
  try {
    for (const s of setup) await client.query(s);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The plan lines a reader needs: nodes, index conditions, buffers of the top node, timing. */
function planExcerpt(lines, max = 14) {
  const keep = lines.filter(
    (l, i) =>
      /(Scan|Sort|Limit|Aggregate|Join|Gather|BitmapOr|Nested Loop)/.test(l) ||
      /Index Cond|Rows Removed by Filter|Sort Method|Execution Time/.test(l) ||
      (i === 1 && /Buffers/.test(l)),
  );
  const exec = keep.filter((l) => /Execution Time/.test(l));
  return [...keep.filter((l) => !/Execution Time/.test(l)).slice(0, max), ...exec].map((l) =>
    l.length > 170 ? `${l.slice(0, 167)}...` : l,
  );
}

async function main() {
  const runs = Number(arg('--runs', '30'));
  const ledgerRuns = Number(arg('--ledger-runs', '7'));
  const beforeRuns = Number(arg('--before-runs', '3'));
  const deepRows = Number(arg('--deep', '5000'));
  const db = arg('--db', 'bench_cases');
  const outFile = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-cases.json')));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${db}`;
  const JWT_SECRET = randomBytes(36).toString('base64url');
  const work = join(tmpdir(), `qsgj-bench-cases-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const oursPort = 4600 + Math.floor(Math.random() * 300);
  const barePort = oursPort + 300;
  const ours = `http://127.0.0.1:${oursPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  if (hasTaskset) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [db])).rowCount > 0;
  await admin.end();
  if (!exists || process.argv.includes('--reseed')) {
    console.error(`creating and seeding ${db} (300,000 cases)…`);
    const started = performance.now();
    await createBenchDatabase(db, { pgBase, cases: 300_000, log: (m) => console.error(`  ${m}`) });
    console.error(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }

  const pg = new Client({ connectionString: dbUrl.toString() });
  await pg.connect();
  const { startFakeWechat } = dist('fake-wechat/fake-wechat.server.js');
  const fake = await startFakeWechat({ port: 0 });
  const logFile = join(work, 'server.log');
  const results = { settings: { runs, ledgerRuns, beforeRuns, deepRows, db }, cases: [], plans: {} };
  let server;
  let bareServer;
  try {
    const sizes = (
      await pg.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events,
        (SELECT count(*) FROM case_ratings)::int AS ratings, (SELECT count(*) FROM enterprises)::int AS enterprises,
        (SELECT count(*) FROM departments)::int AS departments,
        (SELECT count(*) FROM users WHERE role IN ('butler', 'supervisor'))::int AS staff,
        pg_size_pretty(pg_total_relation_size('cases')) AS cases_size, current_setting('server_version') AS pg,
        current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem,
        current_setting('jit') AS jit`)
    ).rows[0];
    results.data = sizes;
    console.error(`data: ${JSON.stringify(sizes)}`);

    // Our server: migrations run at start (on a fresh data set they build the queue's indexes).
    const out = openSync(logFile, 'a');
    const [cmd, args] = pinned(0, process.execPath, [join(ROOT, 'server', 'dist', 'main.js')]);
    server = startChild(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(oursPort),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: '',
        JWT_SECRET,
        WECHAT_APPID: fake.appid,
        WECHAT_SECRET: fake.secret,
        WECHAT_API_BASE: fake.url,
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '100000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
        NOTIFICATION_WORKER: 'off',
        // The deadline sweep would close, warn and escalate cases of the data set during the run.
        CASE_SWEEP_MS: '86400000',
      },
    });
    closeSync(out);
    results.oursStartSeconds = await waitForHealth(ours, server, 'our server');
    await pg.query('ANALYZE cases');

    // The bench users and what each sees.
    const users = {};
    for (const [key, username] of Object.entries(BENCH_USERS)) {
      const { json } = await request(ours, '/api/v1/auth/staff', null, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: BENCH_PASSWORD }),
      });
      const { rows } = await pg.query(
        `SELECT u.id, u.role, u.department_id, d.name, d.is_centre,
           (SELECT count(*) FROM cases c WHERE c.department_id = u.department_id)::int AS department_cases
         FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username = $1`,
        [username],
      );
      users[key] = { ...rows[0], token: json.accessToken };
    }
    const scopeOf = (u) =>
      u.is_centre
        ? { kind: 'all' }
        : { kind: u.role === 'supervisor' ? 'department' : 'butler', departmentId: u.department_id, userId: u.id };
    const queues = await captureQueue(dbUrl.toString(), scopeOf, users, deepRows);
    const { encodeCursor } = serverRequire('@qsgj/shared/rules');
    for (const u of Object.values(users)) {
      const a = queues[u.id].anchor;
      u.deepCursor = encodeCursor({ k: a.createdAt, id: a.id });
    }

    // The cursor of the 5,000th row is where paging leads: walk the butler's queue 100 at a time to it.
    {
      const u = users.butler;
      let cursor;
      let seen = 0;
      let lastId;
      while (seen < deepRows) {
        const { json } = await request(ours, `/api/v1/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`, u.token);
        seen += json.items.length;
        lastId = json.items[json.items.length - 1].id;
        cursor = json.nextCursor;
      }
      if (lastId !== queues[u.id].anchor.id) throw new Error(`paging 100 at a time reached ${lastId}, not the anchor`);
      console.error(`checked: ${deepRows} rows paged by cursor end on the anchor of the deep page`);
    }

    const [bcmd, bargs] = pinned(0, process.execPath, [SELF, '--bare']);
    bareServer = startChild(bcmd, bargs, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        PORT: String(barePort),
        DATABASE_URL: dbUrl.toString(),
        JWT_SECRET,
        BENCH_QUEUES: JSON.stringify(queues),
      },
    });
    await waitForHealth(bare, bareServer, 'bare server');

    const loadBefore = loadavg();
    const { from, to } = yearToToday();
    results.period = { from, to };
    const list = (u, extra = '') => `/api/v1/cases${extra}`;
    const cases = [];
    for (const [key, label] of [
      ['centre', 'centre (every case)'],
      ['supervisor', 'supervisor, busiest department'],
      ['butler', 'butler, typical department'],
    ]) {
      const u = users[key];
      cases.push({ name: `queue page 1 — ${label}`, user: u, path: list(u), runs });
      cases.push({
        name: `queue after ${deepRows.toLocaleString('en-US')} rows (cursor) — ${label}`,
        user: u,
        path: list(u, `?cursor=${u.deepCursor}`),
        runs,
        page1: `queue page 1 — ${label}`,
      });
      cases.push({
        name: `queue OFFSET ${deepRows} — ${label}`,
        user: u,
        bareOnly: `/api/v1/cases?offset=${deepRows}`,
        runs,
      });
    }
    for (const key of ['centre', 'supervisor', 'butler']) {
      cases.push({ name: `counts — ${key}`, user: users[key], path: '/api/v1/cases/counts', runs });
    }
    const ledgerPath = `/api/v1/stats/ledger?from=${from}&to=${to}`;
    cases.push({ name: 'ledger, a year — city (centre)', user: users.centre, path: ledgerPath, runs: ledgerRuns });
    cases.push({
      name: 'ledger, a year — busiest department',
      user: users.supervisor,
      path: ledgerPath,
      runs: ledgerRuns,
    });
    cases.push({
      name: 'ledger before (all cases into Node) — city',
      user: users.centre,
      bareOnly: `/bench/ledger-before?from=${from}&to=${to}`,
      runs: beforeRuns,
    });
    cases.push({
      name: 'ledger before (all cases into Node) — busiest department',
      user: users.supervisor,
      bareOnly: `/bench/ledger-before?from=${from}&to=${to}`,
      runs: beforeRuns,
    });

    for (const c of cases) {
      console.error(`${c.name}…`);
      const oursMs = [];
      const bareMs = [];
      // Warm-up: one of each.
      if (!c.bareOnly) await request(ours, c.path, c.user.token);
      await request(bare, c.bareOnly ?? c.path, c.user.token);
      let sample;
      for (let i = 0; i < c.runs; i++) {
        if (!c.bareOnly) {
          const r = await request(ours, c.path, c.user.token);
          oursMs.push(r.ms);
          sample ??= r;
        }
        bareMs.push((await request(bare, c.bareOnly ?? c.path, c.user.token)).ms);
      }
      const row = {
        name: c.name,
        runs: c.runs,
        ours: oursMs.length ? { median: median(oursMs), p95: quantile(oursMs, 0.95) } : null,
        bare: { median: median(bareMs), p95: quantile(bareMs, 0.95) },
        bytes: sample?.bytes ?? null,
        items: sample?.json?.items?.length ?? null,
      };
      if (row.ours) row.ratio = row.ours.median / row.bare.median;
      if (c.page1) {
        const p1 = results.cases.find((r) => r.name === c.page1);
        row.vsPage1 = { ours: row.ours.median / p1.ours.median, bare: row.bare.median / p1.bare.median };
      }
      results.cases.push(row);
    }
    results.loadAverage = { before: loadBefore, after: loadavg() };

    // The plans.
    const { STATS_SQL } = dist('modules/stats/stats.sql.js');
    const ledgerModule = dist('modules/stats/ledger.js');
    const rules = serverRequire('@qsgj/shared/rules');
    for (const [key, u] of Object.entries(users)) {
      const q = queues[u.id];
      results.plans[`queue page 1 — ${key}`] = planExcerpt(await explain(pg, q.page1.sql, q.page1.params));
      results.plans[`queue after ${deepRows} (cursor) — ${key}`] = planExcerpt(
        await explain(pg, q.after.sql, q.after.params),
      );
      results.plans[`queue OFFSET ${deepRows} — ${key}`] = planExcerpt(
        await explain(pg, q.page1.sql.replace(/LIMIT 21\s*$/, `LIMIT 21 OFFSET ${deepRows}`), q.page1.params),
      );
      results.plans[`counts — ${key}`] = planExcerpt(await explain(pg, q.counts.sql, q.counts.params));
    }
    const calendar = (await pg.query(`SELECT year, holidays, workdays FROM working_calendar ORDER BY year`)).rows;
    const now = new Date();
    const days = ledgerModule.workingDayIndex(
      rules.addCalendarDays(from, -2),
      rules.addCalendarDays(rules.shanghaiDay(now), 370),
      calendar,
    );
    const ledgerParams = (u) => [
      rules.startOfShanghaiDay(from),
      rules.startOfShanghaiDay(rules.addCalendarDays(to, 1)),
      Boolean(u.is_centre),
      u.is_centre ? null : u.department_id,
      null,
      null,
      null,
      null,
      now,
      days.first,
      days.index,
      3,
    ];
    for (const key of ['centre', 'supervisor']) {
      results.plans[`ledger — ${key}`] = planExcerpt(
        await explain(pg, STATS_SQL.ledgerFigures.text, ledgerParams(users[key]), ['SET LOCAL jit = off']),
        24,
      );
    }
  } finally {
    for (const child of children) await stopChild(child);
    await fake.close?.();
    await pg.end();
    rmSync(work, { recursive: true, force: true });
  }

  const cpu = cpus();
  results.machine = {
    cpus: cpu.length,
    model: cpu[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pinned: hasTaskset,
  };
  results.at = new Date().toISOString();
  const ms = (x) => (x === null || x === undefined ? '—' : x < 10 ? x.toFixed(1) : x.toFixed(0));
  const lines = [
    '',
    `${results.data.cases.toLocaleString('en-US')} cases (${results.data.cases_size}), PostgreSQL ${results.data.pg}; ` +
      `${cpu.length} × ${cpu[0]?.model}, Node ${process.version}; load average ${results.loadAverage.before
        .map((l) => l.toFixed(1))
        .join(' ')} → ${results.loadAverage.after.map((l) => l.toFixed(1)).join(' ')}`,
    `one request at a time; ms, median / p95; ledger period ${results.period.from} … ${results.period.to}`,
    '',
    '| case | runs | ours | bare | ours / bare | vs page 1 (ours · bare) |',
    '|---|---|---|---|---|---|',
    ...results.cases.map(
      (r) =>
        `| ${r.name} | ${r.runs} | ${r.ours ? `${ms(r.ours.median)} / ${ms(r.ours.p95)}` : '—'} | ${ms(r.bare.median)} / ${ms(r.bare.p95)} | ${r.ratio ? r.ratio.toFixed(2) : '—'} | ${r.vsPage1 ? `${r.vsPage1.ours.toFixed(2)} · ${r.vsPage1.bare.toFixed(2)}` : ''} |`,
    ),
    '',
    ...Object.entries(results.plans).flatMap(([k, v]) => [`### ${k}`, ...v.map((l) => `    ${l}`), '']),
  ];
  console.log(lines.join('\n'));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  console.error(`wrote ${outFile}`);
}

if (process.argv[2] === '--bare') {
  await bareChild();
} else {
  killChildrenOnSignal();
  await main();
}
