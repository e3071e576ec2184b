import { hash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/** What ThrottlerStorage.increment answers. */
type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Fixed-window counter shared by every instance. */
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = 0
local blockTtl = 0
if hits > tonumber(ARGV[2]) then
  if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], '1', 'PX', ARGV[3]) end
  blocked = 1
  blockTtl = redis.call('PTTL', KEYS[2])
end
return {hits, ttl, blocked, blockTtl}
`;

const COMMAND = 'qsgjThrottle';

type WithThrottleCommand = Redis & {
  [COMMAND](key: string, blockKey: string, ttl: string, limit: string, block: string): Promise<number[]>;
};

/**
 * The throttler's key for a route and a client: the same as @nestjs/throttler's own
 * (sha256 of `Class-handler-throttler-tracker`), in one native call instead of a Hash object.
 */
export function throttlerKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
  return hash('sha256', `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`);
}

/** Where the rate-limit storage reports an outage and the return (a Nest Logger). */
export interface OutageLog {
  error(message: unknown, ...rest: unknown[]): void;
  log(message: unknown, ...rest: unknown[]): void;
}

/**
 * Rate limits in Redis: one round trip per throttler. The script is loaded once and called by its
 * SHA (EVALSHA; ioredis reloads it after a Redis restart), not sent in full with every request.
 *
 * Redis down must not take the API down: while the connection is not ready, or a call fails (the
 * client's commandTimeout bounds a Redis that does not answer), the same fixed windows are counted
 * in this process's memory, with one error line when that starts and one line when Redis is back.
 * Each instance then limits on its own (at most the limit × instances per client) until Redis returns.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: WithThrottleCommand;
  private readonly fallback = new MemoryThrottlerStorage();
  private outageSince: number | null = null;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly log: OutageLog,
  ) {
    redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: SCRIPT });
    this.redis = redis as WithThrottleCommand;
  }

  /** True while the limits are counted in memory. */
  get inMemory(): boolean {
    return this.outageSince !== null;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    if (this.redis.status !== 'ready') {
      // Not even tried: a command would wait in the offline queue for the reconnection.
      this.wentDown(`connection ${this.redis.status}`);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    let reply: number[];
    try {
      reply = await this.redis[COMMAND](
        base,
        `${base}:blocked`,
        String(ttl),
        String(limit),
        String(blockDuration || ttl),
      );
    } catch (e) {
      this.wentDown((e as Error).message);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    this.cameBack();
    const [totalHits, timeToExpire, blocked, blockTtl] = reply;
    return {
      totalHits,
      timeToExpire: Math.ceil(Math.max(timeToExpire, 0) / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(Math.max(blockTtl, 0) / 1000),
    };
  }

  private wentDown(reason: string): void {
    if (this.outageSince !== null) return;
    this.outageSince = Date.now();
    this.log.error(
      { reason },
      'Redis unavailable: rate limits are counted in this process until it is back (each instance limits on its own)',
    );
  }

  private cameBack(): void {
    if (this.outageSince === null) return;
    const seconds = Math.round((Date.now() - this.outageSince) / 1000);
    this.outageSince = null;
    this.log.log({ outageSeconds: seconds }, 'Redis is back: rate limits are counted in Redis again');
  }
}

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/**
 * The same fixed window in this process's memory, for a single process without REDIS_URL
 * (development, tests). O(1) per request, where @nestjs/throttler's default storage keeps one
 * timestamp per hit and filters them all on every request. Expired windows are dropped once per
 * sweep interval, so the map holds only the clients of the last minute or so.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly sweepEveryMs = 60_000) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w || w.expiresAt <= now) {
      w = { hits: 0, expiresAt: now + ttl, blockedUntil: w && w.blockedUntil > now ? w.blockedUntil : 0 };
      this.windows.set(id, w);
    }
    w.hits += 1;
    let isBlocked = false;
    if (w.hits > limit) {
      if (w.blockedUntil <= now) w.blockedUntil = now + (blockDuration || ttl);
      isBlocked = true;
    }
    const record: ThrottlerRecord = {
      totalHits: w.hits,
      timeToExpire: Math.ceil(Math.max(w.expiresAt - now, 0) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(Math.max(w.blockedUntil - now, 0) / 1000) : 0,
    };
    return Promise.resolve(record);
  }

  private sweep(now: number): void {
    this.nextSweepAt = now + this.sweepEveryMs;
    for (const [id, w] of this.windows) {
      if (w.expiresAt <= now && w.blockedUntil <= now) this.windows.delete(id);
    }
  }
}
