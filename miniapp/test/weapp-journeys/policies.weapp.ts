import type { WeappRuntime, WxNode } from '../weapp-runtime';
import { boundOwner, expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

const QUERY = '留抵退税';
const DETAIL = 'packages/policies/pages/detail/index';
const FAVORITES = 'packages/policies/pages/favorites/index';
const ATTACHMENT = { name: '留抵退税申请表.docx', url: 'https://zwfw.example.gov.cn/files/ldts-apply.docx' };

type Row = {
  id: string;
  title: string;
  doc_number: string;
  body: string;
  interpretation: string;
};

/** Text of an HTML fragment (tags gone, white space dropped). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, '');

/** The in-force published policies of the demo corpus whose title holds the query (substring truth). */
function inForceWithTitle(j: WeappJourney, q: string): Promise<Row[]> {
  return j.t.ds.query(
    `SELECT id, title, doc_number, body, interpretation FROM policies
      WHERE status = 'published' AND title LIKE $1
        AND (valid_to IS NULL OR valid_to >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
        AND (valid_from IS NULL OR valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date)
      ORDER BY (interpretation <> '') DESC, published_at DESC, id`,
    [`%${q}%`],
  );
}

/** The rich-text pieces of the detail's panel, joined as the text they show. */
function richText(app: WeappRuntime): string {
  const nodes = app.allByClass('policy-detail__rich-piece').map((n: WxNode) => String(n.attrs.nodes ?? ''));
  return textOf(nodes.join(''));
}

function cardTitles(app: WeappRuntime, within: string): string[] {
  return app.allByClass('policy-card__title', app.byClass(within)).map((n) => app.text(n).trim());
}

describe('weapp journey: 涉企政策', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    `a visitor searches 「${QUERY}」, finds it, and reads its 正文 and 解读`,
    () => j,
    async () => {
      const expected = await inForceWithTitle(j, QUERY);
      expect(expected.length).toBeGreaterThan(0);
      // The demo corpus has no attachments: the policy read here gets one.
      await j.t.ds.query('UPDATE policies SET attachments = $1 WHERE id = $2', [
        JSON.stringify([ATTACHMENT]),
        expected[0].id,
      ]);

      const app = await j.launch();
      await app.tapTab('政策');
      expectRoute(app, 'pages/policies/index');
      expect(app.has('涉企政策库')).toBe(true);
      const box = app.byClass('policies__input');
      await app.input(box, QUERY);
      await app.confirm(box);
      expect(app.has(`搜索「${QUERY}」`)).toBe(true);
      const titles = cardTitles(app, 'policies__results');
      for (const p of expected) expect(titles).toContain(p.title);
      // The words are marked in the titles that hold them.
      const hits = app.allByClass('policy-hl__hit', app.byClass('policies__results')).map((n) => app.text(n));
      expect(hits).toContain(QUERY);
      const searched = app.requests.filter((r) => r.path.startsWith('/api/v1/policies?'));
      expect(searched.at(-1)?.path).toContain(`q=${encodeURIComponent(QUERY)}`);
      // Kept on the device for the next time.
      expect(app.storage('qsgj.policySearchHistory')).toEqual([QUERY]);

      const target = expected[0];
      await app.tap(app.byText(target.title, { within: app.byClass('policies__results') }));
      expectRoute(app, DETAIL);
      expect(app.query).toEqual({ id: target.id });
      expect(app.text(app.byClass('policy-detail__title'))).toBe(target.title);
      expect(app.text(app.byClass('policy-detail__doc-number'))).toContain(target.doc_number);
      expect(richText(app)).toBe(textOf(target.body));
      await app.tap(app.byClass('policy-detail__tab--interpretation'));
      if (target.interpretation) expect(richText(app)).toBe(textOf(target.interpretation));
      else expect(app.has('暂无政策解读')).toBe(true);

      // An attachment cannot open in WeChat without a business domain: its link is copied.
      await app.tap(app.byText(ATTACHMENT.name));
      expect(app.toasts.at(-1)?.title).toBe('链接已复制，请在浏览器中打开');
      const clip = await new Promise<string>((resolve) =>
        (app.wx.getClipboardData as (o: unknown) => void)({ success: (r: { data: string }) => resolve(r.data) }),
      );
      expect(clip).toBe(ATTACHMENT.url);

      // A visitor's 收藏 goes to sign-in.
      await app.tap(app.byClass('policy-detail__favorite'));
      expectRoute(app, 'packages/account/pages/login/index');
    },
  );

  weappTest(
    'an enterprise opens a shared policy cold, favourites it, and finds it in 我的收藏',
    () => j,
    async () => {
      const [target] = await inForceWithTitle(j, QUERY);
      const owner = await boundOwner(j.t, 'policy-weapp-owner', '湘潭政策旅程有限公司');
      let app = await j.launch();
      await signInWechat(app, 'policy-weapp-owner');
      const storage = { 'qsgj.session': app.storage('qsgj.session') };

      // The share card's path, opened cold.
      app = await j.launch({ path: DETAIL, query: { id: target.id }, storage });
      expect(app.text(app.byClass('policy-detail__title'))).toBe(target.title);
      await app.tap(app.byClass('policy-detail__favorite'));
      expect(app.toasts.at(-1)?.title).toBe('已收藏');
      expect(app.text(app.byClass('policy-detail__favorite'))).toBe('已收藏');
      const rows = await j.t.ds.query('SELECT policy_id FROM policy_favorites WHERE user_id = $1', [owner.user.id]);
      expect(rows).toEqual([{ policy_id: target.id }]);

      // 咨询此政策 opens the consultation form about it.
      await app.tap('咨询此政策');
      expectRoute(app, 'packages/cases/pages/new/index');
      expect(app.query).toMatchObject({ type: 'consult', policyId: target.id });
      await app.back();

      await app.reLaunch(`/${FAVORITES}`);
      expect(cardTitles(app, 'qs-page')).toEqual([target.title]);
      await app.tap(app.byText(target.title));
      expectRoute(app, DETAIL);
      // Taken out again: 我的收藏, shown again, no longer lists it.
      await app.tap(app.byClass('policy-detail__favorite'));
      expect(app.text(app.byClass('policy-detail__favorite'))).toBe('收藏');
      await app.back();
      expectRoute(app, FAVORITES);
      expect(app.has('您还没有收藏政策')).toBe(true);
    },
  );

  weappTest(
    'each policy page opens cold within the budgets (visitor, enterprise owner)',
    () => j,
    async () => {
      const [target] = await inForceWithTitle(j, QUERY);
      await boundOwner(j.t, 'policy-weapp-cold', '湘潭政策冷启动有限公司');
      let app = await j.launch();
      await signInWechat(app, 'policy-weapp-cold');
      const owner = { 'qsgj.session': app.storage('qsgj.session') };

      const cases: Array<{
        path: string;
        query?: Record<string, string>;
        storage?: Record<string, unknown>;
        text: string;
      }> = [
        { path: 'pages/policies/index', text: '涉企政策库' },
        { path: 'pages/policies/index', storage: owner, text: '为您匹配' },
        { path: DETAIL, query: { id: target.id }, text: target.title },
        { path: DETAIL, query: { id: target.id }, storage: owner, text: target.title },
        { path: DETAIL, query: { id: '00000000-0000-4000-8000-000000000000' }, text: '政策不存在或已撤回' },
        { path: FAVORITES, text: '登录后查看收藏的政策' },
        { path: FAVORITES, storage: owner, text: '您还没有收藏政策' },
      ];
      for (const c of cases) {
        app = await j.launch({ path: c.path, query: c.query ?? {}, storage: c.storage ?? {} });
        expectRoute(app, c.path);
        expect(app.has(c.text)).toBe(true);
        const visit = app.visits.find((v) => v.route === c.path)!;
        expect(visit.firstMeaningfulRender).toBeDefined();
        expect(visit.firstMeaningfulRender!.requests.length).toBeLessThanOrEqual(2);
      }
    },
  );
});
