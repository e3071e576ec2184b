import type { MyDataExport } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { makeCreditCode, signInWechat, type SignedIn, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

describe('privacy: export and account deletion', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  const bindAs = (s: SignedIn, creditCode: string, extra: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/me/enterprise')
      .set(s.auth)
      .send({ creditCode, name: '湘潭隐私测试有限公司', contactName: '张三', ...extra });

  async function auditActions(actorId: string): Promise<string[]> {
    const rows = (await t.ds.query(`SELECT action FROM audit_log WHERE actor_id = $1 ORDER BY id`, [
      actorId,
    ])) as Array<{ action: string }>;
    return rows.map((r) => r.action);
  }

  describe('GET /me/export', () => {
    it('gives me everything held about me: my unmasked phone, consent, membership, sessions, audit rows; audited', async () => {
      const name = `export${Date.now()}`;
      const user = await signInWechat(t, name, { consent: false });
      const second = await signInWechat(t, name, { consent: false }); // a second sign-in: a second session
      await t.http.post('/api/v1/me/consent').set(user.auth).send({ version: t.config.CONSENT_VERSION });
      await t.http.patch('/api/v1/me').set(user.auth).send({ nickname: '导出测试' });
      const code = makeCreditCode();
      await bindAs(user, code, { phoneCode: 'phone:13812345678' });

      const res = await t.http.get('/api/v1/me/export').set(user.auth);
      expect(res.status).toBe(200);
      const data = res.body as MyDataExport;
      expect(data.profile).toMatchObject({
        id: user.user.id,
        role: 'enterprise',
        nickname: '导出测试',
        phone: '13812345678',
        openid: name,
        unionid: null,
        username: null,
        largeFont: false,
      });
      expect(data.consent).toEqual({ version: t.config.CONSENT_VERSION, at: expect.any(String) });
      expect(data.membership).toMatchObject({
        role: 'owner',
        status: 'approved',
        contactName: '张三',
        enterprise: { creditCode: code, name: '湘潭隐私测试有限公司' },
      });
      expect(data.sessions).toHaveLength(2);
      for (const s of data.sessions) {
        expect(Object.keys(s).sort()).toEqual([
          'createdAt',
          'expiresAt',
          'id',
          'lastSeenAt',
          'revokeReason',
          'revokedAt',
        ]);
      }
      expect(data.auditLog.map((a) => a.action)).toEqual([
        AuditAction.WECHAT_SIGN_IN,
        AuditAction.WECHAT_SIGN_IN,
        AuditAction.CONSENT_GIVEN,
        AuditAction.ENTERPRISE_BOUND,
      ]);

      // No secrets: neither token, nor any hash.
      const text = JSON.stringify(res.body);
      for (const secret of [user.accessToken, user.refreshToken, second.accessToken, second.refreshToken])
        expect(text).not.toContain(secret);
      expect(text).not.toMatch(/token|hash|password|session_?key/i);

      expect((await auditActions(user.user.id)).at(-1)).toBe(AuditAction.DATA_EXPORTED);
    });

    it("shows a pending member only the enterprise's name and code", async () => {
      const code = makeCreditCode();
      const owner = await signInWechat(t);
      await bindAs(owner, code);
      await t.ds.query(
        `UPDATE enterprises SET district = '雨湖区', industry = '农副食品加工业' WHERE credit_code = $1`,
        [code],
      );
      const pending = await signInWechat(t);
      await bindAs(pending, code, { contactName: '李四' });
      const data = (await t.http.get('/api/v1/me/export').set(pending.auth)).body as MyDataExport;
      expect(data.membership).toMatchObject({
        role: 'member',
        status: 'pending',
        contactName: '李四',
        decidedAt: null,
      });
      expect(data.membership!.enterprise).toEqual({ creditCode: code, name: '湘潭隐私测试有限公司' });
    });

    it('works for staff too, without their password hash', async () => {
      const staff = await staffSession(t, Role.BUTLER);
      const res = await t.http.get('/api/v1/me/export').set(staff.auth);
      expect(res.status).toBe(200);
      expect(res.body.profile).toMatchObject({ role: 'butler', username: staff.entity.username });
      expect(res.body.membership).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('argon2');
    });
  });

  describe('notifications in the export and in deletion', () => {
    it('exports my inbox and deletes it with the account', async () => {
      const owner = await signInWechat(t);
      const code = makeCreditCode();
      await bindAs(owner, code);
      const joiner = await signInWechat(t);
      await bindAs(joiner, code); // pending: the owner is notified
      const exported = (await t.http.get('/api/v1/me/export').set(owner.auth)).body as MyDataExport;
      expect(exported.notifications).toEqual([
        expect.objectContaining({ kind: 'membership', title: '有新成员申请加入企业', readAt: null }),
      ]);
      expect(exported.subscriptions).toEqual([]);
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);
      const [{ n }] = await t.ds.query('SELECT count(*)::int n FROM notifications WHERE user_id = $1', [owner.user.id]);
      expect(n).toBe(0);
    });
  });

  describe('DELETE /me', () => {
    it('anonymises me, drops my membership, ends every session; audit rows stay; signing in again makes a new user', async () => {
      const name = `delete${Date.now()}`;
      const user = await signInWechat(t, name);
      const other = await signInWechat(t, name);
      await t.http.patch('/api/v1/me').set(user.auth).send({ nickname: '将注销' });
      const code = makeCreditCode();
      await bindAs(user, code, { phoneCode: 'phone:13900001111' });

      const res = await t.http.delete('/api/v1/me').set(user.auth);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');

      const [row] = (await t.ds.query(`SELECT nickname, phone, openid, unionid, deleted_at FROM users WHERE id = $1`, [
        user.user.id,
      ])) as Array<Record<string, unknown>>;
      expect(row).toEqual({ nickname: null, phone: null, openid: null, unionid: null, deleted_at: expect.any(Date) });
      expect(await t.ds.query(`SELECT id FROM enterprise_members WHERE user_id = $1`, [user.user.id])).toEqual([]);
      const sessions = (await t.ds.query(`SELECT revoked_at, revoke_reason FROM sessions WHERE user_id = $1`, [
        user.user.id,
      ])) as Array<{
        revoked_at: Date | null;
        revoke_reason: string;
      }>;
      expect(sessions).toHaveLength(2);
      expect(sessions.every((s) => s.revoked_at !== null && s.revoke_reason === 'account_deleted')).toBe(true);

      // Both old sessions are dead, access and refresh.
      for (const s of [user, other]) {
        const me = await t.http.get('/api/v1/me').set(s.auth);
        expect(me.status).toBe(401);
        expect(me.body.message).toMatch(/[\u4e00-\u9fa5]/);
        expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
      }

      // Audit rows are kept, including the deletion itself.
      const actions = await auditActions(user.user.id);
      expect(actions).toEqual(
        expect.arrayContaining([AuditAction.WECHAT_SIGN_IN, AuditAction.ENTERPRISE_BOUND, AuditAction.ACCOUNT_DELETED]),
      );
      const [deletion] = (await t.ds.query(
        `SELECT target_id, details FROM audit_log WHERE action = $1 AND actor_id = $2`,
        [AuditAction.ACCOUNT_DELETED, user.user.id],
      )) as Array<{ target_id: string; details: Record<string, unknown> }>;
      expect(deletion.target_id).toBe(user.user.id);
      expect(deletion.details).toMatchObject({ memberRole: 'owner', memberStatus: 'approved' });
      expect(
        JSON.stringify(await t.ds.query(`SELECT details FROM audit_log WHERE actor_id = $1`, [user.user.id])),
      ).not.toContain('13900001111');

      // The same WeChat account signs in as a brand-new user.
      const again = await signInWechat(t, name, { consent: false });
      expect(again.user.id).not.toBe(user.user.id);
      const me = await t.http.get('/api/v1/me').set(again.auth);
      expect(me.body).toMatchObject({
        id: again.user.id,
        nickname: null,
        phone: null,
        membership: null,
        consentRequired: true,
      });
    });

    it("hands a deleted owner's enterprise to the longest-approved member, audited and told (ADR 007)", async () => {
      const code = makeCreditCode();
      const owner = await signInWechat(t);
      const member = await signInWechat(t);
      await bindAs(owner, code);
      await bindAs(member, code);
      const [{ id: enterpriseId }] = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [
        code,
      ])) as Array<{ id: string }>;
      await t.http
        .post(`/api/v1/me/enterprise/members/${member.user.id}/decision`)
        .set(owner.auth)
        .send({ approve: true });
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);

      expect((await t.http.get('/api/v1/me').set(member.auth)).body.membership).toMatchObject({
        role: 'owner',
        status: 'approved',
      });
      const [transfer] = (await t.ds.query(
        `SELECT actor_id, target_id, details FROM audit_log WHERE action = $1 AND target_id = $2`,
        [AuditAction.OWNERSHIP_TRANSFERRED, enterpriseId],
      )) as Array<{ actor_id: string; target_id: string; details: Record<string, unknown> }>;
      expect(transfer).toEqual({
        actor_id: owner.user.id,
        target_id: enterpriseId,
        details: { from: owner.user.id, to: member.user.id, reason: 'account_deleted' },
      });
      const inbox = await t.http.get('/api/v1/notifications').set(member.auth);
      expect(inbox.body.items[0]).toMatchObject({ title: '您已成为「湘潭隐私测试有限公司」的企业管理员' });
    });

    it("leaves a deleted owner's enterprise with only pending requests waiting for staff: the next binder waits too", async () => {
      const code = makeCreditCode();
      const owner = await signInWechat(t);
      const pending = await signInWechat(t);
      await bindAs(owner, code);
      await bindAs(pending, code);
      expect((await t.http.delete('/api/v1/me').set(owner.auth)).status).toBe(204);

      expect((await t.http.get('/api/v1/me').set(pending.auth)).body.membership).toMatchObject({ status: 'pending' });
      const next = await signInWechat(t);
      const res = await bindAs(next, code);
      expect(res.body.membership).toMatchObject({ role: 'member', status: 'pending' });
      expect((await t.http.get('/api/v1/me/enterprise/members').set(next.auth)).status).toBe(403);
      const owners = (await t.ds.query(
        `SELECT m.user_id FROM enterprise_members m JOIN enterprises e ON e.id = m.enterprise_id
         WHERE e.credit_code = $1 AND m.role = 'owner'`,
        [code],
      )) as unknown[];
      expect(owners).toEqual([]);
    });

    it('is refused to staff (admins deactivate staff), who keep working', async () => {
      for (const role of [Role.BUTLER, Role.SUPERVISOR, Role.ADMIN]) {
        const staff = await staffSession(t, role);
        const res = await t.http.delete('/api/v1/me').set(staff.auth);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
        const [row] = (await t.ds.query(`SELECT deleted_at FROM users WHERE id = $1`, [staff.entity.id])) as Array<{
          deleted_at: Date | null;
        }>;
        expect(row.deleted_at).toBeNull();
        expect((await t.http.get('/api/v1/me').set(staff.auth)).status).toBe(200);
      }
    });

    it('needs a token', async () => {
      expect((await t.http.delete('/api/v1/me')).status).toBe(401);
      expect((await t.http.get('/api/v1/me/export')).status).toBe(401);
    });
  });
});
