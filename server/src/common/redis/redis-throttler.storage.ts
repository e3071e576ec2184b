import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

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

export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const [totalHits, timeToExpire, blocked, blockTtl] = (await this.redis.eval(
      SCRIPT,
      2,
      base,
      `${base}:blocked`,
      String(ttl),
      String(limit),
      String(blockDuration || ttl),
    )) as [number, number, number, number];
    return {
      totalHits,
      timeToExpire: Math.ceil(Math.max(timeToExpire, 0) / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(Math.max(blockTtl, 0) / 1000),
    };
  }
}
