import { waitFor } from '../../../server/test/utils/wait';
import { boundOwner } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const QUESTION = 'H5旅程：向王管家咨询，个体户变更为公司后原有的食品经营许可证怎么办理变更？';

describe('journey: 管家团队 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an enterprise opens 管家团队 from the home page, filters by department, opens a butler and 向TA咨询: the case is addressed to that butler',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'butlers-h5-owner', '湘潭H5管家旅程有限公司');
      const [wang] = await j.t.ds.query(`SELECT id, department_id FROM users WHERE username = 'guanjia.sj'`);
      await devSignIn(j, 'butlers-h5-owner');
      await j.open('/pages/index/index');
      await j.current().locator('.home__tile', { hasText: '管家团队' }).click();
      await j.waitForRoute('/packages/butlers/pages/list/index');
      const list = j.current();
      // A new enterprise has no butler yet: 我的管家 says so; the directory lists the demo butlers.
      await expect(list.locator('.butlers__mine--none').innerText()).resolves.toContain('正在为贵企业安排专属管家');
      await list.locator('.butler-card').first().waitFor();
      await expect(list.locator('.butler-card').count()).resolves.toBeGreaterThan(3);

      // Narrowed to 王管家's department (the options arrive when the panel opens).
      await list.locator('.butlers__toggle').click();
      const [dept] = await j.t.ds.query(`SELECT name FROM departments WHERE id = $1`, [wang.department_id]);
      await list.locator('.butlers__chip', { hasText: dept.name }).click();
      await expect(list.locator('.butlers__summary').innerText()).resolves.toBe(dept.name);
      await list.locator(`.butler-card[data-id="${wang.id}"]`).waitFor();
      const ids = await list
        .locator('.butler-card:not(.butlers__mine-card)')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      const inDept = (await j.t.ds.query(
        `SELECT id FROM users WHERE department_id = $1 AND role = 'butler' AND active AND deleted_at IS NULL`,
        [wang.department_id],
      )) as Array<{ id: string }>;
      expect([...ids].sort()).toEqual(inDept.map((r) => r.id).sort());
      await j.audit();

      await list.locator(`.butler-card[data-id="${wang.id}"]`).click();
      await j.waitForRoute(`/packages/butlers/pages/detail/index?id=${wang.id}`);
      const detail = j.current();
      await expect(detail.locator('.butler-detail__name').innerText()).resolves.toBe('王管家');
      await expect(detail.locator('.butler-detail__figure').count()).resolves.toBe(3);
      // Not this enterprise's butler: the phone stays masked and cannot be called.
      await expect(detail.locator('.butler-detail__phone').innerText()).resolves.toContain('****');
      await expect(detail.getByText('拨打电话').count()).resolves.toBe(0);

      await detail.getByText('向TA咨询').click();
      await j.waitForRoute('/packages/cases/pages/new/index');
      const form = j.current();
      await expect(form.locator('.case-form__butler').innerText()).resolves.toContain('向 王管家 咨询');
      await form.locator('.case-form__text textarea').fill(QUESTION);
      await form.locator('.case-form__submit').click();
      await j.waitForRoute('/packages/cases/pages/detail/index');

      // Where it lands: the consultation, addressed to 王管家.
      const [kase] = await waitFor(
        'the case to be stored',
        async () => {
          const rows = await j.t.ds.query(
            'SELECT type, content, addressed_butler_id FROM cases WHERE enterprise_id = $1',
            [owner.enterpriseId],
          );
          return rows.length ? rows : null;
        },
        5000,
      );
      expect(kase).toEqual({ type: 'consult', content: QUESTION, addressed_butler_id: wang.id });
    },
    90_000,
  );

  journeyTest(
    'a visitor opening a butler is sent to sign in before 向TA咨询, and comes back to the addressed form',
    () => j,
    async () => {
      await j.freshPage();
      // Owner of an enterprise already (through the API), but signed out in this browser.
      await boundOwner(j.t, 'butlers-h5-later', '湘潭H5后登录有限公司');
      const [chen] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.rs'`);
      await j.open(`/packages/butlers/pages/detail/index?id=${chen.id}`);
      await expect(j.current().locator('.butler-detail__name').innerText()).resolves.toBe('陈管家');
      await j.current().getByText('向TA咨询').click();
      await j.waitForRoute('/packages/account/pages/login/index');
      await j.current().locator('.login__name input').fill('butlers-h5-later');
      await j.current().getByText('模拟微信登录').click();
      await j.waitForRoute('/packages/cases/pages/new/index');
      await expect(j.current().locator('.case-form__butler').innerText()).resolves.toContain('向 陈管家 咨询');
    },
  );
});
