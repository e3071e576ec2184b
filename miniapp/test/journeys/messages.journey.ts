import { makeCreditCode, signInWechat } from '../../../server/test/utils/factories';
import { waitFor } from '../../../server/test/utils/wait';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

describe('journey: 消息', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'a notification created on the server appears with a badge on the tab and clears when read',
    () => j,
    async () => {
      // The owner binds an enterprise; another user asks to join it, which notifies the owner.
      const code = makeCreditCode();
      const owner = await signInWechat(j.t, 'owner-messages');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: code, name: '湘潭消息测试有限公司', contactName: '周一' });
      const joiner = await signInWechat(j.t, 'joiner-messages');
      const join = await j.t.http
        .post('/api/v1/me/enterprise')
        .set(joiner.auth)
        .send({ creditCode: code, name: '湘潭消息测试有限公司', contactName: '吴二' });
      expect(join.body.membership.status).toBe('pending');

      await devSignIn(j, 'owner-messages');
      const badge = j.page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge');
      await expect(badge.innerText()).resolves.toBe('1');

      await j.page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
      await j.waitForRoute('/pages/messages/index');
      const inbox = j.current();
      const item = inbox.locator('.messages__item').first();
      await expect(item.innerText()).resolves.toContain('未读');
      await expect(inbox.getByText('1 条未读').isVisible()).resolves.toBe(true);

      await item.click();
      await j.waitForRoute('/packages/me/pages/members/index');
      await j.current().getByText('吴二').waitFor();
      await expect(badge.count()).resolves.toBe(0);
      // Marking read is sent in the background while the page opens: wait for it to land.
      const readAt = await waitFor(
        'the notification to be marked read',
        async () =>
          (await j.t.ds.query('SELECT read_at FROM notifications WHERE user_id = $1', [owner.user.id]))[0].read_at,
        5000,
      );
      expect(readAt).toBeInstanceOf(Date);
    },
  );

  journeyTest(
    'outside WeChat no subscribe message is offered: no 开启微信通知, no template or grant request, no grant on the server',
    () => j,
    async () => {
      // H5 has no wx.requestSubscribeMessage: the grants can only come from the weapp build
      // (test/weapp-journeys/messages.weapp.ts proves they land on the server). Here: none is pretended.
      const asked: string[] = [];
      const onRequest = (r: { url(): string }) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/v1/notifications/')) asked.push(path);
      };
      j.page.on('request', onRequest);
      try {
        await devSignIn(j, 'h5-subscriber');
        await j.page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
        await j.waitForRoute('/pages/messages/index');
        await j.current().getByText('暂时没有消息').waitFor();
        await j.page.waitForLoadState('networkidle');
      } finally {
        j.page.off('request', onRequest);
      }
      await expect(j.current().getByText('开启微信通知').count()).resolves.toBe(0);
      expect(asked.filter((p) => p.startsWith('/api/v1/notifications/templates') || p.endsWith('/grants'))).toEqual([]);
      const user = await signInWechat(j.t, 'h5-subscriber');
      await expect(
        j.t.ds.query('SELECT template_id FROM subscription_grants WHERE user_id = $1', [user.user.id]),
      ).resolves.toEqual([]);
    },
  );
});
