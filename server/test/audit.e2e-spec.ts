import { addCalendarDays, shanghaiDay } from '@qsgj/shared/rules';
import { randomUUID } from 'node:crypto';
import type { AuditItem, DepartmentItem, Page, StaffItem } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import type { ErrorBody } from '@qsgj/shared/errors';
import { hashedUsername } from '../src/modules/auth/auth.service';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  STAFF_PASSWORD,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { sleep } from './utils/wait';

interface AuditRow {
  id: number;
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

describe('audit log', () => {
  let t: TestApp;
  /** Does the admin work audited below. */
  let admin: SignedIn & { entity: UserEntity };
  /** Reads the log, so reading does not mix with the rows being read. */
  let auditor: SignedIn & { entity: UserEntity };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    auditor = await staffSession(t, Role.ADMIN);
  }, 60_000);
  afterAll(() => t?.close());

  function rows(where: string, params: unknown[]): Promise<AuditRow[]> {
    return t.ds.query(
      `SELECT id, action, actor_id, actor_role, target_type, target_id, outcome, ip, request_id, details FROM audit_log WHERE ${where} ORDER BY id`,
      params,
    );
  }

  async function viewAudit(query: string, who: SignedIn = auditor): Promise<Page<AuditItem>> {
    const res = await t.http.get(`/api/v1/admin/audit${query}`).set(who.auth);
    expect(res.status).toBe(200);
    return res.body as Page<AuditItem>;
  }

  async function dbNow(): Promise<string> {
    const [{ now }]: Array<{ now: string }> = await t.ds.query(
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
    );
    return now;
  }

  it('records every admin action with who did it, to what, in the same request', async () => {
    const as = (requestId: string) => ({ ...admin.auth, 'X-Request-Id': requestId });
    const earlier = await rows('actor_id = $1', [admin.entity.id]);

    const dept = (
      await t.http.post('/api/v1/admin/departments').set(as('audit-dept-create')).send({ name: '审计测试部门' })
    ).body as DepartmentItem;
    await t.http
      .patch(`/api/v1/admin/departments/${dept.id}`)
      .set(as('audit-dept-rename'))
      .send({ name: '审计测试部门（新）' });
    const created = await t.http.post('/api/v1/admin/staff').set(as('audit-staff-create')).send({
      username: 'audited.butler',
      name: '审计管家',
      role: 'butler',
      departmentId: dept.id,
      password: STAFF_PASSWORD,
    });
    const staff = created.body as StaffItem;
    await t.http
      .patch(`/api/v1/admin/staff/${staff.id}`)
      .set(as('audit-staff-update'))
      .send({ name: '审计管家甲', specialties: ['政策咨询'] });
    await t.http
      .patch(`/api/v1/admin/staff/${staff.id}`)
      .set(as('audit-staff-reset'))
      .send({ resetPassword: 'Reset#Audit2026' });
    await t.http.patch(`/api/v1/admin/staff/${staff.id}`).set(as('audit-staff-unlock')).send({ unlock: true });
    const other = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id });
    const enterprise = await t.ds
      .getRepository(EnterpriseEntity)
      .save({ creditCode: makeCreditCode(), name: '审计测试企业', butlerId: other.id, qualifications: [] });
    await t.http
      .put(`/api/v1/admin/enterprises/${enterprise.id}/butler`)
      .set(as('audit-butler-assign'))
      .send({ butlerId: staff.id });
    // The butler now holds the enterprise: deactivating them hands it over to a successor.
    await t.http
      .patch(`/api/v1/admin/staff/${staff.id}`)
      .set(as('audit-staff-deactivate'))
      .send({ active: false, successorId: other.id });

    const written = await rows('actor_id = $1 AND id > $2', [admin.entity.id, earlier.at(-1)?.id ?? 0]);
    expect(written.map((r) => [r.action, r.request_id, r.target_type, r.target_id])).toEqual([
      [AuditAction.DEPARTMENT_CREATED, 'audit-dept-create', 'department', dept.id],
      [AuditAction.DEPARTMENT_UPDATED, 'audit-dept-rename', 'department', dept.id],
      [AuditAction.STAFF_CREATED, 'audit-staff-create', 'user', staff.id],
      [AuditAction.STAFF_UPDATED, 'audit-staff-update', 'user', staff.id],
      [AuditAction.STAFF_PASSWORD_RESET, 'audit-staff-reset', 'user', staff.id],
      [AuditAction.STAFF_UNLOCKED, 'audit-staff-unlock', 'user', staff.id],
      [AuditAction.BUTLER_ASSIGNED, 'audit-butler-assign', 'enterprise', enterprise.id],
      [AuditAction.STAFF_HANDED_OVER, 'audit-staff-deactivate', 'user', staff.id],
      [AuditAction.STAFF_DEACTIVATED, 'audit-staff-deactivate', 'user', staff.id],
    ]);
    for (const r of written) {
      expect(r).toMatchObject({ actor_id: admin.entity.id, actor_role: 'admin', outcome: 'success' });
      expect(r.ip).toEqual(expect.any(String));
    }
    const byAction = Object.fromEntries(written.map((r) => [r.action, r.details]));
    expect(byAction[AuditAction.DEPARTMENT_CREATED]).toEqual({ name: '审计测试部门', shortName: null });
    expect(byAction[AuditAction.DEPARTMENT_UPDATED]).toEqual({
      before: { name: '审计测试部门', shortName: null },
      after: { name: '审计测试部门（新）', shortName: null },
    });
    expect(byAction[AuditAction.STAFF_CREATED]).toEqual({
      username: 'audited.butler',
      role: 'butler',
      departmentId: dept.id,
    });
    expect(byAction[AuditAction.STAFF_UPDATED]).toEqual({
      changes: { name: { from: '审计管家', to: '审计管家甲' }, specialties: { from: [], to: ['政策咨询'] } },
    });
    expect(byAction[AuditAction.BUTLER_ASSIGNED]).toEqual({
      before: { id: other.id, name: '测试人员' },
      after: { id: staff.id, name: '审计管家甲' },
    });
    // No secret ever reaches the log.
    expect(JSON.stringify(written)).not.toMatch(/Reset#Audit2026|Staff#2026x|argon2/);
  });

  it('records an unknown username of a failed staff sign-in hashed, never in clear', async () => {
    // People type their password into the username field: what they typed must not be readable in the log.
    const typed = 'Secret#Typed2026';
    const tries = [typed, ` ${typed.toUpperCase()} `, 'someone.else'];
    for (const username of tries) {
      const res = await t.http
        .post('/api/v1/auth/staff')
        .set('X-Request-Id', `unknown-user-${tries.indexOf(username)}`)
        .send({ username, password: 'Whatever#2026' });
      expect(res.status).toBe(401);
    }
    const failed = await rows(`request_id LIKE 'unknown-user-%'`, []);
    expect(failed).toHaveLength(3);
    expect(JSON.stringify(failed).toLowerCase()).not.toContain(typed.toLowerCase());
    expect(JSON.stringify(failed)).not.toContain('someone.else');
    const [a, b, c] = failed.map((r) => r.details);
    expect(a).toEqual({ reason: 'unknown_user', usernameHash: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(a).toEqual({ reason: 'unknown_user', usernameHash: hashedUsername(t.config.JWT_SECRET, typed) });
    expect(b).toEqual(a); // the same name (case and spaces aside) links its tries
    expect(c?.usernameHash).not.toBe(a?.usernameHash);
    // Keyed by the server's secret: not a plain SHA-256 anyone could look up.
    expect(a?.usernameHash).not.toBe(hashedUsername('another secret of at least 32 chars!!', typed));
  });

  it('writes nothing when the action fails (the row commits with the change or not at all)', async () => {
    await createDepartment(t.ds, '已存在的部门');
    const before = await rows(`action = $1`, [AuditAction.DEPARTMENT_CREATED]);
    const res = await t.http.post('/api/v1/admin/departments').set(admin.auth).send({ name: '已存在的部门' });
    expect(res.status).toBe(409);
    const self = await t.http
      .patch(`/api/v1/admin/staff/${admin.entity.id}`)
      .set(admin.auth)
      .send({ name: '改个名', active: false });
    expect(self.status).toBe(400);
    expect(await rows(`action = $1`, [AuditAction.DEPARTMENT_CREATED])).toEqual(before);
    expect(await rows(`target_id = $1 AND action LIKE 'admin.staff.%'`, [admin.entity.id])).toEqual([]);
    expect((await t.ds.getRepository(UserEntity).findOneByOrFail({ id: admin.entity.id })).name).toBe('测试人员');
  });

  it('filters by action, actor and time, newest first, paged by cursor', async () => {
    const worker = await staffSession(t, Role.ADMIN);
    const early = (await t.http.post('/api/v1/admin/departments').set(worker.auth).send({ name: '过滤测试一' }))
      .body as DepartmentItem;
    await sleep(30);
    const middle = await dbNow();
    await sleep(30);
    for (const name of ['过滤测试二', '过滤测试三', '过滤测试四', '过滤测试五']) {
      expect((await t.http.post('/api/v1/admin/departments').set(worker.auth).send({ name })).status).toBe(201);
    }
    await t.http.patch(`/api/v1/admin/departments/${early.id}`).set(worker.auth).send({ shortName: '一' });

    const mine = await rows('actor_id = $1', [worker.entity.id]);
    const expectedNewestFirst = mine.map((r) => r.id).reverse();

    // Keyset pages of 2, newest first, together exactly the worker's rows.
    const seen: AuditItem[] = [];
    let cursor: string | number | null = null;
    do {
      const page = await viewAudit(`?actorId=${worker.entity.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.id)).toEqual(expectedNewestFirst);
    expect(seen.every((i) => i.actorId === worker.entity.id && i.actorRole === 'admin')).toBe(true);
    const sample = seen.find((i) => i.action === AuditAction.DEPARTMENT_UPDATED);
    expect(sample).toMatchObject({
      targetType: 'department',
      targetId: early.id,
      outcome: 'success',
      details: { after: { shortName: '一' } },
    });
    expect(sample && new Date(sample.at).toISOString()).toBe(sample?.at);

    const created = await viewAudit(`?actorId=${worker.entity.id}&action=${AuditAction.DEPARTMENT_CREATED}`);
    expect(created.items.map((i) => i.details?.name)).toEqual([
      '过滤测试五',
      '过滤测试四',
      '过滤测试三',
      '过滤测试二',
      '过滤测试一',
    ]);
    expect(created.nextCursor).toBeNull();

    const after = await viewAudit(
      `?actorId=${worker.entity.id}&action=${AuditAction.DEPARTMENT_CREATED}&from=${middle}`,
    );
    expect(after.items.map((i) => i.details?.name)).toEqual(['过滤测试五', '过滤测试四', '过滤测试三', '过滤测试二']);
    const before = await viewAudit(`?actorId=${worker.entity.id}&to=${middle}`);
    expect(before.items.map((i) => i.details?.name)).toEqual(['过滤测试一']);

    const target = await viewAudit(`?targetType=department&targetId=${early.id}`);
    expect(target.items.map((i) => i.action)).toEqual([AuditAction.DEPARTMENT_UPDATED, AuditAction.DEPARTMENT_CREATED]);

    const nobody = await viewAudit(`?actorId=${randomUUID()}`);
    expect(nobody).toEqual({ items: [], nextCursor: null });
  });

  it('reads a bare date as a whole day in Asia/Shanghai: from=D&to=D holds that day, and only it', async () => {
    const worker = await staffSession(t, Role.ADMIN);
    await t.http.post('/api/v1/admin/departments').set(worker.auth).send({ name: '整日过滤测试' }).expect(201);
    const today = shanghaiDay(new Date());
    const names = async (query: string) =>
      (await viewAudit(`?actorId=${worker.entity.id}&action=${AuditAction.DEPARTMENT_CREATED}&${query}`)).items.map(
        (i) => i.details?.name,
      );
    expect(await names(`from=${today}&to=${today}`)).toEqual(['整日过滤测试']);
    expect(await names(`to=${addCalendarDays(today, -1)}`)).toEqual([]);
    expect(await names(`from=${addCalendarDays(today, 1)}`)).toEqual([]);
  });

  it('refuses bad filters in Chinese', async () => {
    for (const [query, field, message] of [
      ['?limit=101', 'limit', '每页最多 100 条'],
      ['?cursor=abc', 'cursor', '游标格式错误'],
      [
        '?from=yesterday',
        'from',
        '开始时间格式错误：应为 YYYY-MM-DD 或带时区的 ISO 时间（如 2026-11-30T08:00:00+08:00）',
      ],
      ['?actorId=42', 'actorId', '操作人编号格式错误'],
    ]) {
      const res = await t.http.get(`/api/v1/admin/audit${query}`).set(auditor.auth);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect((res.body as ErrorBody).details).toContainEqual({ field, message });
    }
  });

  it('records each viewing of the log', async () => {
    const viewer = await staffSession(t, Role.ADMIN);
    const page = await viewAudit(`?action=${AuditAction.STAFF_CREATED}&limit=5`, viewer);
    const viewed = await rows('actor_id = $1 AND action = $2', [viewer.entity.id, AuditAction.AUDIT_VIEWED]);
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({
      actor_role: 'admin',
      outcome: 'success',
      details: { filters: { action: AuditAction.STAFF_CREATED, limit: 5 }, returned: page.items.length },
    });
    // The viewing shows up in the log itself (after the page it read, so not inside it).
    expect(page.items.map((i) => i.id)).not.toContain(viewed[0].id);
    const next = await viewAudit(`?actorId=${viewer.entity.id}&action=${AuditAction.AUDIT_VIEWED}`, viewer);
    expect(next.items.map((i) => i.id)).toEqual([viewed[0].id]);
  });

  it('refuses the log to non-admins, and records the refusal', async () => {
    const supervisor = await staffSession(t, Role.SUPERVISOR);
    const res = await t.http.get('/api/v1/admin/audit').set(supervisor.auth);
    expect(res.status).toBe(403);
    const denied = await rows('actor_id = $1', [supervisor.entity.id]);
    expect(denied.map((r) => [r.action, r.outcome, r.details?.route])).toEqual([
      [AuditAction.STAFF_SIGN_IN, 'success', undefined],
      [AuditAction.ACCESS_DENIED, 'denied', '/api/v1/admin/audit'],
    ]);
  });

  it('is append-only: the database rejects UPDATE, DELETE and TRUNCATE', async () => {
    const row = (await rows('actor_id = $1', [admin.entity.id])).at(-1);
    if (!row) throw new Error('expected audit rows from the earlier tests');
    const [{ n: countBefore }]: Array<{ n: number }> = await t.ds.query('SELECT count(*)::int AS n FROM audit_log');

    await expect(
      t.ds.query(`UPDATE audit_log SET action = 'tampered', details = NULL WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.ds.query('DELETE FROM audit_log WHERE id = $1', [row.id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);

    expect((await rows('id = $1', [row.id]))[0]).toEqual(row);
    const [{ n: countAfter }]: Array<{ n: number }> = await t.ds.query('SELECT count(*)::int AS n FROM audit_log');
    expect(countAfter).toBe(countBefore);
  });
});
