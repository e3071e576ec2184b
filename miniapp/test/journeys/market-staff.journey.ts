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
import { boundOwner, DEMO_PASSWORD, demoStaff } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, staffSignIn, startJourney } from './harness';

const REPORTS_PAGE = '/packages/workbench/pages/market-reports/index';
const LISTING_PAGE = '/packages/market/pages/listing/index';

/** A post published through the API (it passes the content check: on the board at once). */
async function postByApi(t: TestApp, who: SignedIn, title: string, kind: 'supply' | 'demand' = 'supply') {
  const res = await t.http
    .post('/api/v1/market/posts')
    .set(who.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ kind, category: '包装印刷', district: '雨湖区', title, description: `${title}，量大从优，长期合作。` });
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  const post = res.body as MarketPostDetail;
  expect(post.status).toBe('active');
  return post;
}

async function reportByApi(t: TestApp, who: SignedIn, postId: string, reason: string) {
  const res = await t.http
    .post(`/api/v1/market/posts/${postId}/reports`)
    .set(who.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ reason });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The ids on the board (`GET /api/v1/market/posts`), as a visitor sees it. */
async function boardIds(t: TestApp, q: string): Promise<string[]> {
  const res = await t.http.get(`/api/v1/market/posts?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (res.body as Page<MarketPostCard>).items.map((p) => p.id);
}

/** What the post's owner reads of it, and of the notice they were sent. */
async function ownerSees(t: TestApp, owner: SignedIn, postId: string) {
  const detail = await t.http.get(`/api/v1/market/posts/${postId}`).set(owner.auth);
  expect(detail.status).toBe(200);
  const inbox = await t.http.get('/api/v1/notifications').set(owner.auth);
  expect(inbox.status).toBe(200);
  const notices = (inbox.body as NotificationPage).items.filter((n) => n.link === `${PAGES.marketPost}?id=${postId}`);
  return { post: detail.body as MarketPostDetail, notices };
}

/** Audits the page once no toast shows (a toast caught mid-fade is not the page's contrast). */
async function auditSettled(j: Journey): Promise<void> {
  await j.page.waitForFunction(
    () => !Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).some((e) => e.checkVisibility()),
    undefined,
    { timeout: 5_000 },
  );
  await j.audit();
}

describe('journey: 商圈管理 and 企业名录 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    '周主管 opens 商圈管理 from the workbench, takes a reported post down with a note; the owner is told why',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'mkt-h5-owner', '湘潭商圈旅程供应有限公司');
      const reporter = await boundOwner(j.t, 'mkt-h5-reporter', '湘潭商圈旅程举报有限公司');
      const title = '旅程测试 供应环保瓦楞纸箱';
      const post = await postByApi(j.t, owner, title);
      await reportByApi(j.t, reporter, post.id, '旅程测试：图片与描述不符');
      expect(await boardIds(j.t, '环保瓦楞纸箱')).toEqual([post.id]);

      await j.freshPage();
      await staffSignIn(j, 'zhuguan', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__link--market').click();
      await j.waitForRoute(REPORTS_PAGE);
      const page = j.current();
      const row = page.locator('.wb-market__report', { hasText: title });
      await row.waitFor();
      await expect(row.locator('.wb-market__source').innerText()).resolves.toBe('用户举报');
      await expect(row.locator('.wb-market__status').innerText()).resolves.toBe('待处理');
      await expect(row.locator('.wb-market__reason').innerText()).resolves.toBe('举报理由：旅程测试：图片与描述不符');
      await expect(row.locator('.wb-market__meta').innerText()).resolves.toContain('湘潭商圈旅程供应有限公司');

      // A note is required before anything is sent; then 下架 asks to confirm.
      await row.locator('.wb-market__takedown').click();
      await row.locator('.wb-market__note-error', { hasText: '请填写处理意见' }).waitFor();
      const note = '图片与描述不符，予以下架';
      await row.locator('.wb-market__note textarea').fill(note);
      await row.locator('.wb-market__takedown').click();
      await row.locator('.wb-market__confirm-text', { hasText: `确定下架「${title}」吗` }).waitFor();
      await j.audit();
      await row.locator('.wb-market__confirm-ok').click();
      await row.locator('.wb-market__result-note', { hasText: `处理意见：${note}` }).waitFor();
      await expect(row.locator('.wb-market__status').innerText()).resolves.toBe('已下架');

      // Off the board; its owner reads the reason on the post and in a notice.
      expect(await boardIds(j.t, '环保瓦楞纸箱')).toEqual([]);
      const seen = await ownerSees(j.t, owner, post.id);
      expect(seen.post.status).toBe('taken_down');
      expect(seen.post.takedownReason).toBe(note);
      expect(seen.notices).toHaveLength(1);
      expect(seen.notices[0].title).toBe('您发布的信息已被下架');
      expect(seen.notices[0].body).toContain(note);
      expect(seen.notices[0].readAt).toBeNull();

      // The report is decided (upheld, with the note), in the API and under 已处理.
      const zhuguan = await demoStaff(j.t, 'zhuguan');
      const decided = await j.t.http.get('/api/v1/staff/market/reports?status=decided').set(zhuguan.auth);
      const mine = (decided.body as Page<MarketReportItem>).items.filter((r) => r.post.id === post.id);
      expect(mine.map((r) => [r.status, r.note])).toEqual([['upheld', note]]);
      await page.locator('.wb-market__chip--decided').click();
      const done = page.locator('.wb-market__report', { hasText: title });
      await done.locator('.wb-market__status', { hasText: '已下架' }).waitFor();
      await expect(done.locator('.wb-market__decide').count()).resolves.toBe(0);
    },
    90_000,
  );

  journeyTest(
    '供需巡查: a supervisor searches the board and takes a post down with a reason',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'mkt-h5-patrolled', '湘潭巡查旅程有限公司');
      const title = '旅程测试 出租二手叉车';
      const post = await postByApi(j.t, owner, title);

      await j.freshPage();
      await staffSignIn(j, 'zhuguan', DEMO_PASSWORD);
      await j.open(REPORTS_PAGE);
      const page = j.current();
      await page.locator('.wb-market__tab--patrol').click();
      await page.locator('.wb-market__search-input input').fill('二手叉车');
      await page.locator('.wb-market__search-submit').click();
      const row = page.locator('.wb-market__patrol-row', { hasText: title });
      await row.waitFor();
      await expect(page.locator('.wb-market__patrol-row').count()).resolves.toBe(1);
      await row.locator('.wb-market__takedown').click();
      await row.locator('.wb-market__takedown-confirm').click();
      await row.locator('.wb-market__note-error', { hasText: '请填写下架理由' }).waitFor();
      const reason = '车辆信息不实，暂停展示';
      await row.locator('.wb-market__reason-input textarea').fill(reason);
      await row.locator('.wb-market__takedown-confirm').click();
      await row.locator('.wb-market__result-note', { hasText: `下架理由：${reason}` }).waitFor();

      expect(await boardIds(j.t, '二手叉车')).toEqual([]);
      const seen = await ownerSees(j.t, owner, post.id);
      expect(seen.post.status).toBe('taken_down');
      expect(seen.post.takedownReason).toBe(reason);
      expect(seen.notices.map((n) => n.title)).toEqual(['您发布的信息已被下架']);
      expect(seen.notices[0].body).toContain(reason);
    },
    90_000,
  );

  journeyTest(
    'a butler has no 商圈管理 link, and the page shows the server’s refusal',
    () => j,
    async () => {
      await j.freshPage();
      await staffSignIn(j, 'guanjia', DEMO_PASSWORD);
      const home = j.current();
      await home.locator('.wb-queue__link--faq').waitFor();
      await expect(home.locator('.wb-queue__link--market').count()).resolves.toBe(0);
      const butler = await demoStaff(j.t, 'guanjia');
      const refused = await j.t.http.get('/api/v1/staff/market/reports').set(butler.auth);
      expect(refused.status).toBe(403);

      await j.open(REPORTS_PAGE);
      const page = j.current();
      await page.getByText('无法使用商圈管理').waitFor();
      await expect(page.locator('.wb-market__refused-reason').innerText()).resolves.toBe(refused.body.message);
      await expect(page.locator('.wb-market__report').count()).resolves.toBe(0);
      await page.locator('.wb-market__back').click();
      await j.waitForRoute('/packages/workbench/pages/index/index');
    },
  );

  journeyTest(
    'an owner joins the directory on 企业名录入驻, is found by name, then leaves and is gone',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'mkt-h5-lister', '湘潭名录旅程包装有限公司');
      const found = async () => {
        const res = await j.t.http.get(`/api/v1/market/enterprises?q=${encodeURIComponent('名录旅程')}`);
        expect(res.status).toBe(200);
        return (res.body as Page<MarketEnterpriseCard>).items.map((e) => e.id);
      };
      expect(await found()).toEqual([]);

      await j.freshPage();
      await devSignIn(j, 'mkt-h5-lister');
      await j.open(LISTING_PAGE);
      const page = j.current();
      await page.locator('.market-listing__state', { hasText: '尚未加入企业名录' }).waitFor();
      await page.locator('.market-listing__no-contact', { hasText: '从不显示联系人和电话' }).waitFor();
      await page.locator('.market-listing__name', { hasText: '湘潭名录旅程包装有限公司' }).waitFor();
      await page.locator('.market-listing__join').click();
      await page
        .locator('.market-listing__introduction .market-listing__error', { hasText: '请填写企业简介' })
        .waitFor();
      await page.locator('.market-listing__introduction textarea').fill('专注环保包装二十年，服务湘潭制造企业');
      await page.locator('.market-listing__products textarea').fill('瓦楞纸箱、彩印包装盒');
      await expect(page.locator('.market-listing__products .market-listing__count').innerText()).resolves.toBe(
        '10/300',
      );
      await page.locator('.market-listing__join').click();
      await page.locator('.market-listing__state', { hasText: '已在企业名录中展示' }).waitFor();
      await auditSettled(j);

      expect(await found()).toEqual([owner.enterpriseId]);
      const card = await j.t.http.get(`/api/v1/market/enterprises/${owner.enterpriseId}`);
      expect(card.body).toMatchObject({
        introduction: '专注环保包装二十年，服务湘潭制造企业',
        products: '瓦楞纸箱、彩印包装盒',
      });

      await page.locator('.market-listing__leave').click();
      await page.locator('.market-listing__confirm-text', { hasText: '立即从企业名录中移除' }).waitFor();
      await page.locator('.market-listing__leave-confirm').click();
      await page.locator('.market-listing__state', { hasText: '已退出企业名录' }).waitFor();
      expect(await found()).toEqual([]);
      const gone = await j.t.http.get(`/api/v1/market/enterprises/${owner.enterpriseId}`);
      expect(gone.status).toBe(404);
      await auditSettled(j);
    },
  );
});
