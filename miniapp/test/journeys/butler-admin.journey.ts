import { makeCreditCode } from '../../../server/test/utils/factories';
import { boundOwner, DEMO_PASSWORD } from '../weapp-journeys/harness';
import { type Journey, journeyTest, staffSignIn, startJourney } from './harness';

/*
 * 管家团队, the admin's side in H5: 企业分配 — every enterprise of 雨湖区 to 赵管家 in one bulk assignment, previewed
 * with its counts and confirmed; then 管家管理 — 赵管家 deactivated, the counts shown first and 陈管家 chosen to take
 * over. Afterwards no enterprise and no open case points at an inactive butler, and everyone concerned was told.
 */
const DISTRICT = '雨湖区';

describe('journey: 企业分配 and 管家管理 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an admin bulk-reassigns the enterprises of a district, then deactivates that butler with a successor',
    () => j,
    async () => {
      // Two more enterprises of 雨湖区, one with an approved owner who will hear of the change.
      const owner = await boundOwner(j.t, 'butler-admin-h5-owner', '湘潭H5管家分配旅程有限公司');
      const [wang] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.sj'`);
      await j.t.ds.query(`UPDATE enterprises SET district = $1, butler_id = $2 WHERE id = $3`, [
        DISTRICT,
        wang.id,
        owner.enterpriseId,
      ]);
      await j.t.ds.query(
        `INSERT INTO enterprises (credit_code, name, district, butler_id) VALUES ($1, '湘潭H5雨湖另一企业有限公司', $2, $3)`,
        [makeCreditCode(), DISTRICT, wang.id],
      );
      const [zhao] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.zy'`);
      const [chen] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.rs'`);
      const [{ n: matched }] = await j.t.ds.query(`SELECT count(*)::int AS n FROM enterprises WHERE district = $1`, [
        DISTRICT,
      ]);
      const [{ n: already }] = await j.t.ds.query(
        `SELECT count(*)::int AS n FROM enterprises WHERE district = $1 AND butler_id = $2`,
        [DISTRICT, zhao.id],
      );
      expect(matched).toBeGreaterThanOrEqual(3);

      // ── 工作台 → 企业分配 → 批量分配: 雨湖区 → 赵管家, previewed, confirmed ──
      await staffSignIn(j, 'admin', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__admin-link--assignments').click();
      await j.waitForRoute('/packages/workbench/pages/assignments/index');
      const page = j.current();
      await page.locator('.wb-assign__row', { hasText: '湘潭H5管家分配旅程有限公司' }).waitFor();
      await page.locator('.wb-assign__bulk-head').click();
      await page.locator('.wb-assign__bulk-district [role="radio"]', { hasText: DISTRICT }).click();
      await page.locator('.wb-assign__bulk-to [role="radio"]', { hasText: '赵管家' }).click();
      await page.locator('.wb-assign__preview').click();
      await page.locator('.wb-assign__confirm-text').waitFor();
      await expect(page.locator('.wb-assign__confirm-text').innerText()).resolves.toBe(
        `符合条件的企业 ${matched} 家，其中 ${matched - already} 家将改由赵管家服务（${already} 家已由其服务）。将通知相关管家和企业。`,
      );
      await j.audit();
      // Previewed: nothing written yet.
      const [{ n: before }] = await j.t.ds.query(`SELECT count(*)::int AS n FROM enterprise_butler_changes`);
      expect(before).toBe(0);
      await page.locator('.wb-assign__confirm-go').click();
      await page.locator('.wb-assign__result').waitFor();
      await expect(page.locator('.wb-assign__result').innerText()).resolves.toBe(
        `已完成：匹配 ${matched} 家，变更 ${matched - already} 家，未变 ${already} 家。`,
      );
      await page
        .locator('.wb-assign__row', { hasText: '湘潭H5管家分配旅程有限公司' })
        .getByText('管家：赵管家')
        .waitFor();

      const served = await j.t.ds.query(`SELECT butler_id FROM enterprises WHERE district = $1`, [DISTRICT]);
      expect(served.every((e: { butler_id: string }) => e.butler_id === zhao.id)).toBe(true);
      const [{ n: bulkRows }] = await j.t.ds.query(
        `SELECT count(*)::int AS n FROM enterprise_butler_changes WHERE kind = 'bulk' AND to_butler_id = $1`,
        [zhao.id],
      );
      expect(bulkRows).toBe(matched - already);
      const told = await j.t.ds.query(`SELECT title FROM notifications WHERE user_id = $1`, [zhao.id]);
      expect(told).toEqual([{ title: `您新增服务 ${matched - already} 家企业` }]);
      const ownerTold = await j.t.ds.query(`SELECT body FROM notifications WHERE user_id = $1 AND title = $2`, [
        owner.user.id,
        '您企业的亲商管家已变更',
      ]);
      expect(ownerTold).toEqual([{ body: expect.stringContaining('赵管家') }]);

      // ── 管家管理: 赵管家 → 停用 → the counts, then 陈管家 takes over ──
      const [workload] = await j.t.ds.query(
        `SELECT (SELECT count(*) FROM enterprises WHERE butler_id = $1)::int AS enterprises,
           (SELECT count(*) FROM cases WHERE (butler_id = $1 OR addressed_butler_id = $1)
             AND state NOT IN ('resolved', 'closed', 'rejected'))::int AS cases`,
        [zhao.id],
      );
      await j.open('/packages/workbench/pages/staff/index');
      const staff = j.current();
      await staff.locator('.wb-staff__row', { hasText: '赵管家' }).locator('.wb-staff__row-main').click();
      await staff.locator('.wb-staff__deactivate-start').click();
      await staff.locator('.wb-staff__deactivate .wb-staff__workload').waitFor();
      await expect(staff.locator('.wb-staff__deactivate .wb-staff__workload').innerText()).resolves.toContain(
        `该账号仍负责 ${workload.enterprises} 家企业、${workload.cases} 件未办结诉求`,
      );
      await staff.locator('.wb-staff__successor [role="radio"]', { hasText: '陈管家' }).click();
      await j.audit();
      await staff.locator('.wb-staff__deactivate-confirm').click();
      await staff.locator('.wb-staff__row', { hasText: '赵管家' }).waitFor({ state: 'detached' });

      const [gone] = await j.t.ds.query(`SELECT active FROM users WHERE id = $1`, [zhao.id]);
      expect(gone.active).toBe(false);
      const [orphans] = await j.t.ds.query(
        `SELECT
           (SELECT count(*) FROM enterprises e JOIN users u ON u.id = e.butler_id WHERE NOT u.active)::int AS enterprises,
           (SELECT count(*) FROM cases c JOIN users u ON u.id = c.butler_id OR u.id = c.addressed_butler_id
             WHERE NOT u.active AND c.state NOT IN ('resolved', 'closed', 'rejected'))::int AS cases`,
      );
      expect(orphans).toEqual({ enterprises: 0, cases: 0 });
      const moved = await j.t.ds.query(`SELECT butler_id FROM enterprises WHERE district = $1`, [DISTRICT]);
      expect(moved.every((e: { butler_id: string }) => e.butler_id === chen.id)).toBe(true);
      const audit = await j.t.ds.query(
        `SELECT action FROM audit_log WHERE target_id = $1 AND action IN ('admin.staff.handed_over', 'admin.staff.deactivated') ORDER BY id`,
        [zhao.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'admin.staff.handed_over',
        'admin.staff.deactivated',
      ]);
      const chenTold = await j.t.ds.query(`SELECT title FROM notifications WHERE user_id = $1 ORDER BY created_at`, [
        chen.id,
      ]);
      // One notice for the enterprises (and one for the cases, when there were any), in one transaction.
      expect(chenTold.map((n: { title: string }) => n.title)).toContain(`您新增服务 ${workload.enterprises} 家企业`);
      expect(chenTold).toHaveLength(workload.cases > 0 ? 2 : 1);
    },
    120_000,
  );
});
