import type { WeappRuntime } from '../weapp-runtime';
import {
  albumPhotos,
  DEMO_PASSWORD,
  expectRoute,
  signInStaff,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

const DETAIL = 'packages/news/pages/detail/index';
const TITLE = '小程序旅程：湘潭市“企业服务日”活动预告';

/** What WeChat asks the page when the user shares it (the share button, or the menu): its onShareAppMessage. */
function sharePayload(app: WeappRuntime): { title: string; path: string } {
  const pages = (app as unknown as { stack: Array<{ instance: Record<string, unknown> }> }).stack;
  const page = pages.at(-1)!.instance;
  const share = page.onShareAppMessage as (o: { from: string }) => { title: string; path: string };
  return share.call(page, { from: 'button' });
}

/*
 * 营商动态 on the real weapp build: a visitor reads the newest article from the home page's list (a view counted)
 * and shares it — the card's path opens the article cold; an admin writes an article with a cover and schedules
 * it for tomorrow 09:00.
 */
describe('weapp journey: 营商动态', () => {
  let j: WeappJourney;
  let photos: ReturnType<typeof albumPhotos>;
  beforeAll(async () => {
    photos = albumPhotos();
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => {
    photos?.remove();
    return j?.close();
  });

  weappTest(
    'a visitor reads an article from the home page and shares it; the share card opens it cold',
    () => j,
    async () => {
      let app = await j.launch();
      await app.waitFor(() => app.allByClass('home-feed__news').length > 0, { what: 'the home feed' });
      const row = app.allByClass('home-feed__news')[0];
      // The row is known by its title (the weapp's tree keeps no data-* attribute).
      const title = app.text(app.byClass('home-feed__news-title', row)).replace(/^置顶/, '').trim();
      const [before] = (await j.t.ds.query('SELECT id, title, view_count FROM news_articles WHERE title = $1', [
        title,
      ])) as Array<{ id: string; title: string; view_count: number }>;
      const id = before.id;
      await app.tap(row);
      expectRoute(app, DETAIL);
      expect(app.query).toEqual({ id });
      expect(app.text(app.byClass('news-detail__title'))).toBe(before.title);
      expect(app.allByClass('news-detail__rich-piece').length).toBeGreaterThan(0);
      const [after] = (await j.t.ds.query('SELECT view_count FROM news_articles WHERE id = $1', [id])) as Array<{
        view_count: number;
      }>;
      expect(after.view_count).toBe(before.view_count + 1);

      // 分享 is WeChat's share button; the card carries the title and the article's own path.
      const button = app.byClass('news-detail__share');
      expect(button.attrs['open-type'] ?? button.attrs.openType).toBe('share');
      const card = sharePayload(app);
      expect(card).toEqual({ title: before.title, path: `/${DETAIL}?id=${id}` });

      // The card's path, opened cold (a new launch, nobody signed in).
      const [path, query] = card.path.slice(1).split('?');
      app = await j.launch({ path, query: Object.fromEntries(new URLSearchParams(query)) });
      expectRoute(app, DETAIL);
      expect(app.text(app.byClass('news-detail__title'))).toBe(before.title);
      await app.tap(app.byClass('news-detail__more'));
      expectRoute(app, 'packages/news/pages/list/index');
      expect(app.allByClass('news-list__row').length).toBeGreaterThan(0);
    },
  );

  weappTest(
    'an admin writes an article with a cover and schedules it for tomorrow 09:00',
    () => j,
    async () => {
      const app = await j.launch();
      await signInStaff(app, 'admin', DEMO_PASSWORD);
      expectRoute(app, 'packages/workbench/pages/index/index');
      await app.tap(app.byClass('wb-queue__admin-link--news'));
      expectRoute(app, 'packages/workbench/pages/news/index');
      await app.tap(app.byClass('wb-news__new'));
      expectRoute(app, 'packages/workbench/pages/news-edit/index');
      await app.input(app.byClass('wb-news-edit__title'), TITLE);
      await app.input(app.byClass('wb-news-edit__summary'), '市优化营商环境协调事务中心将于下周举办企业服务日。');
      await app.input(app.byClass('policy-rich__input', app.byClass('wb-news-edit__body')), '活动时间：周三上午');
      app.script.media.push([photos.small]);
      await app.tap(app.byClass('image-picker__add'));
      await app.waitFor(() => app.allByClass('image-picker__item--done').length === 1, { what: 'the cover upload' });
      await app.tap(app.byClass('wb-news-edit__pinned'));
      await app.tap(app.byClass('wb-news-edit__mode-schedule'));
      await app.tap(app.byClass('wb-news-edit__quick--tomorrow'));
      await app.tap(app.byClass('wb-news-edit__publish'));
      expect(app.text(app.byClass('wb-news-edit__confirm-text'))).toContain('09:00（北京时间）');
      await app.tap(app.byClass('wb-news-edit__publish-confirm'));
      expect(app.toasts.at(-1)?.title).toBe('已定时发布');

      const [row] = (await j.t.ds.query(
        `SELECT n.status, n.pinned, to_char(n.published_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS at,
                n.published_at > now() AS ahead, f.owner_kind, f.owner_id = n.id AS own
           FROM news_articles n JOIN files f ON f.id = n.cover_file_id WHERE n.title = $1`,
        [TITLE],
      )) as Array<Record<string, unknown>>;
      expect(row).toEqual({
        status: 'published',
        pinned: true,
        at: '09:00',
        ahead: true,
        owner_kind: 'news',
        own: true,
      });
      expect(app.has('定时发布')).toBe(true);
    },
  );
});
