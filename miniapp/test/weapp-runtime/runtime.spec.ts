import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type SignedIn, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import { JPEG_3X2, NOT_IMAGES, paddedTo, png } from '../../../server/test/utils/images';
import { startTestApp, type TestApp } from '../../../server/test/utils/test-app';
import { type WxHost, createFakeWx } from './fake-wx';
import { BUDGETS, budgetViolations, DEFAULT_DIST, type PageVisit, WeappRuntime } from './index';
import { parsePath, pathsOverlap, setPath } from './data-path';
import { parseTemplates } from './templates';
import { WX_API_NAMES } from './wx-api-names';
import { LocalFiles } from './files';

/**
 * The harness on the real weapp build, without a server (a visitor's pages ask the API nothing;
 * requests go to a closed port and fail as WeChat's do when offline).
 */
const NO_SERVER = 'http://127.0.0.1:9';
const launch = (options: Partial<Parameters<typeof WeappRuntime.launch>[0]> = {}) =>
  WeappRuntime.launch({ apiBase: NO_SERVER, ...options });

const apps: WeappRuntime[] = [];
afterEach(() => apps.splice(0).forEach((a) => a.close()));
const track = async (p: Promise<WeappRuntime>) => {
  const app = await p;
  apps.push(app);
  return app;
};

/** A copy of dist/weapp to break on purpose; removed after the test. */
function brokenCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qsgj-weapp-'));
  cpSync(DEFAULT_DIST, dir, { recursive: true });
  return dir;
}
const copies: string[] = [];
afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('weapp harness: reading the build', () => {
  it('reads node templates from base.wxml: tags, pN attributes and bound events', () => {
    const t = parseTemplates(DEFAULT_DIST);
    const byTag = (tag: string) => [...t.byNn.values()].filter((x) => x.tag === tag);
    const input = byTag('input')[0];
    expect(Object.values(input.attrs)).toEqual(expect.arrayContaining(['value', 'maxlength', 'password']));
    expect(input.events).toMatchObject({ input: 'bind', confirm: 'bind' });
    expect(byTag('button')[0].events.tap).toBe('bind');
    // Static and pure views bind nothing: a tap on them must bubble.
    expect(byTag('view').some((v) => Object.keys(v.events).length === 0)).toBe(true);
    expect(t.byNn.get(t.textNn)?.tag).toBe('#text');
  });

  it('gives wx every API name Taro maps as an own key', () => {
    const wx = createFakeWx(stubHost());
    expect(WX_API_NAMES.length).toBeGreaterThan(400);
    for (const name of [
      'request',
      'login',
      'navigateTo',
      'requestSubscribeMessage',
      'setTabBarBadge',
      'getStorageSync',
    ])
      expect(Object.keys(wx)).toContain(name);
  });

  it('parses and applies setData paths in Taro’s and WeChat’s forms', () => {
    expect(parsePath('root.cn.[0].cn.[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
    expect(parsePath('list[2].name')).toEqual(['list', 2, 'name']);
    const data: Record<string, unknown> = {};
    setPath(data, 'root.cn.[1].v', 'x');
    expect(data).toEqual({ root: { cn: [undefined, { v: 'x' }] } });
    expect(pathsOverlap('root.cn.[1]', 'root.cn.[1].cn.[0]')).toBe(true);
    expect(pathsOverlap('root.cn.[1]', 'root.cn.[10]')).toBe(false);
  });
});

describe('weapp harness: running the app', () => {
  it('boots the app, renders the home page and records its setData and tree', async () => {
    const app = await track(launch());
    expect(app.route).toBe('pages/index/index');
    expect(app.pageStack).toEqual(['pages/index/index']);
    expect(app.allByClass('home__tile')).toHaveLength(6);
    expect(app.render()).toContain('text.home__tile-title "惠企服务"');
    const visit = app.visits[0];
    expect(visit.setData.length).toBeGreaterThan(0);
    expect(visit.setData[0]).toMatchObject({ route: 'pages/index/index', target: 'page' });
    expect(visit.setData[0].bytes).toBeGreaterThan(1000);
    expect(visit.firstMeaningfulRender).toMatchObject({ requests: [] });
    expect(visit.firstMeaningfulRender!.nodes).toBeGreaterThan(50);
    expect(visit.firstMeaningfulRender!.depth).toBeGreaterThan(3);
    // A visitor's home asks only for its feed (GET /home, after its first render; no server here: it fails).
    expect(app.requests.every((r) => r.method === 'GET' && r.path === '/api/v1/home')).toBe(true);
    app.assertClean();
  });

  it('bubbles a tap from a text with no binding to the tile that binds it', async () => {
    const app = await track(launch());
    const title = app.byText('企业商圈', { exact: true });
    expect(title.template?.events.tap).toBeUndefined();
    await app.tap(title);
    expect(app.route).toBe('packages/market/pages/index/index');
  });

  it('refuses to tap what nothing listens to, and a disabled button', async () => {
    const app = await track(launch());
    await expect(app.tap(app.byClass('home__subtitle'))).rejects.toThrow(/nothing listens to a tap/);
    // Without a server the privacy notice cannot load its version: 同意并继续 stays disabled.
    const privacy = await track(launch({ path: 'packages/account/pages/privacy/index' }));
    expect(privacy.byClass('privacy__agree').attrs.disabled).toBe(true);
    await expect(privacy.tap('同意并继续')).rejects.toThrow(/tapped a disabled button/);
  });

  it('navigates: navigateTo with a query into a subpackage, navigateBack, switchTab, redirectTo, reLaunch', async () => {
    const app = await track(launch());
    const nav = (name: string, o: Record<string, unknown>) =>
      new Promise<{ errMsg: string }>((resolve) =>
        (app.wx[name] as (o: unknown) => void)({ ...o, success: resolve, fail: resolve }),
      );

    expect(
      await nav('navigateTo', { url: '/packages/account/pages/privacy/index?view=1&from=%2Fpages&flag&code=3==x' }),
    ).toEqual({
      errMsg: 'navigateTo:ok',
    });
    await app.settle();
    // As WeChat's routing parses it: not decoded, a bare key is "undefined", a value stops at '='.
    expect(app.query).toEqual({ view: '1', from: '%2Fpages', flag: 'undefined', code: '3' });
    expect(app.has('返回')).toBe(true);
    expect(app.loadedPackages.has('packages/account')).toBe(true);
    expect(app.pageStack).toEqual(['pages/index/index', 'packages/account/pages/privacy/index']);

    await app.back();
    expect(app.pageStack).toEqual(['pages/index/index']);

    expect((await nav('navigateTo', { url: '/pages/me/index' })).errMsg).toBe(
      'navigateTo:fail can not navigateTo a tabbar page',
    );
    expect((await nav('navigateBack', {})).errMsg).toBe('navigateBack:fail cannot navigate back at first page.');
    expect((await nav('switchTab', { url: '/packages/account/pages/login/index' })).errMsg).toMatch(
      /switchTab:fail can not switch to no-tabBar page/,
    );
    expect(app.problems.map((p) => p.kind)).toEqual(['navigation', 'navigation', 'navigation']);
    app.problems.length = 0;

    await nav('switchTab', { url: '/pages/policies/index?ignored=1' });
    await app.settle();
    expect(app.route).toBe('pages/policies/index');
    expect(app.query).toEqual({});
    await nav('navigateTo', { url: '/packages/account/pages/login/index' });
    await nav('redirectTo', { url: '/packages/account/pages/staff-login/index' });
    await app.settle();
    expect(app.pageStack).toEqual(['pages/policies/index', 'packages/account/pages/staff-login/index']);
    await nav('reLaunch', { url: '/packages/account/pages/login/index' });
    await app.settle();
    expect(app.pageStack).toEqual(['packages/account/pages/login/index']);
    app.assertClean();
  });

  it('stops at WeChat’s ten-page stack', async () => {
    const app = await track(launch({ path: 'packages/account/pages/login/index' }));
    for (let i = 0; i < 10; i++)
      (app.wx.navigateTo as (o: unknown) => void)({ url: '/packages/account/pages/login/index' });
    await app.settle();
    expect(app.pageStack).toHaveLength(10);
    expect(app.problems.map((p) => p.message)).toEqual([
      'wx.navigateTo("/packages/account/pages/login/index") failed: webview count limit exceed',
    ]);
  });

  it('types into inputs within maxlength and shows what React renders back', async () => {
    const app = await track(launch({ path: 'packages/account/pages/staff-login/index' }));
    const username = app.byClass('staff-login__username');
    await app.input(username, 'x'.repeat(40));
    expect(app.byClass('staff-login__username').attrs.value).toBe('x'.repeat(32));
    await app.tap(app.byClass('staff-login__submit'));
    expect(app.text(app.byClass('staff-login__error'))).toBe('请输入用户名和密码');
  });

  it('counts an unimplemented wx call as a problem unless the test allows it', async () => {
    const app = await track(launch());
    (app.wx.getLocation as (o: unknown) => void)({ type: 'gcj02' });
    expect(() => app.assertClean()).toThrow(/wx\.getLocation is not implemented by the weapp harness/);
    const allowed = await track(launch({ allowUnimplemented: ['getLocation'] }));
    (allowed.wx.getLocation as (o: unknown) => void)({ type: 'gcj02' });
    expect(() => allowed.assertClean()).not.toThrow();
  });

  it('answers a request from script.respond instead of the server, and still records it', async () => {
    const app = await track(launch());
    app.script.respond = ({ method, path }) =>
      method === 'GET' && path === '/api/v1/auth/config'
        ? { data: { fakeWechat: true, consentVersion: '2099-01' }, header: { 'x-request-id': 'r-1' } }
        : undefined;
    await app.reLaunch('/packages/account/pages/privacy/index');
    expect(app.has('版本 2099-01')).toBe(true);
    expect(app.byClass('privacy__agree').attrs.disabled).toBe(false);
    // (The home page launched first asked for its feed: no server here.)
    const asked = app.requests.filter((r) => r.path !== '/api/v1/home');
    expect(asked.map((r) => `${r.method} ${r.path} → ${r.status}`)).toEqual(['GET /api/v1/auth/config → 200']);
    app.assertClean();
  });

  it('lets a test claim the problems it caused on purpose; the others still fail assertClean', async () => {
    const app = await track(launch());
    (app.wx.getLocation as (o: unknown) => void)({ type: 'gcj02' });
    (app.wx.getWeRunData as (o: unknown) => void)({});
    const claimed = app.claimProblems((p) => p.message.includes('getLocation'));
    expect(claimed.map((p) => p.kind)).toEqual(['unimplemented']);
    expect(() => app.assertClean()).toThrow(/wx\.getWeRunData is not implemented/);
    expect(() => app.assertClean()).not.toThrow(/getLocation/);
  });

  it('keeps storage across a restart when given it, and answers wx.login with a mock: code', async () => {
    const app = await track(launch({ storage: { 'qsgj.largeFont': true }, wechatUser: '周一' }));
    expect(app.tree().children[0].classes).toContain('qs-elder');
    const code = await new Promise((resolve) =>
      (app.wx.login as (o: unknown) => void)({ success: (r: { code: string }) => resolve(r.code) }),
    );
    expect(code).toBe('mock:周一');
  });
});

describe('weapp harness: proving it catches what breaks in WeChat', () => {
  it('fails a page that touches document (there is no DOM in a mini-program)', async () => {
    const dir = brokenCopy();
    copies.push(dir);
    // Inject `document.querySelector('x')` into the policies page's component, as a page using the DOM would.
    const file = join(dir, 'pages/policies/index.js');
    const js = readFileSync(file, 'utf8');
    const component = /\(0,[\w$]+\.[\w$]+\)\(([\w$]+),"pages\/policies\/index"/.exec(js)?.[1];
    expect(component).toMatch(/^[\w$]+$/);
    const start = `function ${component}(){`;
    expect(js).toContain(start);
    writeFileSync(file, js.replace(start, `${start}document.querySelector("x");`));

    const app = await track(launch({ distDir: dir }));
    await app.tapTab('政策');
    // React reports the render error (console.error) and unmounts the app: WeChat would show a blank page.
    expect(app.problems).toEqual([
      expect.objectContaining({
        kind: 'console-error',
        route: 'pages/policies/index',
        message: expect.stringMatching(/TypeError: Cannot read properties of undefined \(reading 'querySelector'\)/),
      }),
    ]);
    expect(() => app.assertClean()).toThrow(/querySelector/);
    expect(app.has('政策库')).toBe(false);

    // The same copy unbroken passes: the failure is the injected line.
    writeFileSync(file, js);
    const clean = await track(launch({ distDir: dir }));
    await clean.tapTab('政策');
    expect(clean.has('政策库')).toBe(true);
    clean.assertClean();
  });

  it('fails a navigateTo to a page left out of app.json', async () => {
    const dir = brokenCopy();
    copies.push(dir);
    const appJsonFile = join(dir, 'app.json');
    const appJson = JSON.parse(readFileSync(appJsonFile, 'utf8')) as {
      subPackages: Array<{ root: string; pages: string[] }>;
    };
    const account = appJson.subPackages.find((p) => p.root === 'packages/account')!;
    account.pages = account.pages.filter((p) => p !== 'pages/login/index');
    writeFileSync(appJsonFile, JSON.stringify(appJson));

    const app = await track(launch({ distDir: dir }));
    await app.tap('登录并绑定企业');
    expect(app.route).toBe('pages/index/index');
    // The failed navigateTo, and the promise the page dropped (`void openPage(…)`).
    expect(app.problems.map((p) => [p.kind, p.message])).toEqual([
      [
        'navigation',
        'wx.navigateTo("/packages/account/pages/login/index") failed: page "packages/account/pages/login/index" is not found',
      ],
      [
        'unhandled-rejection',
        expect.stringContaining('navigateTo:fail page \\"packages/account/pages/login/index\\" is not found'),
      ],
    ]);
    expect(() => app.assertClean()).toThrow(/2 problem\(s\)/);
  });

  it('fails a setData over the budget, a first render over 1,000 nodes or 30 deep, and more than 2 requests', () => {
    const visit: PageVisit = {
      route: 'pages/x/index',
      query: {},
      loadedAt: 0,
      setData: [
        { route: 'pages/x/index', target: 'page', bytes: BUDGETS.setDataBytes + 1, paths: 1, at: 1, applyMs: 0 },
      ],
      firstMeaningfulRender: { at: 5, nodes: 1000, depth: 30, requests: ['GET /a', 'GET /b', 'GET /c'] },
      maxNodes: 1000,
      maxDepth: 30,
    };
    expect(budgetViolations([visit])).toHaveLength(4);
  });
});

describe('weapp harness: custom wrappers', () => {
  /**
   * A minimal build in Taro's shape whose page renders a custom-wrapper (this project's pages use
   * none yet). The same behaviour was checked on a real Taro build with <CustomWrapper>: see
   * docs/weapp-harness.md.
   */
  function wrapperBuild(): string {
    const dir = mkdtempSync(join(tmpdir(), 'qsgj-weapp-cw-'));
    copies.push(dir);
    const files: Record<string, string> = {
      'app.json': JSON.stringify({ pages: ['pages/a/index'] }),
      'base.wxml': [
        '<template name="tmpl_0_7">',
        '  <view class="{{i.cl}}" bindtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">',
        '  </view>',
        '</template>',
        '<template name="tmpl_0_9">',
        '  <block>{{i.v}}</block>',
        '</template>',
        '<template name="tmpl_0_custom-wrapper">',
        '  <custom-wrapper i="{{i}}" l="{{l}}" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}">',
        '  </custom-wrapper>',
        '</template>',
        '',
      ].join('\n'),
      'app.js': 'App({});',
      'custom-wrapper.js': `Component({
        properties: { i: { type: Object, value: {} }, l: { type: String, value: '' } },
        lifetimes: { attached() { globalThis.attached = (globalThis.attached || 0) + 1; }, detached() { globalThis.detached = true; } },
        methods: { eh() { this.setData({ 'i.cn.[0].cn.[0].v': String(Number(this.data.i.cn[0].cn[0].v) + 1) }); } },
      });`,
      'pages/a/index.json': JSON.stringify({ usingComponents: { 'custom-wrapper': '../../custom-wrapper' } }),
      'pages/a/index.js': `const node = (v) => ({ nn: 'custom-wrapper', sid: 'w1', cn: [{ nn: '7', sid: 'b1', cl: 'counter', cn: [{ nn: '9', sid: 't1', v }] }] });
      Page({
        data: { root: { cn: [] } },
        onLoad() { this.setData({ 'root.cn': [node('0')] }); },
        reset() { this.setData({ 'root.cn.[0]': node('reset') }); },
        clear() { this.setData({ 'root.cn': [] }); },
        eh() {},
      });`,
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('creates the wrapper when it renders, reads its subtree from its own data, and re-syncs or detaches it', async () => {
    const app = await track(launch({ distDir: wrapperBuild() }));
    expect(app.text()).toBe('0');
    await app.tap(app.byClass('counter'));
    await app.tap(app.byClass('counter'));
    // The update went through the wrapper's setData; the page's copy of the node is stale, as in WeChat.
    expect(app.text()).toBe('2');
    expect(app.setDataLog.map((s) => s.target)).toEqual(['page', 'wrapper', 'wrapper']);
    expect(JSON.stringify(app.data)).toContain('"v":"0"');

    const page = (app as unknown as { stack: Array<{ instance: Record<string, () => void> }> }).stack[0].instance;
    page.reset();
    await app.settle();
    expect(app.text()).toBe('reset'); // the owner's setData touched the node: a new `i` for the wrapper
    page.clear();
    await app.settle();
    expect(app.text()).toBe('');
    const globals = (app as unknown as { context: Record<string, unknown> }).context;
    expect(globals).toMatchObject({ attached: 1, detached: true });
    app.assertClean();
  });
});

describe('weapp harness: the fake wx', () => {
  it('lets requestSubscribeMessage run only inside a tap, with the scripted answers', async () => {
    let gesture = false;
    const host = stubHost({ inUserGesture: () => gesture });
    host.script.subscribe = { t1: 'accept' };
    const wx = createFakeWx(host);
    const ask = () =>
      new Promise((resolve) =>
        (wx.requestSubscribeMessage as (o: unknown) => void)({
          tmplIds: ['t1', 't2'],
          success: resolve,
          fail: resolve,
        }),
      );
    expect(await ask()).toEqual({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' });
    gesture = true;
    expect(await ask()).toEqual({ errMsg: 'requestSubscribeMessage:ok', t1: 'accept', t2: 'reject' });
  });

  it('refuses tab bar badges on a page that is not a tab', async () => {
    let isTab = false;
    const badges = new Map<number, string | null>();
    const wx = createFakeWx(stubHost({ currentIsTab: () => isTab, setBadge: (i, t) => badges.set(i, t) }));
    const badge = () =>
      new Promise((resolve) =>
        (wx.setTabBarBadge as (o: unknown) => void)({ index: 2, text: '1', success: resolve, fail: resolve }),
      );
    expect(await badge()).toEqual({ errMsg: 'setTabBarBadge:fail not TabBar page' });
    isTab = true;
    expect(await badge()).toEqual({ errMsg: 'setTabBarBadge:ok' });
    expect(badges.get(2)).toBe('1');
  });

  it('records what the app writes to the real-time log, with its filter message and page', () => {
    const logs: unknown[] = [];
    const wx = createFakeWx(stubHost({ record: { ...stubHost().record, realtimeLog: (e) => logs.push(e) } }));
    const log = (wx.getRealtimeLogManager as () => Record<string, (...a: unknown[]) => void>)();
    log.setFilterMsg('page-error');
    log.error('页面出错', { requestId: 'r-1' });
    expect(logs).toEqual([
      {
        level: 'error',
        args: ['页面出错', { requestId: 'r-1' }],
        filterMsg: ['page-error'],
        route: 'pages/index/index',
      },
    ]);
  });

  it('reads and writes local files through getFileSystemManager, with WeChat’s errors', async () => {
    const host = stubHost();
    const wx = createFakeWx(host);
    const fs = (wx.getFileSystemManager as () => Record<string, (...a: unknown[]) => unknown>)();
    const path = host.files.write(Buffer.from('{"code":"FORBIDDEN"}'), '.json');
    expect(fs.readFileSync(path, 'utf8')).toBe('{"code":"FORBIDDEN"}');
    expect((fs.readFileSync(path) as ArrayBuffer).byteLength).toBe(20);
    expect(() => fs.readFileSync('wxfile://tmp_gone.json', 'utf8')).toThrow(
      'readFileSync:fail no such file or directory, open wxfile://tmp_gone.json',
    );
    fs.writeFileSync('wxfile://usr/a/b.txt', '你好', 'utf8');
    expect(host.files.read('wxfile://usr/a/b.txt')!.toString('utf8')).toBe('你好');
    expect(() => fs.writeFileSync('wxfile://tmp_x.txt', 'x')).toThrow(/permission denied/);
    const read = await new Promise((resolve) =>
      fs.readFile({ filePath: 'wxfile://usr/a/b.txt', encoding: 'utf8', success: resolve, fail: resolve }),
    );
    expect(read).toEqual({ errMsg: 'readFile:ok', data: '你好' });
    const info = await new Promise((resolve) =>
      fs.getFileInfo({ filePath: 'wxfile://tmp_gone', success: resolve, fail: resolve }),
    );
    expect(info).toEqual({ errMsg: 'getFileInfo:fail no such file or directory, open wxfile://tmp_gone' });
    host.files.removeAll();
  });

  it('lets shareFileMessage run only inside a tap, answered from script.shareFile; records makePhoneCall', async () => {
    let gesture = false;
    const calls: unknown[] = [];
    const host = stubHost({
      inUserGesture: () => gesture,
      record: { ...stubHost().record, media: (c) => calls.push(c) },
    });
    const wx = createFakeWx(host);
    const path = host.files.write(Buffer.from('a,b'), '.csv');
    const share = () =>
      new Promise((resolve) =>
        (wx.shareFileMessage as (o: unknown) => void)({
          filePath: path,
          fileName: '工作台账.csv',
          success: resolve,
          fail: resolve,
        }),
      );
    expect(await share()).toEqual({ errMsg: 'shareFileMessage:fail can only be invoked by user TAP gesture.' });
    gesture = true;
    host.script.shareFile.push('send', 'cancel');
    expect(await share()).toEqual({ errMsg: 'shareFileMessage:ok' });
    expect(await share()).toEqual({ errMsg: 'shareFileMessage:fail cancel' });
    await new Promise((resolve) =>
      (wx.makePhoneCall as (o: unknown) => void)({ phoneNumber: '13807320002', success: resolve }),
    );
    expect(calls).toEqual([
      { api: 'shareFileMessage', route: 'pages/index/index', filePath: path, fileName: '工作台账.csv', sent: true },
      { api: 'shareFileMessage', route: 'pages/index/index', filePath: path, fileName: '工作台账.csv', sent: false },
      { api: 'makePhoneCall', route: 'pages/index/index', phoneNumber: '13807320002' },
    ]);
    host.files.removeAll();
  });

  it('checks addPhoneCalendar as WeChat does (a tap; title; startTime in seconds) and records it; openLocation too', async () => {
    let gesture = false;
    const calls: unknown[] = [];
    const host = stubHost({
      inUserGesture: () => gesture,
      record: { ...stubHost().record, media: (c) => calls.push(c) },
    });
    const wx = createFakeWx(host);
    const call = (name: string, o: Record<string, unknown>) =>
      new Promise((resolve) => (wx[name] as (o: unknown) => void)({ ...o, success: resolve, fail: resolve }));
    const entry = { title: '专精特新申报辅导', startTime: 1_796_000_000, endTime: 1_796_007_200, location: '市工信局' };
    expect(await call('addPhoneCalendar', entry)).toEqual({
      errMsg: 'addPhoneCalendar:fail can only be invoked by user TAP gesture.',
    });
    gesture = true;
    expect(await call('addPhoneCalendar', { startTime: 1_796_000_000 })).toEqual({
      errMsg: 'addPhoneCalendar:fail parameter error: parameter.title should be String',
    });
    expect(await call('addPhoneCalendar', { title: 'x', startTime: '2026-12-10T09:30:00+08:00' })).toEqual({
      errMsg: 'addPhoneCalendar:fail parameter error: parameter.startTime should be Number instead of string',
    });
    expect(await call('addPhoneCalendar', { title: 'x', startTime: 1_796_000_000_000 })).toEqual({
      errMsg: 'addPhoneCalendar:fail parameter error: startTime is a unix timestamp in seconds',
    });
    expect(await call('addPhoneCalendar', { title: 'x', startTime: 1_796_000_000, endTime: 1_795_000_000 })).toEqual({
      errMsg: 'addPhoneCalendar:fail endTime should not be earlier than startTime',
    });
    expect(await call('addPhoneCalendar', entry)).toEqual({ errMsg: 'addPhoneCalendar:ok' });
    expect(await call('openLocation', { latitude: 127.8, longitude: 112.9 })).toMatchObject({
      errMsg: expect.stringMatching(/^openLocation:fail parameter error: parameter.latitude/),
    });
    expect(await call('openLocation', { latitude: 27.8289, longitude: 112.9391, name: '市工信局', scale: 16 })).toEqual(
      {
        errMsg: 'openLocation:ok',
      },
    );
    expect(calls).toEqual([
      { api: 'addPhoneCalendar', route: 'pages/index/index', ...entry },
      { api: 'openLocation', route: 'pages/index/index', latitude: 27.8289, longitude: 112.9391, name: '市工信局' },
    ]);
  });

  it('answers showModal from the script, and flags a modal nobody scripted', async () => {
    const problems: string[] = [];
    const host = stubHost({ record: { ...stubHost().record, problem: (_k, m) => problems.push(m) } });
    const wx = createFakeWx(host);
    const modal = () =>
      new Promise((resolve) =>
        (wx.showModal as (o: unknown) => void)({ content: '确定？', success: resolve, fail: resolve }),
      );
    host.script.modal.push({ confirm: true });
    expect(await modal()).toMatchObject({ confirm: true, cancel: false });
    await modal();
    expect(problems).toEqual(['wx.showModal("确定？") had no scripted answer']);
  });
});

describe('weapp harness: media and files, against the real server', () => {
  let t: TestApp;
  let user: SignedIn;
  const dir = mkdtempSync(join(tmpdir(), 'qsgj-weapp-media-'));
  /** Real image files, as a phone's album holds them. */
  const photo = join(dir, 'photo.jpg');
  const big = join(dir, 'big.png');
  const huge = join(dir, 'huge.png');
  const fake = join(dir, 'fake.jpg');
  writeFileSync(photo, JPEG_3X2);
  writeFileSync(big, paddedTo(png(40, 30), 100 * 1024));
  writeFileSync(huge, paddedTo(png(4, 4), 3 * 1024 * 1024));
  writeFileSync(fake, NOT_IMAGES.html);

  beforeAll(async () => {
    t = await startTestApp();
    user = await signInByApi(t, 'harness-media');
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Res = Record<string, unknown> & { errMsg: string };
  /** Calls a wx API as the app would, and waits for its success or fail. */
  const call = (app: WeappRuntime, name: string, o: Record<string, unknown> = {}) => {
    let task: Record<string, (...a: unknown[]) => void> = {};
    const done = new Promise<Res>((resolve) => {
      task = (app.wx[name] as (o: unknown) => typeof task)({ ...o, success: resolve, fail: resolve }) ?? {};
    });
    return { task, done };
  };
  const upload = (app: WeappRuntime, filePath: string, auth = true) =>
    call(app, 'uploadFile', {
      url: 'https://qsgj.example.cn/api/v1/files/images',
      filePath,
      name: 'file',
      header: { ...(auth ? user.auth : {}), 'content-type': 'application/json' },
      formData: { purpose: 'case' },
    });
  const fileRows = async () => Number((await t.ds.query('SELECT count(*)::int AS n FROM files'))[0].n);

  it('chooseMedia gives temporary copies of what the user picks, up to count; cancel and no answer fail as in WeChat', async () => {
    const app = await track(launch({ apiBase: t.url }));
    app.script.media.push([photo, big, photo], 'cancel');
    const res = await call(app, 'chooseMedia', { count: 2, mediaType: ['image'], sizeType: ['compressed'] }).done;
    expect(res).toMatchObject({ errMsg: 'chooseMedia:ok', type: 'image' });
    const files = res.tempFiles as Array<Record<string, unknown>>;
    expect(files.map((f) => [f.fileType, f.size, f.width, f.height])).toEqual([
      ['image', JPEG_3X2.length, 3, 2],
      ['image', 100 * 1024, 40, 30],
    ]);
    expect(files[0].tempFilePath).toMatch(/^wxfile:\/\/tmp_[0-9a-f]+\.jpg$/);
    expect(app.readFile(files[0].tempFilePath as string).equals(JPEG_3X2)).toBe(true);

    expect(await call(app, 'chooseMedia', { count: 9 }).done).toEqual({ errMsg: 'chooseMedia:fail cancel' });
    expect(await call(app, 'chooseImage', { count: 1 }).done).toEqual({ errMsg: 'chooseImage:fail cancel' });
    expect(app.claimProblems(() => true).map((p) => p.message)).toEqual([
      'wx.chooseImage (count 1) had no scripted answer',
    ]);
    expect(await call(app, 'chooseMedia', { count: 21 }).done).toEqual({
      errMsg: 'chooseMedia:fail count should be between 1 and 20',
    });
    expect(app.claimProblems(() => true)).toHaveLength(1);
    expect(
      app.mediaCalls.map((c) => [c.api, 'count' in c ? c.count : null, 'files' in c ? c.files.length : null]),
    ).toEqual([
      ['chooseMedia', 2, 2],
      ['chooseMedia', 9, 0],
      ['chooseImage', 1, 0],
    ]);
    app.assertClean();
  });

  it('chooseImage answers tempFilePaths and tempFiles {path, size}; compressImage and getImageInfo read the local file', async () => {
    const app = await track(launch({ apiBase: t.url }));
    app.script.media.push([big]);
    const chosen = await call(app, 'chooseImage', { count: 9 }).done;
    const [path] = chosen.tempFilePaths as string[];
    expect(chosen.tempFiles).toEqual([{ path, size: 100 * 1024 }]);
    const compressed = await call(app, 'compressImage', { src: path, quality: 60 }).done;
    expect(compressed.errMsg).toBe('compressImage:ok');
    expect(compressed.tempFilePath).not.toBe(path);
    expect(app.readFile(compressed.tempFilePath as string).equals(app.readFile(path))).toBe(true);
    expect(await call(app, 'getImageInfo', { src: path }).done).toEqual({
      errMsg: 'getImageInfo:ok',
      width: 40,
      height: 30,
      path,
      orientation: 'up',
      type: 'png',
    });
    expect((await call(app, 'compressImage', { src: 'wxfile://tmp_missing.jpg' }).done).errMsg).toBe(
      'compressImage:fail file not found: wxfile://tmp_missing.jpg',
    );
    expect(app.claimProblems((p) => p.kind === 'wx-fail')).toHaveLength(1);
    app.assertClean();
  });

  it('uploadFile sends a real multipart POST with the header and formData, reports progress, and answers data as a string', async () => {
    const app = await track(launch({ apiBase: t.url }));
    app.script.media.push([big]);
    const [path] = (await call(app, 'chooseImage', {}).done).tempFilePaths as string[];
    const before = await fileRows();
    const { task, done } = upload(app, path);
    const events: Array<Record<string, number>> = [];
    task.onProgressUpdate((e: unknown) => events.push(e as Record<string, number>));
    const res = await done;
    expect(res.errMsg).toBe('uploadFile:ok');
    expect(res.statusCode).toBe(201);
    expect(typeof res.data).toBe('string');
    const body = JSON.parse(res.data as string) as { id: string; size: number; width: number };
    expect(body).toMatchObject({ size: 100 * 1024, width: 40, height: 30, contentType: 'image/png' });
    // Where it lands: one file row of this user, of these bytes.
    expect(await fileRows()).toBe(before + 1);
    const [row] = await t.ds.query('SELECT size, uploaded_by FROM files WHERE id = $1', [body.id]);
    expect(row).toEqual({ size: 100 * 1024, uploaded_by: user.user.id });
    // Progress: several events, growing, ending at 100 % of the whole body.
    expect(events.length).toBeGreaterThan(3);
    const sent = events.map((e) => e.totalBytesSent);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
    expect(events.at(-1)).toMatchObject({ progress: 100 });
    expect(events.at(-1)!.totalBytesSent).toBe(events.at(-1)!.totalBytesExpectedToSend);
    expect(app.requests.at(-1)).toMatchObject({
      api: 'uploadFile',
      method: 'POST',
      path: '/api/v1/files/images',
      status: 201,
      bytes: 100 * 1024,
    });

    // Any HTTP status is a success with the server's answer: a disguised file is refused by its bytes.
    app.script.media.push([fake]);
    const [fakePath] = (await call(app, 'chooseImage', {}).done).tempFilePaths as string[];
    const refused = await upload(app, fakePath).done;
    expect(refused).toMatchObject({ errMsg: 'uploadFile:ok', statusCode: 400 });
    expect(JSON.parse(refused.data as string).message).toMatch(/只能上传 JPEG、PNG 或 WebP/);
    // Without the sign-in header: 401.
    expect((await upload(app, path, false).done).statusCode).toBe(401);
    expect(await fileRows()).toBe(before + 1);
    app.assertClean();
  });

  it('uploadFile: abort() fails it with uploadFile:fail abort and nothing is stored; a missing file or name is refused', async () => {
    const app = await track(launch({ apiBase: t.url }));
    app.script.media.push([huge]);
    const [path] = (await call(app, 'chooseImage', {}).done).tempFilePaths as string[];
    const before = await fileRows();
    const { task, done } = upload(app, path);
    let aborted = false;
    task.onProgressUpdate(() => {
      if (!aborted) task.abort();
      aborted = true;
    });
    expect(await done).toEqual({ errMsg: 'uploadFile:fail abort' });
    await app.settle();
    await new Promise((r) => setTimeout(r, 300));
    expect(await fileRows()).toBe(before);
    expect(app.requests.at(-1)).toMatchObject({ api: 'uploadFile', status: 0 });

    expect((await upload(app, 'wxfile://tmp_nothing.jpg').done).errMsg).toBe(
      'uploadFile:fail createUploadTask:fail file not found: wxfile://tmp_nothing.jpg',
    );
    expect(
      (await call(app, 'uploadFile', { url: `${t.url}/api/v1/files/images`, filePath: path }).done).errMsg,
    ).toMatch(/^uploadFile:fail parameter error: parameter.name should be String/);
    expect(app.claimProblems((p) => p.kind === 'wx-fail')).toHaveLength(2);
    app.assertClean();
  });

  it('downloadFile GETs with the header into a temporary file named after its type, for any status', async () => {
    const app = await track(launch({ apiBase: t.url }));
    app.script.media.push([big]);
    const [path] = (await call(app, 'chooseImage', {}).done).tempFilePaths as string[];
    const { id } = JSON.parse((await upload(app, path).done).data as string) as { id: string };
    const { task, done } = call(app, 'downloadFile', {
      url: `https://qsgj.example.cn/api/v1/files/${id}`,
      header: user.auth,
    });
    const events: Array<Record<string, number>> = [];
    task.onProgressUpdate((e: unknown) => events.push(e as Record<string, number>));
    const res = await done;
    expect(res).toMatchObject({ errMsg: 'downloadFile:ok', statusCode: 200 });
    expect(res.tempFilePath).toMatch(/^wxfile:\/\/tmp_[0-9a-f]+\.png$/);
    expect(app.readFile(res.tempFilePath as string).equals(app.readFile(path))).toBe(true);
    expect(events.at(-1)).toMatchObject({ progress: 100, totalBytesWritten: 100 * 1024 });
    expect(app.requests.at(-1)).toMatchObject({ api: 'downloadFile', method: 'GET', status: 200, bytes: 100 * 1024 });

    // Without the header: WeChat still saves what came back (the error body) and says 401.
    const denied = await call(app, 'downloadFile', { url: `https://qsgj.example.cn/api/v1/files/${id}` }).done;
    expect(denied).toMatchObject({ errMsg: 'downloadFile:ok', statusCode: 401 });
    expect(JSON.parse(app.readFile(denied.tempFilePath as string).toString('utf8')).code).toBe('UNAUTHENTICATED');

    // To a user-data path; anywhere else is refused.
    const saved = await call(app, 'downloadFile', {
      url: `https://qsgj.example.cn/api/v1/files/${id}`,
      header: user.auth,
      filePath: 'wxfile://usr/copy.png',
    }).done;
    expect(saved).toEqual({ errMsg: 'downloadFile:ok', filePath: 'wxfile://usr/copy.png', statusCode: 200 });
    expect(app.readFile('wxfile://usr/copy.png').length).toBe(100 * 1024);
    expect(
      (await call(app, 'downloadFile', { url: `${t.url}/api/v1/files/${id}`, filePath: '/etc/x.png' }).done).errMsg,
    ).toBe('downloadFile:fail permission denied, open /etc/x.png');
    expect(app.claimProblems((p) => p.kind === 'wx-fail')).toHaveLength(1);
    app.assertClean();
  });

  it('previewImage and openDocument are recorded; bad arguments and unsupported documents fail as in WeChat', async () => {
    const app = await track(launch({ apiBase: t.url }));
    const wxPath = app.files.write(Buffer.from('PK\u0003\u0004 not really a workbook'), '.xlsx');
    const csvPath = app.files.write(Buffer.from('a,b\r\n'), '.csv');
    expect(
      (
        await call(app, 'previewImage', {
          urls: ['wxfile://tmp_a.jpg', 'wxfile://tmp_b.jpg'],
          current: 'wxfile://tmp_b.jpg',
        }).done
      ).errMsg,
    ).toBe('previewImage:ok');
    expect((await call(app, 'previewImage', { urls: [] }).done).errMsg).toMatch(/^previewImage:fail parameter error/);
    expect((await call(app, 'openDocument', { filePath: wxPath, showMenu: true }).done).errMsg).toBe('openDocument:ok');
    expect((await call(app, 'openDocument', { filePath: csvPath }).done).errMsg).toBe(
      'openDocument:fail filetype not supported',
    );
    expect((await call(app, 'openDocument', { filePath: csvPath, fileType: 'pdf' }).done).errMsg).toBe(
      'openDocument:ok',
    );
    expect(app.mediaCalls).toEqual([
      {
        api: 'previewImage',
        route: 'pages/index/index',
        current: 'wxfile://tmp_b.jpg',
        urls: ['wxfile://tmp_a.jpg', 'wxfile://tmp_b.jpg'],
      },
      { api: 'openDocument', route: 'pages/index/index', filePath: wxPath, fileType: 'xlsx', bytes: 26 },
      { api: 'openDocument', route: 'pages/index/index', filePath: csvPath, fileType: 'pdf', bytes: 5 },
    ]);
    expect(app.claimProblems((p) => p.kind === 'wx-fail').map((p) => p.message)).toEqual([
      expect.stringMatching(/^wx\.previewImage failed: parameter error/),
      'wx.openDocument failed: filetype not supported',
    ]);
    app.assertClean();
  });

  it('removes its local files on close', async () => {
    const app = await launch({ apiBase: t.url });
    const wxPath = app.files.write(Buffer.from('x'), '.txt');
    const real = app.files.real(wxPath)!;
    expect(existsSync(real)).toBe(true);
    app.close();
    expect(existsSync(real)).toBe(false);
  });
});

function stubHost(overrides: Partial<WxHost> = {}): WxHost {
  return {
    script: { loginName: 'stub', modal: [], actionSheet: [], media: [], shareFile: [] },
    system: { fontSizeScaleFactor: 1, windowWidth: 375, windowHeight: 667, platform: 'ios', SDKVersion: '3.7.0' },
    toCtx: (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v))),
    later: (fn) => setTimeout(fn, 0),
    request: () => ({ abort: () => undefined }),
    upload: () => ({}),
    download: () => ({}),
    files: new LocalFiles(),
    navigate: () => undefined,
    currentRoute: () => 'pages/index/index',
    currentIsTab: () => true,
    tabCount: () => 4,
    setBadge: () => undefined,
    setRedDot: () => undefined,
    stopPullDownRefresh: () => undefined,
    startPullDownRefresh: () => undefined,
    inUserGesture: () => false,
    record: {
      toast: () => undefined,
      hideToast: () => undefined,
      modal: () => undefined,
      problem: () => undefined,
      title: () => undefined,
      realtimeLog: () => undefined,
      media: () => undefined,
    },
    on: () => undefined,
    off: () => undefined,
    launchOptions: () => ({}),
    ...overrides,
  };
}
