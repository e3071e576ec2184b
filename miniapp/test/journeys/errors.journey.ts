import type { Page, Route } from 'playwright-core';
import { makeCreditCode, signInWechat } from '../../../server/test/utils/factories';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const MEMBERS_API = '**/api/v1/me/enterprise/members*';

/** A members page the server never sends: a row without `requestedAt`, which the row needs to render. */
async function breakMembersAnswer(page: Page, requestId: string): Promise<void> {
  await page.route(MEMBERS_API, (route: Route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'x-request-id': requestId },
      body: JSON.stringify({
        items: [{ userId: 'u-broken', contactName: '坏数据', role: 'member', status: 'pending' }],
        nextCursor: null,
      }),
    }),
  );
}

describe('journey: a page that fails to render', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
    const code = makeCreditCode();
    const owner = await signInWechat(j.t, 'owner-errors-h5');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .send({ creditCode: code, name: '湘潭网页出错测试有限公司', contactName: '周一' });
    const joiner = await signInWechat(j.t, 'joiner-errors-h5');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(joiner.auth)
      .send({ creditCode: code, name: '湘潭网页出错测试有限公司', contactName: '吴二' });
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'a malformed answer shows 页面出错了 with its request id and logs it; 重试 renders the page; 返回首页 goes home',
    () => j,
    async () => {
      await j.freshPage();
      const logged: string[] = [];
      j.page.on('console', (m) => {
        if (m.type() === 'error') logged.push(m.text());
      });
      await devSignIn(j, 'owner-errors-h5');
      await breakMembersAnswer(j.page, 'req-h5-broken-1');
      await j.current().getByText('管理企业成员').click();
      await j.waitForRoute('/packages/me/pages/members/index');

      const page = j.current();
      await page.getByText('页面出错了').waitFor();
      await expect(page.getByText('错误编号：req-h5-broken-1').isVisible()).resolves.toBe(true);
      await expect(page.locator('.qs-page').getAttribute('class')).resolves.toContain('members');
      expect(logged.find((l) => l.startsWith('[页面出错]'))).toMatch(/"requestId":"req-h5-broken-1"/);

      // The server answers properly again: 重试 mounts the content afresh, which loads the list.
      await j.page.unroute(MEMBERS_API);
      const reloaded = j.page.waitForResponse((r) => r.url().includes('/api/v1/me/enterprise/members'));
      await page.getByRole('button', { name: '重试' }).click();
      await expect(reloaded.then((r) => r.status())).resolves.toBe(200);
      await page.getByText('吴二').waitFor();
      await expect(page.getByText('页面出错了').count()).resolves.toBe(0);

      // Broken again, opened afresh: 返回首页 relaunches on the home tab.
      await breakMembersAnswer(j.page, 'req-h5-broken-2');
      await j.open('/packages/me/pages/members/index');
      await j.current().getByText('错误编号：req-h5-broken-2').waitFor();
      await j.current().getByRole('button', { name: '返回首页' }).click();
      await j.waitForRoute('/pages/index/index');
      await j.current().getByText('六大服务').waitFor();
      await j.page.unroute(MEMBERS_API);
    },
  );
});
