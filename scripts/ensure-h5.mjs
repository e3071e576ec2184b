#!/usr/bin/env node
/**
 * The H5 app (miniapp/dist/h5) is rebuilt when it is missing or older than its sources, so `pnpm start`
 * shows the whole product at one URL without rebuilding it on every start.
 *
 * `pnpm start` (scripts/start.mjs) runs the build in the background while the server already answers:
 * Taro's output goes to miniapp/dist/h5-build.log (printed only when the build fails) and its progress
 * to miniapp/dist/h5-build.json, which the server reads to show 「正在准备应用…」 (or the failure) at `/`
 * until index.html exists. `node scripts/ensure-h5.mjs` alone builds in the foreground and waits.
 * QSGJ_SKIP_H5=1 skips it (API only); so does an H5_DIR other than miniapp/dist/h5 (that folder is served as it is).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const miniapp = join(root, 'miniapp');
export const h5Dir = join(miniapp, 'dist', 'h5');
/** Beside the folder, as the server expects them (server/src/common/h5/h5.ts). */
export const h5Files = { index: join(h5Dir, 'index.html'), status: `${h5Dir}-build.json`, log: `${h5Dir}-build.log` };

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

/** Why the H5 app must be built now ('missing' | 'stale'), or null when it need not be. */
export function h5BuildReason(env = process.env) {
  if (env.QSGJ_SKIP_H5 === '1') return null;
  if (env.H5_DIR && resolve(env.H5_DIR) !== h5Dir) return null;
  if (!existsSync(h5Files.index)) return 'missing';
  const sources = Math.max(
    newest(join(miniapp, 'src')),
    newest(join(miniapp, 'config')),
    newest(join(root, 'shared', 'src')),
  );
  return statSync(h5Files.index).mtimeMs >= sources ? null : 'stale';
}

function writeStatus(record) {
  const tmp = `${h5Files.status}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, h5Files.status); // the server never reads half a file
}

/** The end of Taro's output without its progress bar (the server shows the same at `/`). */
export function logTail(chars = 4000) {
  try {
    return readFileSync(h5Files.log, 'utf8')
      .slice(-4 * chars)
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
      .split('\n')
      .filter((line) => line.trim() && !line.includes('█') && !line.includes('即将开始启动编译'))
      .join('\n')
      .slice(-chars);
  } catch {
    return '';
  }
}

/**
 * Starts `taro build --type h5` as a child in its own process group, at low priority so that the
 * server and its first requests keep the CPU. Taro empties miniapp/dist/h5 first, so a rebuild takes
 * the old app away until it is done. `done` resolves with { ok, seconds, interrupted } when it ends;
 * `stop()` ends it (and what it started). `reason` ('missing' | 'stale') is for the page at `/`.
 */
export function startH5Build(reason = 'missing') {
  mkdirSync(join(miniapp, 'dist'), { recursive: true });
  const log = openSync(h5Files.log, 'w');
  const started = Date.now();
  const child = spawn('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: miniapp,
    stdio: ['ignore', log, log],
    detached: true,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  closeSync(log);
  try {
    setPriority(child.pid, 10);
  } catch {
    /* not permitted here: build at normal priority */
  }
  writeStatus({ state: 'building', reason, pid: child.pid, startedAt: started });
  let stopping = false;
  const done = new Promise((resolveDone) => {
    let finished = false;
    const finish = (code, signal) => {
      if (finished) return;
      finished = true;
      const seconds = (Date.now() - started) / 1000;
      const ok = code === 0 && existsSync(h5Files.index);
      const interrupted = !ok && (stopping || signal !== null);
      writeStatus({
        state: ok ? 'built' : interrupted ? 'interrupted' : 'failed',
        startedAt: started,
        finishedAt: Date.now(),
      });
      resolveDone({ ok, seconds, interrupted });
    };
    child.once('error', () => finish(null, null));
    child.once('exit', finish);
  });
  return {
    done,
    stop() {
      stopping = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

/** What to print when the build has ended: a line on success; Taro's output only on failure. */
export function reportH5Build({ ok, seconds, interrupted }, appUrl) {
  if (interrupted) return;
  if (ok) {
    console.log(`H5 app built in ${seconds.toFixed(0)}s${appUrl ? `: ${appUrl} now serves it` : ''}.`);
    return;
  }
  console.error(logTail());
  console.error(
    `The H5 build failed (whole output: ${h5Files.log}); the API runs without it. Fix it and run \`pnpm build:h5\`.`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = h5BuildReason();
  if (reason) {
    console.log(`Building the H5 app (${reason === 'missing' ? 'first start' : 'sources changed'}; about a minute)…`);
    const build = startH5Build(reason);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => build.stop());
    reportH5Build(await build.done);
  }
}
