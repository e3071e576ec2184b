import { MemoryThrottlerStorage } from './redis-throttler.storage';

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
