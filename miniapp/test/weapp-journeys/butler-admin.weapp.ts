import { makeCreditCode } from '../../../server/test/utils/factories';
import {
  boundOwner,
  DEMO_PASSWORD,
  expectRoute,
  signInStaff,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

/*
 * 管家团队, the admin's side on the real weapp build: 企业分配 — every enterprise of 岳塘区 to 黄管家 in one bulk
 * assignment (previewed, confirmed, the counts shown); 管家管理 — 黄管家 deactivated, the counts first, 刘管家
 * chosen to take over. No enterprise and no open case is left on an inactive butler.
 */
const DISTRICT = '岳塘区';

describe('weapp journey: 企业分配 and 管家管理', () => {
  let j: WeappJourney;

  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'an admin bulk-reassigns the enterprises of a district, then deactivates that butler with a successor',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'butler-admin-weapp-owner', '湘潭小程序管家分配旅程有限公司');
      const [wang] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.sj'`);
      await j.t.ds.query(`UPDATE enterprises SET district = $1, butler_id = $2 WHERE id = $3`, [
        DISTRICT,
        wang.id,
        owner.enterpriseId,
      ]);
      await j.t.ds.query(
        `INSERT INTO enterprises (credit_code, name, district, butler_id) VALUES ($1, '湘潭小程序岳塘另一企业有限公司', $2, NULL)`,
        [makeCreditCode(), DISTRICT],
      );
      const [huang] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.jk'`);
      const [liu] = await j.t.ds.query(`SELECT id FROM users WHERE username = 'guanjia.sw'`);
      const [{ n: matched }] = await j.t.ds.query(`SELECT count(*)::int AS n FROM enterprises WHERE district = $1`, [
        DISTRICT,
      ]);
      const [{ n: already }] = await j.t.ds.query(
        `SELECT count(*)::int AS n FROM enterprises WHERE district = $1 AND butler_id = $2`,
        [DISTRICT, huang.id],
      );

      // ── 工作台 → 企业分配 → 批量分配 ──
      const admin = await j.launch();
      await signInStaff(admin, 'admin', DEMO_PASSWORD);
      expectRoute(admin, 'packages/workbench/pages/index/index');
      await admin.tap('企业分配');
      expectRoute(admin, 'packages/workbench/pages/assignments/index');
      await admin.waitFor(() => admin.has('湘潭小程序管家分配旅程有限公司'), { what: 'the enterprise list' });
      await admin.tap(admin.byClass('wb-assign__bulk-head'));
      await admin.tap(admin.byText(DISTRICT, { within: admin.byClass('wb-assign__bulk-district') }));
      await admin.waitFor(() => admin.allByClass('wb-assign__bulk-to').length === 1 && admin.has(/黄管家（/), {
        what: 'who can serve',
      });
      await admin.tap(admin.byText(/^黄管家（/, { within: admin.byClass('wb-assign__bulk-to') }));
      await admin.tap(admin.byClass('wb-assign__preview'));
      await admin.waitFor(() => admin.allByClass('wb-assign__confirm-text').length === 1, { what: 'the preview' });
      expect(admin.text(admin.byClass('wb-assign__confirm-text'))).toBe(
        `符合条件的企业 ${matched} 家，其中 ${matched - already} 家将改由黄管家服务（${already} 家已由其服务）。将通知相关管家和企业。`,
      );
      const [{ n: before }] = await j.t.ds.query(`SELECT count(*)::int AS n FROM enterprise_butler_changes`);
      expect(before).toBe(0);
      await admin.tap(admin.byClass('wb-assign__confirm-go'));
      await admin.waitFor(() => admin.allByClass('wb-assign__result').length === 1, { what: 'the result' });
      expect(admin.text(admin.byClass('wb-assign__result'))).toBe(
        `已完成：匹配 ${matched} 家，变更 ${matched - already} 家，未变 ${already} 家。`,
      );
      const served = await j.t.ds.query(`SELECT butler_id FROM enterprises WHERE district = $1`, [DISTRICT]);
      expect(served.every((e: { butler_id: string }) => e.butler_id === huang.id)).toBe(true);
      expect(await j.t.ds.query(`SELECT title FROM notifications WHERE user_id = $1`, [huang.id])).toEqual([
        { title: `您新增服务 ${matched - already} 家企业` },
      ]);
      expect(
        await j.t.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title = $2`, [
          owner.user.id,
          '您企业的亲商管家已变更',
        ]),
      ).toEqual([{ n: 1 }]);

      // ── 工作台 → 管家管理 → 黄管家 → 停用 → 刘管家 接手 ──
      const [workload] = await j.t.ds.query(
        `SELECT (SELECT count(*) FROM enterprises WHERE butler_id = $1)::int AS enterprises,
           (SELECT count(*) FROM cases WHERE (butler_id = $1 OR addressed_butler_id = $1)
             AND state NOT IN ('resolved', 'closed', 'rejected'))::int AS cases`,
        [huang.id],
      );
      await admin.back();
      expectRoute(admin, 'packages/workbench/pages/index/index');
      await admin.tap('管家管理');
      expectRoute(admin, 'packages/workbench/pages/staff/index');
      await admin.waitFor(() => admin.has('黄管家'), { what: 'the staff list' });
      await admin.tap(admin.byText('黄管家'));
      await admin.tap(admin.byClass('wb-staff__deactivate-start'));
      await admin.waitFor(() => admin.has(/该账号仍负责/), { what: 'the counts' });
      expect(admin.has(`该账号仍负责 ${workload.enterprises} 家企业、${workload.cases} 件未办结诉求`)).toBe(true);
      await admin.waitFor(() => admin.has(/刘管家（/), { what: 'the successors' });
      await admin.tap(admin.byText(/^刘管家（/, { within: admin.byClass('wb-staff__successor') }));
      await admin.tap(admin.byClass('wb-staff__deactivate-confirm'));
      await admin.waitFor(() => !admin.has('黄管家'), { what: 'the deactivated butler to leave the list' });

      const [orphans] = await j.t.ds.query(
        `SELECT
           (SELECT count(*) FROM enterprises e JOIN users u ON u.id = e.butler_id WHERE NOT u.active)::int AS enterprises,
           (SELECT count(*) FROM cases c JOIN users u ON u.id = c.butler_id OR u.id = c.addressed_butler_id
             WHERE NOT u.active AND c.state NOT IN ('resolved', 'closed', 'rejected'))::int AS cases`,
      );
      expect(orphans).toEqual({ enterprises: 0, cases: 0 });
      const moved = await j.t.ds.query(`SELECT butler_id FROM enterprises WHERE district = $1`, [DISTRICT]);
      expect(moved.every((e: { butler_id: string }) => e.butler_id === liu.id)).toBe(true);
      const audit = await j.t.ds.query(
        `SELECT action FROM audit_log WHERE target_id = $1 AND action IN ('admin.staff.handed_over', 'admin.staff.deactivated') ORDER BY id`,
        [huang.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'admin.staff.handed_over',
        'admin.staff.deactivated',
      ]);
    },
    120_000,
  );
});
