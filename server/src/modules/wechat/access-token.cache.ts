import type Redis from 'ioredis';

export interface CachedToken {
  token: string;
  /** Epoch ms after which the token must not be used. */
  expiresAt: number;
  /** Epoch ms WeChat handed it out (absent in entries written by older versions). */
  fetchedAt?: number;
}

/** Where the access token is kept between calls: this process, or Redis shared by every instance. */
export interface AccessTokenCache {
  get(): Promise<CachedToken | null>;
  set(value: CachedToken): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryTokenCache implements AccessTokenCache {
  private value: CachedToken | null = null;
  async get() {
    return this.value && this.value.expiresAt > Date.now() ? this.value : null;
  }
  async set(value: CachedToken) {
    this.value = value;
  }
  async clear() {
    this.value = null;
  }
}

export class RedisTokenCache implements AccessTokenCache {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}
  async get() {
    const raw = await this.redis.get(this.key);
    if (!raw) return null;
    const value = JSON.parse(raw) as CachedToken;
    return value.expiresAt > Date.now() ? value : null;
  }
  async set(value: CachedToken) {
    const ttl = Math.max(1, value.expiresAt - Date.now());
    await this.redis.set(this.key, JSON.stringify(value), 'PX', ttl);
  }
  async clear() {
    await this.redis.del(this.key);
  }
}

/**
 * WeChat allows a forced refresh of the stable token at most once per 30 s (and a few times a day).
 * The guard hands out one forced refresh per interval: in this process, or — with Redis — across
 * every instance sharing the token.
 */
export interface ForceRefreshGuard {
  /** True when the caller may force a refresh now (and the interval starts); false while it runs. */
  tryAcquire(): Promise<boolean>;
}

export class MemoryForceRefreshGuard implements ForceRefreshGuard {
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly intervalMs: number) {}
  async tryAcquire() {
    const now = Date.now();
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
}

export class RedisForceRefreshGuard implements ForceRefreshGuard {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
  ) {}
  /** `SET key NX PX interval`: the first instance to ask gets it; Redis expires it, whatever happens to that instance. */
  async tryAcquire() {
    return (await this.redis.set(this.key, String(Date.now()), 'PX', this.intervalMs, 'NX')) === 'OK';
  }
}
