import type { ContactRequestView, MarketPostCard, Page } from '@qsgj/shared/contracts';
import { DEMO_ENTERPRISES, seedDemo } from '../src/database/seeds/demo';
import { DEMO_MARKET_ENTERPRISES, DEMO_POSTS, seedDemoMarket } from '../src/database/seeds/demo-market';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import { signInWechat } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/** The demo city's 企业商圈 (湘潭): a living board, directory and 对接, readable through the real routes; idempotent. */
describe('market demo data (e2e)', () => {
  let t: TestApp;
  const count = async (table: string, where = 'true'): Promise<number> =>
    ((await t.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    await t.ds.transaction((m) => seedDemo(m, (p) => new PasswordHasher().hash(p)));
  }, 120_000);
  afterAll(() => t?.close());

  it('holds ~20 posts of both kinds across the demo enterprises: two expired and one taken down off the board', async () => {
    expect(await count('market_posts')).toBe(DEMO_POSTS.length);
    expect(DEMO_POSTS.length).toBeGreaterThanOrEqual(20);
    const board = (await t.http.get('/api/v1/market/posts?limit=100')).body as Page<MarketPostCard>;
    expect(board.items).toHaveLength(DEMO_POSTS.length - 3);
    expect(new Set(board.items.map((p) => p.kind))).toEqual(new Set(['supply', 'demand']));
    const names = new Set(board.items.map((p) => p.enterprise.name));
    for (const e of [...DEMO_ENTERPRISES, ...DEMO_MARKET_ENTERPRISES]) expect(names).toContain(e.name);
    expect(await count('market_posts', `status = 'active' AND expires_at <= now()`)).toBe(2);
    expect(await count('market_posts', `status = 'taken_down' AND takedown_reason IS NOT NULL`)).toBe(1);
    const search = (await t.http.get('/api/v1/market/posts?q=纸箱')).body as Page<MarketPostCard>;
    expect(search.items.map((p) => p.title)).toEqual(
      expect.arrayContaining(['求购食品级瓦楞纸箱', '供应瓦楞纸箱 彩印包装盒']),
    );
    const directory = await t.http.get('/api/v1/market/enterprises');
    expect(directory.body.items).toHaveLength(5);
  });

  it('one accepted and one pending 对接: the demo user sees the other side only on the accepted one', async () => {
    const paper = await signInWechat(t, DEMO_MARKET_ENTERPRISES[0].user.openid);
    const out = (await t.http.get('/api/v1/me/market/contact-requests?direction=outgoing').set(paper.auth))
      .body as Page<ContactRequestView>;
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      status: 'accepted',
      counterpart: { enterpriseName: DEMO_ENTERPRISES[1].name, phone: DEMO_ENTERPRISES[1].contactPhone },
    });
    const logistics = await signInWechat(t, DEMO_MARKET_ENTERPRISES[1].user.openid);
    const pending = (await t.http.get('/api/v1/me/market/contact-requests?direction=outgoing').set(logistics.auth))
      .body as Page<ContactRequestView>;
    expect(pending.items).toMatchObject([{ status: 'pending', counterpart: null }]);
    expect(JSON.stringify(pending)).not.toContain(DEMO_ENTERPRISES[4].contactPhone);
    // The 经开区 auto-parts company is matched with the logistics company's 干线物流 supply.
    const matches = await t.http.get('/api/v1/market/posts/7a000000-0000-4000-8000-000000000004/matches');
    expect(matches.body.items[0]).toMatchObject({ type: 'post', post: { title: '湘潭至长沙武汉干线物流' } });
  });

  it('adds nothing and changes nothing when loaded again', async () => {
    const tables = [
      'market_posts',
      'market_listings',
      'market_contact_requests',
      'market_reports',
      'users',
      'enterprises',
    ];
    const before = await Promise.all(tables.map((x) => count(x)));
    const changed = (await t.ds.query(`SELECT max(updated_at) AS at FROM market_posts`)) as [{ at: Date }];
    expect(await t.ds.transaction((m) => seedDemoMarket(m))).toBe(0);
    expect(await Promise.all(tables.map((x) => count(x)))).toEqual(before);
    expect(((await t.ds.query(`SELECT max(updated_at) AS at FROM market_posts`)) as [{ at: Date }])[0].at).toEqual(
      changed[0].at,
    );
  });
});
