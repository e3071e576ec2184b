import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { REDIS, type RedisHandle } from '../../common/redis/redis.module';
import {
  type AccessTokenCache,
  type ForceRefreshGuard,
  MemoryForceRefreshGuard,
  MemoryTokenCache,
  RedisForceRefreshGuard,
  RedisTokenCache,
} from './access-token.cache';
import { credentialProblem, isTokenRejected, WechatError, WechatTokenError } from './wechat.errors';

/** Refresh the access token this long before WeChat says it expires. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** WeChat's rule for the stable token: at most one forced refresh per 30 s (and a few per day). */
export const FORCE_REFRESH_INTERVAL_MS = 30_000;
/** After the token endpoint failed, callers get that failure again for this long instead of asking again. */
export const TOKEN_ERROR_COOLDOWN_MS = 1000;
/** While WeChat keeps refusing our credentials, the error line is repeated at most this often. */
const TROUBLE_LOG_EVERY_MS = 60_000;
const TOKEN_PATH = '/cgi-bin/stable_token';

/**
 * How long to keep a token that WeChat says lives `expiresInS` more seconds: until REFRESH_MARGIN_MS
 * before its end — or, when it has less than twice the margin left (stable_token answers with the
 * token's remaining life, which can be short), for half of what is left.
 */
export function tokenCacheMs(expiresInS: number): number {
  const lifeMs = Math.max(0, expiresInS) * 1000;
  return lifeMs >= 2 * REFRESH_MARGIN_MS ? lifeMs - REFRESH_MARGIN_MS : Math.floor(lifeMs / 2);
}

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

/** msg_sec_check's scene: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type MsgSecScene = 1 | 2 | 3 | 4;

/** WeChat's verdict on a text: publish it, have a person look at it, or refuse it. */
export interface MsgSecVerdict {
  suggest: 'pass' | 'review' | 'risky';
  /** WeChat's label (100 normal, 20001 politics …), null when absent. */
  label: number | null;
  traceId: string | null;
}

/** What /health says about WeChat (this process's view). */
export interface WechatHealth {
  /**
   * up: the last attempt to get an access token succeeded; degraded: WeChat refused or did not
   * answer the token request (or refused our credentials at login); unknown: nothing asked yet.
   */
  status: 'up' | 'degraded' | 'unknown';
  /** WeChat's errcode of the last failure (null: no answer). */
  errcode?: number | null;
  /** When the current run of failures began (ISO). */
  since?: string;
}

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

interface Trouble {
  error: WechatError;
  /** When this run of failures began / the last failure / the last log line (epoch ms). */
  since: number;
  at: number;
  loggedAt: number;
}

/** The server's only way to WeChat's HTTP API. */
@Injectable()
export class WechatClient implements OnModuleDestroy {
  private readonly logger = new Logger(WechatClient.name);
  private readonly cache: AccessTokenCache;
  private readonly forceGuard: ForceRefreshGuard;
  /** Single flight: every caller waiting for a token shares one fetch ('fetch' or 'force'). */
  private readonly flights = new Map<string, Promise<string>>();
  /** Single flight per refused token: N calls refused with one token cause one renewal. */
  private readonly renewals = new Map<string, Promise<string | null>>();
  private tokenTrouble: Trouble | null = null;
  private loginTrouble: Trouble | null = null;
  private hadToken = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: RedisHandle,
  ) {
    const key = `${config.REDIS_KEY_PREFIX}:wechat:%s:${config.WECHAT_APPID ?? 'fake'}`;
    if (redis.client) {
      this.cache = new RedisTokenCache(redis.client, key.replace('%s', 'access_token'));
      this.forceGuard = new RedisForceRefreshGuard(
        redis.client,
        key.replace('%s', 'force_refresh'),
        FORCE_REFRESH_INTERVAL_MS,
      );
    } else {
      this.cache = new MemoryTokenCache();
      this.forceGuard = new MemoryForceRefreshGuard(FORCE_REFRESH_INTERVAL_MS);
    }
  }

  onModuleDestroy(): void {
    this.flights.clear();
    this.renewals.clear();
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

  /** `wx.login` code → openid. Credentials WeChat refuses (40125 …) are logged at error level with the fix. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    let answer: { openid: string; unionid?: string; session_key: string };
    try {
      answer = await this.call('/sns/jscode2session', {
        query: { appid: this.appid, secret: this.secret, js_code: code, grant_type: 'authorization_code' },
      });
    } catch (e) {
      if (e instanceof WechatError && credentialProblem(e.errcode)) {
        this.loginTrouble = this.troubleSeen(this.loginTrouble, e, 'WeChat login refused our credentials');
      }
      throw e;
    }
    this.loginTrouble = null;
    return { openid: answer.openid, unionid: answer.unionid, sessionKey: answer.session_key };
  }

  /** What /health reports about WeChat. */
  health(): WechatHealth {
    const trouble = this.tokenTrouble ?? this.loginTrouble;
    if (trouble) {
      return { status: 'degraded', errcode: trouble.error.errcode, since: new Date(trouble.since).toISOString() };
    }
    return { status: this.hadToken ? 'up' : 'unknown' };
  }

  /**
   * The cached access token, fetched once for all concurrent callers when missing or near expiry.
   * `forceRefresh` asks WeChat for a new one, if the 30-s guard allows it (else a normal fetch).
   */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh) {
      const cached = await this.cache.get();
      if (cached) {
        // A token fetched after our last failure (by another instance): the endpoint works again.
        if (!this.tokenTrouble || (cached.fetchedAt ?? 0) > this.tokenTrouble.at) this.tokenAvailable();
        return cached.token;
      }
      return this.once(this.flights, 'fetch', () => this.fetchToken(false));
    }
    return this.once(this.flights, 'force', async () => {
      this.throwIfCoolingDown(); // a guarded refresh must not be spent on a request we will not make
      return this.fetchToken(await this.forceGuard.tryAcquire());
    });
  }

  private once<T>(flights: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> {
    let flight = flights.get(key);
    if (!flight) {
      flight = run().finally(() => flights.delete(key));
      flights.set(key, flight);
    }
    return flight;
  }

  /**
   * Asks the token endpoint (force_refresh as given) and caches the answer — unless it is
   * `refused`, a token WeChat has just refused, which must not go back into the cache.
   * Any failure is a WechatTokenError: no API call was made.
   */
  private async fetchToken(forceRefresh: boolean, refused?: string): Promise<string> {
    this.throwIfCoolingDown();
    let answer: { access_token: string; expires_in: number };
    try {
      answer = await this.call(TOKEN_PATH, {
        body: { grant_type: 'client_credential', appid: this.appid, secret: this.secret, force_refresh: forceRefresh },
      });
    } catch (e) {
      const w = e as WechatError;
      const error = new WechatTokenError(w.errcode, w.errmsg, w.path);
      this.tokenTrouble = this.troubleSeen(this.tokenTrouble, error, 'Cannot get a WeChat access token');
      throw error;
    }
    this.tokenAvailable();
    if (forceRefresh) this.logger.log({ expiresIn: answer.expires_in }, 'WeChat access token force-refreshed');
    const keepMs = tokenCacheMs(answer.expires_in);
    if (keepMs > 0 && answer.access_token !== refused) {
      const now = Date.now();
      await this.cache.set({ token: answer.access_token, expiresAt: now + keepMs, fetchedAt: now });
    }
    return answer.access_token;
  }

  /** Within TOKEN_ERROR_COOLDOWN_MS of a failed token request, fail the same way without asking again. */
  private throwIfCoolingDown(): void {
    const trouble = this.tokenTrouble;
    if (trouble && Date.now() - trouble.at < TOKEN_ERROR_COOLDOWN_MS) throw trouble.error;
  }

  private tokenAvailable(): void {
    this.hadToken = true;
    if (!this.tokenTrouble) return;
    this.logger.log({ errcode: this.tokenTrouble.error.errcode }, 'WeChat access token available again');
    this.tokenTrouble = null;
  }

  /** Records a failure of WeChat's credential checks; logs it at error level, naming what to fix, once a minute. */
  private troubleSeen(previous: Trouble | null, error: WechatError, what: string): Trouble {
    const now = Date.now();
    const changed = !previous || previous.error.errcode !== error.errcode;
    const trouble: Trouble = { error, since: previous?.since ?? now, at: now, loggedAt: previous?.loggedAt ?? 0 };
    if (changed || now - trouble.loggedAt >= TROUBLE_LOG_EVERY_MS) {
      trouble.loggedAt = now;
      const problem = credentialProblem(error.errcode);
      const fix = problem
        ? `${problem.setting}: ${problem.fix}`
        : `WeChat busy or unreachable; retried. If it lasts, check this server's outbound access to ${this.config.WECHAT_API_BASE}`;
      this.logger.error(
        { path: error.path, errcode: error.errcode, errmsg: error.errmsg, setting: problem?.setting ?? null },
        `${what} (${error.errcode ?? 'no answer'}): ${fix}`,
      );
    }
    return trouble;
  }

  /**
   * A call was refused with `refused` (40001, 40014 or 42001). Returns a token other than it, or
   * null when none can be had now:
   * - the cache already holds another token: another caller renewed it meanwhile — use that
   *   (so N calls refused with one token cause one renewal, in every instance);
   * - else ask WeChat normally: for an expired token, or one replaced by a forced refresh
   *   elsewhere, that already gives the new one, and nobody else's token is invalidated;
   * - only when WeChat hands back the very token it refused is a refresh forced — at most once
   *   per 30 s across all instances (Redis), since WeChat limits forced refreshes.
   */
  private renew(refused: string): Promise<string | null> {
    return this.once(this.renewals, refused, async () => {
      const cached = await this.cache.get();
      if (cached && cached.token !== refused) return cached.token;
      const current = await this.fetchToken(false, refused);
      if (current !== refused) return current;
      if (await this.forceGuard.tryAcquire()) return this.fetchToken(true);
      const again = await this.cache.get(); // another instance may have forced it a moment ago
      if (again && again.token !== refused) return again.token;
      this.logger.warn(
        {},
        'WeChat refused its own current access token, and a forced refresh was made less than 30 s ago: not retried now',
      );
      return null;
    });
  }

  /**
   * Calls an API that needs the access token. When WeChat refuses the token (40001, 40014, 42001),
   * renews it (see renew) and retries once.
   */
  async withToken<T extends WechatAnswer>(path: string, body: unknown): Promise<T> {
    const token = await this.accessToken();
    try {
      return await this.call<T>(path, { query: { access_token: token }, body });
    } catch (e) {
      if (!isTokenRejected(e)) throw e;
      const fresh = await this.renew(token);
      if (fresh === null) throw e;
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

  /**
   * msg_sec_check (version 2): WeChat's verdict on a user's text. `scene`: 1 profile, 2 comment, 3 forum,
   * 4 social log. The openid must be of a user who opened the mini-program within the last 2 hours (WeChat's
   * rule). Throws WechatError when WeChat refuses or does not answer (a refused token is renewed and retried once).
   */
  async msgSecCheck(input: { openid: string; content: string; scene: MsgSecScene }): Promise<MsgSecVerdict> {
    const answer = await this.withToken<{ result?: { suggest?: string; label?: number }; trace_id?: string }>(
      '/wxa/msg_sec_check',
      { content: input.content, version: 2, scene: input.scene, openid: input.openid },
    );
    const suggest = answer.result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      throw new WechatError(null, `unexpected msg_sec_check answer: ${String(suggest)}`, '/wxa/msg_sec_check');
    }
    return { suggest, label: answer.result?.label ?? null, traceId: answer.trace_id ?? null };
  }
}
