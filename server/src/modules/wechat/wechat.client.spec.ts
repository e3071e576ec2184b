import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { RedisHandle } from '../../common/redis/redis.module';
import { type FakeWechat, startFakeWechat } from '../../fake-wechat/fake-wechat.server';
import { FORCE_REFRESH_INTERVAL_MS, REFRESH_MARGIN_MS, tokenCacheMs, WechatClient } from './wechat.client';
import { WECHAT_ERR, WechatTokenError } from './wechat.errors';

const REDIS_URL = process.env.REDIS_URL || undefined;
const TOKEN = '/cgi-bin/stable_token';
const PHONE = '/wxa/business/getuserphonenumber';
const message = { touser: 'o-user-1', template_id: 'tpl-1', data: { thing1: { value: '诉求已受理' } } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * WechatClient against the fake WeChat: how it lives with WeChat's access token (issue 8, items
 * 18–20). With REDIS_URL the token cache and the forced-refresh guard are in Redis, and "another
 * process" is a second client on the same Redis.
 */
describe(`WechatClient: WeChat's token lifecycle (${REDIS_URL ? 'Redis' : 'in-process'} cache)`, () => {
  let fake: FakeWechat;
  let prefix: string;
  let handles: RedisHandle[];
  let errorLog: jest.SpyInstance;
  let warnLog: jest.SpyInstance;

  beforeEach(async () => {
    fake = await startFakeWechat();
    prefix = `t${randomBytes(4).toString('hex')}`;
    handles = [];
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnLog = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    await fake.close();
    for (const h of handles) {
      if (h.client) {
        const keys = await h.client.keys(`${prefix}:*`);
        if (keys.length) await h.client.del(...keys);
      }
      await h.onApplicationShutdown();
    }
  });

  /** A client as one server process has it (a second call: another process on the same Redis). */
  function newClient(): WechatClient {
    const config = {
      WECHAT_APPID: fake.appid,
      WECHAT_SECRET: fake.secret,
      WECHAT_API_BASE: fake.url,
      WECHAT_TIMEOUT_MS: 1500,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
    } as unknown as AppConfig;
    const redis = new RedisHandle(config);
    handles.push(redis);
    return new WechatClient(config, redis);
  }

  const guardKey = () => `${prefix}:wechat:force_refresh:${fake.appid}`;

  describe('a token WeChat refuses is renewed and the call retried once (item 18)', () => {
    it('42001 (expired): a normal fetch gets the new token, no forced refresh; the next calls use it', async () => {
      const client = newClient();
      await client.accessToken();
      fake.expireAccessTokenAfter(1);
      await client.sendSubscribeMessage(message);
      const before = fake.tokenFetches;
      await expect(client.phoneNumber('phone:13812345678')).resolves.toBe('13812345678');
      await client.sendSubscribeMessage(message);
      expect(fake.tokenFetches - before).toBe(1);
      expect(fake.forcedRefreshes).toBe(0);
      expect(fake.messages).toHaveLength(2);
    });

    it.each([WECHAT_ERR.INVALID_ACCESS_TOKEN, WECHAT_ERR.INVALID_CREDENTIAL])(
      '%i (refused, though WeChat still hands it out): one forced refresh, then the call goes through',
      async (errcode) => {
        const client = newClient();
        await client.accessToken();
        fake.rejectAccessToken(errcode);
        const before = fake.tokenFetches;
        await client.sendSubscribeMessage(message);
        await expect(client.phoneNumber('phone:13812345678')).resolves.toBe('13812345678');
        expect(fake.messages).toHaveLength(1);
        expect(fake.tokenFetches - before).toBe(2); // the normal fetch handed back the refused token; then forced
        expect(fake.forcedRefreshes).toBe(1);
      },
    );
  });

  describe('msgSecCheck (msg_sec_check v2)', () => {
    const SEC = '/wxa/msg_sec_check';
    const input = (content: string) => ({ openid: 'o-user-1', content, scene: 3 as const });

    it('answers pass / review / risky with the label, each a real call to WeChat', async () => {
      const client = newClient();
      await expect(client.msgSecCheck(input('企业开办咨询'))).resolves.toMatchObject({ suggest: 'pass', label: 100 });
      await expect(client.msgSecCheck(input('这是待审测试'))).resolves.toMatchObject({
        suggest: 'review',
        label: 20001,
      });
      await expect(client.msgSecCheck(input('这是违规测试'))).resolves.toMatchObject({
        suggest: 'risky',
        label: 20001,
      });
    });

    it('a refused token (42001) is renewed and the check retried once', async () => {
      const client = newClient();
      await client.accessToken();
      fake.expireAccessTokenAfter(0);
      const before = fake.tokenFetches;
      await expect(client.msgSecCheck(input('这是待审测试'))).resolves.toMatchObject({ suggest: 'review' });
      expect(fake.tokenFetches - before).toBe(1);
    });

    it('WeChat failing or unreachable is a WechatError, never a verdict', async () => {
      const client = newClient();
      fake.failNext(SEC, -1);
      await expect(client.msgSecCheck(input('企业开办咨询'))).rejects.toMatchObject({
        name: 'WechatError',
        errcode: -1,
      });
      fake.dropNext(SEC);
      await expect(client.msgSecCheck(input('企业开办咨询'))).rejects.toMatchObject({ errcode: null });
      await expect(client.msgSecCheck(input('企业开办咨询'))).resolves.toMatchObject({ suggest: 'pass' });
    });
  });

  describe('force_refresh only for the token that failed, at most once per 30 s (item 20)', () => {
    it('20 calls refused with one token at once: one renewal, one forced refresh', async () => {
      const client = newClient();
      await client.accessToken();
      fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN);
      const before = fake.tokenFetches;
      await Promise.all(Array.from({ length: 20 }, () => client.sendSubscribeMessage(message)));
      expect(fake.messages).toHaveLength(20);
      expect(fake.forcedRefreshes).toBe(1);
      expect(fake.tokenFetches - before).toBe(2);
    });

    it('a call refused with a token that was renewed meanwhile takes the new one from the cache: no fetch', async () => {
      const client = newClient();
      await client.accessToken();
      fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN);
      fake.setLatency(400, PHONE);
      const slow = client.phoneNumber('phone:13812345678'); // holds the old token; refused in 400 ms
      await sleep(50);
      await client.sendSubscribeMessage(message); // refused at once: renews (normal fetch, then forced)
      const renewed = fake.tokenFetches;
      await expect(slow).resolves.toBe('13812345678');
      expect(fake.tokenFetches).toBe(renewed);
      expect(fake.forcedRefreshes).toBe(1);
    });

    it('a second forced refresh within 30 s is not made: the call fails (to be retried later); after 30 s it is', async () => {
      const client = newClient();
      await client.accessToken();
      fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN);
      await client.sendSubscribeMessage(message);
      expect(fake.forcedRefreshes).toBe(1);

      fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN); // the new token is refused too
      await expect(client.sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 40014 });
      expect(fake.forcedRefreshes).toBe(1);
      expect(warnLog).toHaveBeenCalledWith({}, expect.stringContaining('less than 30 s ago'));

      if (REDIS_URL) {
        // Redis keeps the interval for every instance; its end is Redis's expiry of the key.
        const ttl = await handles[0].client!.pttl(guardKey());
        expect(ttl).toBeGreaterThan(FORCE_REFRESH_INTERVAL_MS - 5000);
        expect(ttl).toBeLessThanOrEqual(FORCE_REFRESH_INTERVAL_MS);
        await handles[0].client!.del(guardKey()); // as Redis does 30 s later
      } else {
        fakeDateOnly(Date.now() + FORCE_REFRESH_INTERVAL_MS - 1000);
        await expect(client.sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 40014 });
        expect(fake.forcedRefreshes).toBe(1);
        jest.setSystemTime(Date.now() + 1000);
      }
      await client.sendSubscribeMessage(message);
      expect(fake.forcedRefreshes).toBe(2);
      expect(fake.messages).toHaveLength(2);
    });

    (REDIS_URL ? it : it.skip)(
      'Redis only: the 30-s guard holds across processes (a second instance does not force again)',
      async () => {
        const a = newClient();
        const b = newClient();
        await a.accessToken();
        fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN);
        await a.sendSubscribeMessage(message);
        expect(fake.forcedRefreshes).toBe(1);
        // b found a's new token in Redis…
        await b.sendSubscribeMessage(message);
        expect(fake.forcedRefreshes).toBe(1);
        // …and when that one is refused too, b may not force within a's 30 s.
        fake.rejectAccessToken(WECHAT_ERR.INVALID_ACCESS_TOKEN);
        await expect(b.sendSubscribeMessage(message)).rejects.toMatchObject({ errcode: 40014 });
        expect(fake.forcedRefreshes).toBe(1);
        expect(fake.messages).toHaveLength(2);
      },
    );

    it('a token with less than the margin to live is still cached, for half of what it has left', async () => {
      expect(tokenCacheMs(7200)).toBe(7200_000 - REFRESH_MARGIN_MS);
      expect(tokenCacheMs(600)).toBe(300_000);
      expect(tokenCacheMs(120)).toBe(60_000);
      expect(tokenCacheMs(1)).toBe(500);
      expect(tokenCacheMs(0)).toBe(0);

      fake.setTokenLifetime(120);
      const client = newClient();
      const token = await client.accessToken();
      expect(await client.accessToken()).toBe(token);
      await client.sendSubscribeMessage(message);
      expect(fake.tokenFetches).toBe(1);
    });
  });

  describe('the token endpoint itself fails (item 19)', () => {
    it.each([
      [WECHAT_ERR.IP_NOT_WHITELISTED, 'IP whitelist'],
      [WECHAT_ERR.INVALID_APPSECRET, 'WECHAT_SECRET'],
      [WECHAT_ERR.SYSTEM_BUSY, null],
    ])(
      '%i: a WechatTokenError (not the message’s fault), an error line naming the fix, /health degraded',
      async (errcode, setting) => {
        const client = newClient();
        expect(client.health()).toEqual({ status: 'unknown' });
        fake.failNext(TOKEN, errcode);
        const failure = await client.sendSubscribeMessage(message).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(WechatTokenError);
        expect(failure).toMatchObject({ errcode });
        expect(fake.messages).toHaveLength(0);
        expect(errorLog).toHaveBeenCalledTimes(1);
        const [line, text] = errorLog.mock.calls[0] as [Record<string, unknown>, string];
        expect(line).toMatchObject({ errcode, setting });
        expect(text).toContain(setting ?? 'busy or unreachable');
        expect(client.health()).toEqual({ status: 'degraded', errcode, since: expect.any(String) });

        // Within a second the same failure is answered without asking WeChat again (it would answer now).
        await expect(client.phoneNumber('phone:13812345678')).rejects.toBeInstanceOf(WechatTokenError);
        expect(fake.tokenFetches).toBe(0);
        expect(errorLog).toHaveBeenCalledTimes(1); // not one line per failed call

        await sleep(1050);
        await client.sendSubscribeMessage(message);
        expect(fake.messages).toHaveLength(1);
        expect(client.health()).toEqual({ status: 'up' });
      },
    );

    it('login with a wrong WECHAT_SECRET (40125): an error line naming WECHAT_SECRET; /health degraded until a login works', async () => {
      const client = newClient();
      fake.failNext('/sns/jscode2session', WECHAT_ERR.INVALID_APPSECRET);
      await expect(client.code2Session('mock:u1')).rejects.toMatchObject({ errcode: 40125 });
      expect(errorLog).toHaveBeenCalledWith(
        expect.objectContaining({ errcode: 40125, setting: 'WECHAT_SECRET' }),
        expect.stringContaining('WECHAT_SECRET'),
      );
      expect(client.health()).toMatchObject({ status: 'degraded', errcode: 40125 });
      await expect(client.code2Session('mock:u1')).resolves.toMatchObject({ openid: 'u1' });
      expect(client.health()).toEqual({ status: 'unknown' });
    });

    it('login by a high-risk user (40226) is that user’s problem: no error line, /health unaffected', async () => {
      const client = newClient();
      fake.flagRiskyUser('risky');
      await expect(client.code2Session('mock:risky')).rejects.toMatchObject({ errcode: 40226 });
      expect(errorLog).not.toHaveBeenCalled();
      expect(client.health()).toEqual({ status: 'unknown' });
    });
  });
});

/** Fakes only Date, set to `now` (the network and the fake server need real timers). */
function fakeDateOnly(now: number): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
