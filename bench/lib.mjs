/*
 * What the benchmarks share: their arguments, the child processes they start (servers, autocannon, the bare
 * baseline) and how those are pinned, watched and stopped, and the CPU time a process has used.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `require` as the server resolves it (pg, autocannon, the built dist). */
export const serverRequire = createRequire(join(ROOT, 'server', 'package.json'));

/** `--name value` from the command line, else the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether processes can be pinned to one core (`taskset`); without it they share both. */
export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** `[cmd, args]` that runs `cmd args` on `core` where taskset exists. */
export const pinned = (core, cmd, args) => (hasTaskset ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args]);

/** Every child started and not yet exited: what an interrupted run must stop. */
export const children = new Set();

export function startChild(cmd, args, options) {
  const child = spawn(cmd, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Stops a child with `signal`, and kills it if it has not exited 15 s later. */
export async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Ctrl-C: kill every child at once; the run then fails and its `finally` cleans up. */
export function killChildrenOnSignal() {
  const stopEverything = () => {
    process.exitCode = 130;
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('SIGINT', stopEverything);
  process.once('SIGTERM', stopEverything);
}

/** Seconds until `${base}/health` answers 200; throws when the child exits first or after `seconds`. */
export async function waitForHealth(base, child, what, { seconds = 180, intervalMs = 200 } = {}) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return (Date.now() - started) / 1000;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > seconds * 1000) throw new Error(`${what}: no 200 from /health within ${seconds} s`);
    await sleep(intervalMs);
  }
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU seconds the process has used (Linux `/proc`); null where that cannot be read. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/**
 * The autocannon side of a benchmark, run as `node <bench> --cannon <spec>` on its own core: one run of `spec`
 * (`url`, `connections`, `seconds`, optional `headers`), its figures printed as one JSON line.
 */
export async function cannonChild(spec) {
  const autocannon = serverRequire('autocannon');
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    headers: spec.headers,
  });
  const statuses = {};
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = v.count;
  process.stdout.write(
    JSON.stringify({
      rps: r.requests.average,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      statuses,
    }) + '\n',
  );
}

/** Runs `cannonChild(spec)` in a child of the benchmark `self` pinned to core 1; resolves with its figures. */
export function cannon(self, spec) {
  const [cmd, args] = pinned(1, process.execPath, [self, '--cannon', JSON.stringify(spec)]);
  const child = startChild(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((ok, fail) =>
    child.once('exit', (code) =>
      code === 0 ? ok(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(`autocannon exited with ${code}`)),
    ),
  );
}
