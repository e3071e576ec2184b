import {
  boundOwner,
  demoStaff,
  expectRoute,
  signInWechat,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

const LIST = 'packages/services/pages/list/index';
const DETAIL = 'packages/services/pages/detail/index';
const CASE = 'packages/cases/pages/detail/index';
const PACKAGE = '知识产权质押融资';
const NOTE = '希望本月内安排银行对接';

/**
 * 惠企服务 on the weapp build: an enterprise that qualifies opens the catalogue, reads a package (what it meets),
 * applies with a note and lands on its case; the case is a `service` case in the provider department (市场监管)
 * with the package's time limit, and that department's butler has it in the queue. Each page opens cold.
 */
describe('weapp journey: 惠企服务', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    `an enterprise applies for 「${PACKAGE}」 and sees its case`,
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'services-weapp-owner', '湘潭服务旅程科技有限公司');
      await j.t.ds.query(`UPDATE enterprises SET qualifications = '{高新技术企业}' WHERE id = $1`, [
        owner.enterpriseId,
      ]);
      const [pkg] = (await j.t.ds.query(
        `SELECT p.id, p.time_limit_days, p.department_id FROM service_packages p WHERE p.name = $1`,
        [PACKAGE],
      )) as Array<{ id: string; time_limit_days: number; department_id: string }>;

      let app = await j.launch();
      await signInWechat(app, 'services-weapp-owner');
      const storage = { 'qsgj.session': app.storage('qsgj.session') };
      app = await j.launch({ path: LIST, storage });
      expectRoute(app, LIST);
      await app.tap(app.byText(PACKAGE));
      expectRoute(app, DETAIL);
      expect(app.query).toEqual({ id: pkg.id });
      expect(app.has('本企业符合申请条件')).toBe(true);
      expect(app.has('符合：高新技术企业')).toBe(true);

      await app.tap('立即申请');
      expect(app.has('核对申请信息')).toBe(true);
      await app.input(app.byClass('service-detail__note'), NOTE);
      await app.tap('确认申请');
      expectRoute(app, CASE);
      const [row] = (await j.t.ds.query(
        `SELECT id, number, type, department_id, resolve_limit_days, content FROM cases WHERE service_package_id = $1`,
        [pkg.id],
      )) as Array<{
        id: string;
        number: string;
        type: string;
        department_id: string;
        resolve_limit_days: number;
        content: string;
      }>;
      expect(app.query).toEqual({ id: row.id });
      expect(row).toMatchObject({
        type: 'service',
        department_id: pkg.department_id,
        resolve_limit_days: pkg.time_limit_days,
      });
      expect(row.content).toContain(`补充说明：${NOTE}`);
      expect(app.has(row.number)).toBe(true);
      expect(app.has(`申请惠企服务「${PACKAGE}」`)).toBe(true);
      expect(app.toasts.at(-1)?.title).toBe(`已提交申请，编号 ${row.number}`);

      // The provider department's butler (市场监管) has it in the queue.
      const butler = await demoStaff(j.t, 'guanjia.sj');
      const queue = await j.t.http.get('/api/v1/cases?limit=100').set(butler.auth);
      expect((queue.body.items as Array<{ id: string }>).map((c) => c.id)).toContain(row.id);
    },
  );

  weappTest(
    'a visitor is sent to sign in from 立即申请; each page opens cold within the budgets',
    () => j,
    async () => {
      const [pkg] = (await j.t.ds.query(`SELECT id FROM service_packages WHERE name = $1`, [PACKAGE])) as Array<{
        id: string;
      }>;
      let app = await j.launch({ path: DETAIL, query: { id: pkg.id } });
      await app.tap('登录后申请');
      expectRoute(app, 'packages/account/pages/login/index');

      const cases: Array<{ path: string; query?: Record<string, string>; text: string }> = [
        { path: LIST, text: PACKAGE },
        { path: DETAIL, query: { id: pkg.id }, text: '所需材料' },
        { path: DETAIL, query: { id: '00000000-0000-4000-8000-000000000000' }, text: '服务不存在或已下架' },
      ];
      for (const c of cases) {
        app = await j.launch({ path: c.path, query: c.query ?? {} });
        expectRoute(app, c.path);
        expect(app.has(c.text)).toBe(true);
        const visit = app.visits.find((v) => v.route === c.path)!;
        expect(visit.firstMeaningfulRender).toBeDefined();
        expect(visit.firstMeaningfulRender!.requests.length).toBeLessThanOrEqual(2);
      }
    },
  );
});
