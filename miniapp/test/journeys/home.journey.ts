import { type Journey, journeyTest, startJourney } from './harness';

describe('journey: a visitor on the home page', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'sees the six services and the three channels, with the tab bar',
    () => j,
    async () => {
      const requests: string[] = [];
      j.page.on('request', (r) => {
        if (r.url().includes('/api/')) requests.push(r.url());
      });
      await j.open('/pages/index/index');
      const home = j.current();
      for (const title of ['惠企服务', '管家团队', '涉企政策', '企业商圈', '潭商讲堂', '营商动态']) {
        await expect(home.locator('.home__tile', { hasText: title }).isVisible()).resolves.toBe(true);
      }
      for (const title of ['咨询', '评价', '投诉']) {
        await expect(home.locator('.home__channel', { hasText: title }).isVisible()).resolves.toBe(true);
      }
      // Sections not built yet say so instead of pretending to work.
      await expect(home.locator('.home__soon').count()).resolves.toBe(9);
      await expect(j.page.locator('.weui-tabbar__item').allInnerTexts()).resolves.toEqual([
        '首页',
        '政策',
        '消息',
        '我的',
      ]);
      // A visitor's home page asks the API for nothing before it renders.
      expect(requests.length).toBeLessThanOrEqual(2);
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
});
