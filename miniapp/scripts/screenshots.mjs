#!/usr/bin/env node
/**
 * The home page's screenshots in docs/screenshots/, standard and 长辈版, at 375 × 667 in headless Debian
 * Chromium (fonts-wqy-microhei for the Chinese text). Against a running server with the H5 build:
 *   pnpm start   # or any server serving miniapp/dist/h5
 *   node miniapp/scripts/screenshots.mjs [http://127.0.0.1:3000]
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${base}/#/pages/index/index`);
  const shell = page.locator('.qs-page:visible').first();
  await shell.waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(out, 'home-375x667.png') });
  await page.locator('.home__elder').click();
  await page.waitForFunction(() => document.querySelector('.qs-page.qs-elder'));
  await page.screenshot({ path: join(out, 'home-elder-375x667.png') });
  // Leave the device as found: 长辈版 off again.
  await page.locator('.home__elder').click();
  console.log(`written to ${out}`);
} finally {
  await browser.close();
}
