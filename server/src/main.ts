import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createApp } from './app.factory';
import { h5BuildFiles, h5BuildState, h5Directory, h5Root } from './common/h5/h5';
import { ConfigError, loadConfig } from './config/app-config';
import { migrateAsOwner } from './database/data-source';
import { startFakeWechat } from './fake-wechat/fake-wechat.server';

/** Outside production a missing JWT_SECRET is generated once and kept beside the embedded database. */
function devJwtSecret(dataDir: string): string {
  const file = resolve(dataDir === 'memory' ? '.data' : dirname(resolve(dataDir)), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The App line of the start banner: the H5 app may still be building in the background (scripts/start.mjs). */
function h5Banner(configured: string | undefined, url: string): string {
  const dir = h5Root(configured);
  const { state } = h5BuildState(dir);
  if (h5Directory(configured)) {
    return state === 'building' ? `${url}/ (rebuilding in the background; reload when it is done)` : `${url}/`;
  }
  if (state === 'building')
    return `${url}/ — being built in the background (about a minute); until then it says 正在准备应用…`;
  if (state === 'failed') return `the H5 build failed — see ${relative(process.cwd(), h5BuildFiles(dir).log)}`;
  return 'not built — run `pnpm build:h5`';
}

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig(process.env, () =>
      process.env.NODE_ENV === 'production' ? '' : devJwtSecret(process.env.PGLITE_DATA_DIR ?? '.data/pglite'),
    );
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`亲商管家 server cannot start. ${e.message}`);
      process.exit(1);
    }
    throw e;
  }

  if (config.fakeWechat) {
    const fake = await startFakeWechat({ port: 0 });
    config = { ...config, WECHAT_API_BASE: fake.url, WECHAT_APPID: fake.appid, WECHAT_SECRET: fake.secret };
    console.log(`Fake WeChat (no WECHAT_APPID set) listening at ${fake.url}`);
  }

  if (config.DATABASE_MIGRATION_URL && config.DATABASE_URL) {
    // Migrations (and the runtime role's grants) as the owner; the server serves as DATABASE_URL's role.
    const applied = await migrateAsOwner(config.DATABASE_MIGRATION_URL, config.DATABASE_URL);
    if (applied.length) console.log(`Migrations applied as the owner: ${applied.join(', ')}`);
  }

  const app = await createApp({
    config,
    database: config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDataDir: config.PGLITE_DATA_DIR },
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    [
      '',
      `亲商管家 is running (${config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite at ${config.PGLITE_DATA_DIR}`}, ready in ${seconds}s)`,
      `  App (H5)   ${h5Banner(config.H5_DIR, url)}`,
      `  API        ${url}/api/v1`,
      `  API docs   ${url}/api/docs`,
      `  Health     ${url}/health`,
      '',
    ].join('\n'),
  );
}

void main();
