import type { ButlerItem, Page } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInWechat,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 管家团队 (/butlers): the public directory of active butlers. Filters, keyset paging, 404 for anyone who is not
 * an active butler, the phone in full only to an approved member of an enterprise the butler serves, and the ledger
 * figures (cases and ratings written directly, so every count is known).
 */
describe('butlers: 管家团队', () => {
  let t: TestApp;
  let deptA: string;
  let deptB: string;
  let deptC: string;
  let a1: string;
  let a2: string;
  let b1: string;
  let deactivated: string;
  let deleted: string;
  let supervisor: string;
  let admin: string;
  let served: SignedIn;
  let pending: SignedIn;
  let otherMember: SignedIn;
  let n = 0;

  async function butler(dept: string, name: string, specialties: string[], phone: string | null): Promise<string> {
    const u = await createStaff(t.ds, { role: Role.BUTLER, departmentId: dept });
    await t.ds.query(`UPDATE users SET name = $2, specialties = $3, phone = $4 WHERE id = $1`, [
      u.id,
      name,
      specialties,
      phone,
    ]);
    return u.id;
  }

  async function enterprise(butlerId: string): Promise<string> {
    const [{ id }] = (await t.ds.query(
      `INSERT INTO enterprises (credit_code, name, contact_phone, butler_id) VALUES ($1, $2, '13800002222', $3) RETURNING id`,
      [makeCreditCode(), `企业${makeCreditCode().slice(-6)}`, butlerId],
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
    return user;
  }

  async function insertCase(enterpriseId: string, dept: string, butlerId: string, state: string, rating?: number[]) {
    n += 1;
    const clock = JSON.stringify({
      startedAt: '2026-09-07T02:00:00.000Z',
      limitDays: 1,
      extensionDays: 0,
      pauses: [],
      stoppedAt: null,
    });
    const [{ id }] = (await t.ds.query(
      `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, butler_id,
        resolve_limit_days, accept_clock, created_at, updated_at)
       VALUES ($1, 'consult', 'miniapp', $2, '内容', $3, $4, $5, 3, $6, now(), now()) RETURNING id`,
      [`QS20261000-${String(n).padStart(4, '0')}`, state, enterpriseId, dept, butlerId, clock],
    )) as Array<{ id: string }>;
    if (rating) {
      const [level, voided] = rating;
      await t.ds.query(
        `INSERT INTO case_ratings (case_id, level, butler_id, department_id, voided) VALUES ($1, $2, $3, $4, $5)`,
        [id, level, butlerId, dept, voided === 1],
      );
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    deptA = (await createDepartment(t.ds, '甲区营商办')).id;
    deptB = (await createDepartment(t.ds, '乙区营商办')).id;
    deptC = (await createDepartment(t.ds, '丙区营商办')).id;
    a1 = await butler(deptA, '甲一', ['融资对接', '法律咨询'], '13900001111');
    a2 = await butler(deptA, '甲二', ['法律咨询'], '13900002222');
    await t.ds.query(`UPDATE users SET introduction = $2 WHERE id = $1`, [a1, '十年企业服务经验，擅长融资对接。']);
    b1 = await butler(deptB, '乙一', ['融资对接'], '13900003333');
    deactivated = await butler(deptA, '甲停', ['融资对接'], '13900004444');
    await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [deactivated]);
    deleted = await butler(deptA, '甲删', ['融资对接'], null);
    await t.ds.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [deleted]);
    supervisor = (await staffSession(t, Role.SUPERVISOR, deptA)).entity.id;
    admin = (await staffSession(t, Role.ADMIN)).entity.id;
    // Five namesakes: the id breaks the tie, so pages neither repeat nor skip.
    for (let i = 0; i < 5; i++) await butler(deptC, '同名', [], null);

    const servedEnterprise = await enterprise(a1);
    served = await member(servedEnterprise, 'owner', 'approved');
    pending = await member(servedEnterprise, 'member', 'pending');
    otherMember = await member(await enterprise(b1), 'owner', 'approved');

    // a1's ledger: handled 4 (the case held by the content check is not), resolved 3 (resolved, closed, closed),
    // rated 2 (the voided rating is not), satisfied 1 (level 5; level 2 is not).
    await insertCase(servedEnterprise, deptA, a1, 'closed', [5, 0]);
    await insertCase(servedEnterprise, deptA, a1, 'resolved', [2, 0]);
    await insertCase(servedEnterprise, deptA, a1, 'accepted');
    await insertCase(servedEnterprise, deptA, a1, 'closed', [4, 1]);
    await insertCase(servedEnterprise, deptA, a1, 'pending_check');
    // b1: one open case rated 3 (基本满意 counts as satisfied).
    await insertCase(servedEnterprise, deptB, b1, 'accepted', [3, 0]);
  }, 60_000);
  afterAll(() => t?.close());

  const list = async (query: Record<string, string>, who?: SignedIn): Promise<Page<ButlerItem>> => {
    const req = t.http.get('/api/v1/butlers').query(query);
    const res = await (who ? req.set(who.auth) : req);
    expect(res.status).toBe(200);
    return res.body as Page<ButlerItem>;
  };
  const detail = (id: string, who?: SignedIn) => {
    const req = t.http.get(`/api/v1/butlers/${id}`);
    return who ? req.set(who.auth) : req;
  };
  const ids = (page: Page<ButlerItem>) => page.items.map((b) => b.id);

  it('filters by department and by specialty, listing only active butlers', async () => {
    expect(ids(await list({ department: deptA }))).toEqual([a1, a2]);
    expect(ids(await list({ department: deptA, specialty: '融资对接' }))).toEqual([a1]);
    const financing = ids(await list({ specialty: '融资对接', limit: '50' }));
    expect(financing).toEqual(expect.arrayContaining([a1, b1]));
    expect(financing).not.toContain(a2);
    expect(ids(await list({ specialty: '融资' }))).toEqual([]);
    const everyone = ids(await list({ limit: '50' }));
    for (const hidden of [deactivated, deleted, supervisor, admin]) expect(everyone).not.toContain(hidden);
  });

  it('shows the directory fields and the ledger figures', async () => {
    const [first, second] = (await list({ department: deptA })).items;
    expect(first).toEqual({
      id: a1,
      name: '甲一',
      photo: null,
      department: { id: deptA, name: '甲区营商办' },
      specialties: ['融资对接', '法律咨询'],
      introduction: '十年企业服务经验，擅长融资对接。',
      phone: '139****1111',
      casesHandled: 4,
      casesResolved: 3,
      satisfactionRate: 0.5,
    });
    expect(second).toMatchObject({
      id: a2,
      introduction: null,
      casesHandled: 0,
      casesResolved: 0,
      satisfactionRate: null,
    });
    const b = (await detail(b1)).body as ButlerItem;
    expect(b).toMatchObject({ casesHandled: 1, casesResolved: 0, satisfactionRate: 1 });
    expect((await detail(a1)).body).toEqual(first);
  });

  it('pages by keyset without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<ButlerItem> = await list({ department: deptC, limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toHaveLength(5);
  });

  it('refuses a page over 50 and a bad filter with 400', async () => {
    expect((await t.http.get('/api/v1/butlers').query({ limit: '51' })).status).toBe(400);
    expect((await t.http.get('/api/v1/butlers').query({ limit: '50' })).status).toBe(200);
    expect((await t.http.get('/api/v1/butlers').query({ department: 'x' })).status).toBe(400);
    expect((await t.http.get('/api/v1/butlers').query({ cursor: 'garbage!' })).status).toBe(400);
  });

  it('masks the phone except to an approved member of an enterprise the butler serves', async () => {
    const phoneOf = async (who: SignedIn | undefined, id: string) => {
      const res = await detail(id, who);
      expect(res.status).toBe(200);
      const inList = (await list({ department: deptA }, who)).items.find((b) => b.id === id);
      if (inList) expect(inList.phone).toBe((res.body as ButlerItem).phone);
      return (res.body as ButlerItem).phone;
    };
    expect(await phoneOf(undefined, a1)).toBe('139****1111');
    expect(await phoneOf(pending, a1)).toBe('139****1111');
    expect(await phoneOf(otherMember, a1)).toBe('139****1111');
    expect(await phoneOf(served, a1)).toBe('13900001111');
    // Only the butler of their own enterprise.
    expect(await phoneOf(served, a2)).toBe('139****2222');
    expect(await phoneOf(otherMember, b1)).toBe('13900003333');
  });

  it('answers 404 for an unknown id, a non-butler and a deactivated or deleted butler', async () => {
    for (const id of [
      deactivated,
      deleted,
      supervisor,
      admin,
      served.user.id,
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await detail(id);
      expect(res.status).toBe(404);
    }
    expect((await detail('not-a-uuid')).status).toBe(400);
  });
});
