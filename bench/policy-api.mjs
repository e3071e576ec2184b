#!/usr/bin/env node
/**
 * `GET /api/v1/policies` and `GET /api/v1/policies?q=` under load (issue 10, "Measure"): our server against a bare
 * fastify + `pg` server sending the same SQL, in the same run, at 100 connections (autocannon).
 *
 * The data set is bench/policy-search.mjs's 100,000 generated policies (the database bench_policies, created
 * first when absent). Ours is server/dist/main.js as production runs it (NODE_ENV=production, JSON logs to a file,
 * the project's fake WeChat, rate limits set out of the way); the route validates the query (PolicyQueryDto),
 * parses it (NFKC, words, jieba terms), runs the search, highlights every item and maps it — and serves a repeated
 * public query from its per-process page cache (5 s, checked against the newest `updated_at`), as scale.md allows.
 * The bare server runs the SELECTs our service sends for the same query (the bounded counts that choose the order,
 * then the page; captured from PolicySearchService in this process) on every request and returns the rows as JSON
 * with no framework, no validation, no highlighting and no logging. Both pinned to core 0
 * (`taskset`), autocannon to core 1; each case: warm-up, then ours and bare back to back.
 *
 *   node bench/policy-api.mjs                   10 s per case (3 s warm-up), 100 connections
 *   node bench/policy-api.mjs --seconds 5 --connections 100 --q 留抵退税
 *
 * Needs a built server (`pnpm build`) and PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * Writes artifacts/bench-policy-api.json.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capturingService, createPolicyDatabase } from './policy-search.mjs';

import {
  arg,
  cannon as cannonFrom,
  cannonChild,
  children,
  cpuSeconds,
  hasTaskset,
  pinned,
  ROOT,
  serverRequire,
  startChild,
  stopChild,
  waitForHealth,
} from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const cannon = (spec) => cannonFrom(SELF, spec);

// ---------------------------------------------------------------------------------------------
// Child: autocannon (core 1), one JSON line out.
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Child: the bare fastify + pg server (core 0): the captured statements, rows as JSON.
// ---------------------------------------------------------------------------------------------
async function bareChild() {
  const fastify = serverRequire('fastify')({ logger: false });
  const { Pool } = serverRequire('pg');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  /** `q` (or '' for none) → the statements our service sends for page 1. */
  const statements = JSON.parse(process.env.BENCH_STATEMENTS);
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/api/v1/policies', async (req) => {
    // The same statements, in order: the counts that choose the order, then the page (the last one).
    let rows;
    for (const st of statements[req.query.q ?? '']) rows = (await pool.query(st.sql, st.params)).rows;
    const items = rows.slice(0, 20).map((r) => ({
      id: r.p_id,
      title: r.p_title,
      docNumber: r.p_doc_number,
      issuer: r.p_issuer,
      level: r.p_level,
      categories: r.p_categories,
      summary: r.p_summary,
      validFrom: r.p_valid_from,
      validTo: r.p_valid_to,
      publishedAt: r.p_published_at,
    }));
    return { items, nextCursor: rows.length > 20 ? items[19].id : null };
  });
  process.on('SIGTERM', () => void fastify.close().then(() => pool.end().then(() => process.exit(0))));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

// ---------------------------------------------------------------------------------------------
// Parent.
// ---------------------------------------------------------------------------------------------
async function measure(url, opts, pid) {
  await cannon({ url, connections: opts.connections, seconds: opts.warmup });
  const before = cpuSeconds(pid);
  const r = await cannon({ url, connections: opts.connections, seconds: opts.seconds });
  const after = cpuSeconds(pid);
  if (r.non2xx || r.errors || r.timeouts) {
    throw new Error(
      `${url}: ${r.non2xx} non-2xx (${JSON.stringify(r.statuses)}), ${r.errors} errors, ${r.timeouts} timeouts`,
    );
  }
  r.cpuMsPerRequest = before === null || after === null ? null : ((after - before) * 1000) / r.total;
  return r;
}

async function main() {
  const opts = {
    seconds: Number(arg('--seconds', '10')),
    warmup: Number(arg('--warmup', '3')),
    connections: Number(arg('--connections', '100')),
  };
  const q = arg('--q', '留抵退税');
  const db = arg('--db', 'bench_policies');
  const outFile = resolve(arg('--out', join(ROOT, 'artifacts', 'bench-policy-api.json')));
  const serverEntry = resolve(arg('--server', join(ROOT, 'server', 'dist', 'main.js')));
  const pgBase = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(pgBase);
  dbUrl.pathname = `/${db}`;
  const work = join(tmpdir(), `qsgj-bench-policy-api-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const oursPort = 5100 + Math.floor(Math.random() * 300);
  const barePort = oursPort + 300;
  if (hasTaskset) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

  const { Client } = serverRequire('pg');
  const admin = new Client({ connectionString: pgBase });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [db])).rowCount > 0;
  await admin.end();
  if (!exists) {
    console.error(`creating ${db} (100,000 policies, bench/policy-search.mjs)…`);
    await createPolicyDatabase(db, { pgBase, policies: 100_000, log: (m) => console.error(`  ${m}`) });
  }

  // The statements our service sends for the two cases (page 1, 20 rows, public, in force).
  const { statementsOf, ds } = await capturingService(dbUrl.toString());
  const statements = {};
  for (const key of ['', q]) statements[key] = await statementsOf(key ? { q: key } : {});
  await ds.destroy();

  const { startFakeWechat } = serverRequire(join(ROOT, 'server', 'dist', 'fake-wechat', 'fake-wechat.server.js'));
  const fake = await startFakeWechat({ port: 0 });
  const logFile = join(work, 'server.log');
  const out = openSync(logFile, 'a');
  const [oc, oa] = pinned(0, process.execPath, [serverEntry]);
  const ours = startChild(oc, oa, {
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
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
      NOTIFICATION_WORKER: 'off',
    },
  });
  closeSync(out);
  const [bc, ba] = pinned(0, process.execPath, [SELF, '--bare']);
  const bare = startChild(bc, ba, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(barePort),
      DATABASE_URL: dbUrl.toString(),
      BENCH_STATEMENTS: JSON.stringify(statements),
    },
  });
  const results = [];
  const load = loadavg();
  try {
    await waitForHealth(`http://127.0.0.1:${oursPort}`, ours, 'our server');
    await waitForHealth(`http://127.0.0.1:${barePort}`, bare, 'bare server');
    // Same answers: the same ids in the same order.
    for (const key of Object.keys(statements)) {
      const path = `/api/v1/policies${key ? `?q=${encodeURIComponent(key)}` : ''}`;
      const a = await (await fetch(`http://127.0.0.1:${oursPort}${path}`)).json();
      const b = await (await fetch(`http://127.0.0.1:${barePort}${path}`)).json();
      const ids = (r) => (r.items ?? []).map((i) => i.id).join(',');
      if (!a.items?.length || ids(a) !== ids(b))
        throw new Error(`${path}: ours and bare differ: ${JSON.stringify(a).slice(0, 300)}`);
    }
    for (const key of Object.keys(statements)) {
      const path = `/api/v1/policies${key ? `?q=${encodeURIComponent(key)}` : ''}`;
      console.error(`${path}: ours…`);
      const o = await measure(`http://127.0.0.1:${oursPort}${path}`, opts, ours.pid);
      console.error(`${path}: bare…`);
      const b = await measure(`http://127.0.0.1:${barePort}${path}`, opts, bare.pid);
      results.push({ path, ours: o, bare: b, ratio: o.rps / b.rps });
    }
  } finally {
    await stopChild(ours);
    await stopChild(bare);
    await fake.close?.();
  }

  const line = (r) =>
    `| \`${decodeURIComponent(r.path)}\` | ${r.ours.rps.toFixed(0)} | ${r.ours.p50} / ${r.ours.p99} | ${r.ours.cpuMsPerRequest?.toFixed(2)} | ${r.bare.rps.toFixed(0)} | ${r.bare.p50} / ${r.bare.p99} | ${r.bare.cpuMsPerRequest?.toFixed(2)} | ${(r.ratio * 100).toFixed(0)} % |`;
  console.log(
    `${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model}; load before ${load.map((x) => x.toFixed(1)).join(' ')}; ${opts.connections} connections, ${opts.seconds} s\n`,
  );
  console.log(
    '| route | ours req/s | ours p50 / p99 ms | ours CPU ms/req | bare req/s | bare p50 / p99 ms | bare CPU ms/req | ours / bare |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) console.log(line(r));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, load, opts, q, results }, null, 2),
  );
}

if (process.argv.includes('--cannon')) {
  await cannonChild(JSON.parse(process.argv[process.argv.indexOf('--cannon') + 1]));
} else if (process.argv.includes('--bare')) {
  await bareChild();
} else {
  main()
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(async () => {
      for (const c of children) await stopChild(c);
    });
}
