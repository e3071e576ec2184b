import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * The first `pnpm start` on a fresh clone: the server answers before the H5 app exists, `/` says
 * 「正在准备应用…」 while scripts/start.mjs builds it in the background (the build reports in
 * `<H5_DIR>-build.json`), and the app is served at `/` as soon as its index.html is written — no restart.
 */
describe('start-up before the H5 app is built', () => {
  let t: TestApp;
  let parent: string;
  let h5: string;
  const status = (record: object) => writeFileSync(`${h5}-build.json`, JSON.stringify(record));

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'qsgj-h5-'));
    h5 = join(parent, 'h5'); // does not exist yet: Taro creates it
    t = await startTestApp({ H5_DIR: h5 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('while the build runs: 「正在准备应用…」 at `/`, with the CSP, and the API answers', async () => {
    status({ state: 'building', pid: process.pid, startedAt: Date.now() - 12_000 });
    const page = await t.http.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('正在准备应用…');
    expect(page.text).toContain('首次启动要先构建小程序的 H5 版本');
    expect(page.text).toMatch(/大约需要一分钟（已用 1[2-4] 秒）/);
    expect(page.text).toContain('<meta http-equiv="refresh" content="5">');
    expect(page.text).toContain('href="/api/docs"');
    expect(page.text).not.toMatch(/<script/); // the CSP allows no inline script: it refreshes itself

    expect((await t.http.get('/health')).status).toBe(200);
    const api = await t.http.get('/api/v1/auth/config');
    expect(api.status).toBe(200);
    const missing = await t.http.get('/js/app.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('does not promise an app when no build is running (none, or its process is gone)', async () => {
    rmSync(`${h5}-build.json`, { force: true });
    const none = await t.http.get('/');
    expect(none.status).toBe(503);
    expect(none.text).toContain('应用尚未构建');
    expect(none.text).toContain('pnpm build:h5');

    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    status({ state: 'building', pid: gone, startedAt: Date.now() });
    const stale = await t.http.get('/');
    expect(stale.text).toContain('应用尚未构建');
    expect(stale.text).not.toContain('正在准备应用');
  });

  it('a failed build is shown on the page, with the end of its log', async () => {
    writeFileSync(
      `${h5}-build.log`,
      '- 即将开始启动编译，请稍等~\n● Webpack ████████ sealing (92%)\n\u001b[31mModule not found: <Error> ./pages/nowhere\u001b[39m\n',
    );
    status({ state: 'failed', startedAt: Date.now() - 60_000, finishedAt: Date.now() });
    const page = await t.http.get('/');
    expect(page.status).toBe(503);
    expect(page.text).toContain('应用构建失败');
    expect(page.text).toContain('Module not found: &lt;Error&gt; ./pages/nowhere');
    for (const noise of ['\u001b[', '█', '即将开始启动编译']) expect(page.text).not.toContain(noise); // colours, progress bar
    expect(page.text).toContain('pnpm build:h5');
    expect((await t.http.get('/api/v1/auth/config')).status).toBe(200);
  });

  it('serves the app as soon as index.html exists, with the same server and its cache headers', async () => {
    // A rebuild (sources newer than the build): Taro has emptied the folder, and assets may land first.
    status({ state: 'building', reason: 'stale', pid: process.pid, startedAt: Date.now() });
    mkdirSync(join(h5, 'js'), { recursive: true });
    writeFileSync(join(h5, 'js', 'app.js'), 'console.log("亲商管家")');
    const rebuilding = await t.http.get('/');
    expect(rebuilding.text).toContain('正在准备应用…');
    expect(rebuilding.text).toContain('源代码有了更新，正在重新构建');
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>亲商管家</title><script src="/js/app.js"></script>');

    const app = await t.http.get('/');
    expect(app.status).toBe(200);
    expect(app.text).toContain('<title>亲商管家</title>');
    expect(app.headers['cache-control']).toBe('no-cache');
    expect(app.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = await t.http.get('/js/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=300');
    expect((await t.http.get('/index.html')).status).toBe(200);

    const unknown = await t.http.get('/nowhere.js');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect((await t.http.get('/api/v1/nowhere')).body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect((await t.http.get('/../package.json')).status).not.toBe(200);
  });
});
