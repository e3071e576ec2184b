import { makeCreditCode, signInWechat } from '../../../server/test/utils/factories';
import { A11yAudit } from './a11y';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

/**
 * Every page of app.config.ts through the accessibility audit (a11y.ts), whether or not a section's
 * journey visits it: staff pages as a butler, the others as an enterprise owner with a pending
 * member, the tabs also signed out. A page added to app.config.ts is audited here without anyone
 * remembering to. Also: the audit still catches what it should, a keyboard can work the H5 pages
 * (utils/keyboard.h5.ts), and H5 inputs centre their text and placeholder as WeChat's do.
 */

/** Every page of the mini-program, read from app.config.ts (its Taro compile-time global given its identity). */
async function appPages(): Promise<string[]> {
  (globalThis as Record<string, unknown>).defineAppConfig ??= (c: unknown) => c;
  const { default: config } = (await import('../../src/app.config')) as {
    default: { pages: string[]; subPackages: { root: string; pages: string[] }[] };
  };
  return [
    ...config.pages.map((p) => `/${p}`),
    ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root.replace(/\/$/, '')}/${p}`)),
  ];
}

/** Opens a page and audits it once more when its data has loaded (the first audit sees the loading state). */
async function openSettled(j: Journey, route: string): Promise<void> {
  await j.open(route);
  await j
    .current()
    .locator('.qs-state--loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await j.audit();
}

describe('journey: accessibility of every page', () => {
  let j: Journey;
  let pages: string[];
  beforeAll(async () => {
    j = await startJourney();
    pages = await appPages();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'every page passes axe and the measured contrast check, in standard and 长辈版',
    () => j,
    async () => {
      const tabs = pages.filter((p) => p.startsWith('/pages/'));
      const staffPages = pages.filter((p) => p.startsWith('/packages/workbench/'));
      for (const route of tabs) await openSettled(j, route);

      // An enterprise owner with a member waiting for approval: the members page shows its buttons.
      const code = makeCreditCode();
      const owner = await signInWechat(j.t, 'a11y-owner');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: code, name: '湘潭无障碍测试有限公司', contactName: '郑一' });
      const joiner = await signInWechat(j.t, 'a11y-joiner');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(joiner.auth)
        .send({ creditCode: code, name: '湘潭无障碍测试有限公司', contactName: '王二' });
      await devSignIn(j, 'a11y-owner');
      for (const route of pages.filter((p) => !staffPages.includes(p))) await openSettled(j, route);

      await j.freshPage();
      await j.open('/packages/account/pages/staff-login/index');
      await j.current().locator('.staff-login__username input').fill('guanjia');
      await j.current().locator('.staff-login__password input').fill('Qsgj#2026');
      await j.current().locator('.staff-login__submit').click();
      await j.waitForRoute('/packages/workbench/pages/index/index');
      for (const route of staffPages) await openSettled(j, route);

      const audited = new Set(j.a11y.results.map((r) => `${r.route} ${r.mode}`));
      const missing = pages.flatMap((p) =>
        ['standard', 'elder'].filter((m) => !audited.has(`${p} ${m}`)).map((m) => `${p} (${m})`),
      );
      expect(missing).toEqual([]);
    },
    180_000,
  );

  journeyTest(
    'the audit catches a low-contrast text, text on a pale gradient and an icon button without a name',
    () => j,
    async () => {
      await j.freshPage();
      await j.open('/pages/index/index');
      await j.page.evaluate(() => {
        const root = Array.from(document.querySelectorAll<HTMLElement>('.qs-page')).find((el) => el.checkVisibility())!;
        const probe = document.createElement('div');
        probe.id = 'a11y-probe';
        probe.innerHTML =
          '<p style="color:#b0b0b0;font-size:15px">浅灰色的小字</p>' +
          '<div style="background:linear-gradient(90deg,#06753d,#9be0b8)"><span style="color:#fff;font-size:15px">渐变上的白字</span></div>' +
          '<div role="button" tabindex="0" style="width:48px;height:48px"></div>';
        root.prepend(probe);
      });
      const probe = new A11yAudit('self-test');
      await probe.check(j.page);
      await j.page.evaluate(() => document.getElementById('a11y-probe')?.remove());
      const found = probe.takeProblems().join('\n');
      expect(found).toMatch(/contrast 2\.\d+:1 < 4\.5:1 .*"浅灰色的小字"/);
      expect(found).toMatch(/contrast 1\.\d+:1 < 4\.5:1 .*"渐变上的白字"/);
      expect(found).toMatch(/axe aria-command-name \(serious\)/);
      // Both modes were checked, and the page is back in the mode it was in.
      expect(new Set(probe.results.map((r) => r.mode))).toEqual(new Set(['standard', 'elder']));
      await expect(j.current().locator('.qs-page').first().getAttribute('class')).resolves.not.toContain('qs-elder');
    },
  );

  journeyTest(
    'a keyboard reaches and presses the home page tiles, the 长辈版 switch and the buttons (H5)',
    () => j,
    async () => {
      await j.freshPage();
      await j.open('/pages/index/index');
      const home = j.current();
      for (const el of [home.locator('.home__tile').first(), home.locator('.home__elder'), home.locator('.home__cta')])
        await expect(el.getAttribute('tabindex')).resolves.toBe('0');
      // Enter on a tile opens its section (企业商圈), and back returns to the home page.
      await home.locator('.home__tile[data-key="market"]').focus();
      await j.page.keyboard.press('Enter');
      await j.waitForRoute('/packages/market/pages/index/index');
      await j.page.goBack();
      await j.waitForRoute('/pages/index/index');
      await home.locator('.home__elder').focus();
      await j.page.keyboard.press(' ');
      await expect(home.locator('.home__elder').getAttribute('aria-checked')).resolves.toBe('true');
      await j.page.keyboard.press(' ');
      await expect(home.locator('.qs-page').first().getAttribute('class')).resolves.not.toContain('qs-elder');
      await home.locator('.home__cta').focus();
      await j.page.keyboard.press('Enter');
      await j.waitForRoute('/packages/account/pages/login/index');
      const button = j.current().locator('taro-button-core', { hasText: '工作人员登录' });
      await expect(button.getAttribute('role')).resolves.toBe('button');
      await button.focus();
      await j.page.keyboard.press('Enter');
      await j.waitForRoute('/packages/account/pages/staff-login/index');
    },
  );

  journeyTest(
    'inputs centre their text and placeholder vertically in the field, as in WeChat (standard and 长辈版)',
    () => j,
    async () => {
      await j.freshPage();
      for (const elder of [false, true]) {
        if (elder) {
          await j.open('/pages/index/index');
          await j.current().locator('.home__elder').click();
        }
        await j.open('/packages/account/pages/staff-login/index');
        const field = j.current().locator('.staff-login__username');
        const shell = await j.current().locator('.qs-page').first().getAttribute('class');
        if (elder) expect(shell).toContain('qs-elder');
        else expect(shell).not.toContain('qs-elder');
        const placeholder = await inkOffset(field);
        await field.locator('input').fill('张三');
        await field.locator('input').blur();
        const value = await inkOffset(field);
        const off = (m: typeof value) => (m.inkCentre - m.fieldCentre).toFixed(1);
        console.log(
          `input ${elder ? '长辈版' : '标准版'}: field ${value.fieldHeight}px, text centre ${off(value)}px and placeholder ${off(placeholder)}px from the field's middle`,
        );
        for (const m of [placeholder, value]) {
          // The editable box fills the field (borders aside) ...
          expect(Math.abs(m.gapTop - m.gapBottom)).toBeLessThanOrEqual(1);
          // ... and the glyphs drawn sit in its middle.
          expect(Math.abs(m.inkCentre - m.fieldCentre)).toBeLessThanOrEqual(2);
        }
        expect(placeholder.fieldHeight).toBeGreaterThanOrEqual(elder ? 60 : 48);
        await field.locator('input').fill('');
      }
    },
  );
});

/**
 * Where the text is drawn in a field: a screenshot of the field, its rows with dark pixels
 * (text and placeholder are ≥ 4.5:1; the border is pale), and the field's own middle.
 */
async function inkOffset(field: ReturnType<Journey['current']>) {
  const box = await field.evaluate((el) => {
    const f = el.getBoundingClientRect();
    const i = (el.querySelector('input') as HTMLInputElement).getBoundingClientRect();
    return { height: f.height, gapTop: i.top - f.top, gapBottom: f.bottom - i.bottom };
  });
  const png = (await field.screenshot({ animations: 'disabled', caret: 'hide' })).toString('base64');
  const rows = await field.page().evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data: px, width, height } = ctx.getImageData(0, 0, img.width, img.height);
    const inked: number[] = [];
    for (let y = 0; y < height; y++)
      for (let x = 4; x < width - 4; x++) {
        const o = (y * width + x) * 4;
        if ((px[o] + px[o + 1] + px[o + 2]) / 3 < 160) {
          inked.push(y);
          break;
        }
      }
    return { inked, height };
  }, png);
  expect(rows.inked.length).toBeGreaterThan(4);
  const scale = rows.height / box.height;
  const top = rows.inked[0] / scale;
  const bottom = (rows.inked[rows.inked.length - 1] + 1) / scale;
  return {
    fieldHeight: box.height,
    fieldCentre: box.height / 2,
    inkCentre: (top + bottom) / 2,
    gapTop: box.gapTop,
    gapBottom: box.gapBottom,
  };
}
