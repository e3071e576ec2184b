import type Redis from 'ioredis';
import { MemoryThrottlerStorage, RedisThrottlerStorage } from './redis-throttler.storage';

describe('MemoryThrottlerStorage (fixed window, as the Redis script)', () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts hits in a window and blocks above the limit until the block ends', async () => {
    const s = new MemoryThrottlerStorage();
    for (let i = 1; i <= 3; i++) {
      expect(await s.increment('k', 60_000, 3, 60_000, 'auth')).toEqual({
        totalHits: i,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    now += 10_000;
    expect(await s.increment('k', 60_000, 3, 60_000, 'auth')).toEqual({
      totalHits: 4,
      timeToExpire: 50,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    // Another throttler, or another key, counts on its own.
    expect((await s.increment('k', 60_000, 3, 60_000, 'default')).totalHits).toBe(1);
    expect((await s.increment('other', 60_000, 3, 60_000, 'auth')).totalHits).toBe(1);
    // A new window starts at one.
    now += 50_000;
    expect(await s.increment('k', 60_000, 3, 60_000, 'auth')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets windows that have ended', async () => {
    const s = new MemoryThrottlerStorage(1_000);
    await s.increment('a', 500, 10, 500, 'default');
    now += 2_000;
    await s.increment('b', 500, 10, 500, 'default');
    expect((s as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});

describe('RedisThrottlerStorage when Redis is down', () => {
  function fakeRedis() {
    const fake = {
      status: 'ready',
      defineCommand: jest.fn(),
      qsgjThrottle: jest.fn(async () => [1, 60_000, 0, 0]),
    };
    return fake;
  }
  const log = () => ({ error: jest.fn(), log: jest.fn() });

  it('counts in memory while the connection is not ready, with one error line, and in Redis again once it is', async () => {
    const redis = fakeRedis();
    const out = log();
    const s = new RedisThrottlerStorage(redis as unknown as Redis, 'p', out);
    expect(await s.increment('k', 60_000, 2, 60_000, 'signin')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(out.error).not.toHaveBeenCalled();

    redis.status = 'reconnecting';
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await s.increment('k', 60_000, 2, 60_000, 'signin'));
    // Not even tried (a command would wait for the reconnection), and still limiting.
    expect(redis.qsgjThrottle).toHaveBeenCalledTimes(1);
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(s.inMemory).toBe(true);
    expect(out.error).toHaveBeenCalledTimes(1);
    expect(out.error.mock.calls[0][0]).toEqual({ reason: 'connection reconnecting' });

    redis.status = 'ready';
    expect(await s.increment('k', 60_000, 2, 60_000, 'signin')).toMatchObject({ totalHits: 1 });
    expect(redis.qsgjThrottle).toHaveBeenCalledTimes(2);
    expect(s.inMemory).toBe(false);
    expect(out.log).toHaveBeenCalledTimes(1);
    expect(out.log.mock.calls[0][1]).toBe('Redis is back: rate limits are counted in Redis again');
  });

  it('falls back when a call fails (a timeout), and logs each new outage once', async () => {
    const redis = fakeRedis();
    const out = log();
    const s = new RedisThrottlerStorage(redis as unknown as Redis, 'p', out);
    redis.qsgjThrottle.mockRejectedValue(new Error('Command timed out'));
    for (let i = 0; i < 5; i++) {
      expect(await s.increment('k', 60_000, 10, 60_000, 'default')).toMatchObject({ totalHits: i + 1 });
    }
    expect(out.error).toHaveBeenCalledTimes(1);
    expect(out.error.mock.calls[0][0]).toEqual({ reason: 'Command timed out' });
    redis.qsgjThrottle.mockResolvedValueOnce([1, 60_000, 0, 0]);
    await s.increment('k', 60_000, 10, 60_000, 'default');
    await s.increment('k', 60_000, 10, 60_000, 'default');
    expect(out.error).toHaveBeenCalledTimes(2);
    expect(out.log).toHaveBeenCalledTimes(1);
  });
});
