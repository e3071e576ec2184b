/**
 * A small, dependency-free fake of WeChat's server API (api.weixin.qq.com), for `pnpm start` in
 * development and for the test suites. Point WECHAT_API_BASE at `fake.url`.
 *
 * Conventions (the real API's codes can't be produced without a phone, so the fake reads them):
 *  - login `js_code` is `mock:<openid>`; a non-ASCII name becomes a stable openid (see mockOpenid);
 *  - phone `code` is `phone:<11 digits>`.
 *  - msg_sec_check answers `risky` for text containing a risky word (default 「违禁词」「违规测试」), `review`
 *    for a review word (default 「待审测试」), else `pass`; make it fail with `failAlways('/wxa/msg_sec_check', -1)`
 *    or `dropNext`.
 * Access tokens live like stable_token's: one current token, answered with its remaining life
 * (`expires_in`), replaced when it has expired or on `force_refresh`. Tests can script a token's
 * end (`expireAccessTokenAfter`: 42001 after N calls), a token WeChat refuses while still handing
 * it out (`rejectAccessToken`: 40001 / 40014 until a forced refresh), short lifetimes
 * (`setTokenLifetime`), token endpoint errors (`failNext` / `failAlways` on `/cgi-bin/stable_token`:
 * 40164, 40125, -1 …) and high-risk users at login (`flagRiskyUser`: 40226); `tokenFetches` and
 * `forcedRefreshes` count what the host asked for.
 * Like WeChat, errors are HTTP 200 with `{errcode, errmsg}`. `/__fake/*` endpoints let another
 * process (a browser journey test, the dev UI) inspect and steer the fake. It never logs anything:
 * in particular session keys are never printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatOptions {
  port?: number; // default 0: a random free port
  host?: string; // default 127.0.0.1
  appid?: string; // default 'wxfake0000000000'
  secret?: string; // default 'fake-wechat-secret'
  riskyWords?: string[]; // words that make msg_sec_check answer "risky"; default ['违禁词', '违规测试']
  reviewWords?: string[]; // words that make msg_sec_check answer "review" (risky wins); default ['待审测试']
}

export interface RecordedMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  at: string; // ISO time the fake accepted it
}

type Json = Record<string, unknown>;
type Reply = { status?: number; body: Json };

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY = 1024 * 1024;
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40164: 'invalid ip, not in whitelist',
  40226: 'high risk user, login blocked',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  47001: 'data format error',
  47003: 'argument invalid',
};
const err = (errcode: number, status = 200): Reply => ({
  status,
  body: { errcode, errmsg: ERRMSG[errcode] ?? `fake error ${errcode}` },
});
const ok = (extra: Json = {}): Reply => ({ body: { errcode: 0, errmsg: 'ok', ...extra } });
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The openid the fake gives to `mock:<name>`: the name itself when it already looks like an openid,
 * else `o` + the first 27 chars of base64url(sha256(name)) — stable, so seeds can predict it.
 */
export function mockOpenid(name: string): string {
  if (OPENID.test(name)) return name;
  return 'o' + createHash('sha256').update(name, 'utf8').digest('base64url').slice(0, 27);
}

/** One access token as the fake sees it. */
interface TokenState {
  /** Epoch ms: from then on the token answers 42001. */
  expiresAt: number;
  /** Calls it may still serve before it expires (42001); null: no such limit. */
  usesLeft: number | null;
  /** An errcode every call with it answers (40001, 40014) although stable_token still hands it out. */
  rejectWith: number | null;
}

/** WeChat's lifetime of a new access token, in seconds. */
const TOKEN_LIFETIME_S = 7200;

export class FakeWechat {
  readonly appid: string;
  readonly secret: string;
  messages: RecordedMessage[] = [];
  /** Successful stable_token answers (forced or not). */
  tokenFetches = 0;
  /** Of those, the ones with `force_refresh: true`. */
  forcedRefreshes = 0;

  private readonly server: Server;
  private readonly initialRiskyWords: string[];
  private riskyWords: string[];
  private readonly initialReviewWords: string[];
  private reviewWords: string[];
  private latencyMs = 0;
  /** path → extra delay for that path only (on top of latencyMs). */
  private readonly pathLatency = new Map<string, number>();
  /** path → queued injected outcomes, consumed one per call: an errcode to answer, or 'drop'. */
  private readonly injected = new Map<string, Array<number | 'drop'>>();
  /** path → an errcode answered to every call until `recover(path)` (after any queued outcome). */
  private readonly sticky = new Map<string, number>();
  /** openid → refused template ids ('*' = every template). */
  private readonly refusals = new Map<string, Set<string>>();
  /** Login names (`mock:<name>`) WeChat judges high-risk: 40226. */
  private readonly riskyUsers = new Set<string>();
  private accessToken: string | null = null;
  private tokenLifetimeS = TOKEN_LIFETIME_S;
  /** Like WeChat, a force-refreshed token leaves the previous one usable; invalidation kills all. */
  private readonly tokens = new Map<string, TokenState>();
  private nextMsgid = 1_000_000_001;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: FakeWechatOptions = {}) {
    this.appid = options.appid ?? 'wxfake0000000000';
    this.secret = options.secret ?? 'fake-wechat-secret';
    this.initialRiskyWords = [...(options.riskyWords ?? ['违禁词', '违规测试'])];
    this.riskyWords = [...this.initialRiskyWords];
    this.initialReviewWords = [...(options.reviewWords ?? ['待审测试'])];
    this.reviewWords = [...this.initialReviewWords];
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Base URL, e.g. http://127.0.0.1:43123 — use as WECHAT_API_BASE. Valid once listening. */
  get url(): string {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error('FakeWechat is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this;
  }

  /** Delays every WeChat API answer (not the /__fake ones), or with `path` the answers to that path only. */
  setLatency(ms: number, path?: string): void {
    if (path === undefined) this.latencyMs = Math.max(0, ms);
    else if (ms > 0) this.pathLatency.set(pathOf(path), ms);
    else this.pathLatency.delete(pathOf(path));
  }
  /** The next `times` calls to `path` answer `{errcode, errmsg}`. */
  failNext(path: string, errcode: number, times = 1): void {
    this.inject(path, errcode, times);
  }
  /** The next `times` calls to `path` get their socket destroyed: WeChat unreachable. */
  dropNext(path: string, times = 1): void {
    this.inject(path, 'drop', times);
  }
  /** Every call to `path` answers `{errcode, errmsg}` until `recover(path)` or `reset()`. */
  failAlways(path: string, errcode: number): void {
    this.sticky.set(pathOf(path), errcode);
  }
  /** Ends `failAlways` (and drops queued failures) for `path`. */
  recover(path: string): void {
    this.sticky.delete(pathOf(path));
    this.injected.delete(pathOf(path));
  }
  private inject(path: string, outcome: number | 'drop', times: number): void {
    const key = pathOf(path);
    this.injected.set(key, [
      ...(this.injected.get(key) ?? []),
      ...Array<number | 'drop'>(Math.max(1, times)).fill(outcome),
    ]);
  }

  invalidateAccessToken(): void {
    this.accessToken = null;
    this.tokens.clear();
  }
  /**
   * The current token serves `uses` more calls, then answers 42001 (expired) — and, expired,
   * the next stable_token call issues a new one, as WeChat does. Issues a token if there is none.
   */
  expireAccessTokenAfter(uses: number): string {
    const token = this.currentToken();
    this.tokens.get(token)!.usesLeft = Math.max(0, uses);
    return token;
  }
  /**
   * Every call with the current token answers `errcode` (40001 invalid credential, 40014 invalid
   * access_token), while stable_token without `force_refresh` keeps handing it out: only a forced
   * refresh replaces it. Issues a token if there is none; returns the refused token.
   */
  rejectAccessToken(errcode: number = 40001): string {
    const token = this.currentToken();
    this.tokens.get(token)!.rejectWith = errcode;
    return token;
  }
  /** Lifetime in seconds of tokens issued from now on (WeChat: 7200). */
  setTokenLifetime(seconds: number): void {
    this.tokenLifetimeS = Math.max(0, seconds);
  }
  /** `mock:<name>` logins answer 40226 (WeChat's high-risk user) until `reset()`. */
  flagRiskyUser(name: string): void {
    this.riskyUsers.add(name);
  }
  /** subscribe/send to `openid` (for `templateId`, or any template) answers 43101. */
  refuseSubscription(openid: string, templateId?: string): void {
    const set = this.refusals.get(openid) ?? new Set<string>();
    set.add(templateId ?? '*');
    this.refusals.set(openid, set);
  }
  setRiskyWords(words: string[]): void {
    this.riskyWords = words.filter((w) => w !== '');
  }
  /** Words that make msg_sec_check answer `review` (WeChat is unsure: a person should look). */
  setReviewWords(words: string[]): void {
    this.reviewWords = words.filter((w) => w !== '');
  }

  /**
   * Back to a fresh state (risky and review words to the constructor's, token lifetime to 7200 s, no sticky
   * failures or risky users). Access tokens stay valid, so a host that cached one keeps working.
   */
  reset(): void {
    this.messages = [];
    this.tokenFetches = 0;
    this.forcedRefreshes = 0;
    this.latencyMs = 0;
    this.pathLatency.clear();
    this.injected.clear();
    this.sticky.clear();
    this.refusals.clear();
    this.riskyUsers.clear();
    this.tokenLifetimeS = TOKEN_LIFETIME_S;
    this.riskyWords = [...this.initialRiskyWords];
    this.reviewWords = [...this.initialReviewWords];
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    let reply: Reply;
    try {
      const raw = await readBody(req);
      // Injected trouble applies to the WeChat API only, never to the /__fake control endpoints.
      if (!path.startsWith('/__fake')) {
        const latency = this.latencyMs + (this.pathLatency.get(path) ?? 0);
        if (latency > 0) await this.sleep(latency);
        const outcome = this.injected.get(path)?.shift() ?? this.sticky.get(path);
        if (outcome === 'drop') return void req.socket.destroy();
        if (outcome !== undefined) return send(res, err(outcome));
      }
      let body: Json = {};
      if (raw.trim() !== '') {
        const parsed: unknown = JSON.parse(raw); // a SyntaxError becomes 47001 below
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return send(res, err(47001));
        body = parsed as Json;
      }
      reply = this.route(`${req.method ?? 'GET'} ${path}`, url.searchParams, body);
    } catch (e) {
      if (res.destroyed) return;
      reply = e instanceof SyntaxError ? err(47001) : err(-1, 500);
    }
    send(res, reply);
  }

  private route(key: string, query: URLSearchParams, body: Json): Reply {
    switch (key) {
      case 'GET /sns/jscode2session':
        return this.jscode2session(query);
      case 'POST /cgi-bin/stable_token':
        return this.stableToken(body);
      case 'POST /wxa/business/getuserphonenumber':
        return this.withToken(query, () => this.phoneNumber(body));
      case 'POST /cgi-bin/message/subscribe/send':
        return this.withToken(query, () => this.subscribeSend(body));
      case 'POST /wxa/msg_sec_check':
        return this.withToken(query, () => this.msgSecCheck(body));
      // ---- control endpoints ----
      case 'GET /__fake/messages':
        return { body: { messages: this.messages } };
      case 'DELETE /__fake/messages':
        this.messages = [];
        return ok();
      case 'GET /__fake/stats':
        return {
          body: {
            tokenFetches: this.tokenFetches,
            forcedRefreshes: this.forcedRefreshes,
            messages: this.messages.length,
          },
        };
      case 'POST /__fake/reset':
        this.reset();
        return ok();
      case 'POST /__fake/fail':
        if (!str(body.path) || !Number.isInteger(body.errcode)) return err(47003, 400);
        if (body.always === true) this.failAlways(body.path as string, body.errcode as number);
        else this.failNext(body.path as string, body.errcode as number, optTimes(body.times));
        return ok();
      case 'POST /__fake/recover':
        if (!str(body.path)) return err(47003, 400);
        this.recover(body.path as string);
        return ok();
      case 'POST /__fake/drop':
        if (!str(body.path)) return err(47003, 400);
        this.dropNext(body.path as string, optTimes(body.times));
        return ok();
      case 'POST /__fake/latency':
        if (typeof body.ms !== 'number' || !Number.isFinite(body.ms)) return err(47003, 400);
        this.setLatency(body.ms);
        return ok();
      case 'POST /__fake/invalidate-token':
        this.invalidateAccessToken();
        return ok();
      case 'POST /__fake/token':
        // { expireAfter?: uses, reject?: errcode, lifetime?: seconds }
        if (body.expireAfter !== undefined && !isCount(body.expireAfter)) return err(47003, 400);
        if (body.reject !== undefined && !Number.isInteger(body.reject)) return err(47003, 400);
        if (body.lifetime !== undefined && !isCount(body.lifetime)) return err(47003, 400);
        if (body.lifetime !== undefined) this.setTokenLifetime(body.lifetime as number);
        if (body.expireAfter !== undefined) this.expireAccessTokenAfter(body.expireAfter as number);
        if (body.reject !== undefined) this.rejectAccessToken(body.reject as number);
        return ok();
      case 'POST /__fake/risky-user':
        if (!str(body.name)) return err(47003, 400);
        this.flagRiskyUser(body.name as string);
        return ok();
      case 'POST /__fake/refuse':
        if (!str(body.openid)) return err(47003, 400);
        this.refuseSubscription(body.openid as string, str(body.templateId));
        return ok();
      case 'POST /__fake/risky-words':
        if (!Array.isArray(body.words) || !body.words.every((w) => typeof w === 'string')) return err(47003, 400);
        this.setRiskyWords(body.words as string[]);
        return ok();
      case 'POST /__fake/review-words':
        if (!Array.isArray(body.words) || !body.words.every((w) => typeof w === 'string')) return err(47003, 400);
        this.setReviewWords(body.words as string[]);
        return ok();
      default:
        return { status: 404, body: { errcode: -1, errmsg: 'not found' } };
    }
  }

  private credentials(appid: unknown, secret: unknown): Reply | null {
    if (appid !== this.appid) return err(40013);
    if (secret !== this.secret) return err(40125);
    return null;
  }

  private jscode2session(query: URLSearchParams): Reply {
    const bad = this.credentials(query.get('appid'), query.get('secret'));
    if (bad) return bad;
    if (query.get('grant_type') !== 'authorization_code') return err(40002);
    const code = query.get('js_code') ?? '';
    const name = code.startsWith('mock:') ? code.slice(5) : '';
    if (name === '') return err(40029);
    if (this.riskyUsers.has(name)) return err(40226);
    // Real WeChat omits errcode on success; unionid only exists with an open-platform binding.
    return { body: { openid: mockOpenid(name), session_key: randomBytes(24).toString('base64') } };
  }

  private stableToken(body: Json): Reply {
    if (body.grant_type !== 'client_credential') return err(40002);
    const bad = this.credentials(body.appid, body.secret);
    if (bad) return bad;
    const forced = body.force_refresh === true;
    const token = forced ? this.issueToken() : this.currentToken();
    this.tokenFetches++;
    if (forced) this.forcedRefreshes++;
    // Like stable_token: the current token's remaining life, not always the full 7200 s.
    const expiresIn = Math.max(0, Math.ceil((this.tokens.get(token)!.expiresAt - Date.now()) / 1000));
    return { body: { access_token: token, expires_in: expiresIn } };
  }

  /** The current token, or a new one when there is none or it has expired. */
  private currentToken(): string {
    const state = this.accessToken ? this.tokens.get(this.accessToken) : undefined;
    return state && !expired(state) ? this.accessToken! : this.issueToken();
  }

  private issueToken(): string {
    const token = `fake-at-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { expiresAt: Date.now() + this.tokenLifetimeS * 1000, usesLeft: null, rejectWith: null });
    this.accessToken = token;
    return token;
  }

  private withToken(query: URLSearchParams, handler: () => Reply): Reply {
    const token = query.get('access_token');
    if (!token) return err(41001);
    const state = this.tokens.get(token);
    if (!state) return err(40001);
    if (state.rejectWith !== null) return err(state.rejectWith);
    if (expired(state)) return err(42001);
    if (state.usesLeft !== null) state.usesLeft--;
    return handler();
  }

  private phoneNumber(body: Json): Reply {
    const match = /^phone:(\d{11})$/.exec(typeof body.code === 'string' ? body.code : '');
    if (!match) return err(40029);
    const phone = match[1];
    const watermark = { timestamp: Math.floor(Date.now() / 1000), appid: this.appid };
    return ok({ phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark } });
  }

  private subscribeSend(body: Json): Reply {
    const touser = str(body.touser);
    const templateId = str(body.template_id);
    const data = body.data ?? {};
    if (!touser || !templateId || typeof data !== 'object' || data === null || Array.isArray(data)) return err(47003);
    const refused = this.refusals.get(touser);
    if (refused && (refused.has('*') || refused.has(templateId))) return err(43101);
    const message: RecordedMessage = {
      touser,
      template_id: templateId,
      data: data as RecordedMessage['data'],
      at: new Date().toISOString(),
    };
    for (const key of ['page', 'miniprogram_state', 'lang'] as const)
      if (str(body[key])) message[key] = body[key] as string;
    this.messages.push(message);
    return ok({ msgid: this.nextMsgid++ });
  }

  private msgSecCheck(body: Json): Reply {
    if (typeof body.content !== 'string') return err(47003);
    if (typeof body.openid !== 'string' || !OPENID.test(body.openid) || ![1, 2, 3, 4].includes(body.scene as number))
      return err(47003);
    const content = body.content;
    const risky = this.riskyWords.find((w) => content.includes(w));
    const review = risky ? undefined : this.reviewWords.find((w) => content.includes(w));
    const keyword = risky ?? review;
    const result = risky
      ? { suggest: 'risky', label: 20001 }
      : review
        ? { suggest: 'review', label: 20001 }
        : { suggest: 'pass', label: 100 };
    const prob = risky ? 90 : review ? 60 : 0;
    const detail = [{ strategy: 'content_model', errcode: 0, ...result, prob, ...(keyword ? { keyword } : {}) }];
    return ok({ result, detail, trace_id: randomBytes(12).toString('hex') });
  }

  /** A delay that close() can cancel, so a pending answer never keeps the process alive. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(void this.timers.delete(timer)), ms);
      this.timers.add(timer);
    });
  }
}

export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechat> {
  return new FakeWechat(options).listen(options.port ?? 0, options.host ?? '127.0.0.1');
}

function expired(state: TokenState): boolean {
  return state.usesLeft === 0 || state.expiresAt <= Date.now();
}

/** '/x?y=1' and '/x' are the same path. */
function pathOf(path: string): string {
  return new URL(path, 'http://fake').pathname;
}

function isCount(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}

function optTimes(times: unknown): number {
  return Number.isInteger(times) && (times as number) > 0 ? (times as number) : 1;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
