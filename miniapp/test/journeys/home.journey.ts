import { randomUUID } from 'node:crypto';
import { mockOpenid } from '../../../server/src/fake-wechat/fake-wechat.server';
import { HomeFeedCache } from '../../../server/src/modules/home/home-feed.cache';
import { makeCreditCode, signInWechat } from '../../../server/test/utils/factories';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

/** docs/performance.md: API requests before the home page's first render, per visitor kind. */
const BEFORE_FIRST_RENDER = { visitor: 0, signedIn: 2 };

describe('journey: the home page', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'a visitor sees the six services and the three channels, with the tab bar',
    () => j,
    async () => {
      const load = await coldLoadHome(j);
      await j.waitForRoute('/pages/index/index');
      const home = j.current();
      for (const title of ['惠企服务', '管家团队', '涉企政策', '企业商圈', '潭商讲堂', '营商动态']) {
        await expect(home.locator('.home__tile', { hasText: title }).isVisible()).resolves.toBe(true);
      }
      for (const title of ['咨询', '评价', '投诉']) {
        await expect(home.locator('.home__channel', { hasText: title }).isVisible()).resolves.toBe(true);
      }
      await expect(j.page.locator('.weui-tabbar__item').allInnerTexts()).resolves.toEqual([
        '首页',
        '政策',
        '消息',
        '我的',
      ]);
      // A visitor's home page asks the API for nothing before it renders (those after it do not count).
      expect((await load.beforeFirstRender()).slice(BEFORE_FIRST_RENDER.visitor)).toEqual([]);
    },
  );

  journeyTest(
    'large-font mode (长辈版) enlarges text everywhere, from the home page entry',
    () => j,
    async () => {
      await j.open('/pages/index/index');
      const title = j.current().locator('.home__tile-title').first();
      const size = async () => parseFloat(await title.evaluate((el) => getComputedStyle(el).fontSize));
      const before = await size();
      await j.current().locator('.home__elder').click();
      await expect(j.current().locator('.qs-page').first().getAttribute('class')).resolves.toContain('qs-elder');
      const after = await size();
      expect(after).toBeGreaterThanOrEqual(18); // 适老化: body text ≥ 18px
      expect(after / before).toBeCloseTo(1.25, 1);
      const tapHeight = await j
        .current()
        .locator('.home__elder')
        .evaluate((el) => el.getBoundingClientRect().height);
      expect(tapHeight).toBeGreaterThanOrEqual(60); // tap targets ≥ 60 × 60 px
      // Persisted and applied on every page: 我的 opens in large font too, after a reload.
      await j.page.reload();
      await j.open('/pages/me/index');
      await expect(j.current().locator('.qs-page').first().getAttribute('class')).resolves.toContain('qs-elder');
      const lineHeight = await j
        .current()
        .locator('.qs-muted')
        .first()
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
        });
      expect(lineHeight).toBeGreaterThanOrEqual(1.3);
      // And off again from 我的's switch.
      await j.current().locator('.me__switch taro-switch-core').click();
      await expect(j.current().locator('.qs-page').first().getAttribute('class')).resolves.not.toContain('qs-elder');
    },
  );

  journeyTest(
    "a signed-in enterprise user's home page, opened cold, asks the API for at most 2 things before it renders",
    () => j,
    async () => {
      // Signed in and consented in the app, then owner of an enterprise bound through the API.
      await devSignIn(j, 'home-owner');
      const owner = await signInWechat(j.t, 'home-owner');
      const bind = await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: makeCreditCode(), name: '湘潭首页测试有限公司', contactName: '周一' });
      expect({ status: bind.status, membership: bind.body.membership?.status }).toEqual({
        status: 201,
        membership: 'approved',
      });
      const load = await coldLoadHome(j);
      await j.waitForRoute('/pages/index/index');
      // Signed in for real: the 消息 badge's count was asked for (by the App on show, before the tiles
      // render today: 1 of the 2 the budget allows).
      expect((await load.apiRequests()).map((r) => r.path)).toContain('/api/v1/notifications/unread-count');
      // Those beyond the budget (none), listed if any.
      expect((await load.beforeFirstRender()).slice(BEFORE_FIRST_RENDER.signedIn)).toEqual([]);
    },
  );

  journeyTest(
    "the demo enterprise's home page shows the newest 营商动态, its matched policies and its cases in progress, each leading to its page",
    () => j,
    async () => {
      // A member of 湘潭智造电机有限公司 (demo data: its 一企一档 matches demo policies; it has demo cases).
      await devSignIn(j, 'home-demo-member');
      const [enterprise] = await j.t.ds.query(`SELECT id FROM enterprises WHERE name = '湘潭智造电机有限公司'`);
      await j.t.ds.query(
        `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, decided_at)
         SELECT $1, id, 'member', 'approved', now() FROM users WHERE openid = $2`,
        [enterprise.id, mockOpenid('home-demo-member')],
      );
      // One case of its own still being handled: which demo cases are still open depends on the hour the demo was
      // seeded (their instants are relative to it), so the journey does not rely on them.
      const member = await signInWechat(j.t, 'home-demo-member');
      const submitted = await j.t.http
        .post('/api/v1/cases')
        .set(member.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ type: 'consult', content: '首页旅程：研发费用加计扣除怎么申报', category: 'tax' });
      expect(submitted.status).toBe(201);
      // The newest article, pinned: first in the feed whatever else demo data holds.
      const [article] = await j.t.ds.query(
        `INSERT INTO news_articles (title, summary, source, status, published_at, pinned)
         VALUES ('首页旅程：湘潭优化营商环境新举措', '摘要', '湘潭市营商办', 'published', now() - interval '1 minute', true)
         RETURNING id`,
      );
      // The public part of the feed is kept for a few seconds per process: seen at once here, without waiting.
      j.t.app.get(HomeFeedCache).clear();
      const open = (await j.t.ds.query(
        `SELECT number FROM cases WHERE enterprise_id = $1 AND state NOT IN ('resolved', 'closed', 'rejected')
         ORDER BY created_at DESC, id DESC LIMIT 3`,
        [enterprise.id],
      )) as Array<{ number: string }>;
      expect(open.length).toBeGreaterThan(0);

      await j.page.reload();
      await j.open('/pages/index/index');
      const home = j.current();
      const news = home.locator('.home-feed__news').first();
      await expect(news.getAttribute('data-id')).resolves.toBe(article.id);
      await expect(news.innerText()).resolves.toContain('首页旅程：湘潭优化营商环境新举措');
      await expect(home.locator('.home-feed__section--policies .policy-card').count()).resolves.toBeGreaterThan(0);
      await expect(home.locator('.home-feed__section--policies .policy-match__chip').count()).resolves.toBeGreaterThan(
        0,
      );
      await expect(home.locator('.home-feed__case-number').allInnerTexts()).resolves.toEqual(open.map((c) => c.number));
      await expect(home.locator('.home-feed__case-expected').first().innerText()).resolves.toMatch(
        /^(预计 .*前答复|待补充材料)$/,
      );

      await home.locator('.home-feed__case').first().click();
      await j.waitForRoute('/packages/cases/pages/detail/index');
      await expect(j.current().getByText(open[0].number).first().isVisible()).resolves.toBe(true);
      await j.open('/pages/index/index');
      await j.current().locator('.home-feed__news').first().click();
      await j.waitForRoute(`/packages/news/pages/detail/index?id=${article.id}`);
    },
  );
});

/** An API request the page sent: its path and when its script sent it, in ms on the page's clock. */
interface ApiRequest {
  path: string;
  at: number;
}

const FIRST_RENDER_MARK = 'qs:home-first-render';

/**
 * Loads the H5 home page cold (a new document; storage kept) and measures what it asks the API for
 * before its first render: the moment its tiles are put into the DOM (a MutationObserver marks it,
 * right after React's commit), against the moment the page's script sent each request (fetch and
 * XMLHttpRequest wrapped before any of the app's code runs). Every API request the browser sent must
 * have passed the wrappers, so none escapes the count.
 */
async function coldLoadHome(j: Journey) {
  const page = j.page;
  await page.addInitScript((mark: string) => {
    const w = window as unknown as { __qsApi?: Array<{ path: string; at: number }> };
    if (w.__qsApi) return; // added to this page once already
    const sent: Array<{ path: string; at: number }> = (w.__qsApi = []);
    const note = (url: string | URL) => {
      const u = new URL(String(url), location.href);
      if (u.pathname.startsWith('/api/')) sent.push({ path: u.pathname, at: performance.now() });
    };
    const fetch0 = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      note(input instanceof Request ? input.url : input);
      return fetch0.call(this, input, init);
    };
    const open0 = XMLHttpRequest.prototype.open as (...a: unknown[]) => void;
    const send0 = XMLHttpRequest.prototype.send;
    const urls = new WeakMap<XMLHttpRequest, string | URL>();
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, args[1] as string | URL);
      return open0.apply(this, args);
    } as typeof XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const url = urls.get(this);
      if (url !== undefined) note(url);
      return send0.call(this, body);
    };
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.home__tile')) return;
      performance.mark(mark);
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, FIRST_RENDER_MARK);

  const sentByBrowser: string[] = [];
  const onRequest = (r: { url(): string }) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) sentByBrowser.push(path);
  };
  await page.goto('about:blank');
  page.on('request', onRequest);
  await page.goto(`${j.t.url}/#/pages/index/index`);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_RENDER_MARK);

  /** Every API request of this load so far (after the network went quiet), each with when it was sent. */
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    const { sent, rendered } = await page.evaluate((mark) => {
      const w = window as unknown as { __qsApi: Array<{ path: string; at: number }> };
      return { sent: [...w.__qsApi], rendered: performance.getEntriesByName(mark)[0].startTime };
    }, FIRST_RENDER_MARK);
    // Nothing reached the network without passing the wrappers.
    expect([...sentByBrowser].sort()).toEqual(sent.map((r) => r.path).sort());
    return { sent, rendered };
  };
  return {
    /** What the page's script asked the API for since the load, in order. */
    async apiRequests(): Promise<ApiRequest[]> {
      return (await settled()).sent;
    },
    /** Those sent before the first render. */
    async beforeFirstRender(): Promise<ApiRequest[]> {
      const { sent, rendered } = await settled();
      return sent.filter((r) => r.at < rendered);
    },
  };
}
