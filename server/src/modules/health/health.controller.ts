import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';
import { RedisHandle } from '../../common/redis/redis.module';

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
}

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: 'down', latencyMs: Math.round(performance.now() - started) };
  }
}

@ApiTags('ops')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisHandle,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: '健康检查：数据库（以及配置了 REDIS_URL 时的 Redis）' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await timed(() => this.dataSource.query('SELECT 1'));
    const redis = this.redis.client ? await timed(() => this.redis.ping()) : undefined;
    const ok = database.status === 'up' && (!redis || redis.status === 'up');
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      database: { ...database, driver: this.dataSource.driver.options.type === 'postgres' && 'url' in this.dataSource.options && this.dataSource.options.url ? 'postgresql' : 'pglite' },
      ...(redis ? { redis } : {}),
    };
  }
}
