import type { MeResponse, MyButlerResponse } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  signInWechat,
  type SignedIn,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

describe('me: profile, consent, my butler', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  const bindAs = (s: SignedIn, creditCode: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/me/enterprise')
      .set(s.auth)
      .send({ creditCode, name: '湘潭测试科技有限公司', contactName: '张三', ...extra });

  async function userRow(id: string): Promise<Record<string, unknown>> {
    const [row] = (await t.ds.query(
      `SELECT nickname, large_font, consent_version, consent_at FROM users WHERE id = $1`,
      [id],
    )) as Array<Record<string, unknown>>;
    return row;
  }

  describe('GET /me', () => {
    it('shows a new WeChat user: no enterprise yet, consent required', async () => {
      const user = await signInWechat(t, undefined, { consent: false });
      const res = await t.http.get('/api/v1/me').set(user.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual<MeResponse>({
        id: user.user.id,
        role: 'enterprise',
        nickname: null,
        phone: null,
        largeFont: false,
        consentVersion: null,
        consentRequired: true,
        membership: null,
        department: null,
        mustChangePassword: false,
      });
    });

    it("shows an owner's enterprise in full", async () => {
      const user = await signInWechat(t);
      const code = makeCreditCode();
      await bindAs(user, code);
      await t.ds.query(`UPDATE enterprises SET scale = 'medium', district = '湘潭高新区' WHERE credit_code = $1`, [
        code,
      ]);
      const res = await t.http.get('/api/v1/me').set(user.auth);
      expect(res.body.membership).toEqual({
        role: 'owner',
        status: 'approved',
        enterprise: {
          id: expect.any(String),
          creditCode: code,
          name: '湘潭测试科技有限公司',
          scale: 'medium',
          district: '湘潭高新区',
        },
      });
    });

    it('shows staff their department and no membership', async () => {
      const dept = await createDepartment(t.ds, '市行政审批服务局');
      const butler = await staffSession(t, Role.BUTLER, dept.id);
      const res = await t.http.get('/api/v1/me').set(butler.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        role: 'butler',
        nickname: '测试人员',
        membership: null,
        consentRequired: false,
        department: { id: dept.id, name: '市行政审批服务局' },
      });
    });

    it('needs a token', async () => {
      const res = await t.http.get('/api/v1/me');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    });
  });

  describe('PATCH /me', () => {
    it('changes nickname and large-font mode', async () => {
      const user = await signInWechat(t);
      const res = await t.http.patch('/api/v1/me').set(user.auth).send({ nickname: ' 老张 ', largeFont: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ nickname: '老张', largeFont: true });
      expect(await userRow(user.user.id)).toMatchObject({ nickname: '老张', large_font: true });

      const partial = await t.http.patch('/api/v1/me').set(user.auth).send({ largeFont: false });
      expect(partial.body).toMatchObject({ nickname: '老张', largeFont: false });
    });

    it('refuses bad values in Chinese and writes nothing', async () => {
      const user = await signInWechat(t);
      for (const body of [
        { nickname: '' },
        { nickname: '   ' },
        { nickname: 'x'.repeat(31) },
        { largeFont: 'yes' },
        { phone: '13812345678' },
      ]) {
        const res = await t.http.patch('/api/v1/me').set(user.auth).send(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect(await userRow(user.user.id)).toMatchObject({ nickname: null, large_font: false });
    });
  });

  describe('POST /me/consent', () => {
    it('records consent to the current version, audited once', async () => {
      const user = await signInWechat(t, undefined, { consent: false });
      const version = t.config.CONSENT_VERSION;
      const res = await t.http.post('/api/v1/me/consent').set(user.auth).send({ version });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ consentVersion: version, consentRequired: false });
      const row = await userRow(user.user.id);
      expect(row.consent_version).toBe(version);
      expect(row.consent_at).toBeInstanceOf(Date);

      // Agreeing again changes nothing.
      expect((await t.http.post('/api/v1/me/consent').set(user.auth).send({ version })).status).toBe(200);
      expect((await userRow(user.user.id)).consent_at).toEqual(row.consent_at);
      const audit = (await t.ds.query(`SELECT target_id, details FROM audit_log WHERE action = $1 AND actor_id = $2`, [
        AuditAction.CONSENT_GIVEN,
        user.user.id,
      ])) as unknown[];
      expect(audit).toEqual([{ target_id: user.user.id, details: { version } }]);
    });

    it('refuses another version with a Chinese message and writes nothing', async () => {
      const user = await signInWechat(t, undefined, { consent: false });
      const res = await t.http.post('/api/v1/me/consent').set(user.auth).send({ version: '2020-01' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '隐私政策已更新，请阅读最新版本后重新同意',
      });
      expect(res.body.details).toEqual([{ field: 'version', message: '隐私政策已更新，请阅读最新版本后重新同意' }]);
      expect(await userRow(user.user.id)).toMatchObject({ consent_version: null, consent_at: null });

      const malformed = await t.http.post('/api/v1/me/consent').set(user.auth).send({ version: 'a b' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toBe('隐私政策版本格式错误：1 至 32 位字母、数字、下划线、点或短横线');
    });

    it('is for enterprise users only', async () => {
      const staff = await staffSession(t, Role.SUPERVISOR);
      const res = await t.http.post('/api/v1/me/consent').set(staff.auth).send({ version: t.config.CONSENT_VERSION });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /me/butler', () => {
    it('answers 404 without an approved enterprise', async () => {
      const user = await signInWechat(t);
      const res = await t.http.get('/api/v1/me/butler').set(user.auth);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        code: 'ENTERPRISE_NOT_BOUND',
        message: '您还没有绑定企业，或绑定申请尚未通过审核',
      });
    });

    it('answers 404 with a clear message when the enterprise has no butler', async () => {
      const user = await signInWechat(t);
      await bindAs(user, makeCreditCode());
      const res = await t.http.get('/api/v1/me/butler').set(user.auth);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        code: 'NO_BUTLER_ASSIGNED',
        message: '您的企业暂未分配亲商管家，分配后将在这里显示',
      });
    });

    it('shows the assigned butler with a masked phone, to the owner and to approved members only', async () => {
      const dept = await createDepartment(t.ds, '湘潭高新技术产业开发区管委会');
      const butler = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id, phone: '13807320007' });
      await t.ds.query(`UPDATE users SET name = '杨管家', specialties = $1 WHERE id = $2`, [
        ['科技创新', '项目审批'],
        butler.id,
      ]);
      const code = makeCreditCode();
      const owner = await signInWechat(t);
      await bindAs(owner, code);
      await t.ds.query(`UPDATE enterprises SET butler_id = $1 WHERE credit_code = $2`, [butler.id, code]);

      const res = await t.http.get('/api/v1/me/butler').set(owner.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual<MyButlerResponse>({
        id: butler.id,
        name: '杨管家',
        department: '湘潭高新技术产业开发区管委会',
        specialties: ['科技创新', '项目审批'],
        phone: '138****0007',
      });
      expect(JSON.stringify(res.body)).not.toContain('13807320007');

      const member = await signInWechat(t);
      await bindAs(member, code);
      expect((await t.http.get('/api/v1/me/butler').set(member.auth)).status).toBe(404);
      await t.http
        .post(`/api/v1/me/enterprise/members/${member.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: true });
      expect((await t.http.get('/api/v1/me/butler').set(member.auth)).body.id).toBe(butler.id);

      // A deactivated butler is nobody's butler.
      await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [butler.id]);
      expect((await t.http.get('/api/v1/me/butler').set(owner.auth)).body.code).toBe('NO_BUTLER_ASSIGNED');
    });

    it('is for enterprise users only', async () => {
      const staff = await staffSession(t, Role.BUTLER);
      expect((await t.http.get('/api/v1/me/butler').set(staff.auth)).status).toBe(403);
    });
  });
});
