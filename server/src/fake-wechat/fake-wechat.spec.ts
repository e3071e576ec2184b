import { FakeWechat, mockOpenid, startFakeWechat } from './fake-wechat.server';

type Json = Record<string, any>;

describe('FakeWechat', () => {
  let fake: FakeWechat;

  beforeEach(async () => {
    fake = await startFakeWechat({ riskyWords: ['赌博'] });
  });
  afterEach(async () => {
    await fake.close();
  });

  async function get(path: string): Promise<Json> {
    const res = await fetch(fake.url + path);
    return (await res.json()) as Json;
  }
  async function post(path: string, body?: unknown, raw?: string): Promise<Json> {
    const res = await fetch(fake.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  }
  const login = (code: string, appid = fake.appid, secret = fake.secret): Promise<Json> =>
    get(
      `/sns/jscode2session?${new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' })}`,
    );
  const token = async (forceRefresh = false): Promise<string> => {
    const body = await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: fake.appid,
      secret: fake.secret,
      force_refresh: forceRefresh,
    });
    return body.access_token as string;
  };
  const send = async (body: Json): Promise<Json> =>
    post(`/cgi-bin/message/subscribe/send?access_token=${await token()}`, body);
  const template = {
    template_id: 'tpl-1',
    page: 'pages/index/index',
    data: { thing1: { value: '诉求已受理' } },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
  };

  it('listens on a random 127.0.0.1 port with default credentials', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.appid).toBe('wxfake0000000000');
    expect(fake.secret).toBe('fake-wechat-secret');
  });

  describe('jscode2session', () => {
    it('logs in mock:<openid> with a fresh 24-byte session key', async () => {
      const a = await login('mock:user_A-1');
      const b = await login('mock:user_A-1');
      expect(a.openid).toBe('user_A-1');
      expect(a.errcode).toBeUndefined();
      expect(a.unionid).toBeUndefined();
      expect(Buffer.from(a.session_key as string, 'base64')).toHaveLength(24);
      expect(a.session_key).not.toBe(b.session_key);
    });

    it('derives a stable openid from a Chinese display name', async () => {
      const a = await login('mock:张三');
      expect(a.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(a.openid).toBe(mockOpenid('张三'));
      expect((await login('mock:张三')).openid).toBe(a.openid);
      expect((await login('mock:李四')).openid).not.toBe(a.openid);
    });

    it('answers 40226 for a user flagged high-risk', async () => {
      fake.flagRiskyUser('risky');
      expect(await login('mock:risky')).toEqual({ errcode: 40226, errmsg: 'high risk user, login blocked' });
      expect(await login('mock:other')).toMatchObject({ openid: 'other' });
    });

    it('rejects other codes with 40029 and bad credentials with 40013 / 40125', async () => {
      expect(await login('0a1b2c3d')).toEqual({ errcode: 40029, errmsg: 'invalid code' });
      expect(await login('mock:')).toMatchObject({ errcode: 40029 });
      expect(await login('mock:x', 'wxwrong')).toMatchObject({ errcode: 40013 });
      expect(await login('mock:x', fake.appid, 'wrong')).toMatchObject({ errcode: 40125 });
    });
  });

  describe('fault injection', () => {
    it('failNext answers the given errcode the given number of times, then recovers', async () => {
      fake.failNext('/sns/jscode2session', 40163);
      expect(await login('mock:u1')).toMatchObject({ errcode: 40163, errmsg: expect.any(String) });
      expect(await login('mock:u1')).toMatchObject({ openid: 'u1' });

      fake.failNext('/cgi-bin/stable_token', 45011, 2);
      const body = { grant_type: 'client_credential', appid: fake.appid, secret: fake.secret };
      expect(await post('/cgi-bin/stable_token', body)).toMatchObject({ errcode: 45011 });
      expect(await post('/cgi-bin/stable_token', body)).toMatchObject({ errcode: 45011 });
      expect(await post('/cgi-bin/stable_token', body)).toMatchObject({ expires_in: 7200 });
      expect(fake.tokenFetches).toBe(1);
    });

    it('dropNext destroys the socket so fetch rejects, then recovers', async () => {
      fake.dropNext('/sns/jscode2session');
      await expect(login('mock:u1')).rejects.toThrow();
      expect(await login('mock:u1')).toMatchObject({ openid: 'u1' });
    });

    it('setLatency delays every answer', async () => {
      fake.setLatency(120);
      const started = Date.now();
      await login('mock:u1');
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
      fake.setLatency(0);
      const again = Date.now();
      await login('mock:u1');
      expect(Date.now() - again).toBeLessThan(100);
    });
  });

  describe('stable_token', () => {
    it('returns one token until force_refresh, counting fetches', async () => {
      const first = await token();
      expect(first).toEqual(expect.any(String));
      expect(await token()).toBe(first);
      const refreshed = await token(true);
      expect(refreshed).not.toBe(first);
      expect(await token()).toBe(refreshed);
      expect(fake.tokenFetches).toBe(4);
    });

    it('rejects bad grant or credentials', async () => {
      expect(
        await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wxnope', secret: fake.secret }),
      ).toMatchObject({ errcode: 40013 });
      expect(
        await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: fake.appid, secret: 'x' }),
      ).toMatchObject({ errcode: 40125 });
      expect(fake.tokenFetches).toBe(0);
    });

    it('invalidateAccessToken makes the token answer 40001 and the next fetch issues a new one', async () => {
      const old = await token();
      fake.invalidateAccessToken();
      expect(await post(`/wxa/business/getuserphonenumber?access_token=${old}`, { code: 'phone:13800138000' })).toEqual(
        {
          errcode: 40001,
          errmsg: 'invalid credential',
        },
      );
      const fresh = await token();
      expect(fresh).not.toBe(old);
      expect(
        await post(`/wxa/business/getuserphonenumber?access_token=${fresh}`, { code: 'phone:13800138000' }),
      ).toMatchObject({ errcode: 0 });
    });
  });

  describe("the access token's lifecycle, scripted", () => {
    const phone = (t: string) =>
      post(`/wxa/business/getuserphonenumber?access_token=${t}`, { code: 'phone:13800138000' });

    it('answers with the current token and its remaining life; counts forced refreshes', async () => {
      const first = await post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: fake.appid,
        secret: fake.secret,
      });
      expect(first.expires_in).toBe(7200);
      fake.setTokenLifetime(120);
      expect(await token()).toBe(first.access_token); // still the current one, with its own life
      const forced = await token(true);
      const again = await post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: fake.appid,
        secret: fake.secret,
      });
      expect(again).toMatchObject({ access_token: forced, expires_in: 120 });
      expect(fake.tokenFetches).toBe(4);
      expect(fake.forcedRefreshes).toBe(1);
    });

    it('expireAccessTokenAfter(n): n more calls, then 42001; the next fetch issues a new token', async () => {
      const t = await token();
      expect(fake.expireAccessTokenAfter(2)).toBe(t);
      expect(await phone(t)).toMatchObject({ errcode: 0 });
      expect(await phone(t)).toMatchObject({ errcode: 0 });
      expect(await phone(t)).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
      const fresh = await token();
      expect(fresh).not.toBe(t);
      expect(await phone(fresh)).toMatchObject({ errcode: 0 });
      expect(fake.forcedRefreshes).toBe(0);
    });

    it('a token past its lifetime answers 42001', async () => {
      fake.setTokenLifetime(0);
      const t = await token();
      expect(await phone(t)).toMatchObject({ errcode: 42001 });
    });

    it('rejectAccessToken(40014): refused on every call, still handed out, replaced only by force_refresh', async () => {
      const t = await token();
      expect(fake.rejectAccessToken(40014)).toBe(t);
      expect(await phone(t)).toEqual({ errcode: 40014, errmsg: 'invalid access_token' });
      expect(await token()).toBe(t);
      const forced = await token(true);
      expect(forced).not.toBe(t);
      expect(await phone(forced)).toMatchObject({ errcode: 0 });
      expect(await phone(t)).toMatchObject({ errcode: 40014 });
      fake.rejectAccessToken(); // 40001 by default
      expect(await phone(forced)).toMatchObject({ errcode: 40001 });
    });

    it('failAlways answers the errcode until recover(); queued failures come first', async () => {
      const body = { grant_type: 'client_credential', appid: fake.appid, secret: fake.secret };
      fake.failAlways('/cgi-bin/stable_token', 40164);
      fake.failNext('/cgi-bin/stable_token', -1);
      expect(await post('/cgi-bin/stable_token', body)).toMatchObject({ errcode: -1 });
      for (let i = 0; i < 3; i++)
        expect(await post('/cgi-bin/stable_token', body)).toEqual({
          errcode: 40164,
          errmsg: 'invalid ip, not in whitelist',
        });
      fake.recover('/cgi-bin/stable_token');
      expect(await post('/cgi-bin/stable_token', body)).toMatchObject({ expires_in: 7200 });
      expect(fake.tokenFetches).toBe(1);
    });

    it('setLatency(ms, path) delays that path only', async () => {
      fake.setLatency(150, '/wxa/business/getuserphonenumber');
      const t = await token();
      let started = Date.now();
      await token();
      expect(Date.now() - started).toBeLessThan(120);
      started = Date.now();
      await phone(t);
      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
      fake.setLatency(0, '/wxa/business/getuserphonenumber');
      started = Date.now();
      await phone(t);
      expect(Date.now() - started).toBeLessThan(120);
    });
  });

  describe('getuserphonenumber', () => {
    it('exchanges phone:<11 digits>', async () => {
      const body = await post(`/wxa/business/getuserphonenumber?access_token=${await token()}`, {
        code: 'phone:13800138000',
      });
      expect(body).toEqual({
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: '13800138000',
          purePhoneNumber: '13800138000',
          countryCode: '86',
          watermark: { timestamp: expect.any(Number), appid: fake.appid },
        },
      });
    });

    it('rejects other codes with 40029 and unknown tokens with 40001', async () => {
      expect(
        await post(`/wxa/business/getuserphonenumber?access_token=${await token()}`, { code: 'phone:123' }),
      ).toMatchObject({ errcode: 40029 });
      expect(
        await post('/wxa/business/getuserphonenumber?access_token=forged', { code: 'phone:13800138000' }),
      ).toMatchObject({ errcode: 40001 });
    });
  });

  describe('subscribe/send', () => {
    it('records accepted messages with a msgid', async () => {
      const a = await send({ touser: 'u1', ...template });
      const b = await send({ touser: 'u2', template_id: 'tpl-2', data: {} });
      expect(a).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
      expect(b.msgid).not.toBe(a.msgid);
      expect(fake.messages).toHaveLength(2);
      expect(fake.messages[0]).toEqual({ touser: 'u1', ...template, at: expect.any(String) });
      expect(Number.isNaN(Date.parse(fake.messages[0].at))).toBe(false);
      expect(fake.messages[1]).not.toHaveProperty('page');
    });

    it('answers 43101 for refused users (any or one template) and 47003 for missing fields', async () => {
      fake.refuseSubscription('u1');
      fake.refuseSubscription('u2', 'tpl-1');
      expect(await send({ touser: 'u1', ...template })).toMatchObject({ errcode: 43101 });
      expect(await send({ touser: 'u2', ...template })).toMatchObject({ errcode: 43101 });
      expect(await send({ touser: 'u2', ...template, template_id: 'tpl-2' })).toMatchObject({ errcode: 0 });
      expect(await send({ ...template })).toEqual({ errcode: 47003, errmsg: 'argument invalid' });
      expect(await send({ touser: 'u3', data: {} })).toMatchObject({ errcode: 47003 });
      expect(fake.messages.map((m) => m.touser)).toEqual(['u2']);
    });

    it('answers 40001 for an invalidated token', async () => {
      const t = await token();
      fake.invalidateAccessToken();
      expect(
        await post(`/cgi-bin/message/subscribe/send?access_token=${t}`, { touser: 'u1', ...template }),
      ).toMatchObject({ errcode: 40001 });
      expect(fake.messages).toHaveLength(0);
    });
  });

  describe('msg_sec_check', () => {
    const check = async (content: string): Promise<Json> =>
      post(`/wxa/msg_sec_check?access_token=${await token()}`, { content, version: 2, scene: 1, openid: 'u1' });

    it('passes clean content and flags risky words', async () => {
      const clean = await check('企业开办咨询');
      expect(clean).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } });
      expect(clean.detail).toEqual(expect.any(Array));
      expect(await check('线上赌博广告')).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20001 } });
      fake.setRiskyWords(['咨询']);
      expect(await check('企业开办咨询')).toMatchObject({ result: { suggest: 'risky' } });
      expect(await check('线上赌博广告')).toMatchObject({ result: { suggest: 'pass' } });
    });

    it('answers review for review words (risky wins), risky for 违规测试, and refuses a call without openid', async () => {
      expect(await check('这是违规测试内容')).toMatchObject({ result: { suggest: 'pass' } }); // risky words: ['赌博']
      fake.setRiskyWords(['违规测试']);
      expect(await check('这是违规测试内容')).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20001 } });
      const review = await check('这是待审测试内容');
      expect(review).toMatchObject({ errcode: 0, result: { suggest: 'review', label: 20001 } });
      expect(review.detail).toEqual([expect.objectContaining({ suggest: 'review', keyword: '待审测试' })]);
      expect(await check('待审测试，也是违规测试')).toMatchObject({ result: { suggest: 'risky' } });
      fake.setReviewWords(['开办']);
      expect(await check('企业开办咨询')).toMatchObject({ result: { suggest: 'review' } });
      expect(await check('这是待审测试内容')).toMatchObject({ result: { suggest: 'pass' } });
      fake.reset();
      expect(await check('这是待审测试内容')).toMatchObject({ result: { suggest: 'review' } });
      expect(await check('这是违规测试内容')).toMatchObject({ result: { suggest: 'pass' } }); // back to ['赌博']
      const t = await token();
      expect(await post(`/wxa/msg_sec_check?access_token=${t}`, { content: 'x', version: 2, scene: 1 })).toMatchObject({
        errcode: 47003,
      });
      expect(
        await post(`/wxa/msg_sec_check?access_token=${t}`, { content: 'x', version: 2, scene: 9, openid: 'u1' }),
      ).toMatchObject({ errcode: 47003 });
    });
  });

  describe('errors', () => {
    it('answers 404 JSON for unknown paths and 47001 for bad JSON', async () => {
      const res = await fetch(`${fake.url}/nope`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ errcode: -1, errmsg: 'not found' });
      expect(await post('/cgi-bin/stable_token', undefined, '{not json')).toEqual({
        errcode: 47001,
        errmsg: 'data format error',
      });
    });
  });

  describe('control endpoints', () => {
    it('inspect and clear messages, stats and reset', async () => {
      await send({ touser: 'u1', ...template });
      expect((await get('/__fake/messages')).messages).toEqual([
        expect.objectContaining({ touser: 'u1', template_id: 'tpl-1' }),
      ]);
      expect(await get('/__fake/stats')).toEqual({ tokenFetches: 1, forcedRefreshes: 0, messages: 1 });
      expect((await fetch(`${fake.url}/__fake/messages`, { method: 'DELETE' })).status).toBe(200);
      expect(fake.messages).toHaveLength(0);
      await send({ touser: 'u1', ...template });
      await post('/__fake/reset');
      expect(await get('/__fake/stats')).toEqual({ tokenFetches: 0, forcedRefreshes: 0, messages: 0 });
    });

    it('drive failures, drops, latency, token invalidation, refusals and risky words', async () => {
      await post('/__fake/fail', { path: '/sns/jscode2session', errcode: 40163, times: 2 });
      expect(await login('mock:u1')).toMatchObject({ errcode: 40163 });
      expect(await login('mock:u1')).toMatchObject({ errcode: 40163 });
      expect(await login('mock:u1')).toMatchObject({ openid: 'u1' });

      await post('/__fake/drop', { path: '/sns/jscode2session' });
      await expect(login('mock:u1')).rejects.toThrow();

      await post('/__fake/latency', { ms: 80 });
      const started = Date.now();
      await login('mock:u1');
      expect(Date.now() - started).toBeGreaterThanOrEqual(75);
      await post('/__fake/latency', { ms: 0 });

      const t = await token();
      await post('/__fake/invalidate-token');
      expect(
        await post(`/wxa/msg_sec_check?access_token=${t}`, { content: 'x', version: 2, scene: 1, openid: 'u1' }),
      ).toMatchObject({ errcode: 40001 });

      await post('/__fake/refuse', { openid: 'u9', templateId: 'tpl-1' });
      expect(await send({ touser: 'u9', ...template })).toMatchObject({ errcode: 43101 });

      await post('/__fake/risky-words', { words: ['办证'] });
      expect(
        await post(`/wxa/msg_sec_check?access_token=${await token()}`, {
          content: '代办证件',
          version: 2,
          scene: 1,
          openid: 'u1',
        }),
      ).toMatchObject({
        result: { suggest: 'risky' },
      });
    });

    it('script the token (expiry, refusal, lifetime), sticky failures and risky users', async () => {
      const t = await token();
      await post('/__fake/token', { expireAfter: 0 });
      expect(
        await post(`/wxa/msg_sec_check?access_token=${t}`, { content: 'x', version: 2, scene: 1, openid: 'u1' }),
      ).toMatchObject({ errcode: 42001 });
      await post('/__fake/token', { reject: 40014, lifetime: 60 });
      const refused = await token();
      expect(
        await post(`/wxa/msg_sec_check?access_token=${refused}`, { content: 'x', version: 2, scene: 1, openid: 'u1' }),
      ).toMatchObject({ errcode: 40014 });
      await token(true);
      expect(await get('/__fake/stats')).toMatchObject({ forcedRefreshes: 1 });

      await post('/__fake/fail', { path: '/sns/jscode2session', errcode: 40125, always: true });
      expect(await login('mock:u1')).toMatchObject({ errcode: 40125 });
      expect(await login('mock:u1')).toMatchObject({ errcode: 40125 });
      await post('/__fake/recover', { path: '/sns/jscode2session' });
      expect(await login('mock:u1')).toMatchObject({ openid: 'u1' });

      await post('/__fake/risky-user', { name: 'u2' });
      expect(await login('mock:u2')).toMatchObject({ errcode: 40226 });
      for (const bad of [{ expireAfter: -1 }, { reject: 'x' }, { lifetime: 1.5 }]) {
        const res = await fetch(`${fake.url}/__fake/token`, { method: 'POST', body: JSON.stringify(bad) });
        expect(res.status).toBe(400);
      }
    });

    it('reject malformed control requests', async () => {
      const res = await fetch(`${fake.url}/__fake/fail`, { method: 'POST', body: JSON.stringify({ path: '/x' }) });
      expect(res.status).toBe(400);
    });
  });

  it('reset() clears messages, counters, failures, latency and refusals', async () => {
    await send({ touser: 'u1', ...template });
    fake.failNext('/sns/jscode2session', 40163);
    fake.dropNext('/cgi-bin/stable_token');
    fake.setLatency(200);
    fake.refuseSubscription('u1');
    fake.failAlways('/wxa/msg_sec_check', 40164);
    fake.flagRiskyUser('u1');
    fake.setTokenLifetime(1);
    fake.reset();
    expect(fake.messages).toEqual([]);
    expect(fake.tokenFetches).toBe(0);
    const started = Date.now();
    expect(await login('mock:u1')).toMatchObject({ openid: 'u1' });
    expect(Date.now() - started).toBeLessThan(150);
    expect(await send({ touser: 'u1', ...template })).toMatchObject({ errcode: 0 });
    expect(fake.tokenFetches).toBe(1);
    expect(fake.forcedRefreshes).toBe(0);
  });

  it('close() frees the port even with keep-alive connections open', async () => {
    const other = await startFakeWechat({ appid: 'wxother000000', secret: 's' });
    const url = other.url;
    expect(await fetch(`${url}/__fake/stats`).then((r) => r.json())).toEqual({
      tokenFetches: 0,
      forcedRefreshes: 0,
      messages: 0,
    });
    await other.close();
    await expect(fetch(`${url}/__fake/stats`)).rejects.toThrow();
  });
});
