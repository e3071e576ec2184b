import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RedisHandle } from '../../common/redis/redis.module';

export interface Check {
  status: 'up' | 'down';
  latencyMs: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: Check & { driver: 'postgresql' | 'pglite' };
  redis?: Check;
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
  ) {}

  async report(): Promise<HealthReport> {
    const database = await timed(() => this.dataSource.query('SELECT 1'));
    const redis = this.redis.client ? await timed(() => this.redis.ping()) : undefined;
    const ok = database.status === 'up' && (!redis || redis.status === 'up');
    const driver = 'url' in this.dataSource.options && this.dataSource.options.url ? 'postgresql' : 'pglite';
    return { status: ok ? 'ok' : 'degraded', database: { ...database, driver }, ...(redis ? { redis } : {}) };
  }
}
