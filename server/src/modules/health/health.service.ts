import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RedisHandle } from '../../common/redis/redis.module';
import { type WechatHealth, WechatClient } from '../wechat/wechat.client';

export interface Check {
  status: 'up' | 'down';
  latencyMs: number;
}

export interface HealthReport {
  /** The hard dependencies (database, Redis when configured): 'degraded' answers 503. */
  status: 'ok' | 'degraded';
  database: Check & { driver: 'postgresql' | 'pglite' };
  redis?: Check;
  /**
   * WeChat, as this process last saw its token endpoint (no request is made for /health). Reported,
   * never counted in `status`: WeChat refusing us (IP whitelist, WECHAT_SECRET) is the same for every
   * instance, and a proxy taking them all out would stop sign-in by password, the inbox and every
   * other route that does not need WeChat. Messages wait in the outbox meanwhile.
   */
  wechat: WechatHealth;
}

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: 'down', latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisHandle,
    private readonly wechat: WechatClient,
  ) {}

  async report(): Promise<HealthReport> {
    // Both at once: a dependency that does not answer costs at most the one 2 s timeout.
    const [database, redis] = await Promise.all([
      timed(() => this.dataSource.query('SELECT 1')),
      this.redis.client ? timed(() => this.redis.ping()) : Promise.resolve(undefined),
    ]);
    const ok = database.status === 'up' && (!redis || redis.status === 'up');
    const driver = 'url' in this.dataSource.options && this.dataSource.options.url ? 'postgresql' : 'pglite';
    return {
      status: ok ? 'ok' : 'degraded',
      database: { ...database, driver },
      ...(redis ? { redis } : {}),
      wechat: this.wechat.health(),
    };
  }
}
