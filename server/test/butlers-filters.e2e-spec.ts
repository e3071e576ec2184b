import type { ButlerFilterOptions } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { createDepartment, createStaff, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * `GET /butlers/filters`: what the 管家团队 page can filter by, taken from the listed butlers themselves — a
 * department only while it has an active butler, a specialty only while one names it, each with how many; and every
 * option narrows `GET /butlers` to exactly that many.
 */
describe('butlers: the directory filters', () => {
  let t: TestApp;
  let deptA: string;
  let deptB: string;
  let deptEmpty: string;

  async function butler(dept: string, specialties: string[], role: Role = Role.BUTLER): Promise<string> {
    const u = await createStaff(t.ds, { role, departmentId: dept });
    await t.ds.query(`UPDATE users SET specialties = $2 WHERE id = $1`, [u.id, specialties]);
    return u.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    deptA = (await createDepartment(t.ds, '乙区行政审批局')).id;
    deptB = (await createDepartment(t.ds, '甲区税务局')).id;
    deptEmpty = (await createDepartment(t.ds, '丙区无管家局')).id;
    await butler(deptA, ['融资对接', '法律咨询']);
    await butler(deptA, ['法律咨询']);
    await butler(deptB, ['法律咨询', '']);
    // Not listed in the directory, so not counted: a deactivated and a deleted butler, a supervisor, an admin.
    const off = await butler(deptEmpty, ['停用专长']);
    await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [off]);
    const gone = await butler(deptEmpty, ['删除专长']);
    await t.ds.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [gone]);
    await butler(deptEmpty, ['主管专长'], Role.SUPERVISOR);
    await staffSession(t, Role.ADMIN);
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the departments with a listed butler (by name) and the specialties they name (most common first)', async () => {
    const res = await t.http.get('/api/v1/butlers/filters');
    expect(res.status).toBe(200);
    const body = res.body as ButlerFilterOptions;
    expect(body.departments).toEqual([
      { id: deptA, name: '乙区行政审批局', count: 2 },
      { id: deptB, name: '甲区税务局', count: 1 },
    ]);
    expect(body.specialties).toEqual([
      { name: '法律咨询', count: 3 },
      { name: '融资对接', count: 1 },
    ]);
  });

  it('each option narrows the directory to exactly the butlers it counts', async () => {
    const body = (await t.http.get('/api/v1/butlers/filters')).body as ButlerFilterOptions;
    for (const d of body.departments) {
      const page = await t.http.get('/api/v1/butlers').query({ department: d.id, limit: 50 });
      expect(page.body.items).toHaveLength(d.count);
    }
    for (const s of body.specialties) {
      const page = await t.http.get('/api/v1/butlers').query({ specialty: s.name, limit: 50 });
      expect(page.body.items).toHaveLength(s.count);
    }
  });
});
