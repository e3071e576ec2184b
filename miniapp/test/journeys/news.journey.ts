import { DEMO_PASSWORD } from '../weapp-journeys/harness';
import { type Journey, journeyTest, staffSignIn, startJourney } from './harness';

/*
 * 营商动态 in H5: a visitor reads the newest article from the home page's list (one view counted) and shares it
 * (H5: the article's own link copied); then from 营商动态 the list opens another. An admin writes an article in
 * the workbench, previews it and schedules it for tomorrow 09:00: stored as scheduled, invisible to the public.
 */
const TITLE = 'H5旅程：湘潭市“企业服务日”活动预告';

describe('journey: 营商动态 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'a visitor reads an article from the home page list and shares it; the news list opens another',
    () => j,
    async () => {
      await j.open('/pages/index/index');
      const home = j.current();
      const row = home.locator('.home-feed__news').first();
      await row.waitFor();
      const id = (await row.getAttribute('data-id'))!;
      const [before] = (await j.t.ds.query('SELECT title, view_count FROM news_articles WHERE id = $1', [
        id,
      ])) as Array<{
        title: string;
        view_count: number;
      }>;
      await row.click();
      await j.waitForRoute('/packages/news/pages/detail/index');
      const page = j.current();
      await expect(page.locator('.news-detail__title').innerText()).resolves.toBe(before.title);
      await page.locator('.news-detail__rich-piece').first().waitFor();
      const [after] = (await j.t.ds.query('SELECT view_count FROM news_articles WHERE id = $1', [id])) as Array<{
        view_count: number;
      }>;
      expect(after.view_count).toBe(before.view_count + 1);
      expect(j.page.url()).toContain(`/packages/news/pages/detail/index?id=${id}`);

      await page.locator('.news-detail__share').click();
      // H5 has no share card: the article's own link is copied (the toast says so, not 复制失败).
      await j.page.locator('.taro__toast', { hasText: '链接已复制' }).waitFor({ state: 'attached' });

      // 更多动态 → the list, pinned first; another article opens from it.
      await page.locator('.news-detail__more').click();
      await j.waitForRoute('/packages/news/pages/list/index');
      const list = j.current();
      await list.locator('.news-list__row').first().waitFor();
      const pinned = (await j.t.ds.query(
        `SELECT id FROM news_articles WHERE status = 'published' AND published_at <= now() AND pinned
          ORDER BY published_at DESC, id DESC`,
      )) as Array<{ id: string }>;
      const ids = await list
        .locator('.news-list__row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      expect(ids.slice(0, pinned.length)).toEqual(pinned.map((p) => p.id));
      await list.locator('.news-list__row').nth(pinned.length).click();
      await j.waitForRoute('/packages/news/pages/detail/index');
      await j.current().locator('.news-detail__title').waitFor();
    },
  );

  journeyTest(
    'an admin writes an article, previews it and schedules it for tomorrow 09:00',
    () => j,
    async () => {
      await staffSignIn(j, 'admin', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__admin-link--news').click();
      await j.waitForRoute('/packages/workbench/pages/news/index');
      await j.current().locator('.wb-news__row').first().waitFor();
      await j.current().locator('.wb-news__new').click();
      await j.waitForRoute('/packages/workbench/pages/news-edit/index');
      const page = j.current();
      await page.locator('.wb-news-edit__title input').fill(TITLE);
      await page.locator('.wb-news-edit__summary textarea').fill('市优化营商环境协调事务中心将于下周举办企业服务日。');
      await page.locator('.wb-news-edit__source input').fill('湘潭市优化营商环境协调事务中心');
      await page.locator('.wb-news-edit__body textarea').fill('活动时间：周三上午\n活动地点：市民之家');
      await page.getByText('预览', { exact: true }).click();
      await expect(page.locator('.wb-news-edit__preview-title').innerText()).resolves.toBe(TITLE);
      await expect(page.locator('.wb-news-edit__preview-body').innerText()).resolves.toContain('活动地点：市民之家');
      await page.getByText('返回编辑', { exact: true }).click();

      await page.locator('.wb-news-edit__mode-schedule').click();
      await page.locator('.wb-news-edit__quick--tomorrow').click();
      await page.locator('.wb-news-edit__publish').click();
      await page.locator('.wb-news-edit__confirm--publish').waitFor();
      await expect(page.locator('.wb-news-edit__confirm-text').innerText()).resolves.toContain('09:00（北京时间）');
      await page.locator('.wb-news-edit__publish-confirm').click();
      await page.locator('.news-state', { hasText: '定时发布' }).waitFor();

      const [row] = (await j.t.ds.query(
        `SELECT id, status, body, to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS at,
                published_at > now() AS ahead
           FROM news_articles WHERE title = $1`,
        [TITLE],
      )) as Array<{ id: string; status: string; body: string; at: string; ahead: boolean }>;
      expect(row).toMatchObject({ status: 'published', at: '09:00', ahead: true });
      expect(row.body).toBe('<p>活动时间：周三上午</p><p>活动地点：市民之家</p>');
      const audit = (await j.t.ds.query('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id', [
        row.id,
      ])) as Array<{ action: string }>;
      expect(audit.map((a) => a.action)).toEqual(['admin.news.created', 'admin.news.published']);
      // Not yet public.
      const res = await fetch(`${j.t.url}/api/v1/news/${row.id}`);
      expect(res.status).toBe(404);
    },
  );
});
