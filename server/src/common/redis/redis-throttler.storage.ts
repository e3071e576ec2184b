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

/**
 * Rate limits in Redis: one round trip per throttler. The script is loaded once and called by its
 * SHA (EVALSHA; ioredis reloads it after a Redis restart), not sent in full with every request.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: WithThrottleCommand;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand(COMMAND, { numberOfKeys: 2, lua: SCRIPT });
    this.redis = redis as WithThrottleCommand;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const [totalHits, timeToExpire, blocked, blockTtl] = await this.redis[COMMAND](
      base,
      `${base}:blocked`,
      String(ttl),
      String(limit),
      String(blockDuration || ttl),
    );
    return {
      totalHits,
      timeToExpire: Math.ceil(Math.max(timeToExpire, 0) / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(Math.max(blockTtl, 0) / 1000),
    };
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
