#!/usr/bin/env node
/**
 * Boot benchmark: time from the README's run command (after install) to the first 200 from /health
 * on the embedded database, and the server's memory. Runs the two halves of `pnpm start` separately
 * so each is visible: the build, then the server process (cold: empty data dir → migrations + demo data;
 * warm: the same data dir again).
 *   node bench/boot.mjs            prints a Markdown table row set for docs/performance.md
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const port = 3900 + Math.floor(Math.random() * 90);

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function boot(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 120_000) throw new Error('no 200 from /health within 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    return { seconds, ...rssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const buildStarted = performance.now();
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const buildSeconds = (performance.now() - buildStarted) / 1000;

const dataDir = join(mkdtempSync(join(tmpdir(), 'qsgj-bench-')), 'pglite');
try {
  const cold = await boot(dataDir);
  const warm = await boot(dataDir);
  const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nBoot on embedded PGlite — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);
  console.log('| step | seconds | RSS MB | peak RSS MB |');
  console.log('|---|---|---|---|');
  console.log(`| build (swc: shared + server) | ${buildSeconds.toFixed(1)} | | |`);
  console.log(
    `| cold start → first 200 /health (migrations + demo data) | ${cold.seconds.toFixed(1)} | ${cold.rss} | ${cold.peak} |`,
  );
  console.log(
    `| warm start → first 200 /health (existing data dir) | ${warm.seconds.toFixed(1)} | ${warm.rss} | ${warm.peak} |`,
  );
  console.log(`| README run command, cold (build + cold start) | ${(buildSeconds + cold.seconds).toFixed(1)} | | |`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
