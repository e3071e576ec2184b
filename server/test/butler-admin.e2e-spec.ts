import { randomBytes, randomUUID } from 'node:crypto';
import type {
  BulkAssignResult,
  ButlerChangeItem,
  CaseDetailStaff,
  EnterpriseMemberItem,
  Page,
  StaffItem,
  StaffWorkload,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { ErrorBody } from '@qsgj/shared/errors';
import { DEMO_INTRODUCTIONS, seedDemoButlerProfiles } from '../src/database/seeds/demo-butler-admin';
import type { UserEntity } from '../src/modules/users/user.entity';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInStaff,
  signInWechat,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const CJK = /[\u4e00-\u9fff]/;

/**
 * 管家团队, the admin's side (issue 11): single and bulk (re)assignment of butlers with the enterprise's
 * history and everyone's notices, deactivation with handover (nothing left on an inactive butler), the
 * butler's introduction, and keyset pages with ties. Rows are written directly where the route under test
 * is not the one that makes them, so every count is known.
 */
describe('butler admin: assignment, bulk reassignment, handover', () => {
  let t: TestApp;
  let admin: SignedIn & { entity: UserEntity };
  let dept: string;
  let n = 0;

  const uniq = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

  async function butler(name: string, opts: { role?: Role; departmentId?: string } = {}): Promise<string> {
    const u = await createStaff(t.ds, { role: opts.role ?? Role.BUTLER, departmentId: opts.departmentId ?? dept });
    await t.ds.query(`UPDATE users SET name = $2 WHERE id = $1`, [u.id, name]);
    return u.id;
  }

  async function enterprise(
    name: string,
    butlerId: string | null,
    where: { district?: string | null; park?: string | null } = {},
  ): Promise<string> {
    const [{ id }] = (await t.ds.query(
      `INSERT INTO enterprises (credit_code, name, district, park, butler_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [makeCreditCode(), name, where.district ?? null, where.park ?? null, butlerId],
    )) as Array<{ id: string }>;
    return id;
  }

  async function member(enterpriseId: string, role: 'owner' | 'member', status: 'approved' | 'pending') {
    const user = await signInWechat(t);
    await t.ds.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role, status) VALUES ($1, $2, $3, $4)`, [
      enterpriseId,
      user.user.id,
      role,
      status,
    ]);
    return user.user.id;
  }

  async function insertCase(
    enterpriseId: string,
    state: string,
    who: { butlerId?: string | null; addressedButlerId?: string | null; departmentId?: string },
  ): Promise<string> {
    n += 1;
    const [{ id }] = (await t.ds.query(
      `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, butler_id,
         addressed_butler_id, resolve_limit_days, created_at, updated_at)
       VALUES ($1, 'consult', 'miniapp', $2, '内容', $3, $4, $5, $6, 3, now(), now()) RETURNING id`,
      [
        `QS20261100-${String(n).padStart(4, '0')}`,
        state,
        enterpriseId,
        who.departmentId ?? dept,
        who.butlerId ?? null,
        who.addressedButlerId ?? null,
      ],
    )) as Array<{ id: string }>;
    await t.ds.query(
      `INSERT INTO case_events (case_id, seq, actor_kind, action, from_state, to_state, payload, at)
       VALUES ($1, 1, 'enterprise', 'create', NULL, 'submitted', '{}', now() - interval '1 day')`,
      [id],
    );
    return id;
  }

  async function butlerOf(enterpriseId: string): Promise<string | null> {
    const [row] = (await t.ds.query(`SELECT butler_id FROM enterprises WHERE id = $1`, [enterpriseId])) as Array<{
      butler_id: string | null;
    }>;
    return row.butler_id;
  }

  async function notices(userId: string): Promise<Array<{ title: string; body: string; link: string }>> {
    return (await t.ds.query(`SELECT title, body, link FROM notifications WHERE user_id = $1 ORDER BY created_at`, [
      userId,
    ])) as Array<{ title: string; body: string; link: string }>;
  }

  async function history(enterpriseId: string) {
    return (await t.ds.query(
      `SELECT from_butler_id, to_butler_id, kind, changed_by FROM enterprise_butler_changes WHERE enterprise_id = $1 ORDER BY at, id`,
      [enterpriseId],
    )) as Array<{ from_butler_id: string | null; to_butler_id: string | null; kind: string; changed_by: string }>;
  }

  async function auditRows(action: string, targetId: string) {
    return (await t.ds.query(
      `SELECT actor_id, target_type, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
      [action, targetId],
    )) as Array<{ actor_id: string; target_type: string; details: Record<string, unknown> }>;
  }

  function bulk(body: Record<string, unknown>, preview = false, who: SignedIn = admin) {
    return t.http
      .post(`/api/v1/admin/enterprises/butler-assignments${preview ? '?preview=true' : ''}`)
      .set(who.auth)
      .send(body);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    dept = (await createDepartment(t.ds, '岳塘区营商办')).id;
  }, 60_000);
  afterAll(() => t?.close());

  describe('bulk reassignment', () => {
    it('previews the counts without writing, then moves every match in one go: history and one notice per butler', async () => {
      const district = uniq('测试区');
      const [a, b, target] = [await butler('甲管家'), await butler('乙管家'), await butler('新管家')];
      const e1 = await enterprise('批量甲一', a, { district });
      const e2 = await enterprise('批量甲二', a, { district });
      const e3 = await enterprise('批量乙一', b, { district });
      const e4 = await enterprise('批量已是', target, { district });
      const e5 = await enterprise('批量无管家', null, { district });
      const elsewhere = await enterprise('别区企业', a, { district: uniq('别区') });
      const owner1 = await member(e1, 'owner', 'approved');
      const member1 = await member(e1, 'member', 'approved');
      const pending1 = await member(e1, 'member', 'pending');
      const owner3 = await member(e3, 'owner', 'approved');

      const preview = await bulk({ butlerId: target, filter: { district } }, true);
      expect(preview.status).toBe(200);
      expect(preview.body).toEqual({
        preview: true,
        matched: 5,
        changed: 4,
        unchanged: 1,
        butler: { id: target, name: '新管家' },
      } satisfies BulkAssignResult);
      expect(await butlerOf(e1)).toBe(a);
      expect(await history(e1)).toEqual([]);
      expect(await notices(target)).toEqual([]);
      expect(await auditRows('admin.enterprise.butlers_reassigned', target)).toEqual([]);

      const done = await bulk({ butlerId: target, filter: { district } });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({
        preview: false,
        matched: 5,
        changed: 4,
        unchanged: 1,
        butler: { id: target, name: '新管家' },
      } satisfies BulkAssignResult);
      for (const e of [e1, e2, e3, e4, e5]) expect(await butlerOf(e)).toBe(target);
      expect(await butlerOf(elsewhere)).toBe(a);

      // One history row per moved enterprise, from whoever served it; none for the one already served.
      expect(await history(e1)).toEqual([
        { from_butler_id: a, to_butler_id: target, kind: 'bulk', changed_by: admin.user.id },
      ]);
      expect(await history(e3)).toEqual([
        { from_butler_id: b, to_butler_id: target, kind: 'bulk', changed_by: admin.user.id },
      ]);
      expect(await history(e5)).toEqual([
        { from_butler_id: null, to_butler_id: target, kind: 'bulk', changed_by: admin.user.id },
      ]);
      expect(await history(e4)).toEqual([]);
      expect(await history(elsewhere)).toEqual([]);

      // Each butler hears once, with the count; every approved member of a moved enterprise once; nobody else.
      expect(await notices(target)).toEqual([
        {
          title: '您新增服务 4 家企业',
          body: expect.stringContaining('4 家企业'),
          link: '/packages/workbench/pages/index/index',
        },
      ]);
      expect(await notices(a)).toEqual([
        {
          title: '2 家企业已改由其他管家服务',
          body: expect.stringContaining('新管家'),
          link: '/packages/workbench/pages/index/index',
        },
      ]);
      expect((await notices(b)).map((x) => x.title)).toEqual(['「批量乙一」已改由其他管家服务']);
      for (const user of [owner1, member1, owner3]) {
        expect(await notices(user)).toEqual([
          {
            title: '您企业的亲商管家已变更',
            body: expect.stringContaining('新管家'),
            link: '/packages/butlers/pages/list/index',
          },
        ]);
      }
      expect(await notices(pending1)).toEqual([]);

      const [audit] = await auditRows('admin.enterprise.butlers_reassigned', target);
      expect(audit).toMatchObject({
        actor_id: admin.user.id,
        target_type: 'user',
        details: { filter: { district }, matched: 5, changed: 4, unchanged: 1 },
      });

      // Again: everything already served by the target, nothing changes and nobody is told twice.
      const again = await bulk({ butlerId: target, filter: { district } });
      expect(again.body).toMatchObject({ matched: 5, changed: 0, unchanged: 5 });
      expect(await notices(target)).toHaveLength(1);
      expect(await history(e1)).toHaveLength(1);
    });

    it('filters by park, by the butler serving now and by ids, every criterion at once', async () => {
      const park = uniq('九华园');
      const district = uniq('湘潭区');
      const [from, other, target] = [await butler('原管家'), await butler('他管家'), await butler('园区管家')];
      const inPark = await enterprise('园区一', from, { park, district });
      const inParkOther = await enterprise('园区二', other, { park, district });
      const outsidePark = await enterprise('园外', from, { district });

      const byPark = await bulk({ butlerId: target, filter: { park } }, true);
      expect(byPark.body).toMatchObject({ matched: 2, changed: 2 });
      const byParkAndFrom = await bulk({ butlerId: target, filter: { park, fromButlerId: from } }, true);
      expect(byParkAndFrom.body).toMatchObject({ matched: 1, changed: 1 });
      const byFrom = await bulk({ butlerId: target, filter: { fromButlerId: from } }, true);
      expect(byFrom.body).toMatchObject({ matched: 2 });
      const byIds = await bulk(
        { butlerId: target, filter: { enterpriseIds: [inParkOther, outsidePark, inParkOther] } },
        true,
      );
      expect(byIds.body).toMatchObject({ matched: 2, changed: 2 });

      const moved = await bulk({ butlerId: target, filter: { park, fromButlerId: from } });
      expect(moved.body).toMatchObject({ matched: 1, changed: 1, unchanged: 0 });
      expect([await butlerOf(inPark), await butlerOf(inParkOther), await butlerOf(outsidePark)]).toEqual([
        target,
        other,
        from,
      ]);
      const listed = await t.http
        .get(`/api/v1/admin/enterprises?park=${encodeURIComponent(park)}&butlerId=${target}`)
        .set(admin.auth);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: inPark, park, district, butler: { id: target, name: '园区管家' } }),
      ]);
    });

    it('refuses a target that cannot serve, an empty filter and malformed bodies in Chinese, writing nothing', async () => {
      const district = uniq('拒绝区');
      const a = await butler('拒绝甲');
      const e = await enterprise('拒绝企业', a, { district });
      const inactive = await butler('已停用');
      await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactive]);
      const wechat = await signInWechat(t);

      for (const butlerId of [inactive, admin.user.id, wechat.user.id, randomUUID()]) {
        for (const preview of [true, false]) {
          const res = await bulk({ butlerId, filter: { district } }, preview);
          expect(res.status).toBe(400);
          expect(res.body).toMatchObject({
            code: 'BUTLER_REQUIRED',
            details: [{ field: 'butlerId', message: '只能指派在岗的管家或主管' }],
          });
        }
      }
      for (const filter of [{}, { district: '  ' }, { enterpriseIds: [] }]) {
        const res = await bulk({ butlerId: a, filter });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'filter', message: '请至少选择一个分配范围：区县、园区、原管家或企业' }],
        });
      }
      const malformed: Array<Record<string, unknown>> = [
        { butlerId: a },
        { butlerId: a, filter: '岳塘区' },
        { butlerId: a, filter: { enterpriseIds: ['x'] } },
        { butlerId: a, filter: { enterpriseIds: '全部' } },
        { butlerId: a, filter: { district: 7 } },
        { butlerId: 'nobody', filter: { district } },
      ];
      for (const body of malformed) {
        const res = await bulk(body);
        expect(res.status).toBe(400);
        const err = res.body as ErrorBody;
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.message).toMatch(CJK);
      }
      const badPreview = await t.http
        .post('/api/v1/admin/enterprises/butler-assignments?preview=yes')
        .set(admin.auth)
        .send({ butlerId: a, filter: { district } });
      expect(badPreview.status).toBe(400);
      expect(await butlerOf(e)).toBe(a);
      expect(await history(e)).toEqual([]);
    });

    it('is for admins only: a supervisor and a butler are refused and change nothing', async () => {
      const district = uniq('越权区');
      const a = await butler('越权甲');
      const e = await enterprise('越权企业', a, { district });
      const supervisor = await staffSession(t, Role.SUPERVISOR, dept);
      const plain = await staffSession(t, Role.BUTLER, dept);
      for (const who of [supervisor, plain]) {
        expect((await bulk({ butlerId: who.user.id, filter: { district } }, false, who)).status).toBe(403);
        expect((await t.http.get(`/api/v1/admin/enterprises/${e}/butler-history`).set(who.auth)).status).toBe(403);
        expect((await t.http.get(`/api/v1/admin/staff/${a}/workload`).set(who.auth)).status).toBe(403);
      }
      expect(await butlerOf(e)).toBe(a);
    });
  });

  describe('single assignment and history', () => {
    it('records each change in the history (newest first, paged) and tells both butlers and the members', async () => {
      const [first, second] = [await butler('首任管家'), await butler('继任管家')];
      const e = await enterprise('单个指派企业', null);
      const owner = await member(e, 'owner', 'approved');

      const assign = (butlerId: string) =>
        t.http.put(`/api/v1/admin/enterprises/${e}/butler`).set(admin.auth).send({ butlerId });
      expect((await assign(first)).status).toBe(200);
      expect((await assign(second)).status).toBe(200);
      expect((await assign(second)).status).toBe(200); // the same butler again: no change, no row, no notice

      expect(await history(e)).toEqual([
        { from_butler_id: null, to_butler_id: first, kind: 'single', changed_by: admin.user.id },
        { from_butler_id: first, to_butler_id: second, kind: 'single', changed_by: admin.user.id },
      ]);
      expect((await notices(first)).map((x) => x.title)).toEqual([
        '您开始服务「单个指派企业」',
        '「单个指派企业」已改由其他管家服务',
      ]);
      expect((await notices(second)).map((x) => x.title)).toEqual(['您开始服务「单个指派企业」']);
      expect((await notices(owner)).map((x) => x.body)).toEqual([
        expect.stringContaining('首任管家'),
        expect.stringContaining('继任管家'),
      ]);

      const page1 = await t.http.get(`/api/v1/admin/enterprises/${e}/butler-history?limit=1`).set(admin.auth);
      expect(page1.status).toBe(200);
      const p1 = page1.body as Page<ButlerChangeItem>;
      expect(p1.items).toEqual([
        {
          id: expect.any(String),
          at: expect.any(String),
          kind: 'single',
          from: { id: first, name: '首任管家' },
          to: { id: second, name: '继任管家' },
          by: { id: admin.user.id, name: '测试人员' },
        },
      ]);
      const page2 = await t.http
        .get(`/api/v1/admin/enterprises/${e}/butler-history?limit=1&cursor=${p1.nextCursor}`)
        .set(admin.auth);
      expect((page2.body as Page<ButlerChangeItem>).items.map((i) => [i.from, i.to?.id])).toEqual([[null, first]]);
      expect(page2.body.nextCursor).toBeNull();

      const unknown = await t.http.get(`/api/v1/admin/enterprises/${randomUUID()}/butler-history`).set(admin.auth);
      expect(unknown.status).toBe(404);
      // Another enterprise's history row as a cursor leads nowhere.
      const other = await enterprise('另一企业', null);
      expect(
        (await t.http.get(`/api/v1/admin/enterprises/${other}/butler-history?cursor=${p1.nextCursor}`).set(admin.auth))
          .body,
      ).toEqual({ items: [], nextCursor: null });
    });

    it('pages a history whose rows share one moment without repeating or skipping', async () => {
      const e = await enterprise('同刻企业', null);
      const b = await butler('同刻管家');
      for (let i = 0; i < 5; i++) {
        await t.ds.query(
          `INSERT INTO enterprise_butler_changes (enterprise_id, from_butler_id, to_butler_id, kind, changed_by, at)
           VALUES ($1, NULL, $2, 'bulk', $3, '2026-11-30T08:00:00Z')`,
          [e, b, admin.user.id],
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get(`/api/v1/admin/enterprises/${e}/butler-history?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(admin.auth);
        expect(res.status).toBe(200);
        seen.push(...(res.body as Page<ButlerChangeItem>).items.map((i) => i.id));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      const db = (await t.ds.query(
        `SELECT id FROM enterprise_butler_changes WHERE enterprise_id = $1 ORDER BY at DESC, id DESC`,
        [e],
      )) as Array<{ id: string }>;
      expect(seen).toEqual(db.map((r) => r.id));
      expect(new Set(seen).size).toBe(5);
    });
  });

  describe('deactivation with handover', () => {
    it('refuses without a successor, then moves enterprises and open cases so none is left on an inactive butler', async () => {
      const leaving = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept });
      await t.ds.query(`UPDATE users SET name = '离任管家' WHERE id = $1`, [leaving.id]);
      const leavingSession = await signInStaff(t, leaving.username!);
      const otherDept = (await createDepartment(t.ds)).id;
      const successor = await butler('接任管家', { departmentId: otherDept });
      const e1 = await enterprise('交接企业一', leaving.id);
      const e2 = await enterprise('交接企业二', leaving.id);
      const owner = await member(e1, 'owner', 'approved');
      const held = await insertCase(e1, 'accepted', { butlerId: leaving.id });
      const addressed = await insertCase(e2, 'submitted', { addressedButlerId: leaving.id });
      const checking = await insertCase(e2, 'pending_check', { butlerId: leaving.id });
      const resolved = await insertCase(e1, 'resolved', { butlerId: leaving.id });
      const closed = await insertCase(e1, 'closed', { butlerId: leaving.id });

      const workload = await t.http.get(`/api/v1/admin/staff/${leaving.id}/workload`).set(admin.auth);
      expect(workload.status).toBe(200);
      expect(workload.body).toEqual({ enterprises: 2, openCases: 3 } satisfies StaffWorkload);
      expect((await t.http.get(`/api/v1/admin/staff/${owner}/workload`).set(admin.auth)).status).toBe(404);

      const patch = (body: Record<string, unknown>) =>
        t.http.patch(`/api/v1/admin/staff/${leaving.id}`).set(admin.auth).send(body);

      const refused = await patch({ active: false });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'BUTLER_HANDOVER_REQUIRED',
        message: '该账号仍负责 2 家企业、3 件未办结诉求，停用前请选择接手的管家或主管',
        details: { enterprises: 2, openCases: 3 },
      });

      const inactive = await butler('停用接手');
      await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [inactive]);
      for (const successorId of [inactive, leaving.id, admin.user.id, owner, randomUUID()]) {
        const res = await patch({ active: false, successorId });
        expect(res.status).toBe(400);
        expect((res.body as ErrorBody).message).toMatch(CJK);
      }
      const self = await patch({ active: false, successorId: leaving.id });
      expect(self.body).toMatchObject({ details: [{ field: 'successorId', message: '接手人不能是被停用的本人' }] });
      // A supervisor of another department could not see the department's cases they would hold.
      const farSupervisor = await butler('外部门主管', { role: Role.SUPERVISOR, departmentId: otherDept });
      const far = await patch({ active: false, successorId: farSupervisor });
      expect(far.status).toBe(400);
      expect(far.body).toMatchObject({
        details: [
          { field: 'successorId', message: '其他部门的主管看不到本部门的诉求，请选择本部门的主管或任一在岗管家接手' },
        ],
      });
      const notDeactivating = await patch({ name: '离任管家', successorId: successor });
      expect(notDeactivating.status).toBe(400);
      expect(notDeactivating.body).toMatchObject({
        details: [{ field: 'successorId', message: '只有停用账号或改为管理员时才需要选择接手人' }],
      });

      // Nothing moved, nobody deactivated, nothing told.
      const [still] = (await t.ds.query(`SELECT active FROM users WHERE id = $1`, [leaving.id])) as Array<{
        active: boolean;
      }>;
      expect(still.active).toBe(true);
      expect(await butlerOf(e1)).toBe(leaving.id);
      expect(await notices(successor)).toEqual([]);
      expect(await auditRows('admin.staff.handed_over', leaving.id)).toEqual([]);

      const done = await patch({ active: false, successorId: successor });
      expect(done.status).toBe(200);
      expect((done.body as StaffItem).active).toBe(false);

      // No enterprise and no open case points at an inactive butler — anywhere in the database.
      const orphans = (await t.ds.query(
        `SELECT
           (SELECT count(*) FROM enterprises e JOIN users u ON u.id = e.butler_id WHERE NOT u.active)::int AS enterprises,
           (SELECT count(*) FROM cases c JOIN users u ON u.id = c.butler_id OR u.id = c.addressed_butler_id
             WHERE NOT u.active AND c.state NOT IN ('resolved', 'closed', 'rejected'))::int AS cases`,
      )) as Array<{ enterprises: number; cases: number }>;
      expect(orphans[0]).toEqual({ enterprises: 0, cases: 0 });
      expect([await butlerOf(e1), await butlerOf(e2)]).toEqual([successor, successor]);
      const cases = (await t.ds.query(
        `SELECT id, butler_id, addressed_butler_id, department_id FROM cases WHERE id = ANY($1::uuid[])`,
        [[held, addressed, checking, resolved, closed]],
      )) as Array<{ id: string; butler_id: string | null; addressed_butler_id: string | null; department_id: string }>;
      const byId = new Map(cases.map((c) => [c.id, c]));
      expect(byId.get(held)).toMatchObject({ butler_id: successor, department_id: dept });
      expect(byId.get(addressed)).toMatchObject({ butler_id: null, addressed_butler_id: successor });
      expect(byId.get(checking)).toMatchObject({ butler_id: successor });
      // Finished cases keep who handled them (the ledger's figures stay theirs).
      expect(byId.get(resolved)).toMatchObject({ butler_id: leaving.id });
      expect(byId.get(closed)).toMatchObject({ butler_id: leaving.id });

      // The enterprises' history says handover; each open case has a 指派管家 line at the end of its timeline.
      expect(await history(e1)).toEqual([
        { from_butler_id: leaving.id, to_butler_id: successor, kind: 'handover', changed_by: admin.user.id },
      ]);
      const events = (await t.ds.query(
        `SELECT case_id, seq, action, actor_kind, from_state, to_state, payload FROM case_events
         WHERE case_id = ANY($1::uuid[]) AND seq > 1 ORDER BY case_id`,
        [[held, addressed, checking, resolved, closed]],
      )) as Array<{
        case_id: string;
        seq: number;
        action: string;
        from_state: string;
        payload: Record<string, string>;
      }>;
      expect(events.map((e) => e.case_id).sort()).toEqual([held, addressed, checking].sort());
      for (const ev of events) {
        expect(ev).toMatchObject({ seq: 2, action: 'assign', actor_kind: 'admin', payload: { butlerId: successor } });
        expect(ev.payload.reason).toBe('离任管家停用，工作交接');
      }

      // The successor (another department) sees the case they now hold, with the handover in its timeline.
      const [successorUser] = (await t.ds.query(`SELECT username FROM users WHERE id = $1`, [successor])) as Array<{
        username: string;
      }>;
      const successorSession = await signInStaff(t, successorUser.username);
      const seen = await t.http.get(`/api/v1/cases/${held}`).set(successorSession.auth);
      expect(seen.status).toBe(200);
      const timeline = (seen.body as CaseDetailStaff).timeline;
      expect(timeline.at(-1)).toMatchObject({ action: 'assign', reason: '离任管家停用，工作交接' });

      // Told: the successor (enterprises, cases), the enterprise's members; audited: handover, then deactivation.
      // Both in one transaction (one moment): compared as a set.
      expect((await notices(successor)).map((x) => x.title).sort()).toEqual(
        ['您新增服务 2 家企业', '您接手了 3 件未办结诉求'].sort(),
      );
      expect((await notices(owner)).map((x) => x.body)).toEqual([expect.stringContaining('接任管家')]);
      expect(await auditRows('admin.staff.handed_over', leaving.id)).toEqual([
        {
          actor_id: admin.user.id,
          target_type: 'user',
          details: { successor: { id: successor, name: '接任管家' }, enterprises: 2, openCases: 3 },
        },
      ]);
      expect(await auditRows('admin.staff.deactivated', leaving.id)).toHaveLength(1);
      // The departing butler's sessions ended.
      expect((await t.http.get('/api/v1/me').set(leavingSession.auth)).status).toBe(401);
    });

    it('a butler made an admin hands over first, like a deactivation; one with nothing to hand over just changes', async () => {
      const leaving = await butler('升任管理员的管家');
      const successor = await butler('接手的管家');
      const held = await enterprise(uniq('湘潭升任交接企业'), leaving);
      const open = await insertCase(held, 'accepted', { butlerId: leaving });
      const patch = (body: Record<string, unknown>) =>
        t.http.patch(`/api/v1/admin/staff/${leaving}`).set(admin.auth).send(body);
      const refused = await patch({ role: 'admin' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'BUTLER_HANDOVER_REQUIRED',
        message: '该账号仍负责 1 家企业、1 件未办结诉求，改为管理员前请选择接手的管家或主管',
      });
      const [still] = (await t.ds.query(`SELECT role FROM users WHERE id = $1`, [leaving])) as Array<{ role: string }>;
      expect(still.role).toBe('butler');
      // A successor on an ordinary edit is refused.
      const stray = await patch({ name: '改名', successorId: successor });
      expect(stray.status).toBe(400);
      expect(JSON.stringify(stray.body)).toContain('只有停用账号或改为管理员时才需要选择接手人');

      const done = await patch({ role: 'admin', successorId: successor });
      expect(done.status).toBe(200);
      expect(await butlerOf(held)).toBe(successor);
      const [moved] = (await t.ds.query(`SELECT butler_id FROM cases WHERE id = $1`, [open])) as Array<{
        butler_id: string;
      }>;
      expect(moved.butler_id).toBe(successor);
      expect(await auditRows('admin.staff.handed_over', leaving)).toHaveLength(1);
      // Still active, now an admin.
      const [after] = (await t.ds.query(`SELECT role, active FROM users WHERE id = $1`, [leaving])) as Array<{
        role: string;
        active: boolean;
      }>;
      expect(after).toEqual({ role: 'admin', active: true });

      const idle = await butler('空闲的升任管家');
      expect((await t.http.patch(`/api/v1/admin/staff/${idle}`).set(admin.auth).send({ role: 'admin' })).status).toBe(
        200,
      );
      expect(await auditRows('admin.staff.handed_over', idle)).toEqual([]);
    });

    it('deactivates a butler with nothing to hand over without a successor', async () => {
      const idle = await butler('空闲管家');
      const res = await t.http.patch(`/api/v1/admin/staff/${idle}`).set(admin.auth).send({ active: false });
      expect(res.status).toBe(200);
      expect(await auditRows('admin.staff.handed_over', idle)).toEqual([]);
    });
  });

  describe('introduction', () => {
    it('is set on creation, edited, cleared, limited to 300 characters, and shown in the directory', async () => {
      const username = uniq('intro');
      const created = await t.http.post('/api/v1/admin/staff').set(admin.auth).send({
        username,
        name: '介绍管家',
        role: 'butler',
        departmentId: dept,
        password: 'Intro#Start2026',
        introduction: '  十年园区服务经验  ',
      });
      expect(created.status).toBe(201);
      const item = created.body as StaffItem;
      expect(item.introduction).toBe('十年园区服务经验');

      const edit = (introduction: unknown) =>
        t.http.patch(`/api/v1/admin/staff/${item.id}`).set(admin.auth).send({ introduction });
      const long = edit('介'.repeat(301));
      expect((await long).status).toBe(400);
      expect((await long).body).toMatchObject({
        details: [{ field: 'introduction', message: '个人介绍不能超过 300 个字符' }],
      });
      const max = await edit('介'.repeat(300));
      expect(max.status).toBe(200);
      expect((max.body as StaffItem).introduction).toHaveLength(300);
      const changed = await edit('擅长融资对接与知识产权质押');
      expect((changed.body as StaffItem).introduction).toBe('擅长融资对接与知识产权质押');
      const [audit] = (await auditRows('admin.staff.updated', item.id)).slice(-1);
      expect(audit.details).toEqual({
        changes: { introduction: { from: '介'.repeat(300), to: '擅长融资对接与知识产权质押' } },
      });

      const directory = await t.http.get(`/api/v1/butlers/${item.id}`);
      expect(directory.status).toBe(200);
      expect(directory.body.introduction).toBe('擅长融资对接与知识产权质押');

      const cleared = await edit('');
      expect((cleared.body as StaffItem).introduction).toBeNull();
      expect((await edit(null)).status).toBe(200);
      expect((await t.http.get(`/api/v1/butlers/${item.id}`)).body.introduction).toBeNull();
    });
  });

  describe('demo data', () => {
    it('gives demo butlers an introduction and demo enterprises a park only where missing, again and again', async () => {
      const bare = await createStaff(t.ds, { username: 'guanjia.rs', departmentId: dept });
      const own = await createStaff(t.ds, { username: 'guanjia.sw', departmentId: dept });
      await t.ds.query(`UPDATE users SET introduction = '管理员写的介绍' WHERE id = $1`, [own.id]);
      const [{ id: park }] = (await t.ds.query(
        `INSERT INTO enterprises (credit_code, name, on_record) VALUES ($1, '湘潭智造电机有限公司', true) RETURNING id`,
        [makeCreditCode()],
      )) as Array<{ id: string }>;
      for (let run = 0; run < 2; run++) await seedDemoButlerProfiles(t.ds.manager);
      const intro = async (id: string) =>
        ((await t.ds.query(`SELECT introduction FROM users WHERE id = $1`, [id])) as Array<{ introduction: string }>)[0]
          .introduction;
      expect(await intro(bare.id)).toBe(DEMO_INTRODUCTIONS['guanjia.rs']);
      expect(await intro(own.id)).toBe('管理员写的介绍');
      expect(await t.ds.query(`SELECT park FROM enterprises WHERE id = $1`, [park])).toEqual([
        { park: '湘潭高新区创新创业园' },
      ]);
    });
  });

  describe('paging with ties', () => {
    it("pages an enterprise's members who asked at the same moment without repeats or skips", async () => {
      const e = await enterprise('同时申请企业', null);
      const ownerUser = await signInWechat(t);
      await t.ds.query(
        `INSERT INTO enterprise_members (enterprise_id, user_id, role, status) VALUES ($1, $2, 'owner', 'approved')`,
        [e, ownerUser.user.id],
      );
      for (let i = 0; i < 3; i++) await member(e, 'member', 'pending');
      for (let i = 0; i < 3; i++) await member(e, 'member', 'approved');
      await t.ds.query(`UPDATE enterprise_members SET created_at = '2026-11-30T08:00:00Z' WHERE enterprise_id = $1`, [
        e,
      ]);

      const seen: EnterpriseMemberItem[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get(`/api/v1/me/enterprise/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(ownerUser.auth);
        expect(res.status).toBe(200);
        seen.push(...(res.body as Page<EnterpriseMemberItem>).items);
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen.map((m) => m.userId)).size).toBe(7);
      // Pending first, then the rest; the id orders members of one moment.
      expect(seen.slice(0, 3).every((m) => m.status === 'pending')).toBe(true);
      expect(seen.slice(3).every((m) => m.status === 'approved')).toBe(true);
    });

    it('pages the staff list with filters and never repeats anyone', async () => {
      const prefix = uniq('pg');
      for (let i = 0; i < 5; i++) await createStaff(t.ds, { username: `${prefix}${i}`, departmentId: dept });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get(`/api/v1/admin/staff?q=${prefix}&role=butler&active=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(admin.auth);
        expect(res.status).toBe(200);
        seen.push(...(res.body as Page<StaffItem>).items.map((s) => s.username));
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}${i}`));
    });
  });
});
