#!/usr/bin/env node
/**
 * H5 home page: API requests made before the first render, their server time, and time to first
 * render, in headless Chromium at 375×667 against the built server and H5 app on embedded PGlite.
 * Needs `pnpm build`, `pnpm build:h5` and Debian's chromium. Prints Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const port = 3990 + Math.floor(Math.random() * 9);
const dataDir = join(mkdtempSync(join(tmpdir(), 'qsgj-h5-')), 'pglite');
const server = spawn(process.execPath, ['server/dist/main.js'], {
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
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {}
  if (i > 600) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const runs = [];
try {
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
    const page = await context.newPage();
    const api = [];
    const all = [];
    page.on('requestfinished', (r) => {
      all.push(r.url());
      if (r.url().includes('/api/')) api.push(r);
    });
    const started = Date.now();
    await page.goto(base + '/');
    await page.locator('.home__tile').first().waitFor();
    const firstRender = Date.now() - started;
    const apiBefore = api.length;
    const serverMs = api.map((r) => r.timing().responseStart - r.timing().requestStart);
    runs.push({ firstRender, apiBefore, all: all.length, serverMs });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `H5 home — ${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium headless 375×667, 5 cold loads\n`,
);
console.log('| measure | value |');
console.log('|---|---|');
console.log(
  `| API requests before first render (visitor) | ${Math.max(...runs.map((r) => r.apiBefore))} (target ≤ 2) |`,
);
console.log(
  `| their server time (median) | ${runs.flatMap((r) => r.serverMs).length ? median(runs.flatMap((r) => r.serverMs)).toFixed(1) + ' ms' : '— (none made)'} |`,
);
console.log(`| all requests before first render (HTML, JS, CSS) | ${median(runs.map((r) => r.all))} |`);
console.log(`| time to first render of the tiles (median) | ${median(runs.map((r) => r.firstRender))} ms |`);
