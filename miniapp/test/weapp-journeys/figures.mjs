#!/usr/bin/env node
/**
 * Merges the per-page figures the weapp journeys wrote (artifacts/weapp-journeys/figures/*.json)
 * into the Markdown table of docs/performance.md: the largest setData seen on each page in any
 * journey, and the first meaningful render of its cold start in the pages journey.
 *   node miniapp/test/weapp-journeys/figures.mjs
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..',
  '..',
  '..',
  'artifacts',
  'weapp-journeys',
  'figures',
);
if (!existsSync(dir)) {
  console.error(`No figures in ${dir}: run the weapp journeys first.`);
  process.exit(1);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const budgets = files[0].budgets;
const cold = new Map((files.find((f) => f.file === 'pages')?.pages ?? []).map((p) => [p.route, p]));
const routes = new Map();
for (const f of files)
  for (const p of f.pages) {
    const r = routes.get(p.route) ?? { route: p.route, maxSetDataBytes: 0, setDataCalls: 0, visits: 0 };
    r.maxSetDataBytes = Math.max(r.maxSetDataBytes, p.maxSetDataBytes);
    r.setDataCalls += p.setDataCalls;
    r.visits += p.visits;
    routes.set(p.route, r);
  }

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `| page | largest setData (any journey) | visits · setData calls | first meaningful render: nodes · depth · ms | requests before it |`,
);
console.log('| --- | --- | --- | --- | --- |');
for (const r of [...routes.values()].sort((a, b) => a.route.localeCompare(b.route))) {
  const c = cold.get(r.route);
  const render =
    c?.firstRenderNodes != null ? `${c.firstRenderNodes} · ${c.firstRenderDepth} · ${c.firstRenderMs}` : '—';
  const requests = c?.requestsBeforeRender
    ? `${c.requestsBeforeRender.length}${c.requestsBeforeRender.length ? ` (${c.requestsBeforeRender.join(', ')})` : ''}`
    : '—';
  console.log(
    `| \`${r.route}\` | ${kb(r.maxSetDataBytes)} | ${r.visits} · ${r.setDataCalls} | ${render} | ${requests} |`,
  );
}
console.log(
  `\nBudgets: setData ≤ ${kb(budgets.setDataBytes)}; first render < ${budgets.firstRenderNodes} nodes and < ${budgets.firstRenderDepth} deep; ≤ ${budgets.requestsBeforeRender} requests before it.`,
);
