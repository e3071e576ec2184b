import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { REDIS, type RedisHandle } from '../../common/redis/redis.module';
import { type AccessTokenCache, MemoryTokenCache, RedisTokenCache } from './access-token.cache';
import { WECHAT_ERR, WechatError } from './wechat.errors';

/** Refresh the access token this long before WeChat says it expires. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  /** Kept in memory for the length of the call only: never stored, logged or returned. */
  sessionKey: string;
}

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** The server's only way to WeChat's HTTP API. */
@Injectable()
export class WechatClient implements OnModuleDestroy {
  private readonly logger = new Logger(WechatClient.name);
  private readonly cache: AccessTokenCache;
  /** Single flight: every caller waiting for a token shares this one fetch. */
  private inflight: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: RedisHandle,
  ) {
    this.cache = redis.client
      ? new RedisTokenCache(
          redis.client,
          `${config.REDIS_KEY_PREFIX}:wechat:access_token:${config.WECHAT_APPID ?? 'fake'}`,
        )
      : new MemoryTokenCache();
  }

  onModuleDestroy(): void {
    this.inflight = null;
  }

  private get appid(): string {
    return this.config.WECHAT_APPID ?? '';
  }

  private get secret(): string {
    return this.config.WECHAT_SECRET ?? '';
  }

  /** One HTTP call; throws WechatError for a non-zero errcode or no answer. */
  private async call<T extends WechatAnswer>(
    path: string,
    init: { query?: Record<string, string>; body?: unknown },
  ): Promise<T> {
    const url = new URL(path, this.config.WECHAT_API_BASE);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    let answer: T;
    try {
      const res = await fetch(url, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS),
      });
      answer = (await res.json()) as T;
    } catch (e) {
      this.logger.warn({ path, reason: (e as Error).name }, 'WeChat unreachable');
      throw new WechatError(null, (e as Error).message, path);
    }
    if (answer.errcode) throw new WechatError(answer.errcode, answer.errmsg ?? '', path);
    return answer;
  }

  /** `wx.login` code → openid. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const answer = await this.call<{ openid: string; unionid?: string; session_key: string }>('/sns/jscode2session', {
      query: { appid: this.appid, secret: this.secret, js_code: code, grant_type: 'authorization_code' },
    });
    return { openid: answer.openid, unionid: answer.unionid, sessionKey: answer.session_key };
  }

  /** The cached access token, fetched once for all concurrent callers when missing or near expiry. */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh) {
      const cached = await this.cache.get();
      if (cached) return cached.token;
    }
    if (!this.inflight) {
      this.inflight = this.fetchToken(forceRefresh).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async fetchToken(forceRefresh: boolean): Promise<string> {
    const answer = await this.call<{ access_token: string; expires_in: number }>('/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid: this.appid, secret: this.secret, force_refresh: forceRefresh },
    });
    await this.cache.set({
      token: answer.access_token,
      expiresAt: Date.now() + answer.expires_in * 1000 - REFRESH_MARGIN_MS,
    });
    return answer.access_token;
  }

  /** Calls an API that needs the access token; on 40001 refreshes the token once and retries once. */
  async withToken<T extends WechatAnswer>(path: string, body: unknown): Promise<T> {
    const token = await this.accessToken();
    try {
      return await this.call<T>(path, { query: { access_token: token }, body });
    } catch (e) {
      if (!(e instanceof WechatError) || e.errcode !== WECHAT_ERR.INVALID_CREDENTIAL) throw e;
      await this.cache.clear();
      const fresh = await this.accessToken(true);
      return this.call<T>(path, { query: { access_token: fresh }, body });
    }
  }

  /** getPhoneNumber button code → the user's number (digits only). */
  async phoneNumber(code: string): Promise<string> {
    const answer = await this.withToken<{ phone_info: { purePhoneNumber: string } }>(
      '/wxa/business/getuserphonenumber',
      { code },
    );
    return answer.phone_info.purePhoneNumber;
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.withToken('/cgi-bin/message/subscribe/send', message);
  }

  /** True when WeChat judges the text safe to publish. */
  async isTextSafe(content: string, openid: string, scene: 1 | 2 | 3 | 4 = 2): Promise<boolean> {
    const answer = await this.withToken<{ result: { suggest: string } }>('/wxa/msg_sec_check', {
      content,
      version: 2,
      scene,
      openid,
    });
    return answer.result.suggest === 'pass';
  }
}
