import { randomUUID } from 'node:crypto';
import type { AdminEnterpriseItem, DepartmentItem, Page, StaffItem } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { ErrorBody } from '@qsgj/shared/errors';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInStaff,
  signInWechat,
  STAFF_PASSWORD,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const CJK = /[\u4e00-\u9fff]/;
const NEW_PASSWORD = 'Fresh#Start2026';

type Method = 'get' | 'post' | 'patch' | 'put';

interface AdminRoute {
  method: Method;
  /** As registered (what the access.denied row records). */
  route: string;
  path: string;
  body?: Record<string, unknown>;
}

const SOME_ID = randomUUID();

/** Every admin route. A test below proves this list matches the OpenAPI document. */
const ADMIN_ROUTES: AdminRoute[] = [
  { method: 'get', route: '/api/v1/admin/departments', path: '/api/v1/admin/departments' },
  {
    method: 'post',
    route: '/api/v1/admin/departments',
    path: '/api/v1/admin/departments',
    body: { name: '越权新建的部门' },
  },
  {
    method: 'patch',
    route: '/api/v1/admin/departments/:id',
    path: `/api/v1/admin/departments/${SOME_ID}`,
    body: { name: '越权改名' },
  },
  { method: 'get', route: '/api/v1/admin/staff', path: '/api/v1/admin/staff' },
  {
    method: 'post',
    route: '/api/v1/admin/staff',
    path: '/api/v1/admin/staff',
    body: { username: 'intruder', name: '越权', role: 'admin', password: 'Intruder#2026' },
  },
  {
    method: 'patch',
    route: '/api/v1/admin/staff/:id',
    path: `/api/v1/admin/staff/${SOME_ID}`,
    body: { active: false },
  },
  { method: 'get', route: '/api/v1/admin/enterprises', path: '/api/v1/admin/enterprises' },
  {
    method: 'put',
    route: '/api/v1/admin/enterprises/:id/butler',
    path: `/api/v1/admin/enterprises/${SOME_ID}/butler`,
    body: { butlerId: SOME_ID },
  },
  {
    method: 'post',
    route: '/api/v1/admin/enterprises/butler-assignments',
    path: '/api/v1/admin/enterprises/butler-assignments',
    body: { butlerId: SOME_ID, filter: { district: '岳塘区' } },
  },
  {
    method: 'get',
    route: '/api/v1/admin/enterprises/:id/butler-history',
    path: `/api/v1/admin/enterprises/${SOME_ID}/butler-history`,
  },
  { method: 'get', route: '/api/v1/admin/staff/:id/workload', path: `/api/v1/admin/staff/${SOME_ID}/workload` },
  { method: 'get', route: '/api/v1/admin/audit', path: '/api/v1/admin/audit' },
  { method: 'get', route: '/api/v1/admin/calendar/:year', path: '/api/v1/admin/calendar/2026' },
  {
    method: 'put',
    route: '/api/v1/admin/calendar/:year',
    path: '/api/v1/admin/calendar/2027',
    body: { holidays: ['2027-01-01'], workdays: [] },
  },
  { method: 'get', route: '/api/v1/admin/dictionaries/:kind', path: '/api/v1/admin/dictionaries/industries' },
  {
    method: 'post',
    route: '/api/v1/admin/dictionaries/:kind',
    path: '/api/v1/admin/dictionaries/industries',
    body: { value: '越权新增的行业' },
  },
  {
    method: 'patch',
    route: '/api/v1/admin/dictionaries/:kind/:id',
    path: '/api/v1/admin/dictionaries/industries/1',
    body: { value: '越权改名' },
  },
  { method: 'get', route: '/api/v1/admin/policies', path: '/api/v1/admin/policies' },
  {
    method: 'post',
    route: '/api/v1/admin/policies',
    path: '/api/v1/admin/policies',
    body: {
      title: '越权新建的政策',
      docNumber: '越权〔2026〕1号',
      issuer: '越权',
      level: 'city',
      categories: ['人才'],
    },
  },
  { method: 'post', route: '/api/v1/admin/policies/import', path: '/api/v1/admin/policies/import', body: { rows: [] } },
  { method: 'get', route: '/api/v1/admin/policies/:id', path: `/api/v1/admin/policies/${SOME_ID}` },
  {
    method: 'patch',
    route: '/api/v1/admin/policies/:id',
    path: `/api/v1/admin/policies/${SOME_ID}`,
    body: { title: '越权改名' },
  },
  { method: 'post', route: '/api/v1/admin/policies/:id/publish', path: `/api/v1/admin/policies/${SOME_ID}/publish` },
  { method: 'post', route: '/api/v1/admin/policies/:id/withdraw', path: `/api/v1/admin/policies/${SOME_ID}/withdraw` },
  { method: 'get', route: '/api/v1/admin/policies/:id/audience', path: `/api/v1/admin/policies/${SOME_ID}/audience` },
  { method: 'get', route: '/api/v1/admin/pushes/:id', path: `/api/v1/admin/pushes/${SOME_ID}` },
  { method: 'get', route: '/api/v1/admin/news', path: '/api/v1/admin/news' },
  { method: 'post', route: '/api/v1/admin/news', path: '/api/v1/admin/news', body: { title: '越权新建的文章' } },
  { method: 'get', route: '/api/v1/admin/news/:id', path: `/api/v1/admin/news/${SOME_ID}` },
  {
    method: 'patch',
    route: '/api/v1/admin/news/:id',
    path: `/api/v1/admin/news/${SOME_ID}`,
    body: { title: '越权改名' },
  },
  { method: 'post', route: '/api/v1/admin/news/:id/publish', path: `/api/v1/admin/news/${SOME_ID}/publish` },
  { method: 'post', route: '/api/v1/admin/news/:id/withdraw', path: `/api/v1/admin/news/${SOME_ID}/withdraw` },
  { method: 'get', route: '/api/v1/admin/service-packages', path: '/api/v1/admin/service-packages' },
  {
    method: 'post',
    route: '/api/v1/admin/service-packages',
    path: '/api/v1/admin/service-packages',
    body: { name: '越权新建的服务', departmentId: SOME_ID, description: '越权', timeLimitDays: 5 },
  },
  { method: 'get', route: '/api/v1/admin/service-packages/:id', path: `/api/v1/admin/service-packages/${SOME_ID}` },
  {
    method: 'patch',
    route: '/api/v1/admin/service-packages/:id',
    path: `/api/v1/admin/service-packages/${SOME_ID}`,
    body: { name: '越权改名' },
  },
  {
    method: 'post',
    route: '/api/v1/admin/service-packages/:id/retire',
    path: `/api/v1/admin/service-packages/${SOME_ID}/retire`,
  },
  { method: 'get', route: '/api/v1/admin/events', path: '/api/v1/admin/events' },
  { method: 'post', route: '/api/v1/admin/events', path: '/api/v1/admin/events', body: { title: '越权新建的活动' } },
  { method: 'get', route: '/api/v1/admin/events/:id', path: `/api/v1/admin/events/${SOME_ID}` },
  {
    method: 'patch',
    route: '/api/v1/admin/events/:id',
    path: `/api/v1/admin/events/${SOME_ID}`,
    body: { capacity: 1 },
  },
  { method: 'post', route: '/api/v1/admin/events/:id/publish', path: `/api/v1/admin/events/${SOME_ID}/publish` },
  {
    method: 'post',
    route: '/api/v1/admin/events/:id/cancel',
    path: `/api/v1/admin/events/${SOME_ID}/cancel`,
    body: { reason: '越权取消' },
  },
];

describe('admin API', () => {
  let t: TestApp;
  let admin: SignedIn & { entity: UserEntity };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
  }, 60_000);
  afterAll(() => t?.close());

  function call(method: Method, path: string, who?: SignedIn, body?: Record<string, unknown>) {
    const req = t.http[method](path);
    if (who) req.set(who.auth);
    return body ? req.send(body) : req;
  }

  async function userRow(id: string): Promise<UserEntity> {
    return t.ds.getRepository(UserEntity).findOneOrFail({ where: { id } });
  }

  async function insertEnterprise(name: string, butlerId: string | null = null): Promise<EnterpriseEntity> {
    return t.ds
      .getRepository(EnterpriseEntity)
      .save({ creditCode: makeCreditCode(), name, district: '岳塘区', butlerId, qualifications: [] });
  }

  describe('access', () => {
    it('lists every admin route in the table', async () => {
      const doc = await t.http.get('/api/docs/json');
      const paths = doc.body.paths as Record<string, Record<string, unknown>>;
      const documented = Object.entries(paths)
        .filter(([path]) => path.startsWith('/api/v1/admin'))
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
        .sort();
      expect(ADMIN_ROUTES.map((r) => `${r.method} ${r.route}`).sort()).toEqual(documented);
    });

    it('refuses every admin route to enterprise users, butlers and supervisors, auditing each refusal', async () => {
      const callers: Array<[string, SignedIn & { id: string }]> = [];
      const enterprise = await signInWechat(t);
      callers.push(['enterprise', { ...enterprise, id: enterprise.user.id }]);
      for (const role of [Role.BUTLER, Role.SUPERVISOR]) {
        const s = await staffSession(t, role);
        callers.push([role, { ...s, id: s.entity.id }]);
      }
      const usersBefore = await t.ds.getRepository(UserEntity).count();
      for (const [role, who] of callers) {
        for (const r of ADMIN_ROUTES) {
          const res = await call(r.method, r.path, who, r.body);
          const label = `${role} ${r.method.toUpperCase()} ${r.route}`;
          expect({ label, status: res.status, code: (res.body as ErrorBody).code }).toEqual({
            label,
            status: 403,
            code: 'FORBIDDEN',
          });
          expect((res.body as ErrorBody).message).toBe('您没有权限执行此操作');
        }
        const denied: Array<{ method: string; route: string; actor_role: string; outcome: string }> = await t.ds.query(
          `SELECT details->>'method' AS method, details->>'route' AS route, actor_role, outcome
             FROM audit_log WHERE action = 'access.denied' AND actor_id = $1 ORDER BY id`,
          [who.id],
        );
        expect(denied).toEqual(
          ADMIN_ROUTES.map((r) => ({
            method: r.method.toUpperCase(),
            route: r.route,
            actor_role: role,
            outcome: 'denied',
          })),
        );
      }
      // Nothing the refused calls asked for happened.
      expect(await t.ds.getRepository(UserEntity).count()).toBe(usersBefore);
      const [{ n }]: Array<{ n: number }> = await t.ds.query(
        `SELECT count(*)::int AS n FROM departments WHERE name = '越权新建的部门'`,
      );
      expect(n).toBe(0);
    });

    it('answers 401 on every admin route without a token', async () => {
      for (const r of ADMIN_ROUTES) {
        const res = await call(r.method, r.path, undefined, r.body);
        expect({ route: `${r.method} ${r.route}`, status: res.status, code: (res.body as ErrorBody).code }).toEqual({
          route: `${r.method} ${r.route}`,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect((res.body as ErrorBody).message).toBe('请先登录');
      }
    });

    it('answers 400 with a Chinese message when a path id is not a UUID', async () => {
      for (const [method, path, body] of [
        ['patch', '/api/v1/admin/departments/123', { name: '某部门' }],
        ['patch', '/api/v1/admin/staff/not-a-uuid', { active: false }],
        ['put', "/api/v1/admin/enterprises/1'%20OR%201=1/butler", { butlerId: SOME_ID }],
      ] as Array<[Method, string, Record<string, unknown>]>) {
        const res = await call(method, path, admin, body);
        expect(res.status).toBe(400);
        const error = res.body as ErrorBody;
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).toMatch(CJK);
        expect(error.details).toEqual([{ field: 'id', message: error.message }]);
        expect(error.requestId).toEqual(expect.any(String));
      }
    });
  });

  describe('departments', () => {
    it('creates, lists with staff counts, refuses a duplicate name and renames', async () => {
      const created = await call('post', '/api/v1/admin/departments', admin, {
        name: '  市商务局 ',
        shortName: '商务',
      });
      expect(created.status).toBe(201);
      const dept = created.body as DepartmentItem;
      expect(dept).toEqual({ id: expect.any(String), name: '市商务局', shortName: '商务', staffCount: 0 });
      const [row]: Array<{ name: string; short_name: string }> = await t.ds.query(
        'SELECT name, short_name FROM departments WHERE id = $1',
        [dept.id],
      );
      expect(row).toEqual({ name: '市商务局', short_name: '商务' });

      await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id });
      await createStaff(t.ds, { role: Role.SUPERVISOR, departmentId: dept.id });
      const gone = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id });
      await t.ds.getRepository(UserEntity).update({ id: gone.id }, { active: false });

      const list = await call('get', '/api/v1/admin/departments', admin);
      expect(list.status).toBe(200);
      const items = list.body as DepartmentItem[];
      expect(items.find((d) => d.id === dept.id)).toEqual({ ...dept, staffCount: 2 });
      const names = items.map((d) => d.name);
      expect([...names].sort()).toEqual(names.slice().sort());

      const duplicate = await call('post', '/api/v1/admin/departments', admin, { name: '市商务局' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'DEPARTMENT_NAME_TAKEN', message: '已存在同名部门' });
      const [{ n }]: Array<{ n: number }> = await t.ds.query(
        `SELECT count(*)::int AS n FROM departments WHERE name = '市商务局'`,
      );
      expect(n).toBe(1);

      const renamed = await call('patch', `/api/v1/admin/departments/${dept.id}`, admin, {
        name: '市商务和粮食局',
        shortName: null,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ id: dept.id, name: '市商务和粮食局', shortName: null, staffCount: 2 });
      const [after]: Array<{ name: string; short_name: string | null }> = await t.ds.query(
        'SELECT name, short_name FROM departments WHERE id = $1',
        [dept.id],
      );
      expect(after).toEqual({ name: '市商务和粮食局', short_name: null });

      const other = await createDepartment(t.ds, '市财政局');
      const clash = await call('patch', `/api/v1/admin/departments/${other.id}`, admin, { name: '市商务和粮食局' });
      expect(clash.status).toBe(409);
      expect((clash.body as ErrorBody).code).toBe('DEPARTMENT_NAME_TAKEN');
      expect((await t.ds.query('SELECT name FROM departments WHERE id = $1', [other.id]))[0].name).toBe('市财政局');
    });

    it('refuses an empty name and an unknown department in Chinese', async () => {
      const empty = await call('post', '/api/v1/admin/departments', admin, { name: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'name', message: '请输入部门名称' }],
      });
      const missing = await call('patch', `/api/v1/admin/departments/${randomUUID()}`, admin, { name: '不存在' });
      expect(missing.status).toBe(404);
      expect((missing.body as ErrorBody).code).toBe('NOT_FOUND');
    });
  });

  describe('staff accounts', () => {
    it('refuses a weak password with Chinese details, and creates nothing', async () => {
      const dept = await createDepartment(t.ds);
      const res = await call('post', '/api/v1/admin/staff', admin, {
        username: 'weakling',
        name: '弱密码',
        role: 'butler',
        departmentId: dept.id,
        password: 'weakling1',
      });
      expect(res.status).toBe(400);
      const error = res.body as ErrorBody;
      expect(error.code).toBe('PASSWORD_TOO_WEAK');
      expect(error.details).toEqual([
        { field: 'password', message: '须包含大写字母、小写字母、数字、符号中的至少三类' },
        { field: 'password', message: '不能包含用户名' },
      ]);
      expect(await t.ds.getRepository(UserEntity).countBy({ username: 'weakling' })).toBe(0);
    });

    it('needs a department that exists for butlers and supervisors', async () => {
      const base = { name: '无部门', password: STAFF_PASSWORD };
      const none = await call('post', '/api/v1/admin/staff', admin, {
        ...base,
        username: 'nodept',
        role: 'supervisor',
      });
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({ code: 'DEPARTMENT_REQUIRED', message: '管家和主管必须属于一个部门' });
      const unknown = await call('post', '/api/v1/admin/staff', admin, {
        ...base,
        username: 'ghostdept',
        role: 'butler',
        departmentId: randomUUID(),
      });
      expect(unknown.status).toBe(404);
      expect(await t.ds.getRepository(UserEntity).countBy({ username: 'ghostdept' })).toBe(0);
    });

    it('creates an account that must change its password at first sign-in', async () => {
      const res = await call('post', '/api/v1/admin/staff', admin, {
        username: 'Zhang.Admin',
        name: '张管理',
        role: 'admin',
        password: STAFF_PASSWORD,
        phone: '13912348888',
      });
      expect(res.status).toBe(201);
      const item = res.body as StaffItem;
      expect(item).toEqual({
        id: expect.any(String),
        username: 'zhang.admin',
        name: '张管理',
        role: 'admin',
        department: null,
        specialties: [],
        introduction: null,
        phone: '139****8888',
        active: true,
        locked: false,
        mustChangePassword: true,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|Staff#2026x/);
      const row = await userRow(item.id);
      expect(row).toMatchObject({
        username: 'zhang.admin',
        role: 'admin',
        mustChangePassword: true,
        active: true,
        phone: '13912348888',
      });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);

      const taken = await call('post', '/api/v1/admin/staff', admin, {
        username: 'ZHANG.admin',
        name: '重名',
        role: 'admin',
        password: STAFF_PASSWORD,
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ code: 'USERNAME_TAKEN', message: '该用户名已被使用' });

      // First sign-in: allowed, flagged; only the password change and /me are open until it is done.
      const first = await signInStaff(t, 'zhang.admin');
      expect(first.user.mustChangePassword).toBe(true);
      expect((await call('get', '/api/v1/me', first)).status).toBe(200);
      const blocked = await call('get', '/api/v1/admin/departments', first);
      expect(blocked.status).toBe(403);
      expect(blocked.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录请先修改密码' });
      const changed = await call('post', '/api/v1/auth/password', first, {
        currentPassword: STAFF_PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(changed.status).toBe(204);
      expect((await userRow(item.id)).mustChangePassword).toBe(false);

      const again = await signInStaff(t, 'zhang.admin', NEW_PASSWORD);
      expect(again.user.mustChangePassword).toBe(false);
      expect((await call('get', '/api/v1/admin/departments', again)).status).toBe(200);
    });

    it('lists staff only, masked, never the hash, with filters', async () => {
      const dept = await createDepartment(t.ds, '市税务局');
      const butler = await createStaff(t.ds, {
        role: Role.BUTLER,
        username: 'listed.butler',
        departmentId: dept.id,
        phone: '13812345678',
      });
      const retired = await createStaff(t.ds, {
        role: Role.BUTLER,
        username: 'listed.retired',
        departmentId: dept.id,
        phone: '13700001111',
      });
      await t.ds.getRepository(UserEntity).update({ id: retired.id }, { active: false });
      const wechat = await signInWechat(t);
      await t.ds.getRepository(UserEntity).update({ id: wechat.user.id }, { phone: '13600002222' });

      const all = await call('get', '/api/v1/admin/staff', admin);
      expect(all.status).toBe(200);
      const items = (all.body as Page<StaffItem>).items;
      expect(items.map((s) => s.id)).not.toContain(wechat.user.id);
      expect(items.find((s) => s.id === butler.id)).toMatchObject({
        username: 'listed.butler',
        role: 'butler',
        department: { id: dept.id, name: '市税务局' },
        phone: '138****5678',
        active: true,
      });
      for (const s of items) if (s.phone) expect(s.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      const text = JSON.stringify(all.body);
      expect(text).not.toMatch(/argon2|passwordHash|13812345678|13700001111/);

      const names = (res: { body: unknown }) => (res.body as Page<StaffItem>).items.map((s) => s.username);
      const inDept = await call('get', `/api/v1/admin/staff?departmentId=${dept.id}&active=true`, admin);
      expect(names(inDept)).toEqual(['listed.butler']);
      const inactive = await call('get', `/api/v1/admin/staff?departmentId=${dept.id}&active=false`, admin);
      expect(names(inactive)).toEqual(['listed.retired']);
      const byQ = await call('get', '/api/v1/admin/staff?q=LISTED.&role=butler', admin);
      expect(names(byQ)).toEqual(['listed.butler', 'listed.retired']);
      const admins = await call('get', '/api/v1/admin/staff?role=admin', admin);
      expect((admins.body as Page<StaffItem>).items.every((s) => s.role === 'admin')).toBe(true);
      const percent = await call('get', '/api/v1/admin/staff?q=%25', admin);
      expect(percent.body).toEqual({ items: [], nextCursor: null });
      const bad = await call('get', '/api/v1/admin/staff?active=yes&role=enterprise', admin);
      expect(bad.status).toBe(400);
      expect((bad.body as ErrorBody).details).toEqual(
        expect.arrayContaining([
          { field: 'role', message: '角色只能是管家、主管或管理员' },
          { field: 'active', message: '在岗状态只能是 true 或 false' },
        ]),
      );
    });

    it('pages the staff list by username, stable while accounts are added', async () => {
      const dept = await createDepartment(t.ds);
      for (const u of ['paged.b', 'paged.d', 'paged.f']) {
        await createStaff(t.ds, { role: Role.BUTLER, username: u, departmentId: dept.id });
      }
      const page = async (cursor: string | null) => {
        const res = await call(
          'get',
          `/api/v1/admin/staff?q=paged.&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          admin,
        );
        expect(res.status).toBe(200);
        return res.body as Page<StaffItem>;
      };
      const first = await page(null);
      expect(first.items.map((s) => s.username)).toEqual(['paged.b']);
      expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      // Added before and after the cursor: the one before never shows, the one after does, nothing repeats.
      await createStaff(t.ds, { role: Role.BUTLER, username: 'paged.a', departmentId: dept.id });
      await createStaff(t.ds, { role: Role.BUTLER, username: 'paged.e', departmentId: dept.id });
      const rest: string[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await page(cursor);
        rest.push(...next.items.map((s) => s.username));
        cursor = next.nextCursor;
      }
      expect(rest).toEqual(['paged.d', 'paged.e', 'paged.f']);
      const forged = await call(
        'get',
        `/api/v1/admin/staff?cursor=${Buffer.from('["x",1]').toString('base64url')}`,
        admin,
      );
      expect(forged.status).toBe(400);
      expect(forged.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'cursor', message: '游标格式错误' }],
      });
    });

    it('deactivates (never deletes): sessions end, sign-in is refused, the row stays', async () => {
      const butler = await staffSession(t, Role.BUTLER);
      expect((await call('get', '/api/v1/me', butler)).status).toBe(200);

      const res = await call('patch', `/api/v1/admin/staff/${butler.entity.id}`, admin, { active: false });
      expect(res.status).toBe(200);
      expect((res.body as StaffItem).active).toBe(false);

      const stale = await call('get', '/api/v1/me', butler);
      expect([401, 403]).toContain(stale.status);
      const signIn = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: butler.entity.username, password: STAFF_PASSWORD });
      expect(signIn.status).toBe(403);
      expect(signIn.body).toMatchObject({ code: 'STAFF_INACTIVE', message: '账号已停用，请联系管理员' });

      const row = await userRow(butler.entity.id);
      expect(row.active).toBe(false);
      expect(row.deletedAt).toBeNull();
      const open: Array<{ n: number }> = await t.ds.query(
        'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
        [butler.entity.id],
      );
      expect(open[0].n).toBe(0);

      const back = await call('patch', `/api/v1/admin/staff/${butler.entity.id}`, admin, { active: true });
      expect((back.body as StaffItem).active).toBe(true);
      expect((await signInStaff(t, butler.entity.username!)).user.id).toBe(butler.entity.id);
    });

    it('does not let an admin deactivate or re-role themself', async () => {
      const self = await call('patch', `/api/v1/admin/staff/${admin.entity.id}`, admin, { active: false });
      expect(self.status).toBe(400);
      expect(self.body).toMatchObject({ code: 'CANNOT_DEACTIVATE_SELF', message: '不能停用自己的账号' });
      const role = await call('patch', `/api/v1/admin/staff/${admin.entity.id}`, admin, {
        role: 'butler',
        departmentId: (await createDepartment(t.ds)).id,
      });
      expect(role.status).toBe(400);
      expect((role.body as ErrorBody).code).toBe('CANNOT_CHANGE_OWN_ROLE');
      expect(await userRow(admin.entity.id)).toMatchObject({ active: true, role: 'admin', departmentId: null });
      expect((await call('get', '/api/v1/me', admin)).status).toBe(200);
    });

    it('edits name, role, department and specialties; keeps butlers in a department', async () => {
      const [a, b] = [await createDepartment(t.ds), await createDepartment(t.ds)];
      const staff = await createStaff(t.ds, { role: Role.BUTLER, departmentId: a.id });
      const res = await call('patch', `/api/v1/admin/staff/${staff.id}`, admin, {
        name: '新名字',
        role: 'supervisor',
        departmentId: b.id,
        specialties: ['融资对接', '用地报批'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: '新名字',
        role: 'supervisor',
        department: { id: b.id, name: b.name },
        specialties: ['融资对接', '用地报批'],
      });
      expect(await userRow(staff.id)).toMatchObject({
        name: '新名字',
        role: 'supervisor',
        departmentId: b.id,
        specialties: ['融资对接', '用地报批'],
      });

      const orphan = await call('patch', `/api/v1/admin/staff/${staff.id}`, admin, { departmentId: null });
      expect(orphan.status).toBe(400);
      expect((orphan.body as ErrorBody).code).toBe('DEPARTMENT_REQUIRED');
      const nulled = await call('patch', `/api/v1/admin/staff/${staff.id}`, admin, { name: null, active: null });
      expect(nulled.status).toBe(400);
      expect((nulled.body as ErrorBody).details).toEqual(
        expect.arrayContaining([
          { field: 'name', message: '姓名必须是文本' },
          { field: 'active', message: '在岗状态必须是布尔值' },
        ]),
      );
      expect((await userRow(staff.id)).name).toBe('新名字');
    });

    it('answers 404 for an enterprise user or an unknown id', async () => {
      const wechat = await signInWechat(t);
      for (const id of [wechat.user.id, randomUUID()]) {
        const res = await call('patch', `/api/v1/admin/staff/${id}`, admin, { name: '冒充' });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' });
      }
      expect((await userRow(wechat.user.id)).name).toBeNull();
    });

    it('resets a password: policy-checked, must be changed, sessions end', async () => {
      const butler = await staffSession(t, Role.BUTLER);
      const weak = await call('patch', `/api/v1/admin/staff/${butler.entity.id}`, admin, { resetPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({
        code: 'PASSWORD_TOO_WEAK',
        details: expect.arrayContaining([{ field: 'resetPassword', message: '密码至少 8 位' }]),
      });

      const res = await call('patch', `/api/v1/admin/staff/${butler.entity.id}`, admin, {
        resetPassword: 'Temp#Reset2026',
      });
      expect(res.status).toBe(200);
      expect((res.body as StaffItem).mustChangePassword).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain('Temp#Reset2026');
      expect((await call('get', '/api/v1/me', butler)).status).toBe(401);

      const old = await t.http
        .post('/api/v1/auth/staff')
        .send({ username: butler.entity.username, password: STAFF_PASSWORD });
      expect(old.status).toBe(401);
      const fresh = await signInStaff(t, butler.entity.username!, 'Temp#Reset2026');
      expect(fresh.user.mustChangePassword).toBe(true);
      expect((await userRow(butler.entity.id)).mustChangePassword).toBe(true);
    });

    it('unlocks an account locked by wrong passwords', async () => {
      const staff = await createStaff(t.ds, { role: Role.BUTLER, departmentId: (await createDepartment(t.ds)).id });
      const attempt = (password: string) =>
        t.http.post('/api/v1/auth/staff').send({ username: staff.username, password });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt('Wrong#Pass123')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 423]);
      const sixth = await attempt(STAFF_PASSWORD);
      expect(sixth.status).toBe(423);
      expect((sixth.body as ErrorBody).code).toBe('STAFF_LOCKED');
      expect((await userRow(staff.id)).lockedUntil).not.toBeNull();

      const listed = await call('get', `/api/v1/admin/staff?q=${staff.username}`, admin);
      expect((listed.body as Page<StaffItem>).items[0]).toMatchObject({ id: staff.id, locked: true });

      const res = await call('patch', `/api/v1/admin/staff/${staff.id}`, admin, { unlock: true });
      expect(res.status).toBe(200);
      expect((res.body as StaffItem).locked).toBe(false);
      expect(await userRow(staff.id)).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
      expect((await attempt(STAFF_PASSWORD)).status).toBe(200);
    });
  });

  describe('enterprises and butlers', () => {
    it('assigns an active butler; refuses others; enterprise users cannot', async () => {
      const dept = await createDepartment(t.ds);
      const first = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id });
      const second = await createStaff(t.ds, { role: Role.SUPERVISOR, departmentId: dept.id });
      await t.ds.getRepository(UserEntity).update({ id: second.id }, { name: '周主管' });
      const enterprise = await insertEnterprise('湘潭指派测试有限公司', first.id);

      const res = await call('put', `/api/v1/admin/enterprises/${enterprise.id}/butler`, admin, {
        butlerId: second.id,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: enterprise.id,
        creditCode: enterprise.creditCode,
        name: '湘潭指派测试有限公司',
        district: '岳塘区',
        park: null,
        butler: { id: second.id, name: '周主管' },
      } satisfies AdminEnterpriseItem);
      const [row]: Array<{ butler_id: string }> = await t.ds.query('SELECT butler_id FROM enterprises WHERE id = $1', [
        enterprise.id,
      ]);
      expect(row.butler_id).toBe(second.id);

      const inactive = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept.id });
      await t.ds.getRepository(UserEntity).update({ id: inactive.id }, { active: false });
      const wechat = await signInWechat(t);
      for (const butlerId of [admin.entity.id, inactive.id, wechat.user.id, randomUUID()]) {
        const refused = await call('put', `/api/v1/admin/enterprises/${enterprise.id}/butler`, admin, { butlerId });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'BUTLER_REQUIRED', message: '只能指派在岗的管家或主管' });
      }
      const missing = await call('put', `/api/v1/admin/enterprises/${randomUUID()}/butler`, admin, {
        butlerId: first.id,
      });
      expect(missing.status).toBe(404);

      const byEnterprise = await call('put', `/api/v1/admin/enterprises/${enterprise.id}/butler`, wechat, {
        butlerId: first.id,
      });
      expect(byEnterprise.status).toBe(403);
      const [still]: Array<{ butler_id: string }> = await t.ds.query(
        'SELECT butler_id FROM enterprises WHERE id = $1',
        [enterprise.id],
      );
      expect(still.butler_id).toBe(second.id);

      const badBody = await call('put', `/api/v1/admin/enterprises/${enterprise.id}/butler`, admin, {
        butlerId: 'nobody',
      });
      expect(badBody.status).toBe(400);
      expect(badBody.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'butlerId', message: '管家编号格式错误' }],
      });
    });

    it('lists enterprises by name, searchable, keyset-paged', async () => {
      const butler = await createStaff(t.ds, { role: Role.BUTLER, departmentId: (await createDepartment(t.ds)).id });
      await t.ds.getRepository(UserEntity).update({ id: butler.id }, { name: '分页管家' });
      const names = ['分页企业甲', '分页企业乙', '分页企业丙', '分页企业丁', '分页企业戊'];
      const made = [];
      for (const name of names) made.push(await insertEnterprise(name, name === '分页企业甲' ? butler.id : null));

      const seen: AdminEnterpriseItem[] = [];
      let cursor: string | number | null = null;
      let pages = 0;
      do {
        const res = await call(
          'get',
          `/api/v1/admin/enterprises?q=${encodeURIComponent('分页企业')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          admin,
        );
        expect(res.status).toBe(200);
        const page = res.body as Page<AdminEnterpriseItem>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.map((e) => e.id).sort()).toEqual(made.map((e) => e.id).sort());
      const db: Array<{ id: string }> = await t.ds.query(
        `SELECT id FROM enterprises WHERE name LIKE '分页企业%' ORDER BY name, id`,
      );
      expect(seen.map((e) => e.id)).toEqual(db.map((r) => r.id));
      expect(seen.find((e) => e.name === '分页企业甲')?.butler).toEqual({ id: butler.id, name: '分页管家' });

      const byCode = await call('get', `/api/v1/admin/enterprises?q=${made[2].creditCode.toLowerCase()}`, admin);
      expect((byCode.body as Page<AdminEnterpriseItem>).items.map((e) => e.id)).toEqual([made[2].id]);
      const bad = await call('get', '/api/v1/admin/enterprises?cursor=bogus', admin);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '游标格式错误' });
      const tooMany = await call('get', '/api/v1/admin/enterprises?limit=101', admin);
      expect(tooMany.status).toBe(400);
      expect((tooMany.body as ErrorBody).details).toEqual([{ field: 'limit', message: '每页最多 100 条' }]);
    });
  });
});
