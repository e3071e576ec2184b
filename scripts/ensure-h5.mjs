#!/usr/bin/env node
/**
 * Builds the H5 app (miniapp/dist/h5) when it is missing or older than its sources, so `pnpm start`
 * shows the whole product at one URL without rebuilding it on every start.
 * QSGJ_SKIP_H5=1 skips it (API only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

if (process.env.QSGJ_SKIP_H5 === '1') process.exit(0);
const miniapp = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'miniapp');
const index = join(miniapp, 'dist', 'h5', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(join(miniapp, 'src')),
  newest(join(miniapp, 'config')),
  newest(join(miniapp, '..', 'shared', 'src')),
);
if (existsSync(index) && statSync(index).mtimeMs >= sources) process.exit(0);

console.log('Building the H5 app (first start takes about a minute; later starts reuse it)…');
const started = performance.now();
const run = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
  cwd: miniapp,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, NODE_ENV: 'production' },
});
if (run.status !== 0) {
  // Taro's progress output is noise on success; on failure it is the explanation.
  console.error(`${run.stdout ?? ''}${run.stderr ?? ''}`.slice(-4000));
  console.error('The H5 build failed; starting the API without it (pnpm build:h5 shows the whole output).');
  process.exit(0);
}
console.log(`H5 app built in ${((performance.now() - started) / 1000).toFixed(0)}s`);
