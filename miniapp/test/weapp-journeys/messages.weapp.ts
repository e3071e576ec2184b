import { makeCreditCode, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import { expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

/** The subscribe-message templates this file's server configures. */
const TEMPLATES = ['tmpl-membership-weapp-0001', 'tmpl-case-update-weapp-0001'];

describe('weapp journey: 消息', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    // Subscribe-message templates configured, as in production.
    j = await startWeappJourney({
      WECHAT_TEMPLATE_MEMBERSHIP: TEMPLATES[0],
      WECHAT_TEMPLATE_CASE_UPDATE: TEMPLATES[1],
    });
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'a join request notifies the owner: badge on the 消息 tab, 未读 in the inbox, cleared when read',
    () => j,
    async () => {
      // The owner binds an enterprise; another user asks to join it, which notifies the owner.
      await notifiedOwner(j, 'owner-weapp');
      const app = await j.launch();
      await signInWechat(app, 'owner-weapp');
      const messagesTab = () => app.tabBar.find((t) => t.text === '消息')!;
      expect(messagesTab().badge).toBe('1');

      await app.tapTab('消息');
      expectRoute(app, 'pages/messages/index');
      const item = app.byClass('messages__item');
      expect(item.classes).toContain('messages__item--unread');
      expect(app.text(item)).toContain('未读');
      expect(app.has('1 条未读')).toBe(true);

      await app.tap(item);
      expectRoute(app, 'packages/me/pages/members/index');
      expect(app.has('吴二')).toBe(true);
      expect(messagesTab().badge).toBeNull();
    },
  );

  weappTest(
    'a long inbox loads 20, then the rest when scrolled to the bottom',
    () => j,
    async () => {
      const user = await signInByApi(j.t, 'reader-weapp');
      // 23 notifications, oldest first (a second apart), straight into the inbox.
      for (let i = 1; i <= 23; i++)
        await j.t.ds.query(
          `INSERT INTO notifications (user_id, kind, title, body, link, created_at)
           VALUES ($1, 'membership', $2, '测试通知', NULL, now() - make_interval(secs => $3))`,
          [user.user.id, `通知 ${i}`, 100 - i],
        );
      const app = await j.launch();
      await signInWechat(app, 'reader-weapp');
      expect(app.tabBar.find((t) => t.text === '消息')?.badge).toBe('23');
      await app.tapTab('消息');
      expect(app.allByClass('messages__item')).toHaveLength(20);
      expect(app.text(app.allByClass('messages__title')[0])).toBe('通知 23');
      expect(app.has('上拉加载更多')).toBe(true);

      await app.scrollToLower();
      expect(app.allByClass('messages__item')).toHaveLength(23);
      expect(app.text(app.allByClass('messages__title')[22])).toBe('通知 1');
      expect(app.has('上拉加载更多')).toBe(false);
      expect(app.requests.filter((r) => r.path.startsWith('/api/v1/notifications?cursor='))).toHaveLength(1);
    },
  );

  weappTest(
    '500 notifications: scrolling loads every page, and no setData comes near 64 KB (rows go out in custom wrappers)',
    () => j,
    async () => {
      const user = await signInByApi(j.t, 'reader-500');
      // 500 notifications with a realistic body, newest first as 政策推送 1 … 500, straight into the inbox.
      await j.t.ds.query(
        `INSERT INTO notifications (user_id, kind, title, body, link, created_at)
         SELECT $1, 'policy', '政策推送 ' || g,
                '《湘潭市支持中小企业数字化转型的若干措施》已发布，符合条件的企业可于12月31日前申报，点击查看详情。第' || g || '条',
                NULL, now() - make_interval(secs => g)
         FROM generate_series(1, 500) AS g`,
        [user.user.id],
      );
      const app = await j.launch();
      await signInWechat(app, 'reader-500');
      await app.tapTab('消息');
      expect(app.allByClass('messages__item')).toHaveLength(20);
      expect(app.has('500 条未读')).toBe(true);

      for (let i = 0; i < 30 && app.has('上拉加载更多'); i++) await app.scrollToLower();
      const titles = app.allByClass('messages__title').map((n) => app.text(n));
      expect(titles).toEqual(Array.from({ length: 500 }, (_, i) => `政策推送 ${i + 1}`));
      expect(app.requests.filter((r) => r.path.startsWith('/api/v1/notifications?cursor='))).toHaveLength(24);

      // 全部标为已读 touches every row: each group's wrapper sends its own part.
      await app.tap('全部标为已读');
      expect(app.allByClass('messages__item--unread')).toHaveLength(0);
      expect(app.has('全部已读')).toBe(true);
      const [{ unread }] = await j.t.ds.query(
        'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL',
        [user.user.id],
      );
      expect(unread).toBe(0);

      // A pull-down refresh drops the 480 rows beyond the first page.
      await app.pullDownRefresh();
      expect(app.allByClass('messages__item')).toHaveLength(20);

      const inbox = app.setDataLog.filter((r) => r.route === 'pages/messages/index');
      const largest = Math.max(...inbox.map((r) => r.bytes));
      expect(largest).toBeLessThan(64 * 1024);
      // The rows are updated through their wrappers, not through the page: 全部标为已读 changed 500 rows, more than
      // 64 KB of updates together, which only the split keeps apart.
      const throughWrappers = inbox.filter((r) => r.target === 'wrapper').reduce((sum, r) => sum + r.bytes, 0);
      expect(throughWrappers).toBeGreaterThan(64 * 1024);
    },
  );

  weappTest(
    'reading a notification in WeChat marks it read on the server, so it stays read after a pull-down refresh',
    () => j,
    async () => {
      const owner = await notifiedOwner(j, 'owner-read');
      const app = await j.launch();
      await signInWechat(app, 'owner-read');
      await app.tapTab('消息');
      await app.tap(app.byClass('messages__item'));
      await app.back();
      await app.pullDownRefresh();
      expect(app.pullDownRefreshing).toBe(false);
      const [row] = await j.t.ds.query('SELECT read_at FROM notifications WHERE user_id = $1', [owner.user.id]);
      expect({ read_at: row.read_at }).toEqual({ read_at: expect.any(Date) });
      expect(app.byClass('messages__item').classes).not.toContain('messages__item--unread');
    },
  );

  weappTest(
    '开启微信通知 asks WeChat within the tap and the grants the user chose land on the server',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, 'subscriber'); // in the app: consents to the privacy notice
      const user = await signInByApi(j.t, 'subscriber'); // the same WeChat user, for the server's side
      await app.tapTab('消息');
      const asked: string[][] = [];
      app.script.subscribe = (ids) => {
        asked.push(ids);
        return Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
      };
      await app.tap('开启微信通知');
      // WeChat was asked once, for the templates the server configures (at most 3 per ask).
      expect(asked.map((ids) => [...ids].sort())).toEqual([[...TEMPLATES].sort()]);
      expect(app.toasts.at(-1)?.title).toBe(`已开启 ${TEMPLATES.length} 项微信通知`);
      // Where it lands: one grant row per accepted template, one credit each …
      expect(await grantsOf(j, user.user.id)).toEqual(
        [...TEMPLATES].sort().map((id) => ({ template_id: id, credits: 1, last_result: 'accept' })),
      );
      // … and the server offers them back with the credit (what the app reads next time).
      const offer = await j.t.http.get('/api/v1/notifications/templates').set(user.auth).expect(200);
      expect(
        (offer.body.templates as Array<{ templateId: string; credits: number }>)
          .map((t) => ({ templateId: t.templateId, credits: t.credits }))
          .sort((a, b) => a.templateId.localeCompare(b.templateId)),
      ).toEqual([...TEMPLATES].sort().map((templateId) => ({ templateId, credits: 1 })));

      // Asked again, the user keeps one and refuses the other: a second credit, and the refusal clears its credits.
      app.script.subscribe = (ids) =>
        Object.fromEntries(ids.map((id) => [id, id === TEMPLATES[0] ? ('accept' as const) : ('reject' as const)]));
      await app.tap('开启微信通知');
      expect(app.toasts.at(-1)?.title).toBe('已开启 1 项微信通知');
      expect(await grantsOf(j, user.user.id)).toEqual(
        [...TEMPLATES]
          .sort()
          .map((id) =>
            id === TEMPLATES[0]
              ? { template_id: id, credits: 2, last_result: 'accept' }
              : { template_id: id, credits: 0, last_result: 'reject' },
          ),
      );
    },
  );
});

/** An owner (signed in through the API) whose enterprise another user asked to join: one unread notification. */
async function notifiedOwner(j: WeappJourney, name: string) {
  const code = makeCreditCode();
  const owner = await signInByApi(j.t, name);
  await j.t.http
    .post('/api/v1/me/enterprise')
    .set(owner.auth)
    .send({ creditCode: code, name: `${name}有限公司`, contactName: '周一' });
  const joiner = await signInByApi(j.t, `${name}-joiner`);
  await j.t.http
    .post('/api/v1/me/enterprise')
    .set(joiner.auth)
    .send({ creditCode: code, name: `${name}有限公司`, contactName: '吴二' });
  return owner;
}

/** The user's subscribe-message grants as the server stored them. */
async function grantsOf(j: WeappJourney, userId: string) {
  return (await j.t.ds.query(
    'SELECT template_id, credits, last_result FROM subscription_grants WHERE user_id = $1 ORDER BY template_id',
    [userId],
  )) as Array<{ template_id: string; credits: number; last_result: string }>;
}
