import Redis from 'ioredis';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { createStaff, STAFF_PASSWORD } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

function expectRateLimited(res: { status: number; body: Record<string, unknown> }) {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED });
}

/**
 * The sign-in limits (README, docs/operations.md): AUTH_RATE_LIMIT_PER_MINUTE attempts per client across
 * every sign-in route (WeChat, staff password, password change), whatever the URL's spelling, and as many
 * per staff username from whatever addresses. Behind TRUST_PROXY=1 the client is the right-most
 * X-Forwarded-For address. Runs on memory storage (no REDIS_URL) and on Redis.
 */
describe('rate limits on sign-in', () => {
  const LIMIT = 3;
  let t: TestApp;
  let nextHost = 1;
  /** A client address no other test used: every test counts in windows of its own. */
  const newClient = () => `198.51.100.${nextHost++}`;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
  }, 60_000);
  afterAll(() => t?.close());

  const post = (path: string, ip: string, body: object) => t.http.post(path).set('x-forwarded-for', ip).send(body);
  const wechat = (ip: string, path = '/api/v1/auth/wechat') =>
    post(path, ip, { code: `mock:r${Math.random().toString(36).slice(2, 10)}` });
  const staff = (ip: string, username: string, path = '/api/v1/auth/staff', password = 'Wrong#Pass1') =>
    post(path, ip, { username, password });

  it('counts an encoded spelling of the sign-in URL (the matched route, not the raw URL)', async () => {
    const ip = newClient();
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await staff(ip, `nobody${i}`, '/api/v1/%61uth/staff')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The plain spelling shares the count: still refused.
    const plain = await wechat(ip);
    expectRateLimited(plain);
    expect(Number(plain.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(plain.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('shares one count per client across the sign-in routes; refresh, other routes and other clients are not counted', async () => {
    const ip = newClient();
    expect((await wechat(ip)).status).toBe(200);
    expect((await staff(ip, 'nobody-a')).status).toBe(401);
    expect((await wechat(ip, '/api/v1/%61uth/wechat')).status).toBe(200);
    // Each route was called at most twice, yet the client has used its three.
    const staffAgain = await staff(ip, 'nobody-b');
    expectRateLimited(staffAgain);
    expect(staffAgain.headers['retry-after']).toMatch(/^\d+$/);
    expect((await wechat(ip)).status).toBe(429);
    // A refresh token cannot be guessed: the refresh is not a sign-in attempt (401 for a bad one, not 429).
    expect((await post('/api/v1/auth/refresh', ip, { refreshToken: 'not-a-token' })).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/config').set('x-forwarded-for', ip)).status).toBe(200);
    // Another client has its own count.
    expect((await wechat(newClient())).status).toBe(200);
  });

  it('counts the password change as a sign-in attempt (it checks the current password)', async () => {
    const ip = newClient();
    const signedIn = await post('/api/v1/auth/wechat', newClient(), { code: 'mock:pw-changer' });
    const token = (signedIn.body as { accessToken: string }).accessToken;
    for (let i = 0; i < LIMIT; i++) expect((await wechat(ip)).status).toBe(200);
    const change = await t.http
      .post('/api/v1/auth/password')
      .set('x-forwarded-for', ip)
      .set('authorization', `Bearer ${token}`)
      .send({ currentPassword: 'Whatever#1', newPassword: 'Another#Pass2' });
    expectRateLimited(change);
  });

  it('limits guesses at one staff username spread over many addresses, in any letter case', async () => {
    const target = await createStaff(t.ds);
    const other = await createStaff(t.ds);
    const username = target.username!;
    const spellings = [username, username.toUpperCase(), username, username.toUpperCase()];
    const statuses: number[] = [];
    for (const username of spellings) statuses.push((await staff(newClient(), username)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The refused guess was never checked: three failures recorded, not four.
    const [{ n }] = await t.ds.query<{ n: string }[]>(
      `SELECT count(*) n FROM audit_log WHERE action = 'auth.staff.sign_in_failed' AND actor_id = $1`,
      [target.id],
    );
    expect(Number(n)).toBe(LIMIT);
    // The account's window is full for everyone this minute, the right password included …
    const right = await staff(newClient(), username, '/api/v1/auth/staff', STAFF_PASSWORD);
    expectRateLimited(right);
    // … while the same addresses may still try another account.
    expect((await staff(`198.51.100.${nextHost - 1}`, other.username!)).status).toBe(401);
  });

  it('with TRUST_PROXY=1, the client is the address the proxy appended: a forged left-most one changes nothing', async () => {
    const real = newClient();
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const res = await t.http
        .post('/api/v1/auth/wechat')
        .set('x-forwarded-for', `203.0.113.${i + 1}, ${real}`)
        .send({ code: `mock:forged${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // The address each sign-in recorded is the real one.
    const ips = await t.ds.query<{ ip: string }[]>(
      `SELECT DISTINCT ip FROM audit_log WHERE action = 'auth.wechat.sign_in' AND ip IN ($1, '203.0.113.1')`,
      [real],
    );
    expect(ips).toEqual([{ ip: real }]);
  });

  // Without REDIS_URL the tests above ran on the in-memory storage.
  (process.env.REDIS_URL ? it : it.skip)(
    'counts in Redis when REDIS_URL is set (shared by every instance)',
    async () => {
      const redis = new Redis(t.config.REDIS_URL!, { maxRetriesPerRequest: 1 });
      try {
        const keys = await redis.keys(`${t.config.REDIS_KEY_PREFIX}:throttle:signin:*`);
        expect(keys.length).toBeGreaterThan(0);
        expect(await redis.keys(`${t.config.REDIS_KEY_PREFIX}:throttle:signin-account:*`)).not.toHaveLength(0);
      } finally {
        redis.disconnect();
      }
    },
  );
});
