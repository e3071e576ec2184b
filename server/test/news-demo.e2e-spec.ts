import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type NewsCard, NewsInputDto, type Page } from '@qsgj/shared/contracts';
import { DEMO_NEWS, seedDemoNews } from '../src/database/seeds/demo-news';
import { sanitizePolicyHtml } from '../src/modules/policies/policy-html';
import { startTestApp, type TestApp } from './utils/test-app';

interface Row {
  title: string;
  body: string;
  status: string;
  published_at: Date | null;
  pinned: boolean;
  view_count: number;
  updated_at: Date;
}

/**
 * The demo 营商动态: a dozen articles for 湘潭, each one the admin could have written (the DTO's limits, a body the
 * sanitiser leaves as it is), two pinned, one scheduled ahead, one draft; the public list shows what it should;
 * a second run adds nothing and changes nothing.
 */
describe('demo news (e2e)', () => {
  let t: TestApp;
  const rows = async () =>
    (await t.ds.query(
      `SELECT title, body, status, published_at, pinned, view_count, updated_at FROM news_articles
        WHERE title = ANY($1) ORDER BY title`,
      [DEMO_NEWS.map((a) => a.title)],
    )) as Row[];

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('is written as the admin would write it', () => {
    expect(DEMO_NEWS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(DEMO_NEWS.map((a) => a.title)).size).toBe(DEMO_NEWS.length);
    for (const a of DEMO_NEWS) {
      const errors = validateSync(plainToInstance(NewsInputDto, a));
      expect(errors.map((e) => `${a.title}: ${e.property}`)).toEqual([]);
      expect(sanitizePolicyHtml(a.body).length).toBeGreaterThan(0);
    }
  });

  it('seeds pinned, scheduled and draft articles; the public sees only what is due; a second run changes nothing', async () => {
    const now = new Date();
    const added = await t.ds.transaction((m) => seedDemoNews(m, null, now));
    expect(added).toBe(DEMO_NEWS.length);
    const first = await rows();
    expect(first).toHaveLength(DEMO_NEWS.length);
    for (const r of first) expect(r.body).toBe(sanitizePolicyHtml(r.body));
    expect(first.filter((r) => r.pinned)).toHaveLength(2);
    expect(first.filter((r) => r.status === 'draft')).toHaveLength(1);
    const scheduled = first.filter((r) => r.status === 'published' && r.published_at!.getTime() > now.getTime());
    expect(scheduled).toHaveLength(1);

    const list = (await t.http.get('/api/v1/news?limit=50')).body as Page<NewsCard>;
    const shown = list.items.filter((c) => DEMO_NEWS.some((a) => a.title === c.title));
    expect(shown).toHaveLength(DEMO_NEWS.length - 2);
    expect(shown.slice(0, 2).every((c) => c.pinned)).toBe(true);
    expect(shown.map((c) => c.title)).not.toContain(scheduled[0].title);

    expect(await t.ds.transaction((m) => seedDemoNews(m, null, new Date(now.getTime() + 86_400_000)))).toBe(0);
    expect(await rows()).toEqual(first);
  });
});
