import { randomUUID } from 'node:crypto';
import type {
  MarketEnterpriseCard,
  MarketPostCard,
  MarketPostDetail,
  MarketReportItem,
  NotificationPage,
  Page,
} from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import type { SignedIn } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import type { WeappRuntime } from '../weapp-runtime';
import {
  boundOwner,
  DEMO_PASSWORD,
  demoStaff,
  expectRoute,
  signInStaff,
  signInWechat,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

const REPORTS_PAGE = 'packages/workbench/pages/market-reports/index';
const LISTING_PAGE = 'packages/market/pages/listing/index';

/** A post published through the API (it passes the content check: on the board at once). */
async function postByApi(t: TestApp, who: SignedIn, title: string): Promise<MarketPostDetail> {
  const res = await t.http
    .post('/api/v1/market/posts')
    .set(who.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ kind: 'demand', category: '物流运输', district: '岳塘区', title, description: `${title}，长期合作。` });
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body.status).toBe('active');
  return res.body as MarketPostDetail;
}

async function boardIds(t: TestApp, q: string): Promise<string[]> {
  const res = await t.http.get(`/api/v1/market/posts?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (res.body as Page<MarketPostCard>).items.map((p) => p.id);
}

/** The owner's view of the post and the notices about it. */
async function ownerSees(t: TestApp, owner: SignedIn, postId: string) {
  const detail = await t.http.get(`/api/v1/market/posts/${postId}`).set(owner.auth);
  const inbox = await t.http.get('/api/v1/notifications').set(owner.auth);
  const notices = (inbox.body as NotificationPage).items.filter((n) => n.link === `${PAGES.marketPost}?id=${postId}`);
  return { post: detail.body as MarketPostDetail, notices };
}

/** The row of `className` whose text holds `text` (found afresh: the tree is a snapshot). */
function rowOf(app: WeappRuntime, className: string, text: string) {
  const row = app.allByClass(className).find((n) => app.text(n).includes(text));
  if (!row) throw new Error(`no .${className} with ${text}\n${app.render()}`);
  return row;
}

describe('weapp journey: 商圈管理 and 企业名录', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    '周主管 takes a reported post down with a note from 商圈管理; the owner is told why; 供需巡查 takes another down',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'mkt-weapp-owner', '湘潭商圈小程序物流有限公司');
      const reporter = await boundOwner(j.t, 'mkt-weapp-reporter', '湘潭商圈小程序举报有限公司');
      const title = '小程序测试 求冷链专线运输';
      const post = await postByApi(j.t, owner, title);
      const report = await j.t.http
        .post(`/api/v1/market/posts/${post.id}/reports`)
        .set(reporter.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ reason: '小程序测试：疑似虚假需求' });
      expect(report.status).toBe(201);

      const app = await j.launch();
      await signInStaff(app, 'zhuguan', DEMO_PASSWORD);
      expectRoute(app, 'packages/workbench/pages/index/index');
      await app.tap(app.byClass('wb-queue__link--market'));
      expectRoute(app, REPORTS_PAGE);
      const row = () => rowOf(app, 'wb-market__report', title);
      expect(app.text(app.byClass('wb-market__source', row()))).toBe('用户举报');
      expect(app.text(app.byClass('wb-market__reason', row()))).toBe('举报理由：小程序测试：疑似虚假需求');
      const note = '需求信息不实，予以下架';
      await app.input(app.byClass('wb-market__note', row()), note);
      await app.tap(app.byClass('wb-market__takedown', row()));
      expect(app.text(app.byClass('wb-market__confirm-text', row()))).toContain(`确定下架「${title}」吗`);
      await app.tap(app.byClass('wb-market__confirm-ok', row()));
      expect(app.text(app.byClass('wb-market__status', row()))).toBe('已下架');
      expect(app.text(app.byClass('wb-market__result-note', row()))).toBe(`处理意见：${note}`);

      expect(await boardIds(j.t, '冷链专线')).toEqual([]);
      let seen = await ownerSees(j.t, owner, post.id);
      expect(seen.post.status).toBe('taken_down');
      expect(seen.post.takedownReason).toBe(note);
      expect(seen.notices.map((n) => n.title)).toEqual(['您发布的信息已被下架']);
      expect(seen.notices[0].body).toContain(note);
      const zhuguan = await demoStaff(j.t, 'zhuguan');
      const decided = await j.t.http.get('/api/v1/staff/market/reports?status=decided').set(zhuguan.auth);
      expect(
        (decided.body as Page<MarketReportItem>).items.filter((r) => r.post.id === post.id).map((r) => r.status),
      ).toEqual(['upheld']);

      // 供需巡查: search the board, 下架 with a reason.
      const other = await postByApi(j.t, owner, '小程序测试 求危废转运车辆');
      await app.tap(app.byClass('wb-market__tab--patrol'));
      await app.input(app.byClass('wb-market__search-input'), '危废转运');
      await app.tap(app.byClass('wb-market__search-submit'));
      expect(app.allByClass('wb-market__patrol-row')).toHaveLength(1);
      const patrolRow = () => rowOf(app, 'wb-market__patrol-row', '危废转运');
      await app.tap(app.byClass('wb-market__takedown', patrolRow()));
      const reason = '无危废经营资质，暂停展示';
      await app.input(app.byClass('wb-market__reason-input', patrolRow()), reason);
      await app.tap(app.byClass('wb-market__takedown-confirm', patrolRow()));
      expect(app.text(app.byClass('wb-market__result-note', patrolRow()))).toBe(`下架理由：${reason}`);
      expect(await boardIds(j.t, '危废转运')).toEqual([]);
      seen = await ownerSees(j.t, owner, other.id);
      expect(seen.post.takedownReason).toBe(reason);
      expect(seen.notices.map((n) => n.title)).toEqual(['您发布的信息已被下架']);
      app.assertClean();
    },
    90_000,
  );

  weappTest(
    'a butler has no 商圈管理 link, and the page shows the server’s refusal',
    () => j,
    async () => {
      const app = await j.launch();
      await signInStaff(app, 'guanjia', DEMO_PASSWORD);
      expectRoute(app, 'packages/workbench/pages/index/index');
      expect(app.allByClass('wb-queue__link--faq')).toHaveLength(1);
      expect(app.allByClass('wb-queue__link--market')).toHaveLength(0);
      await app.reLaunch(`/${REPORTS_PAGE}`);
      expect(app.has('无法使用商圈管理')).toBe(true);
      expect(app.text(app.byClass('wb-market__refused-reason'))).toBe('您没有权限执行此操作');
      const asked = app.requests.filter((r) => r.path.startsWith('/api/v1/staff/market/reports'));
      expect(asked.map((r) => r.status)).toEqual([403]);
      await app.tap(app.byClass('wb-market__back'));
      expectRoute(app, 'packages/workbench/pages/index/index');
      app.assertClean();
    },
  );

  weappTest(
    'an owner joins the directory on 企业名录入驻, is found by name, then leaves and is gone',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'mkt-weapp-lister', '湘潭名录小程序制造有限公司');
      const found = async () => {
        const res = await j.t.http.get(`/api/v1/market/enterprises?q=${encodeURIComponent('名录小程序')}`);
        return (res.body as Page<MarketEnterpriseCard>).items.map((e) => e.id);
      };
      const app = await j.launch();
      await signInWechat(app, 'mkt-weapp-lister');
      await app.reLaunch(`/${LISTING_PAGE}`);
      expect(app.text(app.byClass('market-listing__state'))).toBe('尚未加入企业名录');
      expect(app.has('名录中从不显示联系人和电话')).toBe(true);
      await app.input(
        app.byClass('market-listing__text', app.byClass('market-listing__introduction')),
        '精密冲压件制造',
      );
      await app.input(app.byClass('market-listing__text', app.byClass('market-listing__products')), '汽车支架、五金件');
      expect(app.text(app.byClass('market-listing__count', app.byClass('market-listing__products')))).toBe('8/300');
      await app.tap(app.byClass('market-listing__join'));
      expect(app.text(app.byClass('market-listing__state'))).toBe('已在企业名录中展示');
      expect(await found()).toEqual([owner.enterpriseId]);

      await app.tap(app.byClass('market-listing__leave'));
      expect(app.has('立即从企业名录中移除')).toBe(true);
      await app.tap(app.byClass('market-listing__leave-confirm'));
      expect(app.text(app.byClass('market-listing__state'))).toBe('已退出企业名录，当前不展示');
      expect(await found()).toEqual([]);
      app.assertClean();
    },
  );
});
