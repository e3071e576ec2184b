#!/usr/bin/env node
/**
 * 政策直达 at scale (issue 10, "Measure"): one policy published to 100,000 subscribers on PostgreSQL, its WeChat
 * messages sent to the project's fake WeChat answering every send after 50 ms.
 *
 * What it measures:
 *   - enqueue: from the publish request to the push `done` — every recipient's delivery row, inbox row, spent
 *     credit and outbox row written (target ≤ 10 s);
 *   - deliver: from the publish request to the last WeChat answer recorded — `pending` 0 (target ≤ 5 min);
 *   - the API while it runs: latency of `GET /api/v1/policies?limit=20` and `GET /health` from 4 clients in a
 *     closed loop, p50/p95/p99, before the publish (idle), during the fan-out, and during the sending.
 *
 * Ours is server/dist/main.js as production runs it (NODE_ENV=production, JSON logs to a file, one process doing
 * both the API and the workers, NOTIFICATION_CONCURRENCY=50). Data: 10,000 enterprises of 10 approved members
 * each, every member holding a credit for the policy template; the policy's rules match them all.
 *
 *   node bench/policy-push.mjs                     in-process outbox (no Redis)
 *   node bench/policy-push.mjs --redis             BullMQ on REDIS_URL (default redis://127.0.0.1:6379)
 *   node bench/policy-push.mjs --users 20000 --latency 50
 *
 * Needs a built server (`pnpm build`) and PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * trust auth). Recreates the database `bench_push` each run. Writes artifacts/bench-policy-push.json.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { arg, ROOT, serverRequire, sleep } from './lib.mjs';

const dist = (path) => serverRequire(join(ROOT, 'server', 'dist', path));

const USERS = Number(arg('--users', '100000'));
const PER_ENTERPRISE = 10;
const LATENCY_MS = Number(arg('--latency', '50'));
const WITH_REDIS = process.argv.includes('--redis');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DB = arg('--db', 'bench_push');
const OUT = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-policy-push.json')));
const TEMPLATE = 'tplPolicy-bench-000000000000000000000001';
const ADMIN = { username: 'benchadmin', password: 'Bench#Push2026' };
const DISTRICT = '岳塘区';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)) };
}

/** Closed-loop clients hitting the API; samples go to the current phase. */
function apiLoad(base, clients = 4) {
  const phases = {};
  let phase = 'idle';
  let stopped = false;
  const paths = ['/api/v1/policies?limit=20', '/health'];
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; !stopped; i++) {
      const path = paths[i % paths.length];
      const t0 = performance.now();
      try {
        const res = await fetch(base + path);
        await res.arrayBuffer();
        const key = `${phase} ${path.split('?')[0]}`;
        const bucket = (phases[key] ??= { ms: [], errors: 0 });
        if (res.status >= 400) bucket.errors++;
        bucket.ms.push(performance.now() - t0);
      } catch {
        await sleep(50);
      }
    }
  });
  return {
    set(p) {
      phase = p;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, { ...summary(v.ms), errors: v.errors }]));
    },
  };
}

async function main() {
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${DB}`;
  const { Client } = serverRequire('pg');
  const root = new Client({ connectionString: pgBase });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await root.query(`CREATE DATABASE ${DB}`);
  await root.end();

  const { startFakeWechat } = dist('fake-wechat/fake-wechat.server.js');
  const { indexFields } = dist('modules/policies/search/index-fields.js');
  const fake = await startFakeWechat({ port: 0 });
  fake.setLatency(LATENCY_MS, '/cgi-bin/message/subscribe/send');
  const work = join(tmpdir(), `qsgj-bench-push-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const logFile = join(work, 'server.log');
  const port = 4900 + Math.floor(Math.random() * 300);
  const base = `http://127.0.0.1:${port}`;
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      load: loadavg(),
    },
    settings: { users: USERS, latencyMs: LATENCY_MS, queue: WITH_REDIS ? 'bullmq' : 'in-process', concurrency: 50 },
  };
  let server;
  const out = openSync(logFile, 'a');
  server = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: WITH_REDIS ? REDIS_URL : '',
      REDIS_KEY_PREFIX: `benchpush${process.pid}`,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      WECHAT_APPID: fake.appid,
      WECHAT_SECRET: fake.secret,
      WECHAT_API_BASE: fake.url,
      WECHAT_TEMPLATE_POLICY: TEMPLATE,
      NOTIFICATION_CONCURRENCY: '50',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
      SEED_DEMO: 'false',
      CASE_SWEEP_MS: '86400000',
    },
  });
  closeSync(out);
  const pg = new Client({ connectionString: dbUrl.toString() });
  try {
    for (const started = Date.now(); ;) {
      if (server.exitCode !== null) throw new Error(`server exited; see ${logFile}`);
      try {
        if ((await fetch(`${base}/health`)).status === 200) break;
      } catch {
        /* not yet */
      }
      if (Date.now() - started > 120_000) throw new Error(`server not healthy; see ${logFile}`);
      await sleep(200);
    }
    await pg.connect();

    // The subscribers: approved members of enterprises the policy fits, each with a credit for its template.
    let t0 = performance.now();
    const enterprises = Math.ceil(USERS / PER_ENTERPRISE);
    await pg.query(
      `INSERT INTO enterprises (credit_code, name, industry, scale, district, qualifications)
       SELECT '9143' || lpad(i::text, 14, '0'), '压测企业' || i, '制造业', 'small', $2, '{高新技术企业}'
       FROM generate_series(1, $1::int) i`,
      [enterprises, DISTRICT],
    );
    await pg.query(
      `INSERT INTO users (role, openid, nickname) SELECT 'enterprise', 'obench' || i, '压测用户' FROM generate_series(1, $1::int) i`,
      [USERS],
    );
    await pg.query(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY openid) AS n FROM users WHERE role = 'enterprise'),
            e AS (SELECT id, row_number() OVER (ORDER BY credit_code) AS n FROM enterprises)
       INSERT INTO enterprise_members (enterprise_id, user_id, role, status)
       SELECT e.id, u.id, 'member', 'approved' FROM u JOIN e ON e.n = (u.n - 1) / $1 + 1`,
      [PER_ENTERPRISE],
    );
    await pg.query(
      `INSERT INTO subscription_grants (user_id, template_id, credits, last_result)
       SELECT id, $1, 1, 'accept' FROM users WHERE role = 'enterprise'`,
      [TEMPLATE],
    );
    const policy = {
      title: '关于支持制造业高质量发展的若干政策措施（压测）',
      docNumber: '潭政发〔2026〕压测1号',
      summary: '对符合条件的制造业企业给予奖补资金支持。',
      body: '<p>具体条款。</p>',
      interpretation: '',
    };
    const f = indexFields(policy);
    const {
      rows: [{ id: policyId }],
    } = await pg.query(
      `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, districts, qualifications,
         summary, body, interpretation, status, search_title, search_doc, search_vector)
       VALUES ($1, $2, '湘潭市工业和信息化局', 'district', '{资金扶持}', '{制造业}', $3, '{高新技术企业}', $4, $5, $6,
         'draft', $7, $8, $9::tsvector) RETURNING id`,
      [
        policy.title,
        policy.docNumber,
        [DISTRICT],
        policy.summary,
        policy.body,
        policy.interpretation,
        f.searchTitle,
        f.searchDoc,
        f.searchVector,
      ],
    );
    await pg.query('ANALYZE');
    results.seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.error(`seeded ${USERS} subscribers in ${results.seedSeconds} s`);

    const signIn = await fetch(`${base}/api/v1/auth/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = await signIn.json();
    const auth = { authorization: `Bearer ${accessToken}` };

    t0 = performance.now();
    const audience = await (
      await fetch(`${base}/api/v1/admin/policies/${policyId}/audience`, { headers: auth })
    ).json();
    results.audience = { ...audience, ms: Math.round(performance.now() - t0) };
    console.error(`audience: ${JSON.stringify(results.audience)}`);

    const load = apiLoad(base);
    await sleep(10_000);
    load.set('fan-out');
    t0 = performance.now();
    const publish = await fetch(`${base}/api/v1/admin/policies/${policyId}/publish`, { method: 'POST', headers: auth });
    const published = await publish.json();
    results.publishMs = Math.round(performance.now() - t0);
    if (!published.push) throw new Error(`publish did not push: ${publish.status} ${JSON.stringify(published)}`);
    const pushId = published.push.id;
    let last;
    const trace = [];
    for (;;) {
      await sleep(1000);
      last = await (await fetch(`${base}/api/v1/admin/pushes/${pushId}`, { headers: auth })).json();
      const s = (performance.now() - t0) / 1000;
      if (trace.length === 0 || s - trace[trace.length - 1].s >= 5)
        trace.push({ s: Math.round(s), ...pick(last), fake: fake.messages.length });
      if (results.enqueueSeconds === undefined && last.status === 'done') {
        results.enqueueSeconds = Math.round(s * 10) / 10;
        load.set('sending');
        console.error(`enqueued ${last.inboxWritten} in ${results.enqueueSeconds} s`);
      }
      if (last.status === 'done' && last.pending === 0) {
        results.deliverSeconds = Math.round(s * 10) / 10;
        break;
      }
      if (s > 900) throw new Error(`not delivered after 15 minutes: ${JSON.stringify(last)}`);
    }
    results.api = await load.stop();
    results.progress = last;
    results.trace = trace;
    results.fakeReceived = fake.messages.length;
    results.fakeDistinctRecipients = new Set(fake.messages.map((m) => m.touser)).size;
    console.error(
      `delivered in ${results.deliverSeconds} s: ${JSON.stringify(pick(last))}; fake got ${results.fakeReceived}`,
    );
  } finally {
    await pg.end().catch(() => undefined);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await fake.close();
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}

function pick(p) {
  const { targeted, inboxWritten, sent, skipped, failed, pending, status } = p;
  return { status, targeted, inboxWritten, sent, skipped, failed, pending };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
