import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../server/test/utils/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', '..', 'artifacts', 'journeys');
export const H5_DIR = join(__dirname, '..', '..', 'dist', 'h5');

export interface Journey {
  t: TestApp;
  browser: Browser;
  page: Page;
  /** The page on top of Taro's stack (earlier pages stay in the DOM after navigateTo). */
  current(): Locator;
  /** Opens a route of the H5 app (hash router) and waits for it to render. */
  open(route: string): Promise<void>;
  waitForRoute(route: string): Promise<void>;
  /** A fresh browser page (new storage) in the same browser. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A real server on a fresh database serving the H5 build, and headless Chromium at 375×667. */
export async function startJourney(env: Record<string, string> = {}): Promise<Journey> {
  const t = await startTestApp({ H5_DIR, SEED_DEMO: 'true', ...env });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const journey: Journey = {
    t,
    browser,
    page: undefined as unknown as Page,
    current: () => journey.page.locator('.taro_page').last(),
    async open(route) {
      await journey.page.goto(`${t.url}/#${route}`);
      await journey.waitForRoute(route);
    },
    async waitForRoute(route) {
      await journey.page.waitForURL((u) => u.hash.startsWith(`#${route}`), { timeout: 10_000 });
      await journey.current().locator('.qs-page').first().waitFor({ timeout: 10_000 });
    },
    async freshPage() {
      await journey.page?.context().close();
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
      journey.page = await context.newPage();
      journey.page.setDefaultTimeout(10_000);
      return journey.page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
  await journey.freshPage();
  return journey;
}

/** Runs one journey test; on failure keeps a screenshot under artifacts/journeys/. */
export function journeyTest(name: string, get: () => Journey, fn: () => Promise<void>, timeout = 60_000): void {
  it(
    name,
    async () => {
      try {
        await fn();
      } catch (e) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const file = join(ARTIFACTS, `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}.png`);
        await get()
          .page.screenshot({ path: file, fullPage: true })
          .catch(() => undefined);
        throw e;
      }
    },
    timeout,
  );
}

/** Signs in on the H5 development sign-in page as `mock:<name>` and agrees to the privacy notice. */
export async function devSignIn(j: Journey, name: string): Promise<void> {
  await j.open('/packages/account/pages/login/index');
  await j.current().locator('.login__name input').fill(name);
  await j.current().getByText('模拟微信登录').click();
  await j.waitForRoute('/packages/account/pages/privacy/index');
  await j.current().getByText('同意并继续').click();
  await j.waitForRoute('/pages/me/index');
}
