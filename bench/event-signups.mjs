#!/usr/bin/env node
/**
 * Concurrent sign-ups for one event (issue 12, "Measure"): N enterprise users send
 * `POST /api/v1/events/:id/registrations` all at once — 200 for a 50-seat event, then 2,000 for a 500-seat one —
 * against our server (server/dist/main.js as production runs it) and, in the same run, against a bare fastify + `pg`
 * server that sends the same statements (the user's enterprise, their live registration if any, then the one
 * sign-up statement that locks the event row, takes a seat or a waitlist place and moves the counters) with no
 * framework, no auth, no validation and no logging. Reported: wall time, throughput
 * (sign-ups/s), p50/p99 latency, and the counts that prove no oversell (confirmed = capacity, the rest waitlisted,
 * arrival numbers 1..N each once).
 *
 *   node bench/event-signups.mjs                 200 and 2,000
 *   node bench/event-signups.mjs --sizes 200,2000,5000
 *
 * Needs a built server (`pnpm build`) and PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Creates (and drops) the database bench_event_signups. Writes artifacts/bench-event-signups.json.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, children, ROOT, serverRequire, startChild, stopChild, waitForHealth } from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const { EVENTS_SQL } = serverRequire(join(ROOT, 'server', 'dist', 'modules', 'events', 'events.sql.js'));

// ---------------------------------------------------------------------------------------------
// Child: the bare fastify + pg server (the same statements, a pool of 10 like ours).
// ---------------------------------------------------------------------------------------------
async function bareChild() {
  const fastify = serverRequire('fastify')({ logger: false });
  const { Pool } = serverRequire('pg');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.post('/bare/events/:id/registrations', async (req, reply) => {
    const eventId = req.params.id;
    const userId = req.headers['x-user'];
    const member = await pool.query(
      `SELECT enterprise_id FROM enterprise_members WHERE user_id = $1 AND status = 'approved'`,
      [userId],
    );
    const existing = await pool.query(
      `SELECT id, status FROM event_registrations WHERE event_id = $1 AND user_id = $2 AND status <> 'cancelled'`,
      [eventId, userId],
    );
    if (existing.rows[0]) return { registration: existing.rows[0] };
    try {
      const { rows } = await pool.query(EVENTS_SQL.signUp.text, [
        eventId,
        userId,
        member.rows[0].enterprise_id,
        null,
        new Date(),
      ]);
      return { registration: { id: rows[0].id, status: rows[0].status } };
    } catch (err) {
      reply.code(500);
      return { error: String(err) };
    }
  });
  process.on('SIGTERM', () => void fastify.close().then(() => pool.end().then(() => process.exit(0))));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

// ---------------------------------------------------------------------------------------------

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** All requests at once; per-request latency and the wall time. */
async function burst(requests) {
  const started = performance.now();
  const results = await Promise.all(
    requests.map(async (r) => {
      const t0 = performance.now();
      const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: '{}' });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t0 };
    }),
  );
  const wall = performance.now() - started;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    wallMs: Math.round(wall),
    signupsPerSecond: Math.round((requests.length / wall) * 1000),
    p50: Math.round(pct(ms, 50)),
    p99: Math.round(pct(ms, 99)),
    max: Math.round(ms[ms.length - 1]),
    statuses,
  };
}

async function main() {
  const sizes = arg('--sizes', '200,2000').split(',').map(Number);
  const outFile = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-event-signups.json')));
  const serverEntry = resolve(join(ROOT, 'server', 'dist', 'main.js'));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = 'bench_event_signups';
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${db}`;
  const work = join(tmpdir(), `qsgj-bench-event-signups-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const oursPort = 5700 + Math.floor(Math.random() * 200);
  const barePort = oursPort + 200;

  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();

  const { startFakeWechat } = serverRequire(join(ROOT, 'server', 'dist', 'fake-wechat', 'fake-wechat.server.js'));
  const fake = await startFakeWechat({ port: 0 });
  const logFile = join(work, 'server.log');
  const out = openSync(logFile, 'a');
  const ours = startChild(process.execPath, [serverEntry], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(oursPort),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: '',
      JWT_SECRET: randomBytes(36).toString('base64url'),
      WECHAT_APPID: fake.appid,
      WECHAT_SECRET: fake.secret,
      WECHAT_API_BASE: fake.url,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
      NOTIFICATION_WORKER: 'off',
    },
  });
  closeSync(out);
  const bare = startChild(process.execPath, [SELF, '--bare'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PORT: String(barePort), DATABASE_URL: dbUrl.toString() },
  });
  const pg = new Client({ connectionString: dbUrl.toString() });
  const results = [];
  const load = loadavg();
  try {
    await waitForHealth(`http://127.0.0.1:${oursPort}`, ours, 'our server');
    await waitForHealth(`http://127.0.0.1:${barePort}`, bare, 'bare server');
    await pg.connect();
    const max = Math.max(...sizes);
    // Enterprise users: signed in through the server (sessions and tokens as the app makes them), consent given,
    // each the approved owner of an enterprise of their own (written directly).
    console.error(`signing in ${max} users…`);
    const tokens = [];
    for (let i = 0; i < max; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, max - i) }, (_, k) =>
          fetch(`http://127.0.0.1:${oursPort}/api/v1/auth/wechat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: `mock:bench-${i + k}` }),
          }).then((r) => r.json()),
        ),
      );
      tokens.push(...batch.map((b) => ({ token: b.accessToken, userId: b.user.id })));
    }
    const version = (await (await fetch(`http://127.0.0.1:${oursPort}/api/v1/auth/config`)).json()).consentVersion;
    const ids = tokens.map((t) => t.userId);
    await pg.query(`UPDATE users SET consent_version = $1, consent_at = now() WHERE id = ANY ($2::uuid[])`, [
      version,
      ids,
    ]);
    const ents = await pg.query(
      `INSERT INTO enterprises (credit_code, name) SELECT 'B' || lpad(i::text, 17, '0'), '压测企业' || i FROM generate_series(1, $1) i RETURNING id`,
      [max],
    );
    await pg.query(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status) SELECT e, u, 'owner', 'approved'
       FROM unnest($1::uuid[], $2::uuid[]) AS x(e, u)`,
      [ents.rows.map((r) => r.id), ids],
    );

    const newEvent = async (capacity) =>
      (
        await pg.query(
          `INSERT INTO events (kind, title, starts_at, ends_at, signup_deadline, place, capacity, status, published_at)
           VALUES ('lecture', '压测讲座', now() + interval '3 days', now() + interval '3 days 2 hours', now() + interval '2 days',
             '湘潭市民之家', $1, 'published', now()) RETURNING id`,
          [capacity],
        )
      ).rows[0].id;
    const counts = async (eventId) =>
      (
        await pg.query(
          `SELECT e.capacity, e.confirmed_count,
             (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed,
             (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted,
             (SELECT count(DISTINCT r.seq)::int FROM event_registrations r WHERE r.event_id = e.id) AS distinct_seq,
             (SELECT max(r.seq)::int FROM event_registrations r WHERE r.event_id = e.id) AS max_seq
           FROM events e WHERE e.id = $1`,
          [eventId],
        )
      ).rows[0];

    for (const n of sizes) {
      const capacity = n / 4;
      const users = tokens.slice(0, n);
      for (const [name, base, headers] of [
        [
          'ours',
          `http://127.0.0.1:${oursPort}/api/v1/events`,
          (u) => ({ authorization: `Bearer ${u.token}`, 'content-type': 'application/json' }),
        ],
        [
          'bare',
          `http://127.0.0.1:${barePort}/bare/events`,
          (u) => ({ 'x-user': u.userId, 'content-type': 'application/json' }),
        ],
      ]) {
        const eventId = await newEvent(capacity);
        console.error(`${n} concurrent sign-ups, ${capacity} seats: ${name}…`);
        const r = await burst(users.map((u) => ({ url: `${base}/${eventId}/registrations`, headers: headers(u) })));
        const c = await counts(eventId);
        const noOversell = c.confirmed === capacity && c.confirmed_count === capacity && c.waitlisted === n - capacity;
        results.push({
          server: name,
          concurrent: n,
          capacity,
          ...r,
          counts: c,
          noOversell,
          arrivalNumbers: c.distinct_seq === n && c.max_seq === n,
        });
        console.error(JSON.stringify(results.at(-1)));
      }
    }
  } finally {
    await pg.end().catch(() => undefined);
    await stopChild(ours);
    await stopChild(bare);
    await fake.close();
    const drop = new Client({ connectionString: pgBase });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await drop.end();
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: load },
    results,
  };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
}

if (process.argv.includes('--bare')) await bareChild();
else
  await main().catch(async (e) => {
    console.error(e);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  });
