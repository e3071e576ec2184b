import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { seedDemo } from '../src/database/seeds/demo';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import { makeCreditCode, withWrongCheckChar } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/** The README's journey: mock WeChat sign-in → bind an enterprise → GET /me shows it. */
describe('journey: sign in with WeChat, bind an enterprise, see it in 我的', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  }, 60_000);
  afterAll(() => t?.close());

  it('works end to end, with the Chinese error for a wrong credit code on the way', async () => {
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:张三' });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    expect(login.body.consentRequired).toBe(true);

    const consent = await t.http.post('/api/v1/me/consent').set(auth).send({ version: t.config.CONSENT_VERSION });
    expect(consent.status).toBe(200);

    const creditCode = makeCreditCode();
    const wrong = await t.http
      .post('/api/v1/me/enterprise')
      .set(auth)
      .send({ creditCode: withWrongCheckChar(creditCode), name: '湘潭示例科技有限公司', contactName: '张三' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toEqual({
      field: 'creditCode',
      message: '统一社会信用代码校验位不正确，请核对营业执照',
    });

    const bound = await t.http
      .post('/api/v1/me/enterprise')
      .set(auth)
      .send({ creditCode, name: '湘潭示例科技有限公司', contactName: '张三', phoneCode: 'phone:13812345678' });
    expect(bound.status).toBe(201);

    const me = await t.http.get('/api/v1/me').set(auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'enterprise',
      phone: '138****5678',
      consentRequired: false,
      membership: { role: 'owner', status: 'approved', enterprise: { creditCode, name: '湘潭示例科技有限公司' } },
    });
    const [row] = await t.ds.query(
      'SELECT e.name, m.role, m.status FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.user_id = $1',
      [login.body.user.id],
    );
    expect(row).toEqual({ name: '湘潭示例科技有限公司', role: 'owner', status: 'approved' });
  });

  it('binding a demo enterprise with the contact phone on record shows its assigned butler', async () => {
    const [demo] = await t.ds.query(
      `SELECT credit_code, contact_phone FROM enterprises WHERE name = '湘潭智造电机有限公司'`,
    );
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:李四' });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    await t.http.post('/api/v1/me/consent').set(auth).send({ version: t.config.CONSENT_VERSION });
    const bound = await t.http
      .post('/api/v1/me/enterprise')
      .set(auth)
      .send({
        creditCode: demo.credit_code,
        name: '湘潭智造电机有限公司',
        contactName: '李四',
        phoneCode: `phone:${demo.contact_phone}`,
      });
    expect(bound.status).toBe(201);
    expect(bound.body.membership).toMatchObject({ role: 'owner', status: 'approved' });
    const butler = await t.http.get('/api/v1/me/butler').set(auth);
    expect(butler.status).toBe(200);
    expect(butler.body).toMatchObject({ name: '杨管家', specialties: ['科技创新', '项目审批'] });
    expect(butler.body.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(ERROR_MESSAGES.NO_BUTLER_ASSIGNED).toContain('管家');
  });

  it('demo data is idempotent: loading it again adds nothing', async () => {
    const counts = async () =>
      (
        await t.ds.query(
          'SELECT (SELECT count(*) FROM departments) d, (SELECT count(*) FROM users) u, (SELECT count(*) FROM enterprises) e',
        )
      )[0];
    const before = await counts();
    await t.ds.transaction((m) => seedDemo(m, (p) => new PasswordHasher().hash(p)));
    expect(await counts()).toEqual(before);
    expect(Number(before.d)).toBeGreaterThanOrEqual(7);
  });

  it('demo staff can sign in with the documented password', async () => {
    const res = await t.http.post('/api/v1/auth/staff').send({ username: 'admin', password: 'Qsgj#2026' });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('admin');
  });
});
