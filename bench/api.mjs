#!/usr/bin/env node
/**
 * API hot-path benchmark: what every route pays, against a bare fastify + `pg` server doing the same
 * work, in one run on this machine.
 *
 * Both servers run pinned to core 0 (`taskset -c 0`) on a scratch PostgreSQL database and are loaded
 * one after the other (each case: ours, then bare, back to back); autocannon runs in a child process
 * on core 1. Besides req/s and latency it reports each server's CPU time per request, which a busy
 * machine disturbs far less than req/s. Ours is server/dist/main.js as production
 * runs it (NODE_ENV=production, PostgreSQL, Redis, JSON logs on, to a file), with the project's fake
 * WeChat standing in for WeChat (started by this script). The bare server verifies the same JWT with
 * the same secret and runs the same SQL (session with its user; the user with its department; the
 * membership with its enterprise; the inbox page and unread count) with no framework, no logging and
 * no rate limit.
 *
 *   node bench/api.mjs                   table on stdout, JSON in artifacts/bench-api.json
 *   node bench/api.mjs --seconds 5       shorter runs (default 10 s per case, 3 s warm-up)
 *   node bench/api.mjs --rounds 3        ours and bare back to back, three times; medians (a busy machine)
 *   node bench/api.mjs --server <main.js> bench another build of the server (e.g. a copy of the old one)
 *   node bench/api.mjs --cases me,inbox  only these cases (public, me, inbox)
 *   node bench/api.mjs --redis-only      skip the second start of our server without Redis
 *   node bench/api.mjs --cpu-prof <dir>  also write a V8 CPU profile of our server under load
 *
 * Needs PostgreSQL (PGHOST/PGUSER or postgres://postgres@127.0.0.1:5432, trust auth) and Redis
 * (REDIS_URL or redis://127.0.0.1:6379). Creates and drops its own database and Redis key prefix.
 */
import { spawnSync } from 'node:child_process';
import { createSecretKey, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// autocannon, fastify, pg and ioredis are the server's (dev)dependencies: lib's serverRequire resolves them there.
import {
  arg,
  cannon as cannonFrom,
  cannonChild,
  children,
  cpuSeconds,
  hasTaskset,
  killChildrenOnSignal,
  pinned,
  ROOT,
  serverRequire,
  sleep,
  startChild,
  stopChild,
  waitForHealth as waitUntilHealthy,
} from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const cannon = (spec) => cannonFrom(SELF, spec);
const waitForHealth = (base, child, what) => waitUntilHealthy(base, child, what, { seconds: 120, intervalMs: 100 });

const CREDIT_CODE = '91350100M000100Y43';
const JWT_SECRET = randomBytes(36).toString('base64url');
const CONSENT_VERSION = '2026-11';

// ---------------------------------------------------------------------------------------------
// Child: autocannon (on core 1). Prints one JSON line with the result.
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Child: the bare fastify + pg server (on core 0).
// ---------------------------------------------------------------------------------------------
async function bareChild() {
  const fastify = serverRequire('fastify')({ logger: false });
  const { Pool } = serverRequire('pg');
  // The JWT library @nestjs/jwt uses, with the same options as TokenService.
  const jwt = createRequire(serverRequire.resolve('@nestjs/jwt'))('jsonwebtoken');
  const { maskPhone } = serverRequire('@qsgj/shared/rules');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  // As TokenService does: a KeyObject made once (a string would be parsed as a PEM key on every verify).
  const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
  const consentVersion = process.env.CONSENT_VERSION;
  const STAFF = new Set(['butler', 'supervisor', 'admin']);
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
      `SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.revoked_at,
              u.role, u.active, u.deleted_at, u.department_id, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [claims.sid],
    );
    const s = rows[0];
    if (!s || s.user_id !== claims.sub || s.revoked_at || s.expires_at.getTime() <= Date.now())
      return fail(reply, 401, 'SESSION_REVOKED');
    if (s.deleted_at || !s.active) return fail(reply, 401, 'ACCOUNT_DELETED');
    if (Date.now() - s.last_seen_at.getTime() > 60_000)
      await pool.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [s.id]);
    req.actor = { id: s.user_id, role: s.role };
  }

  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/api/v1/auth/config', async () => ({ fakeWechat: false, consentVersion }));
  fastify.get('/api/v1/me', { preHandler: authenticate }, async (req) => {
    const [{ rows: users }, { rows: members }] = [
      await pool.query(
        `SELECT u.*, d.name AS department_name FROM users u
           LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1`,
        [req.actor.id],
      ),
      await pool.query(
        `SELECT m.role, m.status, e.id, e.credit_code, e.name, e.scale, e.district
           FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.user_id = $1 LIMIT 1`,
        [req.actor.id],
      ),
    ];
    const u = users[0];
    const m = members[0];
    const enterprise = !m
      ? null
      : m.status === 'approved'
        ? { id: m.id, creditCode: m.credit_code, name: m.name, scale: m.scale, district: m.district }
        : { creditCode: m.credit_code, name: m.name };
    return {
      id: u.id,
      role: u.role,
      nickname: u.nickname ?? u.name,
      phone: maskPhone(u.phone),
      largeFont: u.large_font,
      consentVersion: u.consent_version,
      consentRequired: !STAFF.has(u.role) && u.consent_version !== consentVersion,
      membership: m ? { role: m.role, status: m.status, enterprise } : null,
      department: u.department_id ? { id: u.department_id, name: u.department_name } : null,
      mustChangePassword: u.must_change_password,
    };
  });
  fastify.get('/api/v1/notifications', { preHandler: authenticate }, async (req) => {
    const limit = 20;
    const [{ rows }, { rows: count }] = await Promise.all([
      pool.query(
        `SELECT id, kind, title, body, link, read_at, created_at FROM notifications
          WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [req.actor.id, limit + 1],
      ),
      pool.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [req.actor.id]),
    ]);
    const items = rows.slice(0, limit).map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      readAt: n.read_at?.toISOString() ?? null,
      createdAt: n.created_at.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null, unreadCount: count[0].n };
  });
  process.on('SIGTERM', () => void fastify.close().then(() => pool.end().then(() => process.exit(0))));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

/** One autocannon run in a child process on core 1. */

/** CPU seconds (user + system) a process has used so far, from /proc (null where there is none). */

/**
 * Warm-up, then the measured run. Besides autocannon's figures: the server's CPU time per request,
 * which (unlike req/s) hardly moves when other processes share the machine.
 */
async function measure(base, path, headers, opts, serverPid) {
  const url = `${base}${path}`;
  await cannon({ url, headers, connections: opts.connections, seconds: opts.warmup });
  const cpuBefore = cpuSeconds(serverPid);
  const r = await cannon({ url, headers, connections: opts.connections, seconds: opts.seconds });
  const cpuAfter = cpuSeconds(serverPid);
  if (r.non2xx || r.errors || r.timeouts) {
    throw new Error(
      `${url}: ${r.non2xx} non-2xx (${JSON.stringify(r.statuses)}), ${r.errors} errors, ${r.timeouts} timeouts`,
    );
  }
  // Responses still in flight when autocannon stopped are few (≤ connections); ignore them.
  r.cpuUsPerRequest = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / r.total;
  return r;
}

async function api(base, method, path, token, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** An enterprise owner with a phone, consent given, and an inbox of join requests (one page and more). */
async function prepareUser(base) {
  const signIn = async (name) => (await api(base, 'POST', '/auth/wechat', null, { code: `mock:${name}` })).accessToken;
  const owner = await signIn('benchowner');
  await api(base, 'POST', '/me/consent', owner, { version: CONSENT_VERSION });
  await api(base, 'POST', '/me/enterprise', owner, {
    creditCode: CREDIT_CODE,
    name: '福州示例科技有限公司',
    contactName: '张三',
    phoneCode: 'phone:13800138000',
  });
  for (let i = 0; i < 25; i++) {
    const member = await signIn(`benchmember${i}`);
    await api(base, 'POST', '/me/consent', member, { version: CONSENT_VERSION });
    await api(base, 'POST', '/me/enterprise', member, {
      creditCode: CREDIT_CODE,
      name: '福州示例科技有限公司',
      contactName: `成员${i}`,
    });
  }
  const me = await api(base, 'GET', '/me', owner);
  if (me.membership?.status !== 'approved') throw new Error(`owner not bound: ${JSON.stringify(me)}`);
  const inbox = await api(base, 'GET', '/notifications', owner);
  if (inbox.items.length !== 20 || !inbox.nextCursor) throw new Error(`inbox not seeded: ${inbox.items.length}`);
  return owner;
}

function fmt(n, digits = 0) {
  return n === undefined || n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

async function main() {
  const opts = {
    seconds: Number(arg('--seconds', '10')),
    warmup: Number(arg('--warmup', '3')),
    connections: Number(arg('--connections', '50')),
  };
  const serverEntry = resolve(arg('--server', join(ROOT, 'server', 'dist', 'main.js')));
  const cpuProfDir = arg('--cpu-prof', null);
  const outFile = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-api.json')));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const dbName = `qsgj_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${dbName}`;
  const redisPrefix = `qb${randomBytes(4).toString('hex')}`;
  const work = join(tmpdir(), `qsgj-bench-api-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const oursPort = 4100 + Math.floor(Math.random() * 400);
  const barePort = oursPort + 500;
  const ours = `http://127.0.0.1:${oursPort}`;
  const bare = `http://127.0.0.1:${barePort}`;

  // This process and autocannon stay off the servers' core.
  if (hasTaskset) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();

  const { startFakeWechat } = serverRequire(join(ROOT, 'server', 'dist', 'fake-wechat', 'fake-wechat.server.js'));
  const fake = await startFakeWechat({ port: 0 });

  const logFile = join(work, 'server.log');
  const results = [];
  let logBytes = 0;
  let logLines = 0;

  const startOurs = async (withRedis, profile) => {
    const out = openSync(logFile, 'a');
    const nodeArgs = [];
    if (profile) {
      // --cpu-prof writes its file on a normal exit: a preload exits cleanly when asked over IPC.
      const preload = join(work, 'exit-on-message.cjs');
      writeFileSync(preload, "process.on('message', (m) => { if (m === 'bench:exit') process.exit(0); });\n");
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfDir)}`, '-r', preload);
    }
    const [cmd, args] = pinned(0, process.execPath, [...nodeArgs, serverEntry]);
    const child = startChild(cmd, args, {
      cwd: ROOT,
      stdio: profile ? ['ignore', out, out, 'ipc'] : ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(oursPort),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: withRedis ? redisUrl : '',
        REDIS_KEY_PREFIX: redisPrefix,
        JWT_SECRET,
        WECHAT_APPID: fake.appid,
        WECHAT_SECRET: fake.secret,
        WECHAT_API_BASE: fake.url,
        LOG_LEVEL: 'info',
        CONSENT_VERSION,
        // Counted as in production, but high enough that 50 connections from one address are not refused.
        RATE_LIMIT_PER_MINUTE: '100000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
        NOTIFICATION_WORKER: 'off',
      },
    });
    closeSync(out);
    await waitForHealth(ours, child, 'our server');
    return child;
  };
  const stopOurs = async (child) => {
    if (child?.connected) {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('bench:exit');
      await Promise.race([exited, sleep(15_000)]);
    }
    await stopChild(child);
  };

  const cases = [
    { key: 'public', name: 'public, no DB (GET /api/v1/auth/config)', path: '/api/v1/auth/config', auth: false },
    { key: 'me', name: 'authenticated read (GET /api/v1/me)', path: '/api/v1/me', auth: true },
    { key: 'inbox', name: 'inbox page (GET /api/v1/notifications)', path: '/api/v1/notifications', auth: true },
  ];

  const only = arg('--cases', null)?.split(',');
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.includes(c.key)));
  if (!cases.length) throw new Error('--cases: choose from public, me, inbox');

  const rounds = Number(arg('--rounds', '1'));
  const loadAverageBefore = loadavg();
  const perRound = []; // { key, redis, round, ours, bare }
  const runPair = async (c, redis, round, oursPid, barePid, headers) => {
    console.error(`round ${round}: ${c.name}${redis ? '' : ' (ours without Redis)'}`);
    const o = await measure(ours, c.path, headers, opts, oursPid);
    const b = await measure(bare, c.path, headers, opts, barePid);
    perRound.push({ key: c.key, redis, round, ours: o, bare: b });
  };

  try {
    console.error(`load average before: ${loadAverageBefore.map((l) => l.toFixed(2)).join(' ')}`);
    let server = await startOurs(true, Boolean(cpuProfDir));
    const token = await prepareUser(ours);
    const headers = (c) => (c.auth ? { authorization: `Bearer ${token}` } : {});
    // The bare server waits, idle, on the same core while ours is measured, and the other way round:
    // each pair of runs is back to back, so a change in the machine's load hits both alike.
    const [cmd, args] = pinned(0, process.execPath, [SELF, '--bare']);
    const bareServer = startChild(cmd, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PORT: String(barePort), DATABASE_URL: dbUrl.toString(), JWT_SECRET, CONSENT_VERSION },
    });
    await waitForHealth(bare, bareServer, 'bare server');
    for (let round = 1; round <= rounds; round++) {
      for (const c of cases) await runPair(c, true, round, server.pid, bareServer.pid, headers(c));
    }
    await stopOurs(server);
    const publicCase = cases.find((c) => c.key === 'public');
    if (publicCase && !cpuProfDir && !process.argv.includes('--redis-only')) {
      server = await startOurs(false, false);
      for (let round = 1; round <= rounds; round++) {
        await runPair(publicCase, false, round, server.pid, bareServer.pid, {});
      }
      await stopOurs(server);
    }
    await stopChild(bareServer);
    logBytes = statSync(logFile).size;
    logLines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"request completed"')).length;

    const median = (xs) => {
      const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
      if (!v.length) return null;
      return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    };
    const summary = (runs, side) => ({
      rps: median(runs.map((r) => r[side].rps)),
      p50: median(runs.map((r) => r[side].p50)),
      p99: median(runs.map((r) => r[side].p99)),
      cpuUsPerRequest: median(runs.map((r) => r[side].cpuUsPerRequest)),
    });
    for (const redis of [true, false]) {
      for (const c of cases) {
        const runs = perRound.filter((r) => r.key === c.key && r.redis === redis);
        if (!runs.length) continue;
        results.push({
          case: redis ? c.name : `${c.name} without Redis`,
          redis,
          ours: summary(runs, 'ours'),
          bare: summary(runs, 'bare'),
          // Per pair, then the median: the two runs of a pair saw the same machine.
          ratio: median(runs.map((r) => r.ours.rps / r.bare.rps)),
          cpuRatio: median(runs.map((r) => r.bare.cpuUsPerRequest / r.ours.cpuUsPerRequest)),
          rounds: runs.map((r) => ({ round: r.round, ours: r.ours, bare: r.bare })),
        });
      }
    }
  } finally {
    for (const child of children) await stopChild(child);
    await fake.close?.();
    const cleanup = new Client({ connectionString: pgBase });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await cleanup.end();
    const Redis = serverRequire('ioredis');
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      for (let i = 0; i < 10_000; i++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
    } finally {
      redis.disconnect();
    }
    rmSync(work, { recursive: true, force: true });
  }

  const rows = results.map((r) =>
    [
      r.case,
      fmt(r.ours.rps),
      fmt(r.ours.p50),
      fmt(r.ours.p99),
      fmt(r.bare.rps),
      fmt(r.bare.p50),
      fmt(r.bare.p99),
      r.ratio.toFixed(2),
      `${fmt(r.ours.cpuUsPerRequest)} / ${fmt(r.bare.cpuUsPerRequest)}`,
      r.cpuRatio ? r.cpuRatio.toFixed(2) : '—',
    ].join(' | '),
  );
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  console.log(
    [
      '',
      `${opts.connections} connections, ${opts.seconds} s per case after ${opts.warmup} s warm-up, ${rounds} round(s) (medians); ${machine}`,
      `servers on core 0${hasTaskset ? '' : ' (taskset missing: not pinned)'}, autocannon on core 1; latencies in ms;`,
      "CPU µs/req: the server process's user + system time per response; CPU ratio: bare µs / ours µs",
      '',
      '| case | ours req/s | ours p50 | ours p99 | bare req/s | bare p50 | bare p99 | req/s ours / bare | CPU µs/req ours / bare | CPU ratio |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r} |`),
      '',
      `our server logged ${logLines.toLocaleString('en-US')} "request completed" lines (${(logBytes / 1e6).toFixed(1)} MB)`,
    ].join('\n'),
  );
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: { cpus: cpu.length, model: cpu[0]?.model, node: process.version, pinned: hasTaskset },
        settings: { ...opts, rounds, server: serverEntry },
        loadAverageBefore,
        loadAverageAfter: loadavg(),
        logLines,
        results,
      },
      null,
      2,
    ) + '\n',
  );
  console.error(`wrote ${outFile}`);
}

if (process.argv[2] === '--cannon') {
  await cannonChild(JSON.parse(process.argv[3]));
} else if (process.argv[2] === '--bare') {
  await bareChild();
} else {
  // Ctrl-C: stop the children; the run then fails and its `finally` drops the database and keys.
  killChildrenOnSignal();
  await main();
}
