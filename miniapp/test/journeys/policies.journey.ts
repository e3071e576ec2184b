import { boundOwner } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const QUERY = '留抵退税';
const ATTACHMENT = { name: '留抵退税申请表.html', url: 'https://zwfw.example.gov.cn/files/ldts-apply.html' };

/** Text of an HTML fragment, as the browser shows it (tags gone, entities left to the browser). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, '');

/** The in-force published policies of the demo corpus whose title holds the query (substring truth). */
async function inForceWithTitle(j: Journey, q: string) {
  return j.t.ds.query(
    `SELECT id, title, doc_number, body, interpretation FROM policies
      WHERE status = 'published' AND title LIKE $1
        AND (valid_to IS NULL OR valid_to >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
        AND (valid_from IS NULL OR valid_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date)
      ORDER BY (interpretation <> '') DESC, published_at DESC, id`,
    [`%${q}%`],
  ) as Promise<Array<{ id: string; title: string; doc_number: string; body: string; interpretation: string }>>;
}

describe('journey: 涉企政策 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    `a visitor searches 「${QUERY}」, finds it, and reads its 正文 and 解读`,
    () => j,
    async () => {
      const expected = await inForceWithTitle(j, QUERY);
      expect(expected.length).toBeGreaterThan(0);
      // The demo corpus has no attachments: the policy read here gets one (its site answered by the test).
      await j.t.ds.query('UPDATE policies SET attachments = $1 WHERE id = $2', [
        JSON.stringify([ATTACHMENT]),
        expected[0].id,
      ]);
      await j.page
        .context()
        .route(ATTACHMENT.url, (r) =>
          r.fulfill({ contentType: 'text/html; charset=utf-8', body: '<title>申请表</title>' }),
        );

      await j.open('/pages/policies/index');
      const tab = j.current();
      await tab.locator('.policy-card').first().waitFor();
      await tab.locator('.policies__input input').fill(QUERY);
      await tab.locator('.policies__input input').press('Enter');
      await tab.locator('.policies__query', { hasText: QUERY }).waitFor();
      // Every in-force title with the words is found, each with the words marked.
      const card = tab.locator('.policy-card', { has: j.page.locator('.policy-hl__hit', { hasText: QUERY }) });
      await card.first().waitFor();
      const ids = await tab
        .locator('.policies__results .policy-card')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id')));
      for (const p of expected) expect(ids).toContain(p.id);
      // The history keeps the search.
      await tab.getByText('清除', { exact: true }).click();
      await tab.locator('.policies__history-item', { hasText: QUERY }).waitFor();
      await tab.locator('.policies__history-item', { hasText: QUERY }).click();
      await tab.locator('.policies__query', { hasText: QUERY }).waitFor();

      const target = expected[0];
      await tab.locator(`.policies__results .policy-card[data-id="${target.id}"]`).click();
      await j.waitForRoute('/packages/policies/pages/detail/index');
      const page = j.current();
      await expect(page.locator('.policy-detail__title').innerText()).resolves.toBe(target.title);
      await expect(page.locator('.policy-detail__doc-number').innerText()).resolves.toContain(target.doc_number);
      // 正文 as rich text (real elements, not escaped markup), then 政策解读.
      const panel = page.locator('.policy-detail__panel');
      await expect(panel.innerText().then((t) => t.replace(/\s+/g, ''))).resolves.toContain(
        textOf(target.body).slice(0, 20),
      );
      await expect(panel.innerText()).resolves.not.toContain('<p>');
      await page.locator('.policy-detail__tab--interpretation').click();
      await page.locator('.policy-detail__panel--interpretation').waitFor();
      if (target.interpretation) {
        // The panel's class changes at once; its rich text arrives a piece per update (no setData above 64 KB).
        await j.page.waitForFunction(
          (want) =>
            (document.querySelector('.policy-detail__panel--interpretation')?.textContent ?? '')
              .replace(/\s+/g, '')
              .includes(want),
          textOf(target.interpretation).slice(0, 20),
        );
      } else {
        await page.getByText('暂无政策解读').waitFor();
      }
      await j.audit();

      // An attachment opens in a new window.
      const opened = j.page.context().waitForEvent('page');
      await page.locator('.policy-detail__attachment', { hasText: ATTACHMENT.name }).click();
      const tabOpened = await opened;
      await tabOpened.waitForURL(ATTACHMENT.url);
      await tabOpened.close();

      // A visitor's 收藏 asks to sign in first.
      await page.locator('.policy-detail__favorite').click();
      await j.waitForRoute('/packages/account/pages/login/index');
    },
  );

  journeyTest(
    'an enterprise favourites a policy and finds it in 我的收藏',
    () => j,
    async () => {
      const [target] = await inForceWithTitle(j, QUERY);
      const owner = await boundOwner(j.t, 'policy-h5-owner', '湘潭H5政策旅程有限公司');
      await j.freshPage();
      await devSignIn(j, 'policy-h5-owner');
      // Straight into the detail, as from a shared card.
      await j.open(`/packages/policies/pages/detail/index?id=${target.id}`);
      const page = j.current();
      await page.locator('.policy-detail__favorite', { hasText: '收藏' }).click();
      await page.locator('.policy-detail__favorite', { hasText: '已收藏' }).waitFor();
      const rows = await j.t.ds.query('SELECT policy_id FROM policy_favorites WHERE user_id = $1', [owner.user.id]);
      expect(rows).toEqual([{ policy_id: target.id }]);

      await j.open('/packages/policies/pages/favorites/index');
      const favorites = j.current();
      await favorites.locator(`.policy-card[data-id="${target.id}"]`).waitFor();
      await expect(favorites.locator('.policy-card').count()).resolves.toBe(1);
    },
  );
});
