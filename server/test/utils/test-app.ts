import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { type AppConfig, loadConfig } from '../../src/config/app-config';
import { type FakeWechat, startFakeWechat } from '../../src/fake-wechat/fake-wechat.server';
import { freshDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** supertest against the running server. */
  http: TestAgent;
  /** Base URL of the running server. */
  url: string;
  fake: FakeWechat;
  ds: DataSource;
  /** Every JSON log line the server wrote. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Start on this database instead of a fresh one, and leave it in place on close (its owner drops
   * it): to restart the application on the same data. On PGlite it must be `freshDatabase({ onDisk: true })`,
   * and only one app may have it open at a time.
   */
  database?: TestDatabase;
  /** Use this fake WeChat (and leave it running on close), e.g. to count messages across restarts. */
  fake?: FakeWechat;
}

/**
 * Starts the real application on a fresh database (a PostgreSQL copy of the migrated template, or
 * in-memory PGlite), with its own fake WeChat. One per test file: start in beforeAll, close in afterAll.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const fake = options.fake ?? (await startFakeWechat({ port: 0 }));
  const db = options.database ?? (await freshDatabase());
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: randomBytes(32).toString('hex'),
      WECHAT_APPID: fake.appid,
      WECHAT_SECRET: fake.secret,
      WECHAT_API_BASE: fake.url,
      WECHAT_TIMEOUT_MS: '1500',
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      SEED_DEMO: 'false',
      REDIS_URL: process.env.REDIS_URL ?? '',
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}`,
      ...env,
    }),
    fakeWechat: true,
  };
  const app = await createApp({ config, database: db.settings, logStream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    url: url.replace('[::1]', '127.0.0.1'),
    fake,
    ds: app.get<DataSource>(getDataSourceToken()),
    logs,
    async close() {
      await app.close();
      if (!options.fake) await fake.close();
      if (!options.database) await db.drop();
      // Only the random prefix this helper chose: never keys it did not make.
      if (!options.database && !env.REDIS_KEY_PREFIX) await dropRedisKeys(config.REDIS_URL, config.REDIS_KEY_PREFIX);
    },
  };
}

/** Deletes what test apps left in Redis under their key prefix (queues keep their keys for ever). */
export async function dropRedisKeys(url: string | undefined, prefix: string): Promise<void> {
  if (!url) return;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
