import type { EnterpriseProfile } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import type { ErrorBody } from '@qsgj/shared/errors';
import { shanghaiDay } from '@qsgj/shared/rules';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const CJK = /[\u4e00-\u9fff]/;
const ME = '/api/v1/me/enterprise/profile';
const staffPath = (id: string) => `/api/v1/staff/enterprises/${id}/profile`;

/** A complete, valid profile (values from the default dictionaries). */
const PROFILE = {
  industry: '电气机械和器材制造业',
  scale: 'medium',
  district: '岳塘区',
  qualifications: ['高新技术企业', '规上工业企业'],
  foundedOn: '2012-03-15',
};

type Staff = SignedIn & { entity: { id: string } };

describe('一企一档 (enterprise profile)', () => {
  let t: TestApp;
  let admin: Staff;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
  }, 60_000);
  afterAll(() => t?.close());

  /** An enterprise with its owner, an approved member, a pending applicant and an assigned butler. */
  async function enterprise(): Promise<{
    id: string;
    owner: SignedIn;
    member: SignedIn;
    pending: SignedIn;
    butler: Staff;
  }> {
    const code = makeCreditCode();
    const owner = await signInWechat(t);
    const member = await signInWechat(t);
    const pending = await signInWechat(t);
    for (const who of [owner, member, pending]) {
      const res = await t.http
        .post('/api/v1/me/enterprise')
        .set(who.auth)
        .send({ creditCode: code, name: '湘潭一企一档测试有限公司', contactName: '张三' });
      expect(res.status).toBe(201);
    }
    const [{ id }] = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [code])) as Array<{
      id: string;
    }>;
    const decided = await t.http
      .post(`/api/v1/me/enterprise/members/${member.user.id}/decision`)
      .set(owner.auth)
      .send({ approve: true });
    expect(decided.status).toBe(200);
    const butler = await staffSession(t, Role.BUTLER);
    const assigned = await t.http
      .put(`/api/v1/admin/enterprises/${id}/butler`)
      .set(admin.auth)
      .send({ butlerId: butler.entity.id });
    expect(assigned.status).toBe(200);
    return { id, owner, member, pending, butler };
  }

  const row = async (id: string) =>
    (
      (await t.ds.query(
        `SELECT industry, scale, district, qualifications, to_char(founded_on, 'YYYY-MM-DD') AS "foundedOn" FROM enterprises WHERE id = $1`,
        [id],
      )) as Array<Record<string, unknown>>
    )[0];
  const audits = async (enterpriseId: string) =>
    (await t.ds.query(`SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`, [
      AuditAction.ENTERPRISE_PROFILE_UPDATED,
      enterpriseId,
    ])) as Array<{ actor_id: string; details: Record<string, unknown> }>;

  it('an empty profile: every matching field is a gap; the owner may edit, a member may not', async () => {
    const e = await enterprise();
    const mine = await t.http.get(ME).set(e.owner.auth);
    expect(mine.status).toBe(200);
    expect(mine.body as EnterpriseProfile).toMatchObject({
      enterpriseId: e.id,
      name: '湘潭一企一档测试有限公司',
      industry: null,
      scale: null,
      district: null,
      qualifications: [],
      foundedOn: null,
      gaps: ['industry', 'scale', 'district'],
      canEdit: true,
    });
    const members = await t.http.get(ME).set(e.member.auth);
    expect(members.status).toBe(200);
    expect((members.body as EnterpriseProfile).canEdit).toBe(false);
  });

  it('the owner saves the whole profile: stored, answered, audited with what changed', async () => {
    const e = await enterprise();
    const res = await t.http.put(ME).set(e.owner.auth).send(PROFILE);
    expect(res.status).toBe(200);
    expect(res.body as EnterpriseProfile).toMatchObject({ ...PROFILE, gaps: [], canEdit: true });
    expect(await row(e.id)).toEqual(PROFILE);
    const [audit] = await audits(e.id);
    expect(audit.actor_id).toBe(e.owner.user.id);
    expect(audit.details).toEqual({
      before: { industry: null, scale: null, district: null, qualifications: [], foundedOn: null },
      after: PROFILE,
    });
    // The member sees it too.
    expect(((await t.http.get(ME).set(e.member.auth)).body as EnterpriseProfile).industry).toBe(PROFILE.industry);

    // A second save records only what changed; saving the same again records nothing.
    const changed = { ...PROFILE, scale: 'large', qualifications: ['高新技术企业'] };
    expect((await t.http.put(ME).set(e.owner.auth).send(changed)).status).toBe(200);
    expect((await t.http.put(ME).set(e.owner.auth).send(changed)).status).toBe(200);
    const rows = await audits(e.id);
    expect(rows).toHaveLength(2);
    expect(rows[1].details).toEqual({
      before: { scale: 'medium', qualifications: ['高新技术企业', '规上工业企业'] },
      after: { scale: 'large', qualifications: ['高新技术企业'] },
    });
  });

  it('clearing fields makes them gaps again', async () => {
    const e = await enterprise();
    await t.http.put(ME).set(e.owner.auth).send(PROFILE);
    const res = await t.http
      .put(ME)
      .set(e.owner.auth)
      .send({ industry: null, scale: 'small', district: null, qualifications: [], foundedOn: null });
    expect(res.status).toBe(200);
    expect((res.body as EnterpriseProfile).gaps).toEqual(['industry', 'district']);
    expect(await row(e.id)).toEqual({
      industry: null,
      scale: 'small',
      district: null,
      qualifications: [],
      foundedOn: null,
    });
  });

  it('a plain member may read but not change it (403 in Chinese, nothing written)', async () => {
    const e = await enterprise();
    const res = await t.http.put(ME).set(e.member.auth).send(PROFILE);
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).message).toContain('企业管理员');
    expect((await row(e.id)).industry).toBeNull();
    expect(await audits(e.id)).toHaveLength(0);
  });

  it('a user without an approved enterprise gets 404 ENTERPRISE_NOT_BOUND, on both methods', async () => {
    const e = await enterprise();
    const loner = await signInWechat(t);
    for (const who of [e.pending, loner]) {
      const get = await t.http.get(ME).set(who.auth);
      expect(get.status).toBe(404);
      expect((get.body as ErrorBody).code).toBe('ENTERPRISE_NOT_BOUND');
      expect((await t.http.put(ME).set(who.auth).send(PROFILE)).status).toBe(404);
    }
    expect((await row(e.id)).industry).toBeNull();
  });

  it('staff are not enterprise users: 403 on /me/enterprise/profile', async () => {
    expect((await t.http.get(ME).set(admin.auth)).status).toBe(403);
  });

  it('needs consent to the privacy notice to write, like every write', async () => {
    const code = makeCreditCode();
    const owner = await signInWechat(t);
    await t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .send({ creditCode: code, name: '湘潭同意测试有限公司', contactName: '李四' });
    await t.ds.query(`UPDATE users SET consent_version = NULL WHERE id = $1`, [owner.user.id]);
    const res = await t.http.put(ME).set(owner.auth).send(PROFILE);
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).code).toBe('CONSENT_REQUIRED');
  });

  describe('validation: every problem in one Chinese answer, nothing written', () => {
    it('refuses values outside the ACTIVE dictionaries, per field', async () => {
      const e = await enterprise();
      const res = await t.http
        .put(ME)
        .set(e.owner.auth)
        .send({
          ...PROFILE,
          industry: '不存在的行业',
          district: '火星区',
          qualifications: ['高新技术企业', '宇宙第一'],
        });
      expect(res.status).toBe(400);
      const body = res.body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual([
        { field: 'industry', message: '“不存在的行业”不在行业字典中' },
        { field: 'district', message: '“火星区”不在区域字典中' },
        { field: 'qualifications', message: '“宇宙第一”不在企业资质字典中' },
      ]);
      expect(body.message).toBe('“不存在的行业”不在行业字典中');
      expect(await row(e.id)).toEqual({
        industry: null,
        scale: null,
        district: null,
        qualifications: [],
        foundedOn: null,
      });
      expect(await audits(e.id)).toHaveLength(0);
    });

    it('refuses a deactivated value, and a value of another dictionary', async () => {
      const e = await enterprise();
      const v = `停用资质${Date.now()}`;
      await t.ds.query(`INSERT INTO dictionary_entries (kind, value, active) VALUES ('qualifications', $1, false)`, [
        v,
      ]);
      const inactive = await t.http
        .put(ME)
        .set(e.owner.auth)
        .send({ ...PROFILE, qualifications: [v] });
      expect(inactive.status).toBe(400);
      expect((inactive.body as ErrorBody).details).toEqual([
        { field: 'qualifications', message: `“${v}”不在企业资质字典中` },
      ]);
      const crossed = await t.http
        .put(ME)
        .set(e.owner.auth)
        .send({ ...PROFILE, district: '建筑业' });
      expect(crossed.status).toBe(400);
      expect((await row(e.id)).district).toBeNull();
    });

    it('refuses a founding date in the future or not a real date; today is fine', async () => {
      const e = await enterprise();
      const today = shanghaiDay(new Date());
      const tomorrow = shanghaiDay(new Date(Date.now() + 86_400_000));
      for (const [foundedOn, message] of [
        [tomorrow, '成立日期不能晚于今天'],
        ['2026-02-30', '成立日期不是有效的日期'],
        ['0099-01-01', '成立日期不是有效的日期'],
      ]) {
        const res = await t.http
          .put(ME)
          .set(e.owner.auth)
          .send({ ...PROFILE, foundedOn });
        expect(res.status).toBe(400);
        expect((res.body as ErrorBody).details).toEqual([{ field: 'foundedOn', message }]);
      }
      expect((await row(e.id)).foundedOn).toBeNull();
      const ok = await t.http
        .put(ME)
        .set(e.owner.auth)
        .send({ ...PROFILE, foundedOn: today });
      expect(ok.status).toBe(200);
      expect((ok.body as EnterpriseProfile).foundedOn).toBe(today);
    });

    it('refuses malformed bodies with 400 in Chinese', async () => {
      const e = await enterprise();
      for (const body of [
        {},
        { ...PROFILE, scale: 'huge' },
        { ...PROFILE, qualifications: '高新技术企业' },
        { ...PROFILE, qualifications: ['高新技术企业', '高新技术企业'] },
        { ...PROFILE, foundedOn: '2012/03/15' },
        { ...PROFILE, extra: 1 },
      ]) {
        const res = await t.http.put(ME).set(e.owner.auth).send(body);
        expect(res.status).toBe(400);
        expect((res.body as ErrorBody).message).toMatch(CJK);
      }
      expect(await audits(e.id)).toHaveLength(0);
    });
  });

  describe('staff: /staff/enterprises/:id/profile', () => {
    it('its butler reads and edits it (canEdit), audited as the butler', async () => {
      const e = await enterprise();
      const get = await t.http.get(staffPath(e.id)).set(e.butler.auth);
      expect(get.status).toBe(200);
      expect(get.body as EnterpriseProfile).toMatchObject({ enterpriseId: e.id, canEdit: true });
      const put = await t.http.put(staffPath(e.id)).set(e.butler.auth).send(PROFILE);
      expect(put.status).toBe(200);
      expect(await row(e.id)).toEqual(PROFILE);
      const [audit] = await audits(e.id);
      expect(audit.actor_id).toBe(e.butler.entity.id);
      // The owner sees the butler's edit.
      expect(((await t.http.get(ME).set(e.owner.auth)).body as EnterpriseProfile).district).toBe(PROFILE.district);
    });

    it('another butler does not see it at all (404), and writes nothing', async () => {
      const e = await enterprise();
      const other = await staffSession(t, Role.BUTLER);
      expect((await t.http.get(staffPath(e.id)).set(other.auth)).status).toBe(404);
      const put = await t.http.put(staffPath(e.id)).set(other.auth).send(PROFILE);
      expect(put.status).toBe(404);
      expect((await row(e.id)).industry).toBeNull();
      expect(await audits(e.id)).toHaveLength(0);
    });

    it('admins and supervisors reach every enterprise (enterprisePolicy)', async () => {
      const e = await enterprise();
      const supervisor = await staffSession(t, Role.SUPERVISOR);
      expect((await t.http.get(staffPath(e.id)).set(admin.auth)).status).toBe(200);
      expect((await t.http.get(staffPath(e.id)).set(supervisor.auth)).status).toBe(200);
      const put = await t.http
        .put(staffPath(e.id))
        .set(admin.auth)
        .send({ ...PROFILE, scale: 'micro' });
      expect(put.status).toBe(200);
      expect((await row(e.id)).scale).toBe('micro');
      expect((await audits(e.id))[0].actor_id).toBe(admin.entity.id);
    });

    it('enterprise users, even its owner, are refused (403); an unknown or malformed id is 404 / 400', async () => {
      const e = await enterprise();
      expect((await t.http.get(staffPath(e.id)).set(e.owner.auth)).status).toBe(403);
      expect((await t.http.put(staffPath(e.id)).set(e.owner.auth).send(PROFILE)).status).toBe(403);
      expect((await t.http.get(staffPath('00000000-0000-4000-8000-000000000000')).set(admin.auth)).status).toBe(404);
      expect((await t.http.get(staffPath('not-a-uuid')).set(admin.auth)).status).toBe(400);
      expect((await t.http.get(staffPath(e.id))).status).toBe(401);
    });

    it('the other enterprise’s owner cannot reach it through /me either: /me is always my own enterprise', async () => {
      const a = await enterprise();
      const b = await enterprise();
      await t.http.put(ME).set(b.owner.auth).send(PROFILE);
      expect(((await t.http.get(ME).set(a.owner.auth)).body as EnterpriseProfile).enterpriseId).toBe(a.id);
      expect((await row(a.id)).industry).toBeNull();
    });
  });
});
