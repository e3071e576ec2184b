import { mockOpenid } from '../../../server/src/fake-wechat/fake-wechat.server';
import { HomeFeedCache } from '../../../server/src/modules/home/home-feed.cache';
import { signInWechat as signInByApi } from '../../../server/test/utils/factories';
import { expectRoute, signInWechat, startWeappJourney, submitByApi, type WeappJourney, weappTest } from './harness';

describe('weapp journey: the tabs and 长辈版', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'a visitor switches every tab; each shows its page, and switchTab closes a page opened over a tab',
    () => j,
    async () => {
      const app = await j.launch();
      expectRoute(app, 'pages/index/index');
      expect(app.tabBar.map((t) => t.text)).toEqual(['首页', '政策', '消息', '我的']);
      const tiles = app.allByClass('home__tile-title').map((n) => app.text(n));
      expect(tiles).toEqual(['惠企服务', '管家团队', '涉企政策', '企业商圈', '潭商讲堂', '营商动态']);
      // A visitor's home page asks the API for nothing before its first meaningful render (docs/performance.md).
      expect(app.visits[0]).toMatchObject({ route: 'pages/index/index', firstMeaningfulRender: { requests: [] } });

      const expected: Record<string, string> = {
        政策: '涉企政策库',
        消息: '登录后查看消息',
        我的: '您还没有登录',
        首页: '六大服务',
      };
      for (const [tab, text] of Object.entries(expected)) {
        await app.tapTab(tab);
        expect(app.tabBar.find((t) => t.selected)?.text).toBe(tab);
        expect(app.pageStack).toHaveLength(1);
        expect(app.has(text)).toBe(true);
      }
      // A page opened over a tab is closed by switchTab.
      await app.tap('登录并绑定企业');
      expect(app.pageStack).toEqual(['pages/index/index', 'packages/account/pages/login/index']);
      await app.tap('先随便看看');
      expect(app.pageStack).toEqual(['pages/index/index']);
      // Every tile leads to its section: 企业商圈 and 潭商讲堂 (issue 12) too.
      await app.tap('企业商圈');
      expectRoute(app, 'packages/market/pages/index/index');
      await app.back();
      await app.tap('潭商讲堂');
      expectRoute(app, 'packages/events/pages/list/index');
    },
  );

  weappTest(
    '长辈版 switched on from the home page puts qs-elder on every page root; 我的 switches it off and the account remembers',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, '孙八');
      const root = () => app.tree().children[0];
      expect(root().classes).toContain('qs-page');
      expect(root().classes).not.toContain('qs-elder');

      await app.tapTab('首页');
      await app.tap(app.byClass('home__elder'));
      // WXSS cannot be computed here: the class that sets --qs-scale: 1.25 on the page root is what is proven.
      expect(root().classes).toContain('qs-elder');
      expect(app.text(app.byClass('home__elder'))).toBe('标准版');
      expect(app.storage('qsgj.largeFont')).toBe(true);

      await app.tapTab('我的');
      expect(root().classes).toContain('qs-elder');
      const toggle = app.allByClass('me__switch')[0].children.find((n) => n.tag === 'switch')!;
      expect(toggle.attrs.checked).toBe(true);
      await app.tap(toggle);
      expect(root().classes).not.toContain('qs-elder');
      expect(app.storage('qsgj.largeFont')).toBe(false);
      await app.waitFor(() => app.requests.some((r) => r.method === 'PATCH' && r.path === '/api/v1/me'));
      const [row] = await j.t.ds.query('SELECT large_font FROM users WHERE openid = $1', [mockOpenid('孙八')]);
      expect(row.large_font).toBe(false);

      await app.tap(toggle);
      expect(root().classes).toContain('qs-elder');
      await app.tapTab('消息');
      expect(root().classes).toContain('qs-elder');
    },
  );

  weappTest(
    '长辈版 is on by default when WeChat’s font is large (fontSizeScaleFactor ≥ 1.15)',
    () => j,
    async () => {
      const app = await j.launch({ system: { fontSizeScaleFactor: 1.3 } });
      expect(app.tree().children[0].classes).toContain('qs-elder');
      expect(app.text(app.byClass('home__elder'))).toBe('标准版');
    },
  );
  weappTest(
    "the demo enterprise's home: the newest 营商动态, its matched policies and its cases in progress; back on the tab the feed is there at once and refreshed quietly",
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, '首页演示成员');
      const [enterprise] = await j.t.ds.query(`SELECT id FROM enterprises WHERE name = '湘潭智造电机有限公司'`);
      await j.t.ds.query(
        `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, decided_at)
         SELECT $1, id, 'member', 'approved', now() FROM users WHERE openid = $2`,
        [enterprise.id, mockOpenid('首页演示成员')],
      );
      // One case of its own still being handled: which demo cases are still open depends on the hour the demo was
      // seeded (their instants are relative to it), so the journey does not rely on them.
      await submitByApi(j.t, await signInByApi(j.t, '首页演示成员'), {
        type: 'consult',
        content: '小程序旅程：研发费用加计扣除怎么申报',
        category: 'tax',
      });
      const [article] = await j.t.ds.query(
        `INSERT INTO news_articles (title, summary, source, status, published_at, pinned)
         VALUES ('小程序旅程：湘潭营商环境新举措', '摘要', '湘潭市营商办', 'published', now() - interval '1 minute', true)
         RETURNING id`,
      );
      // The public part of the feed is kept for a few seconds per process: seen at once here, without waiting.
      j.t.app.get(HomeFeedCache).clear();
      const open = (await j.t.ds.query(
        `SELECT id, number FROM cases WHERE enterprise_id = $1 AND state NOT IN ('resolved', 'closed', 'rejected')
         ORDER BY created_at DESC, id DESC LIMIT 3`,
        [enterprise.id],
      )) as Array<{ id: string; number: string }>;
      expect(open.length).toBeGreaterThan(0);

      // A fresh start of the app as that member.
      const home = await j.launch({ storage: { 'qsgj.session': app.storage('qsgj.session') } });
      expectRoute(home, 'pages/index/index');
      await home.waitFor(() => home.allByClass('home-feed__news').length > 0, { what: 'the feed' });
      // (No data-* attributes in the weapp tree: the first row by its text; where it leads is checked below.)
      expect(home.text(home.allByClass('home-feed__news')[0])).toContain('小程序旅程：湘潭营商环境新举措');
      expect(home.allByClass('policy-card').length).toBeGreaterThan(0);
      expect(home.allByClass('home-feed__case-number').map((n) => home.text(n))).toEqual(open.map((c) => c.number));
      // Two requests at most before the first meaningful render (the 消息 badge and the feed).
      expect(home.visits[0].firstMeaningfulRender!.requests.length).toBeLessThanOrEqual(2);

      const feeds = () => home.requests.filter((r) => r.path === '/api/v1/home').length;
      const before = feeds();
      await home.tapTab('政策');
      await home.tapTab('首页');
      expect(home.allByClass('home-feed__case-number').map((n) => home.text(n))).toEqual(open.map((c) => c.number));
      await home.waitFor(() => feeds() === before + 1, { what: 'the quiet refresh' });

      await home.tap(home.allByClass('home-feed__case')[0]);
      expectRoute(home, 'packages/cases/pages/detail/index');
      expect(home.query.id).toBe(open[0].id);
      await home.tapTab('首页');
      await home.tap(home.allByClass('home-feed__news')[0]);
      expectRoute(home, 'packages/news/pages/detail/index');
      expect(home.query.id).toBe(article.id);
    },
  );
});
