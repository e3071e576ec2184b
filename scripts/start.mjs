#!/usr/bin/env node
/**
 * `pnpm start`, after the swc build: the server starts at once; when the H5 app is missing or older than
 * its sources, it is built at the same time in the background (scripts/ensure-h5.mjs). Until it exists the
 * server answers `/` with 「正在准备应用…」 and then serves it, without a restart. The build's output is
 * printed only if it fails. When the server stops, an unfinished build is stopped too.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { h5BuildReason, reportH5Build, startH5Build } from './ensure-h5.mjs';

const reason = h5BuildReason();
const build = reason ? startH5Build(reason) : null;
if (build) {
  console.log(
    reason === 'missing'
      ? 'Building the H5 app in the background (first start, about a minute); the server starts meanwhile.'
      : 'The H5 app is older than its sources: rebuilding it in the background; the server starts meanwhile.',
  );
  const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
  void build.done.then((result) => reportH5Build(result, `http://${host}:${process.env.PORT || 3000}/`));
}

const server = spawn(
  process.execPath,
  ['--enable-source-maps', fileURLToPath(new URL('../server/dist/main.js', import.meta.url))],
  { stdio: 'inherit' },
);
// Ctrl-C reaches the server from the terminal itself (a second SIGINT would cut its graceful shutdown
// short); the build runs in its own process group, so it is stopped from here.
process.on('SIGINT', () => build?.stop());
for (const signal of ['SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    build?.stop();
    server.kill(signal);
  });
}
server.once('exit', (code, signal) => {
  build?.stop();
  process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
});
