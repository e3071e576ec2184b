import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { PAGES, TAB_PAGES } from '@qsgj/shared/pages';

interface AppConfig {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

/** miniapp/src/app.config.ts as Taro reads it (`defineAppConfig` is a global of Taro's build). */
function appConfig(): AppConfig {
  (globalThis as Record<string, unknown>).defineAppConfig = (config: AppConfig) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../src/app.config') as { default: AppConfig }).default;
}

const config = appConfig();
const realPages = new Set(
  [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => posix.join(s.root, p)))].map(
    (p) => `/${p}`,
  ),
);

describe('PAGES (shared/src/pages.ts): the pages notifications link to and the app navigates by', () => {
  it.each(Object.entries(PAGES))('%s (%s) is a page of app.config.ts', (_name, path) => {
    expect(realPages).toContain(path);
  });

  it.each(Object.entries(PAGES))('%s (%s) has its page component in miniapp/src', (_name, path) => {
    expect(existsSync(join(__dirname, '..', '..', 'src', `${path}.tsx`))).toBe(true);
  });

  it('names every page of app.config.ts', () => {
    expect([...realPages].sort()).toEqual(Object.values(PAGES).sort());
  });

  it('TAB_PAGES is the tab bar, in its order', () => {
    expect(TAB_PAGES).toEqual((config.tabBar?.list ?? []).map((t) => `/${t.pagePath}`));
  });
});
