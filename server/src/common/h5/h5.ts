import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type H5BuildState, preparingPage } from './preparing-page';

/**
 * The H5 build of the mini-program, served at `/`. `pnpm start` may still be building it in the
 * background (scripts/start.mjs): it writes `<dir>-build.json` ({ state, reason, pid, startedAt, finishedAt })
 * and `<dir>-build.log` beside the folder, and until `<dir>/index.html` exists `/` answers with a page
 * that says so. Nothing here is decided once at boot: the app is served as soon as it is there.
 */

/** H5_DIR, or miniapp/dist/h5 of this checkout (the same from server/src and server/dist). */
export function h5Root(configured?: string): string {
  return configured ? resolve(configured) : resolve(__dirname, '..', '..', '..', '..', 'miniapp', 'dist', 'h5');
}

/** The built H5 app's folder when it has an index.html, else null. */
export function h5Directory(configured?: string): string | null {
  const dir = h5Root(configured);
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export const h5BuildFiles = (dir: string) => ({ status: `${dir}-build.json`, log: `${dir}-build.log` });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The end of the build's output, without Taro's colours and progress bar. */
function logTail(file: string, chars: number): string | undefined {
  try {
    const size = statSync(file).size;
    const fd = openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(size, 4 * chars));
    try {
      readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    } finally {
      closeSync(fd);
    }
    return (
      buffer
        .toString('utf8')
        // eslint-disable-next-line no-control-regex -- colours and cursor moves
        .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
        .split('\n')
        .filter((line) => line.trim() && !line.includes('█') && !line.includes('即将开始启动编译'))
        .join('\n')
        .slice(-chars)
    );
  } catch {
    return undefined;
  }
}

/**
 * What the background build says about the folder. A "building" record whose process is gone
 * (the start was interrupted) counts as no build at all: the page must not promise an app that is not coming.
 */
export function h5BuildState(dir: string, options: { withLog?: boolean } = {}): H5BuildState {
  const files = h5BuildFiles(dir);
  let record: { state?: string; reason?: string; pid?: number; startedAt?: number; finishedAt?: number };
  try {
    record = JSON.parse(readFileSync(files.status, 'utf8'));
  } catch {
    return { state: 'absent' };
  }
  if (record.state === 'building' && typeof record.pid === 'number' && isAlive(record.pid)) {
    return { state: 'building', startedAt: record.startedAt ?? Date.now(), rebuild: record.reason === 'stale' };
  }
  if (record.state === 'failed') {
    const shown = relative(process.cwd(), files.log);
    return {
      state: 'failed',
      finishedAt: record.finishedAt ?? 0,
      logFile: shown.startsWith('..') ? files.log : shown,
      logTail: options.withLog ? logTail(files.log, 3000) : undefined,
    };
  }
  return { state: 'absent' };
}

/**
 * Serves the folder at `/` (one wildcard route, so files written after boot are found; unknown paths
 * fall through to the API's 404 body) and answers `/` itself: index.html once it exists, the
 * 「正在准备应用…」 page before. The build log's tail is shown on that page outside production only.
 */
export async function registerH5(fastify: FastifyInstance, options: { dir: string; showLog: boolean }): Promise<void> {
  const { dir, showLog } = options;
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: true,
    index: 'index.html',
    suppressWarning: true, // the folder may not exist yet
    setHeaders: (res, path) =>
      void res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=300'),
  });
  fastify.get('/', (_req, reply) => {
    if (existsSync(join(dir, 'index.html'))) return reply.sendFile('index.html');
    const { status, html } = preparingPage(h5BuildState(dir, { withLog: showLog }));
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });
}
