import { randomBytes } from 'node:crypto';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { NotificationKind } from '@qsgj/shared/enums';
import { NotificationService } from '../src/modules/notifications/notification.service';
import { WECHAT_ERR } from '../src/modules/wechat/wechat.errors';
import { signInWechat, type SignedIn } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { sleep, waitFor } from './utils/wait';

const TPL = 'tplMembership-0000000000000000000000000001';
const TOKEN = '/cgi-bin/stable_token';
const LOGIN = '/sns/jscode2session';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/**
 * WeChat's token lifecycle on the running server (issue 8, items 18, 19 and 21): subscribe
 * messages keep going when the token expires, wait — never fail — while WeChat's token endpoint
 * refuses us, /health says so without taking the API down, and login answers say what happened.
 * (The client's own rules — forced refresh, the 30-s guard, the cache — are in wechat.client.spec.ts.)
 */
describe('WeChat access token on the running server', () => {
  let t: TestApp;
  let notifications: NotificationService;

  beforeAll(async () => {
    t = await startTestApp({
      WECHAT_TEMPLATE_MEMBERSHIP: TPL,
      NOTIFICATION_RETRY_BASE_MS: '50',
      NOTIFICATION_POLL_MS: '200',
    });
    notifications = t.app.get(NotificationService);
  }, 60_000);
  afterAll(() => t?.close());

  afterEach(() => t.fake.reset());

  /** A WeChat user (openid known) with `credits` subscriptions to the membership template. */
  async function subscriber(credits = 1): Promise<SignedIn & { openid: string }> {
    const openid = `k${randomBytes(6).toString('hex')}`;
    const s = await signInWechat(t, openid);
    for (let i = 0; i < credits; i++) {
      const res = await t.http
        .post('/api/v1/notifications/grants')
        .set(s.auth)
        .send({ results: { [TPL]: 'accept' } });
      expect(res.status).toBe(200);
    }
    return { ...s, openid };
  }

  const notify = (userId: string) =>
    t.ds.transaction((m) =>
      notifications.notify(m, {
        userId,
        kind: NotificationKind.MEMBERSHIP,
        title: '申请已通过',
        body: '您已成为企业成员。',
        link: '/pages/me/index',
        data: { enterprise: '湘潭令牌测试有限公司', result: '已通过', at: new Date(), remark: '令牌测试' },
      }),
    );

  const outboxOf = async (userId: string) =>
    (await t.ds.query(`SELECT status, attempts, last_error FROM notification_outbox WHERE user_id = $1 ORDER BY id`, [
      userId,
    ])) as OutboxRow[];

  const credits = async (userId: string) =>
    Number(
      (
        (await t.ds.query(`SELECT credits FROM subscription_grants WHERE user_id = $1 AND template_id = $2`, [
          userId,
          TPL,
        ])) as Array<{ credits: number }>
      )[0].credits,
    );

  const logsSince = (from: number): LogLine[] => t.logs.slice(from).map((l) => JSON.parse(l) as LogLine);

  it('item 18: the token expires (42001) between messages: the next ones are still sent at their first attempt', async () => {
    const me = await subscriber(4);
    await notify(me.user.id);
    await waitFor('the first message sent', async () => (await outboxOf(me.user.id))[0]?.status === 'sent');
    t.fake.expireAccessTokenAfter(0); // the cached token is now expired at WeChat
    const fetches = t.fake.tokenFetches;

    for (let i = 0; i < 3; i++) await notify(me.user.id);
    const rows = await waitFor('every message sent', async () => {
      const all = await outboxOf(me.user.id);
      return all.length === 4 && all.every((r) => r.status === 'sent') ? all : null;
    });
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
    expect(t.fake.messages.filter((m) => m.touser === me.openid)).toHaveLength(4);
    expect(t.fake.tokenFetches - fetches).toBe(1); // one renewal, a normal fetch…
    expect(t.fake.forcedRefreshes).toBe(0); // …no forced refresh for an expired token
  });

  it('item 19: the token endpoint refuses us (40164): the message waits past every attempt, never failed nor refunded; /health 200 says WeChat is degraded; fixed, it is sent', async () => {
    const me = await subscriber(1);
    const from = t.logs.length;
    t.fake.expireAccessTokenAfter(0); // so the server must ask for a token…
    t.fake.failAlways(TOKEN, WECHAT_ERR.IP_NOT_WHITELISTED); // …and WeChat refuses this server's IP
    await notify(me.user.id);
    expect(await credits(me.user.id)).toBe(0);

    const waiting = await waitFor(
      'more attempts than a message error is allowed',
      async () => {
        const [row] = await outboxOf(me.user.id);
        return row && row.attempts > 5 ? row : null;
      },
      20_000,
    );
    expect(waiting).toMatchObject({ status: expect.stringMatching(/^(pending|sending)$/), last_error: 'token:40164' });
    expect(await credits(me.user.id)).toBe(0); // not given back: the message is not failed
    expect(t.fake.messages.filter((m) => m.touser === me.openid)).toEqual([]);

    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', wechat: { status: 'degraded', errcode: 40164 } });

    // One error line (not one per attempt) that names what to fix.
    const errors = logsSince(from).filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ errcode: 40164, setting: 'IP whitelist' });
    expect(errors[0].msg).toContain('IP whitelist');

    t.fake.recover(TOKEN); // the operator adds the IP
    const sent = await waitFor(
      'the message sent',
      async () => {
        const [row] = await outboxOf(me.user.id);
        return row?.status === 'sent' ? row : null;
      },
      20_000,
    );
    expect(sent.attempts).toBeGreaterThan(5);
    expect(t.fake.messages.filter((m) => m.touser === me.openid)).toHaveLength(1);
    expect((await t.http.get('/health')).body.wechat).toEqual({ status: 'up' });
    await sleep(300);
    expect(t.fake.messages.filter((m) => m.touser === me.openid)).toHaveLength(1);
  }, 60_000);

  describe('item 21: login answers that say what happened', () => {
    it('40226 (WeChat judges the account high-risk): 403 WECHAT_RISKY_USER, telling the user what to do', async () => {
      t.fake.flagRiskyUser('risky-user');
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:risky-user' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'WECHAT_RISKY_USER', message: ERROR_MESSAGES.WECHAT_RISKY_USER });
      expect(res.body.message).toContain('安全验证');
      expect(res.body.message).not.toContain('稍后再试');
    });

    it('40125 (our WECHAT_SECRET is wrong): 503, and an error line naming WECHAT_SECRET', async () => {
      const from = t.logs.length;
      t.fake.failNext(LOGIN, WECHAT_ERR.INVALID_APPSECRET);
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:someone' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
      const errors = logsSince(from).filter((l) => l.level === 50 && l.errcode === 40125);
      expect(errors).toEqual([expect.objectContaining({ setting: 'WECHAT_SECRET' })]);
      expect(errors[0].msg).toContain('WECHAT_SECRET');
      expect(t.logs.slice(from).join('\n')).not.toContain(t.fake.secret);
    });
  });
});
