#!/usr/bin/env node
/**
 * weapp package sizes as WeChat counts them (each subpackage root; everything else is the main package).
 * Reads miniapp/dist/weapp (build it first: `pnpm build:weapp`). Prints Markdown for docs/performance.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus, totalmem } from 'node:os';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'miniapp', 'dist', 'weapp');
const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));
const walk = (d) =>
  readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));

const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
const biggest = [];
for (const file of walk(dir)) {
  if (file.endsWith('.LICENSE.txt') || file.endsWith('.map')) continue;
  const rel = relative(dir, file);
  const size = statSync(file).size;
  sizes[roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'] += size;
  biggest.push([rel, size]);
}
const kb = (n) => (n / 1024).toFixed(1);
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log(
  `weapp package sizes — ${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
console.log('| package | KB | budget |');
console.log('|---|---|---|');
console.log(`| main | ${kb(sizes.main)} | ≤ 800 KB (WeChat: 2 MB) |`);
for (const r of roots) console.log(`| ${r} | ${kb(sizes[r])} | ≤ 1.2 MB |`);
console.log(`| total | ${kb(total)} | WeChat: 20 MB |`);
console.log('\nLargest files:');
for (const [rel, size] of biggest.sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`- ${rel}: ${kb(size)} KB`);
