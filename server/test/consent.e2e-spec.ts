import { Role } from '@qsgj/shared/enums';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { WECHAT_ERR } from '../src/modules/wechat/wechat.errors';
import { makeCreditCode, signInWechat, type SignedIn, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const TEMPLATE = 'tpl-consent-membership';
const PHONE_PATH = '/wxa/business/getuserphonenumber';
const REFUSED = { statusCode: 403, code: 'CONSENT_REQUIRED', message: ERROR_MESSAGES.CONSENT_REQUIRED };

/**
 * The server, not only the app, keeps an enterprise user's personal data out until they agree to the
 * current privacy notice (issue 8, item 7): every write but the declared few answers 403
 * CONSENT_REQUIRED and writes nothing; a new notice version asks again.
 */
describe('consent to the current privacy notice, enforced by the server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WECHAT_TEMPLATE_MEMBERSHIP: TEMPLATE });
  }, 60_000);
  afterAll(() => t?.close());

  const newUser = () => signInWechat(t, undefined, { consent: false });
  const consent = (s: SignedIn, version = t.config.CONSENT_VERSION) =>
    t.http.post('/api/v1/me/consent').set(s.auth).send({ version });
  const bind = (s: SignedIn, creditCode: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/me/enterprise')
      .set(s.auth)
      .send({ creditCode, name: '湘潭同意测试有限公司', contactName: '张三', ...extra });

  async function one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return ((await t.ds.query(sql, params)) as T[])[0];
  }

  /** What a refused write must not have left behind, for this user. */
  async function footprint(userId: string) {
    return {
      user: await one(`SELECT nickname, phone, large_font FROM users WHERE id = $1`, [userId]),
      members: await t.ds.query(`SELECT id FROM enterprise_members WHERE user_id = $1`, [userId]),
      grants: await t.ds.query(`SELECT template_id FROM subscription_grants WHERE user_id = $1`, [userId]),
      read: await t.ds.query(`SELECT id FROM notifications WHERE user_id = $1 AND read_at IS NOT NULL`, [userId]),
      audit: await t.ds.query(`SELECT action FROM audit_log WHERE actor_id = $1 AND action NOT LIKE 'auth.%'`, [
        userId,
      ]),
    };
  }

  /** A new version of the notice is published (CONSENT_VERSION changes) for the duration of `work`. */
  async function withNewVersion(work: () => Promise<void>): Promise<void> {
    const before = t.config.CONSENT_VERSION;
    t.config.CONSENT_VERSION = '2099-01';
    try {
      await work();
    } finally {
      t.config.CONSENT_VERSION = before;
    }
  }

  describe('before consent, each personal-data write is refused and writes nothing; after, it works', () => {
    it('binding an enterprise (with the phone from WeChat, whose one-time code is not spent)', async () => {
      const user = await newUser();
      const code = makeCreditCode();
      const before = await footprint(user.user.id);
      t.fake.failNext(PHONE_PATH, WECHAT_ERR.SYSTEM_BUSY);
      const res = await bind(user, code, { phoneCode: 'phone:13812345678' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject(REFUSED);
      expect(await footprint(user.user.id)).toEqual(before);
      expect(await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [code])).toEqual([]);
      // WeChat was never asked: the injected failure is still queued. Consume it.
      const probe = await bind(await signInWechat(t), makeCreditCode(), { phoneCode: 'phone:13812345678' });
      expect(probe.status).toBe(503);

      expect((await consent(user)).status).toBe(200);
      const ok = await bind(user, code, { phoneCode: 'phone:13812345678' });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ phone: '138****5678', membership: { role: 'owner', status: 'approved' } });
    });

    it('the profile: nickname and large font', async () => {
      const user = await newUser();
      const before = await footprint(user.user.id);
      const res = await t.http.patch('/api/v1/me').set(user.auth).send({ nickname: '未同意', largeFont: true });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject(REFUSED);
      expect(await footprint(user.user.id)).toEqual(before);

      await consent(user);
      const ok = await t.http.patch('/api/v1/me').set(user.auth).send({ nickname: '已同意', largeFont: true });
      expect(ok.status).toBe(200);
      expect(await one(`SELECT nickname, large_font FROM users WHERE id = $1`, [user.user.id])).toEqual({
        nickname: '已同意',
        large_font: true,
      });
    });

    it('subscribe-message grants', async () => {
      const user = await newUser();
      const grant = () =>
        t.http
          .post('/api/v1/notifications/grants')
          .set(user.auth)
          .send({ results: { [TEMPLATE]: 'accept' } });
      const res = await grant();
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject(REFUSED);
      expect((await footprint(user.user.id)).grants).toEqual([]);

      await consent(user);
      expect((await grant()).status).toBe(200);
      expect((await footprint(user.user.id)).grants).toEqual([{ template_id: TEMPLATE }]);
    });
  });

  describe('a new version of the notice asks again', () => {
    it('refuses every write of a user who agreed to an older version, until they agree to the new one', async () => {
      const owner = await signInWechat(t); // agreed to the current version
      const code = makeCreditCode();
      expect((await bind(owner, code)).status).toBe(201);
      const applicant = await signInWechat(t);
      expect((await bind(applicant, code)).status).toBe(201);
      const [notification] = (await t.ds.query(`SELECT id FROM notifications WHERE user_id = $1`, [
        owner.user.id,
      ])) as Array<{ id: string }>;

      const agreed = t.config.CONSENT_VERSION;
      await withNewVersion(async () => {
        const before = await footprint(owner.user.id);
        const writes = [
          t.http.patch('/api/v1/me').set(owner.auth).send({ nickname: '新版本' }),
          t.http
            .post('/api/v1/notifications/grants')
            .set(owner.auth)
            .send({ results: { [TEMPLATE]: 'accept' } }),
          t.http.post('/api/v1/notifications/read-all').set(owner.auth),
          t.http.post(`/api/v1/notifications/${notification.id}/read`).set(owner.auth),
          t.http
            .post(`/api/v1/me/enterprise/members/${applicant.user.id}/decision`)
            .set(owner.auth)
            .send({ approve: true }),
        ];
        for (const res of await Promise.all(writes)) {
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject(REFUSED);
        }
        expect(await footprint(owner.user.id)).toEqual(before);
        expect(await one(`SELECT status FROM enterprise_members WHERE user_id = $1`, [applicant.user.id])).toEqual({
          status: 'pending',
        });
        // Reading still works, and tells the app consent is due.
        const me = await t.http.get('/api/v1/me').set(owner.auth);
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ consentRequired: true, consentVersion: agreed });
        expect((await t.http.get('/api/v1/notifications').set(owner.auth)).status).toBe(200);
        // The old version is not accepted again; the new one is, and writes work at once.
        expect((await consent(owner, agreed)).status).toBe(400);
        expect((await consent(owner, '2099-01')).status).toBe(200);
        expect((await t.http.patch('/api/v1/me').set(owner.auth).send({ nickname: '新版本' })).status).toBe(200);
        expect(
          (
            await t.http
              .post(`/api/v1/me/enterprise/members/${applicant.user.id}/decision`)
              .set(owner.auth)
              .send({ approve: true })
          ).status,
        ).toBe(200);
      });
    });
  });

  describe('what needs no consent', () => {
    it('reading, agreeing, signing out and deleting the account (the withdrawal of consent)', async () => {
      const user = await newUser();
      for (const path of [
        '/api/v1/me',
        '/api/v1/notifications',
        '/api/v1/me/export',
        '/api/v1/notifications/templates',
      ])
        expect((await t.http.get(path).set(user.auth)).status).toBe(200);
      expect((await t.http.post('/api/v1/auth/logout').set(user.auth)).status).toBe(204);

      const deleting = await newUser();
      expect((await t.http.delete('/api/v1/me').set(deleting.auth)).status).toBe(204);
      expect(await one(`SELECT deleted_at FROM users WHERE id = $1`, [deleting.user.id])).toEqual({
        deleted_at: expect.any(Date),
      });
    });

    it('staff, who do not use the mini-program notice: their writes work without it', async () => {
      const staff = await staffSession(t, Role.BUTLER);
      expect(await one(`SELECT consent_version FROM users WHERE id = $1`, [staff.entity.id])).toEqual({
        consent_version: null,
      });
      expect((await t.http.patch('/api/v1/me').set(staff.auth).send({ largeFont: true })).status).toBe(200);
      const admin = await staffSession(t, Role.ADMIN);
      expect(
        (await t.http.post('/api/v1/admin/departments').set(admin.auth).send({ name: '同意测试部门' })).status,
      ).toBe(201);
    });
  });

  /**
   * Declared once for every route: each write an enterprise user may call needs consent unless it is
   * one of these. A new route is covered without anyone remembering; a new exception must be added
   * here, on purpose.
   */
  const NO_CONSENT_NEEDED = new Set([
    'POST /api/v1/me/consent',
    'POST /api/v1/auth/logout',
    'DELETE /api/v1/me',
    // Public: no one is signed in yet.
    'POST /api/v1/auth/wechat',
    'POST /api/v1/auth/staff',
    'POST /api/v1/auth/refresh',
  ]);

  it('refuses every write route of the API document to an enterprise user without consent, but the declared few', async () => {
    const doc = await t.http.get('/api/docs/json');
    expect(doc.status).toBe(200);
    const writes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .map((m) => m.toUpperCase())
        .filter((m) => m !== 'GET')
        .map((m) => `${m} ${path}`),
    );
    expect(writes.length).toBeGreaterThan(10);
    const answers: Record<string, string> = {};
    for (const route of writes) {
      const [method, path] = route.split(' ');
      const user = await newUser(); // each its own: logout and deletion end the session
      const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http[method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](url)
        .set(user.auth)
        .send({});
      answers[route] = String(res.body?.code ?? res.status);
    }
    const expected = Object.fromEntries(
      writes.map((route) => [
        route,
        NO_CONSENT_NEEDED.has(route)
          ? expect.not.stringMatching(/^CONSENT_REQUIRED$/)
          : expect.stringMatching(/^(CONSENT_REQUIRED|FORBIDDEN)$/),
      ]),
    );
    expect(answers).toEqual(expected);
    // Not every refusal is the role's: the enterprise user's own writes are refused for consent.
    expect(Object.values(answers).filter((a) => a === 'CONSENT_REQUIRED').length).toBeGreaterThanOrEqual(6);
  });
});
