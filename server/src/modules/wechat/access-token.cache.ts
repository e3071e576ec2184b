import type Redis from 'ioredis';

export interface CachedToken {
  token: string;
  /** Epoch ms after which the token must not be used. */
  expiresAt: number;
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
