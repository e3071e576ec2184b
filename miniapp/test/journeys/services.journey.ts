import { boundOwner } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const PACKAGE = '知识产权质押融资';
const NOTE = '希望本月内安排银行对接';

/**
 * 惠企服务 on H5: an enterprise that qualifies opens the catalogue, reads a package, applies with a note and lands on
 * its case — a `service` case in the provider department with the package's time limit. A visitor is sent to sign in.
 */
describe('journey: 惠企服务 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    `an enterprise applies for 「${PACKAGE}」 and sees its case`,
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'services-h5-owner', '湘潭服务H5旅程科技有限公司');
      await j.t.ds.query(`UPDATE enterprises SET qualifications = '{高新技术企业}' WHERE id = $1`, [
        owner.enterpriseId,
      ]);
      const [pkg] = (await j.t.ds.query(
        `SELECT id, time_limit_days, department_id FROM service_packages WHERE name = $1`,
        [PACKAGE],
      )) as Array<{ id: string; time_limit_days: number; department_id: string }>;

      // A visitor reads the package and is asked to sign in first.
      await j.open(`/packages/services/pages/detail/index?id=${pkg.id}`);
      await j.current().getByText('登录后申请').click();
      await j.waitForRoute('/packages/account/pages/login/index');

      await j.freshPage();
      await devSignIn(j, 'services-h5-owner');
      await j.open('/packages/services/pages/list/index');
      const list = j.current();
      await list.locator(`.service-card[data-id="${pkg.id}"]`).click();
      await j.waitForRoute('/packages/services/pages/detail/index');
      const detail = j.current();
      await detail.getByText('本企业符合申请条件').waitFor();
      await detail.getByText('符合：高新技术企业').waitFor();
      await j.audit();
      await detail.getByText('立即申请').click();
      await detail.locator('.service-detail__note textarea').fill(NOTE);
      await detail.locator('.service-detail__submit').click();
      await j.waitForRoute('/packages/cases/pages/detail/index');

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
      expect(row).toMatchObject({
        type: 'service',
        department_id: pkg.department_id,
        resolve_limit_days: pkg.time_limit_days,
      });
      expect(row.content).toContain(`补充说明：${NOTE}`);
      const casePage = j.current();
      await casePage.getByText(row.number).first().waitFor();
      await casePage.getByText(`申请惠企服务「${PACKAGE}」`, { exact: false }).first().waitFor();
      expect(new URL(j.page.url()).hash).toContain(`id=${row.id}`);
    },
  );
});
