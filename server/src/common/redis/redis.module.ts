import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');

/** Longest wait for one Redis command (queued while reconnecting or sent) before it fails. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** Longest wait for a clean QUIT at shutdown before the connection is simply dropped. */
const QUIT_TIMEOUT_MS = 1_000;

/**
 * The shared Redis connection, or none when REDIS_URL is unset. Redis down does not take the API
 * down: commands fail within REDIS_COMMAND_TIMEOUT_MS instead of waiting for the reconnection (their
 * callers fall back: rate limits count in memory), the client keeps reconnecting (at most every 2 s)
 * until Redis is back, and shutdown does not wait for it.
 */
@Injectable()
export class RedisHandle implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;
  /** A connection problem is logged once, until the connection is ready again. */
  private troubled = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Auto-pipelining: the commands of concurrent requests (rate-limit counters above all) issued in
    // the same tick go out in one write, instead of one socket write each.
    this.client = config.REDIS_URL
      ? new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 1,
          commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
          connectTimeout: 2_000,
          enableOfflineQueue: true,
          lazyConnect: false,
          enableAutoPipelining: true,
        })
      : null;
    this.client?.on('error', (e: Error) => {
      if (this.troubled) return;
      this.troubled = true;
      this.logger.warn({ reason: e.message }, 'Redis connection problem; reconnecting');
    });
    this.client?.on('ready', () => {
      if (!this.troubled) return;
      this.troubled = false;
      this.logger.log('Redis connection ready again');
    });
  }

  /** Resolves when Redis answers PING; rejects when it does not (not connected, error, timeout). */
  async ping(): Promise<void> {
    if (!this.client) throw new Error('Redis is not configured');
    if (this.client.status !== 'ready') throw new Error(`Redis connection ${this.client.status}`);
    const answer = await this.client.ping();
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
  }

  /** QUIT when connected (bounded), else drop the connection at once: never wait for an absent Redis. */
  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (!client || client.status === 'end') return;
    if (client.status === 'ready') {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.quit().catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, QUIT_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
    }
    // The QUIT may have ended it meanwhile (status is read again, not narrowed).
    if ((client.status as string) !== 'end') client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisHandle, { provide: REDIS, useExisting: RedisHandle }], exports: [REDIS, RedisHandle] })
export class RedisModule {}
