import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../server/test/utils/test-app';
import { A11yAudit, routeOf } from './a11y';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', '..', 'artifacts', 'journeys');
/** The H5 build the journeys run against (JOURNEY_H5_DIR: another build, e.g. a copy with a deliberate fault). */
export const H5_DIR = process.env.JOURNEY_H5_DIR ?? join(__dirname, '..', '..', 'dist', 'h5');

export interface Journey {
  t: TestApp;
  browser: Browser;
  page: Page;
  /** The page on screen (earlier pages and tabs shown before stay in the DOM, hidden). */
  current(): Locator;
  /** Opens a route of the H5 app (hash router) and waits for it to render (then audits it, see below). */
  open(route: string): Promise<void>;
  /** Waits for a route to render, then audits it: axe-core, measured contrast and tap targets, standard and 长辈版 (a11y.ts). */
  waitForRoute(route: string): Promise<void>;
  /** The accessibility audit of this file's journeys: `journeyTest` fails on what it found during the test. */
  a11y: A11yAudit;
  /** Audits the page on screen now (for a state the journey reached without a navigation). */
  audit(): Promise<void>;
  /** A fresh browser page (new storage) in the same browser. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A real server on a fresh database serving the H5 build, and headless Chromium at 375×667. */
export async function startJourney(env: Record<string, string> = {}): Promise<Journey> {
  const name = basename(expect.getState().testPath ?? 'journey', '.journey.ts');
  const audited = new Set<string>();
  const visited = new Set<string>();
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
    current: () => journey.page.locator('.taro_page:visible').last(),
    async open(route) {
      await journey.page.goto(`${t.url}/#${route}`);
      await journey.waitForRoute(route);
    },
    async waitForRoute(route) {
      await journey.page.waitForURL((u) => u.hash.startsWith(`#${route}`), { timeout: 10_000 });
      // Taro's page element is named after its route (`/pages/me/index?stamp=AB`); wait until it is the one shown.
      const page = `.taro_page[id^="${route.split('?')[0]}"]:visible`;
      await journey.page.locator(`${page} .qs-page`).first().waitFor({ timeout: 10_000 });
      // And until the page it replaces has gone (a page leaving mid-transition is not this page's to audit).
      await journey.page
        .waitForFunction(
          () =>
            Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.checkVisibility())
              .length === 1,
          undefined,
          { timeout: 2_000 },
        )
        .catch(() => undefined);
      await journey.audit();
    },
    a11y: new A11yAudit(name),
    async audit() {
      audited.add(routeOf(journey.page.url()));
      // A toast is not the page: axe measures one caught mid-fade as low contrast. Audit once it has gone.
      await journey.page
        .locator('.taro__toast')
        .first()
        .waitFor({ state: 'hidden', timeout: 4_000 })
        .catch(() => undefined);
      await journey.a11y.check(journey.page);
    },
    async freshPage() {
      await journey.page?.context().close();
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
      journey.page = await context.newPage();
      journey.page.setDefaultTimeout(10_000);
      journey.page.on('framenavigated', (frame) => {
        if (frame === journey.page.mainFrame()) visited.add(routeOf(frame.url()));
      });
      return journey.page;
    },
    async close() {
      await browser.close();
      await t.close();
      console.log(journey.a11y.summary());
      const unchecked = [...visited].filter((r) => r !== '/' && !audited.has(r));
      if (unchecked.length)
        console.warn(`a11y (${name}): shown but never audited (reach them with waitForRoute): ${unchecked.join(', ')}`);
      const left = journey.a11y.takeProblems();
      if (left.length) throw new Error(a11yMessage(left));
    },
  };
  await journey.freshPage();
  return journey;
}

/**
 * Runs one journey test; on failure keeps a screenshot under artifacts/journeys/. Then fails on what
 * the accessibility audit found on the pages the test showed (the one it ended on is audited too).
 */
export function journeyTest(name: string, get: () => Journey, fn: () => Promise<void>, timeout = 60_000): void {
  it(
    name,
    async () => {
      try {
        await fn();
        await get().audit();
      } catch (e) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const file = join(ARTIFACTS, `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}.png`);
        await get()
          .page.screenshot({ path: file, fullPage: true })
          .catch(() => undefined);
        const problems = get()?.a11y.takeProblems() ?? [];
        if (problems.length) console.warn(a11yMessage(problems));
        throw e;
      }
      const problems = get().a11y.takeProblems();
      if (problems.length) throw new Error(a11yMessage(problems));
    },
    timeout,
  );
}

function a11yMessage(problems: string[]): string {
  return [
    `Accessibility: ${problems.length} problem(s) on the pages this journey showed (screenshots in artifacts/journeys/a11y/):`,
    ...problems.map((p) => `  - ${p}`),
  ].join('\n');
}

/**
 * Signs in on the H5 development sign-in page as `mock:<name>` and agrees to the privacy notice when
 * it is due (a user who already agreed, e.g. signed in through the API's factory, goes straight to 我的).
 */
export async function devSignIn(j: Journey, name: string): Promise<void> {
  await j.open('/packages/account/pages/login/index');
  await j.current().locator('.login__name input').fill(name);
  await j.current().getByText('模拟微信登录').click();
  const privacy = '/packages/account/pages/privacy/index';
  await j.page.waitForURL((u) => u.hash.startsWith(`#${privacy}`) || u.hash.startsWith('#/pages/me/index'), {
    timeout: 10_000,
  });
  if (new URL(j.page.url()).hash.startsWith(`#${privacy}`)) {
    await j.waitForRoute(privacy);
    await j.current().getByText('同意并继续').click();
  }
  await j.waitForRoute('/pages/me/index');
}

/** Staff sign-in on the H5 staff page with username and password; ends on the workbench queue. */
export async function staffSignIn(j: Journey, username: string, password: string): Promise<void> {
  await j.open('/packages/account/pages/staff-login/index');
  await j.current().locator('.staff-login__username input').fill(username);
  await j.current().locator('.staff-login__password input').fill(password);
  await j.current().locator('.staff-login__submit').click();
  await j.waitForRoute('/packages/workbench/pages/index/index');
}
