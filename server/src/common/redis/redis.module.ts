import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');

/** The shared Redis connection, or none when REDIS_URL is unset. */
@Injectable()
export class RedisHandle implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Auto-pipelining: the commands of concurrent requests (rate-limit counters above all) issued in
    // the same tick go out in one write, instead of one socket write each.
    this.client = config.REDIS_URL
      ? new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          lazyConnect: false,
          enableAutoPipelining: true,
        })
      : null;
    this.client?.on('error', (e: Error) => this.logger.warn({ reason: e.message }, 'Redis connection problem'));
  }

  async ping(): Promise<boolean> {
    if (!this.client) return false;
    return (await this.client.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [RedisHandle, { provide: REDIS, useExisting: RedisHandle }], exports: [REDIS, RedisHandle] })
export class RedisModule {}
