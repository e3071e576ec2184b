import type { EnterpriseMemberItem, EnterpriseSummary, MeResponse, Page } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { WECHAT_ERR } from '../src/modules/wechat/wechat.errors';
import { makeCreditCode, signInWechat, type SignedIn, staffSession, withWrongCheckChar } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const PHONE_PATH = '/wxa/business/getuserphonenumber';

describe('enterprise binding and members', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  const bind = (s: SignedIn, body: Record<string, unknown>) =>
    t.http.post('/api/v1/me/enterprise').set(s.auth).send(body);
  const bindAs = (s: SignedIn, creditCode: string, extra: Record<string, unknown> = {}) =>
    bind(s, { creditCode, name: '湘潭测试科技有限公司', contactName: '张三', ...extra });

  async function memberRow(
    userId: string,
  ): Promise<{ role: string; status: string; enterprise_id: string; contact_name: string | null } | undefined> {
    const rows = (await t.ds.query(
      `SELECT role, status, enterprise_id, contact_name FROM enterprise_members WHERE user_id = $1`,
      [userId],
    )) as Array<{
      role: string;
      status: string;
      enterprise_id: string;
      contact_name: string | null;
    }>;
    return rows[0];
  }

  async function enterpriseByCode(code: string): Promise<{ id: string; name: string } | undefined> {
    const rows = (await t.ds.query(`SELECT id, name FROM enterprises WHERE credit_code = $1`, [code])) as Array<{
      id: string;
      name: string;
    }>;
    return rows[0];
  }

  async function auditRows(
    action: string,
    actorId: string,
  ): Promise<Array<{ target_id: string; details: Record<string, unknown> }>> {
    return (await t.ds.query(
      `SELECT target_id, details FROM audit_log WHERE action = $1 AND actor_id = $2 ORDER BY id`,
      [action, actorId],
    )) as Array<{
      target_id: string;
      details: Record<string, unknown>;
    }>;
  }

  /** A new enterprise with an approved owner, and a second user whose request to join is pending. */
  async function ownerAndPending(): Promise<{
    code: string;
    owner: SignedIn;
    pending: SignedIn;
    enterpriseId: string;
  }> {
    const code = makeCreditCode();
    const owner = await signInWechat(t);
    const pending = await signInWechat(t);
    expect((await bindAs(owner, code)).status).toBe(201);
    expect((await bindAs(pending, code, { contactName: '李四' })).status).toBe(201);
    const enterprise = await enterpriseByCode(code);
    return { code, owner, pending, enterpriseId: enterprise!.id };
  }

  describe('POST /me/enterprise', () => {
    it('refuses a credit code with a wrong check character, in Chinese, and writes nothing', async () => {
      const user = await signInWechat(t);
      const good = makeCreditCode();
      const bad = withWrongCheckChar(good);
      const res = await bindAs(user, bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toBe('统一社会信用代码校验位不正确，请核对营业执照');
      expect(res.body.details).toEqual([
        { field: 'creditCode', message: '统一社会信用代码校验位不正确，请核对营业执照' },
      ]);
      expect(await enterpriseByCode(bad)).toBeUndefined();
      expect(await enterpriseByCode(good)).toBeUndefined();
      expect(await memberRow(user.user.id)).toBeUndefined();
    });

    it('refuses blank names and unknown fields', async () => {
      const user = await signInWechat(t);
      const res = await bind(user, { creditCode: makeCreditCode(), name: '   ', contactName: '张三', extra: 1 });
      expect(res.status).toBe(400);
      const fields = (res.body.details as Array<{ field: string; message: string }>).map((d) => d.message);
      expect(fields).toEqual(expect.arrayContaining(['企业名称不能只有空格', '不允许的字段：extra']));
      expect(await memberRow(user.user.id)).toBeUndefined();
    });

    it('makes the first binder of a new code its owner (approved), creating the enterprise, audited', async () => {
      const user = await signInWechat(t);
      const code = makeCreditCode();
      // As typed from a licence: lower case and spaces.
      const typed = `${code.slice(0, 6).toLowerCase()} ${code.slice(6)}`;
      const res = await bind(user, { creditCode: typed, name: ' 湘潭第一科技有限公司 ', contactName: ' 王五 ' });
      expect(res.status).toBe(201);
      const me = res.body as MeResponse;
      expect(me.membership).toEqual({
        role: 'owner',
        status: 'approved',
        enterprise: {
          id: expect.any(String),
          creditCode: code,
          name: '湘潭第一科技有限公司',
          scale: null,
          district: null,
        },
      });
      const enterprise = await enterpriseByCode(code);
      expect(enterprise).toEqual({
        id: (me.membership!.enterprise as EnterpriseSummary).id,
        name: '湘潭第一科技有限公司',
      });
      expect(await memberRow(user.user.id)).toEqual({
        role: 'owner',
        status: 'approved',
        enterprise_id: enterprise!.id,
        contact_name: '王五',
      });
      const audit = await auditRows(AuditAction.ENTERPRISE_BOUND, user.user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].target_id).toBe(enterprise!.id);
      expect(audit[0].details).toMatchObject({ role: 'owner', status: 'approved', enterpriseCreated: true });
    });

    it('makes the second binder a pending member who sees only the name and credit code; the name stays', async () => {
      const code = makeCreditCode();
      const owner = await signInWechat(t);
      await bindAs(owner, code, { name: '原登记名称有限公司' });
      await t.ds.query(`UPDATE enterprises SET scale = 'small', district = '雨湖区' WHERE credit_code = $1`, [code]);

      const second = await signInWechat(t);
      const res = await bindAs(second, code, { name: '另一个名称有限公司', contactName: '李四' });
      expect(res.status).toBe(201);
      expect((res.body as MeResponse).membership).toEqual({
        role: 'member',
        status: 'pending',
        enterprise: { creditCode: code, name: '原登记名称有限公司' },
      });
      const me = await t.http.get('/api/v1/me').set(second.auth);
      expect(me.body.membership.enterprise).toEqual({ creditCode: code, name: '原登记名称有限公司' });
      expect(JSON.stringify(me.body)).not.toContain('雨湖区');

      const enterprise = await enterpriseByCode(code);
      expect(enterprise!.name).toBe('原登记名称有限公司');
      expect(await memberRow(second.user.id)).toEqual({
        role: 'member',
        status: 'pending',
        enterprise_id: enterprise!.id,
        contact_name: '李四',
      });
      const audit = await auditRows(AuditAction.ENTERPRISE_JOIN_REQUESTED, second.user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toMatchObject({
        role: 'member',
        status: 'pending',
        enterpriseCreated: false,
        submittedName: '另一个名称有限公司',
      });
      // A pending member's butler does not exist yet either.
      expect((await t.http.get('/api/v1/me/butler').set(second.auth)).status).toBe(404);
    });

    it.each([
      ['000000000000000000', '统一社会信用代码第 1 位（登记管理部门代码）不正确，请核对营业执照'],
      ['914403001922038203', '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对营业执照'],
      ['91990300192203821C', '统一社会信用代码第 3–8 位（登记机关行政区划码）不正确，请核对营业执照'],
      ['9A440300192203821A', '统一社会信用代码第 2 位（机构类别代码）与登记管理部门不符，请核对营业执照'],
    ])('refuses %s, naming the part that is wrong, and writes nothing', async (code, message) => {
      const user = await signInWechat(t);
      const res = await bindAs(user, code);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: 'creditCode', message }]);
      expect(await enterpriseByCode(code)).toBeUndefined();
      expect(await memberRow(user.user.id)).toBeUndefined();
    });

    it('answers 409 to a user who already holds a pending or approved membership, and changes nothing', async () => {
      const { owner, pending, enterpriseId } = await ownerAndPending();
      const other = makeCreditCode();
      for (const s of [owner, pending]) {
        const res = await bindAs(s, other);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({
          code: 'ENTERPRISE_ALREADY_BOUND',
          message: '您已绑定企业，如需更换企业请联系您的亲商管家',
        });
        expect((await memberRow(s.user.id))!.enterprise_id).toBe(enterpriseId);
      }
      expect(await enterpriseByCode(other)).toBeUndefined();
    });

    it('lets a rejected user apply again, replacing the rejected request', async () => {
      const { owner, pending } = await ownerAndPending();
      await t.http
        .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: false });
      const code = makeCreditCode();
      const res = await bindAs(pending, code);
      expect(res.status).toBe(201);
      expect(res.body.membership).toMatchObject({
        role: 'owner',
        status: 'approved',
        enterprise: { creditCode: code },
      });
      const rows = (await t.ds.query(`SELECT status FROM enterprise_members WHERE user_id = $1`, [
        pending.user.id,
      ])) as unknown[];
      expect(rows).toEqual([{ status: 'approved' }]);
    });

    it('gives exactly one owner when two users bind the same new code at once', async () => {
      const code = makeCreditCode();
      const [a, b] = await Promise.all([signInWechat(t), signInWechat(t)]);
      const results = await Promise.all([bindAs(a, code), bindAs(b, code)]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const memberships = results.map((r) => (r.body as MeResponse).membership);
      expect(memberships.map((m) => `${m!.role}/${m!.status}`).sort()).toEqual(['member/pending', 'owner/approved']);
      const enterprises = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [code])) as unknown[];
      expect(enterprises).toHaveLength(1);
      const owners = (await t.ds.query(
        `SELECT m.user_id FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.credit_code = $1 AND m.role = 'owner'`,
        [code],
      )) as unknown[];
      expect(owners).toHaveLength(1);
    });

    it('gives one owner among many concurrent binders', async () => {
      const code = makeCreditCode();
      const users = await Promise.all(Array.from({ length: 6 }, () => signInWechat(t)));
      const results = await Promise.all(users.map((u) => bindAs(u, code)));
      expect(results.every((r) => r.status === 201)).toBe(true);
      const roles = (await t.ds.query(
        `SELECT m.role, m.status FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.credit_code = $1`,
        [code],
      )) as Array<{ role: string; status: string }>;
      expect(roles.filter((r) => r.role === 'owner')).toEqual([{ role: 'owner', status: 'approved' }]);
      expect(roles.filter((r) => r.role === 'member' && r.status === 'pending')).toHaveLength(5);
    });

    it('gives one owner when many bind an existing enterprise without an owner at once', async () => {
      // No insert of the enterprise to queue behind here: only the owner index decides.
      const code = makeCreditCode();
      await t.ds.query(`INSERT INTO enterprises (credit_code, name) VALUES ($1, '无人认领的企业')`, [code]);
      const users = await Promise.all(Array.from({ length: 6 }, () => signInWechat(t)));
      const results = await Promise.all(users.map((u) => bindAs(u, code)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const owners = results.filter((r) => (r.body as MeResponse).membership?.role === 'owner');
      expect(owners).toHaveLength(1);
      const rows = (await t.ds.query(
        `SELECT m.role, m.status FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.credit_code = $1 AND m.role = 'owner'`,
        [code],
      )) as unknown[];
      expect(rows).toEqual([{ role: 'owner', status: 'approved' }]);
    });

    it('is for enterprise users only', async () => {
      for (const role of [Role.BUTLER, Role.SUPERVISOR, Role.ADMIN]) {
        const staff = await staffSession(t, role);
        const res = await bindAs(staff, makeCreditCode());
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
      expect(
        (await t.http.post('/api/v1/me/enterprise').send({ creditCode: makeCreditCode(), name: 'x', contactName: 'y' }))
          .status,
      ).toBe(401);
    });
  });

  describe('who owns an enterprise (ADR 007)', () => {
    const decideAsStaff = (s: SignedIn, enterpriseId: string, userId: string, approve = true) =>
      t.http.post(`/api/v1/enterprises/${enterpriseId}/members/${userId}/decision`).set(s.auth).send({ approve });
    const approve = (owner: SignedIn, userId: string) =>
      t.http.post(`/api/v1/me/enterprise/members/${userId}/decision`).set(owner.auth).send({ approve: true });

    /** An enterprise the city has on record (as demo data or an admin puts it there), with its contact phone. */
    async function onRecord(opts: { butlerId?: string | null; contactPhone?: string | null } = {}) {
      const code = makeCreditCode();
      const [row] = (await t.ds.query(
        `INSERT INTO enterprises (credit_code, name, district, on_record, contact_phone, butler_id)
         VALUES ($1, '登记在册的企业', '岳塘区', true, $2, $3) RETURNING id`,
        [code, opts.contactPhone === undefined ? '13912345678' : opts.contactPhone, opts.butlerId ?? null],
      )) as Array<{ id: string }>;
      return { code, enterpriseId: row.id };
    }

    async function approvedOwners(enterpriseId: string): Promise<string[]> {
      const rows = (await t.ds.query(
        `SELECT user_id FROM enterprise_members WHERE enterprise_id = $1 AND role = 'owner' AND status = 'approved'`,
        [enterpriseId],
      )) as Array<{ user_id: string }>;
      return rows.map((r) => r.user_id);
    }

    async function inboxTitles(userId: string): Promise<string[]> {
      const rows = (await t.ds.query(`SELECT title FROM notifications WHERE user_id = $1 ORDER BY created_at`, [
        userId,
      ])) as Array<{ title: string }>;
      return rows.map((r) => r.title);
    }

    it("the takeover of issue 8 fails: after the owner deletes their account, a stranger with the code waits and reads no one's phone", async () => {
      const { code, owner, pending, enterpriseId } = await ownerAndPending();
      const member = await signInWechat(t);
      await bindAs(member, code, { contactName: '王五', phoneCode: 'phone:13700001111' });
      expect((await approve(owner, member.user.id)).status).toBe(200);
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);

      const stranger = await signInWechat(t);
      const res = await bindAs(stranger, code, { phoneCode: 'phone:13600002222' });
      expect(res.status).toBe(201);
      expect((res.body as MeResponse).membership).toEqual({
        role: 'member',
        status: 'pending',
        enterprise: { creditCode: code, name: '湘潭测试科技有限公司' },
      });
      const list = await t.http.get('/api/v1/me/enterprise/members').set(stranger.auth);
      expect(list.status).toBe(403);
      expect(JSON.stringify(list.body)).not.toContain('王五');
      expect(JSON.stringify(list.body)).not.toContain('1111');
      // The member approved longest owns it now; the stranger and the earlier applicant wait for them.
      expect(await approvedOwners(enterpriseId)).toEqual([member.user.id]);
      expect((await memberRow(pending.user.id))!.status).toBe('pending');
      const [audit] = await auditRows(AuditAction.ENTERPRISE_JOIN_REQUESTED, stranger.user.id);
      expect(audit.details).toMatchObject({ status: 'pending', reason: 'has_members' });
      // The new owner decides on the stranger, and sees the members (phones masked).
      const members = await t.http.get('/api/v1/me/enterprise/members').set(member.auth);
      expect(members.status).toBe(200);
      expect((members.body as Page<EnterpriseMemberItem>).items.map((i) => i.userId).sort()).toEqual(
        [pending.user.id, stranger.user.id, member.user.id].sort(),
      );
    });

    it('passes ownership to the member approved first (not the first to ask), audited and told', async () => {
      const { code, owner, pending: askedFirst, enterpriseId } = await ownerAndPending();
      const approvedFirst = await signInWechat(t);
      await bindAs(approvedFirst, code);
      await approve(owner, approvedFirst.user.id);
      await approve(owner, askedFirst.user.id);
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);

      expect(await approvedOwners(enterpriseId)).toEqual([approvedFirst.user.id]);
      expect((await memberRow(askedFirst.user.id))!).toMatchObject({ role: 'member', status: 'approved' });
      const transfers = (await t.ds.query(`SELECT details FROM audit_log WHERE action = $1 AND target_id = $2`, [
        AuditAction.OWNERSHIP_TRANSFERRED,
        enterpriseId,
      ])) as Array<{ details: Record<string, unknown> }>;
      expect(transfers.map((r) => r.details)).toEqual([
        { from: owner.user.id, to: approvedFirst.user.id, reason: 'account_deleted' },
      ]);
      expect(await inboxTitles(approvedFirst.user.id)).toContain('您已成为「湘潭测试科技有限公司」的企业管理员');
      expect(await inboxTitles(askedFirst.user.id)).not.toContain('您已成为「湘潭测试科技有限公司」的企业管理员');
      expect((await t.http.get('/api/v1/me/enterprise/members').set(approvedFirst.auth)).status).toBe(200);
    });

    it('makes binding wait when the only rows left are rejected requests', async () => {
      const { code, owner, pending } = await ownerAndPending();
      await t.http
        .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: false });
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);
      const stranger = await signInWechat(t);
      expect((await bindAs(stranger, code)).body.membership).toMatchObject({ role: 'member', status: 'pending' });
    });

    it('makes the first binder of an enterprise on record its owner when their WeChat phone is the contact phone on record', async () => {
      const { code, enterpriseId } = await onRecord({ contactPhone: '13912345678' });
      const user = await signInWechat(t);
      const res = await bindAs(user, code, { name: '随便填的名字', phoneCode: 'phone:13912345678' });
      expect(res.status).toBe(201);
      expect(res.body.membership).toMatchObject({
        role: 'owner',
        status: 'approved',
        enterprise: { name: '登记在册的企业', district: '岳塘区' },
      });
      expect(await approvedOwners(enterpriseId)).toEqual([user.user.id]);
      expect((await auditRows(AuditAction.ENTERPRISE_BOUND, user.user.id))[0].details).toMatchObject({
        enterpriseCreated: false,
        reason: 'phone_matches_record',
      });
    });

    it('uses the phone WeChat verified earlier when no new phone code is sent', async () => {
      const { code } = await onRecord({ contactPhone: '13912345678' });
      const user = await signInWechat(t);
      await t.ds.query(`UPDATE users SET phone = '13912345678' WHERE id = $1`, [user.user.id]);
      expect((await bindAs(user, code)).body.membership).toMatchObject({ role: 'owner', status: 'approved' });
    });

    it('makes any other first binder of an enterprise on record wait for its butler, who is told and confirms them as owner', async () => {
      const butler = await staffSession(t, Role.BUTLER);
      const { code, enterpriseId } = await onRecord({ contactPhone: '13912345678', butlerId: butler.entity.id });
      const noPhone = await signInWechat(t);
      const res = await bindAs(noPhone, code);
      expect(res.body.membership).toEqual({
        role: 'member',
        status: 'pending',
        enterprise: { creditCode: code, name: '登记在册的企业' },
      });
      expect((await t.http.get('/api/v1/me/butler').set(noPhone.auth)).status).toBe(404);
      const otherPhone = await signInWechat(t);
      expect((await bindAs(otherPhone, code, { phoneCode: 'phone:13912345679' })).body.membership).toMatchObject({
        status: 'pending',
      });
      expect((await auditRows(AuditAction.ENTERPRISE_JOIN_REQUESTED, noPhone.user.id))[0].details).toMatchObject({
        reason: 'awaits_butler',
      });
      expect((await auditRows(AuditAction.ENTERPRISE_JOIN_REQUESTED, otherPhone.user.id))[0].details).toMatchObject({
        reason: 'has_members',
      });
      // Each request to an enterprise without an owner tells its butler: nobody else can decide it.
      expect(await inboxTitles(butler.entity.id)).toEqual(['有用户申请绑定您服务的企业', '有用户申请绑定您服务的企业']);
      expect(await approvedOwners(enterpriseId)).toEqual([]);

      const confirmed = await decideAsStaff(butler, enterpriseId, noPhone.user.id);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ userId: noPhone.user.id, role: 'owner', status: 'approved' });
      expect(await approvedOwners(enterpriseId)).toEqual([noPhone.user.id]);
      expect(await auditRows(AuditAction.MEMBER_APPROVED, butler.entity.id)).toEqual([
        { target_id: noPhone.user.id, details: { enterpriseId, role: 'owner' } },
      ]);
      expect(await inboxTitles(noPhone.user.id)).toEqual(['您已成为「登记在册的企业」的企业管理员']);
      // The next approval makes a member: one approved owner (ADR 005).
      const next = await decideAsStaff(butler, enterpriseId, otherPhone.user.id);
      expect(next.body).toMatchObject({ role: 'member', status: 'approved' });
      expect(await approvedOwners(enterpriseId)).toEqual([noPhone.user.id]);
      // The owner now runs the enterprise, with its butler.
      expect((await t.http.get('/api/v1/me/enterprise/members').set(noPhone.auth)).status).toBe(200);
      expect((await t.http.get('/api/v1/me/butler').set(noPhone.auth)).status).toBe(200);
    });

    it('treats an enterprise on record without a contact phone, or one a butler serves, as needing confirmation', async () => {
      const { code: noPhoneOnRecord, enterpriseId } = await onRecord({ contactPhone: null });
      const user = await signInWechat(t);
      expect((await bindAs(user, noPhoneOnRecord, { phoneCode: 'phone:13912345678' })).body.membership).toMatchObject({
        status: 'pending',
      });
      const admin = await staffSession(t, Role.ADMIN);
      expect((await decideAsStaff(admin, enterpriseId, user.user.id)).body).toMatchObject({ role: 'owner' });

      // Created by a binder, then served by a butler; when everyone has left, the city knows it all the same.
      const butler = await staffSession(t, Role.BUTLER);
      const code = makeCreditCode();
      const first = await signInWechat(t);
      await bindAs(first, code);
      await t.ds.query(`UPDATE enterprises SET butler_id = $1 WHERE credit_code = $2`, [butler.entity.id, code]);
      expect((await t.http.delete('/api/v1/me').set(first.auth)).status).toBe(204);
      const stranger = await signInWechat(t);
      expect((await bindAs(stranger, code)).body.membership).toMatchObject({ status: 'pending' });
      expect((await auditRows(AuditAction.ENTERPRISE_JOIN_REQUESTED, stranger.user.id))[0].details).toMatchObject({
        reason: 'awaits_butler',
      });
    });

    it('still makes the first binder of a code nobody holds its owner', async () => {
      const code = makeCreditCode();
      await t.ds.query(`INSERT INTO enterprises (credit_code, name) VALUES ($1, '无人认领的企业')`, [code]);
      const user = await signInWechat(t);
      expect((await bindAs(user, code)).body.membership).toMatchObject({ role: 'owner', status: 'approved' });
      expect((await auditRows(AuditAction.ENTERPRISE_BOUND, user.user.id))[0].details).toMatchObject({
        reason: 'first_binder',
      });
    });
  });

  describe('phone number from WeChat', () => {
    it('exchanges the phone code, stores the number and shows it masked', async () => {
      const user = await signInWechat(t);
      const res = await bindAs(user, makeCreditCode(), { phoneCode: 'phone:13812345678' });
      expect(res.status).toBe(201);
      expect(res.body.phone).toBe('138****5678');
      expect((await t.http.get('/api/v1/me').set(user.auth)).body.phone).toBe('138****5678');
      const [row] = (await t.ds.query(`SELECT phone FROM users WHERE id = $1`, [user.user.id])) as Array<{
        phone: string;
      }>;
      expect(row.phone).toBe('13812345678');
      expect((await auditRows(AuditAction.ENTERPRISE_BOUND, user.user.id))[0].details).toMatchObject({
        phoneFromWechat: true,
      });
      expect(
        JSON.stringify(await t.ds.query(`SELECT details FROM audit_log WHERE actor_id = $1`, [user.user.id])),
      ).not.toContain('13812345678');
    });

    async function expectNothingWritten(user: SignedIn, code: string): Promise<void> {
      expect(await enterpriseByCode(code)).toBeUndefined();
      expect(await memberRow(user.user.id)).toBeUndefined();
      const [row] = (await t.ds.query(`SELECT phone FROM users WHERE id = $1`, [user.user.id])) as Array<{
        phone: string | null;
      }>;
      expect(row.phone).toBeNull();
      expect(
        await t.ds.query(`SELECT id FROM audit_log WHERE actor_id = $1 AND action LIKE 'enterprise.%'`, [user.user.id]),
      ).toEqual([]);
    }

    it('answers 400 for an invalid phone code (WeChat 40029) and writes nothing', async () => {
      const user = await signInWechat(t);
      const code = makeCreditCode();
      const res = await bindAs(user, code, { phoneCode: 'not-a-phone-code' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'WECHAT_PHONE_CODE_INVALID', message: '手机号授权已失效，请重新授权' });
      await expectNothingWritten(user, code);
    });

    it('answers 400 when WeChat says the code is invalid, even for a well-formed one', async () => {
      const user = await signInWechat(t);
      const code = makeCreditCode();
      t.fake.failNext(PHONE_PATH, WECHAT_ERR.INVALID_CODE);
      const res = await bindAs(user, code, { phoneCode: 'phone:13812345678' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WECHAT_PHONE_CODE_INVALID');
      await expectNothingWritten(user, code);
    });

    it('answers 503 when WeChat is unreachable or busy, and writes nothing', async () => {
      const user = await signInWechat(t);
      const code = makeCreditCode();
      t.fake.dropNext(PHONE_PATH);
      const dropped = await bindAs(user, code, { phoneCode: 'phone:13812345678' });
      expect(dropped.status).toBe(503);
      expect(dropped.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时无法连接，请稍后再试' });
      expect(dropped.headers['retry-after']).toBe('5');
      t.fake.failNext(PHONE_PATH, WECHAT_ERR.SYSTEM_BUSY);
      expect((await bindAs(user, code, { phoneCode: 'phone:13812345678' })).status).toBe(503);
      await expectNothingWritten(user, code);
    });

    it('does not spend the phone code of a user who is already bound', async () => {
      const { owner } = await ownerAndPending();
      t.fake.failNext(PHONE_PATH, WECHAT_ERR.SYSTEM_BUSY);
      const res = await bindAs(owner, makeCreditCode(), { phoneCode: 'phone:13812345678' });
      expect(res.status).toBe(409);
      // The injected failure is still queued: WeChat was never asked. Consume it.
      const probe = await bindAs(await signInWechat(t), makeCreditCode(), { phoneCode: 'phone:13812345678' });
      expect(probe.status).toBe(503);
    });
  });

  describe("the owner's members", () => {
    it('lists members with masked phones, pending first; only for the approved owner', async () => {
      const { owner, pending, code } = await ownerAndPending();
      const third = await signInWechat(t);
      await bindAs(third, code, { phoneCode: 'phone:13912340000', contactName: '赵六' });

      const res = await t.http.get('/api/v1/me/enterprise/members').set(owner.auth);
      expect(res.status).toBe(200);
      const items = (res.body as Page<EnterpriseMemberItem>).items;
      expect(res.body.nextCursor).toBeNull();
      // One at a time: the same order across pages.
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const next: { status: number; body: Page<EnterpriseMemberItem> } = await t.http
          .get(`/api/v1/me/enterprise/members?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set(owner.auth);
        expect(next.status).toBe(200);
        paged.push(...(next.body as Page<EnterpriseMemberItem>).items.map((i) => i.userId));
        cursor = next.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual([pending.user.id, third.user.id, owner.user.id]);
      expect(items.map((i) => [i.userId, i.role, i.status])).toEqual([
        [pending.user.id, 'member', 'pending'],
        [third.user.id, 'member', 'pending'],
        [owner.user.id, 'owner', 'approved'],
      ]);
      expect(items[1]).toMatchObject({ contactName: '赵六', phone: '139****0000', decidedAt: null });
      expect(JSON.stringify(items)).not.toContain('13912340000');

      const denied = await t.http.get('/api/v1/me/enterprise/members').set(pending.auth);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('FORBIDDEN');
    });

    it('answers 404 to a user with no enterprise', async () => {
      const user = await signInWechat(t);
      const res = await t.http.get('/api/v1/me/enterprise/members').set(user.auth);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        code: 'ENTERPRISE_NOT_BOUND',
        message: '您还没有绑定企业，或绑定申请尚未通过审核',
      });
    });

    it('approves a pending member, who then sees the enterprise; audited; deciding again is 409', async () => {
      const { owner, pending, enterpriseId } = await ownerAndPending();
      const res = await t.http
        .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        userId: pending.user.id,
        role: 'member',
        status: 'approved',
        contactName: '李四',
      });
      expect(res.body.decidedAt).toEqual(expect.any(String));

      const [row] = (await t.ds.query(`SELECT status, decided_by FROM enterprise_members WHERE user_id = $1`, [
        pending.user.id,
      ])) as Array<{
        status: string;
        decided_by: string;
      }>;
      expect(row).toEqual({ status: 'approved', decided_by: owner.user.id });
      const me = await t.http.get('/api/v1/me').set(pending.auth);
      expect(me.body.membership).toMatchObject({
        role: 'member',
        status: 'approved',
        enterprise: { id: enterpriseId },
      });
      const audit = await auditRows(AuditAction.MEMBER_APPROVED, owner.user.id);
      expect(audit).toEqual([{ target_id: pending.user.id, details: { enterpriseId } }]);

      // An approved member is still not the owner.
      expect((await t.http.get('/api/v1/me/enterprise/members').set(pending.auth)).status).toBe(403);
      const again = await t.http
        .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: false });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'MEMBERSHIP_NOT_PENDING', message: '该成员申请已处理' });
    });

    it('rejects a pending member; audited', async () => {
      const { owner, pending, enterpriseId } = await ownerAndPending();
      const res = await t.http
        .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: false });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rejected');
      expect((await memberRow(pending.user.id))!.status).toBe('rejected');
      expect((await t.http.get('/api/v1/me').set(pending.auth)).body.membership).toMatchObject({
        status: 'rejected',
        enterprise: { name: expect.any(String) },
      });
      expect(await auditRows(AuditAction.MEMBER_REJECTED, owner.user.id)).toEqual([
        { target_id: pending.user.id, details: { enterpriseId } },
      ]);
    });

    it("answers 404 for another enterprise's member or an unknown user, 400 for a malformed id", async () => {
      const first = await ownerAndPending();
      const second = await ownerAndPending();
      const cross = await t.http
        .post(`/api/v1/me/enterprise/members/${second.pending.user.id}/decision`)
        .set(first.owner.auth)
        .send({ approve: true });
      expect(cross.status).toBe(404);
      expect(cross.body).toMatchObject({ code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' });
      expect((await memberRow(second.pending.user.id))!.status).toBe('pending');

      const unknown = await t.http
        .post('/api/v1/me/enterprise/members/00000000-0000-4000-8000-000000000000/decision')
        .set(first.owner.auth)
        .send({ approve: true });
      expect(unknown.status).toBe(404);

      const malformed = await t.http
        .post('/api/v1/me/enterprise/members/not-a-uuid/decision')
        .set(first.owner.auth)
        .send({ approve: true });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      expect(malformed.body.message).toMatch(/[\u4e00-\u9fa5]/);

      const noBody = await t.http
        .post(`/api/v1/me/enterprise/members/${first.pending.user.id}/decision`)
        .set(first.owner.auth)
        .send({});
      expect(noBody.status).toBe(400);
      expect(noBody.body.message).toBe('请选择同意或拒绝');
    });

    it('refuses a pending member who tries to decide', async () => {
      const { owner, pending } = await ownerAndPending();
      const res = await t.http
        .post(`/api/v1/me/enterprise/members/${owner.user.id}/decision`)
        .set(pending.auth)
        .send({ approve: false });
      expect(res.status).toBe(403);
      expect((await memberRow(owner.user.id))!.status).toBe('approved');
    });

    it('refuses staff on the owner routes', async () => {
      const staff = await staffSession(t, Role.ADMIN);
      expect((await t.http.get('/api/v1/me/enterprise/members').set(staff.auth)).status).toBe(403);
      const { pending } = await ownerAndPending();
      expect(
        (
          await t.http
            .post(`/api/v1/me/enterprise/members/${pending.user.id}/decision`)
            .set(staff.auth)
            .send({ approve: true })
        ).status,
      ).toBe(403);
      expect((await memberRow(pending.user.id))!.status).toBe('pending');
    });
  });

  describe('staff decisions: POST /enterprises/:enterpriseId/members/:userId/decision', () => {
    const decide = (s: SignedIn, enterpriseId: string, userId: string, approve = true) =>
      t.http.post(`/api/v1/enterprises/${enterpriseId}/members/${userId}/decision`).set(s.auth).send({ approve });

    it('lets an admin and a supervisor decide, audited', async () => {
      const admin = await staffSession(t, Role.ADMIN);
      const a = await ownerAndPending();
      const res = await decide(admin, a.enterpriseId, a.pending.user.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: a.pending.user.id, status: 'approved' });
      expect(await auditRows(AuditAction.MEMBER_APPROVED, admin.entity.id)).toEqual([
        { target_id: a.pending.user.id, details: { enterpriseId: a.enterpriseId } },
      ]);

      const supervisor = await staffSession(t, Role.SUPERVISOR);
      const b = await ownerAndPending();
      expect((await decide(supervisor, b.enterpriseId, b.pending.user.id, false)).body.status).toBe('rejected');
      expect(await auditRows(AuditAction.MEMBER_REJECTED, supervisor.entity.id)).toHaveLength(1);
    });

    it("lets the enterprise's assigned butler decide; any other butler gets 404", async () => {
      const assigned = await staffSession(t, Role.BUTLER);
      const other = await staffSession(t, Role.BUTLER);
      const { enterpriseId, pending } = await ownerAndPending();
      await t.ds.query(`UPDATE enterprises SET butler_id = $1 WHERE id = $2`, [assigned.entity.id, enterpriseId]);

      const refused = await decide(other, enterpriseId, pending.user.id);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('NOT_FOUND');
      expect((await memberRow(pending.user.id))!.status).toBe('pending');

      const res = await decide(assigned, enterpriseId, pending.user.id);
      expect(res.status).toBe(200);
      expect((await memberRow(pending.user.id))!.status).toBe('approved');
      expect(await auditRows(AuditAction.MEMBER_APPROVED, assigned.entity.id)).toHaveLength(1);
    });

    it('refuses enterprise users (even the owner) with 403', async () => {
      const { owner, enterpriseId, pending } = await ownerAndPending();
      const res = await decide(owner, enterpriseId, pending.user.id);
      expect(res.status).toBe(403);
      expect((await memberRow(pending.user.id))!.status).toBe('pending');
      const denied = (await t.ds.query(`SELECT details FROM audit_log WHERE action = $1 AND actor_id = $2`, [
        AuditAction.ACCESS_DENIED,
        owner.user.id,
      ])) as unknown[];
      expect(denied).toHaveLength(1);
    });

    it('answers 404 for an unknown enterprise or a user not in it, 409 when decided, 400 for malformed ids', async () => {
      const admin = await staffSession(t, Role.ADMIN);
      const a = await ownerAndPending();
      const b = await ownerAndPending();
      expect((await decide(admin, '00000000-0000-4000-8000-000000000000', a.pending.user.id)).status).toBe(404);
      expect((await decide(admin, a.enterpriseId, b.pending.user.id)).status).toBe(404);
      expect((await decide(admin, a.enterpriseId, a.owner.user.id)).status).toBe(409);
      const bad = await decide(admin, 'abc', a.pending.user.id);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details).toEqual([{ field: 'enterpriseId', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }]);
      expect((await decide(admin, a.enterpriseId, 'abc')).status).toBe(400);
    });
  });
});
