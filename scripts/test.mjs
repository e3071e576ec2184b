#!/usr/bin/env node
/**
 * Runs every test suite of the workspace in one Jest run (the root jest.config.ts projects)
 * and ends with one plain summary line: "N passed, N failed, N skipped".
 * Server suites use PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
 * Extra arguments go to Jest (e.g. `pnpm test --selectProjects shared`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestBin = require.resolve('jest/bin/jest');
mkdirSync('artifacts', { recursive: true });
const resultFile = 'artifacts/jest-results.json';

// A larger heap than Node's default as a backstop for the run's main process (24 GiB here; workers are recycled).
const nodeOptions = [
  process.env.NODE_OPTIONS,
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  '--max-old-space-size=6144',
]
  .filter(Boolean)
  .join(' ');
const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});

if (existsSync(resultFile)) {
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
}
process.exit(run.status ?? 1);
