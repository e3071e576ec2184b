import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join, posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { promiseHooks } from 'node:v8';
import vm from 'node:vm';
import { getPath, pathsOverlap, setPath } from './data-path';
import {
  createFakeWx,
  type ModalRecord,
  type MediaCall,
  type NavigationKind,
  type RealtimeLogRecord,
  type SystemOptions,
  type ToastRecord,
  type WxCallbacks,
  type WxHost,
  type WxScript,
} from './fake-wx';
import { extensionFor, LocalFiles, mimeFor } from './files';
import { parseTemplates, type Templates } from './templates';
import {
  ancestorsAndSelf,
  buildTree,
  descendants,
  findByClass,
  findBySid,
  findByText,
  measure,
  type Owner,
  renderTree,
  type TextMatch,
  textOf,
  type WxNode,
} from './tree';

export const DEFAULT_DIST = join(__dirname, '..', '..', 'dist', 'weapp');

/** What went wrong in the app: each one fails `assertClean()` unless allowed. */
export interface Problem {
  kind:
    | 'uncaught' // an exception escaped a handler, a timer or a lifecycle
    | 'unhandled-rejection'
    | 'console-error'
    | 'unimplemented' // a wx API the harness does not implement
    | 'unscripted' // a dialog the test gave no answer for
    | 'wx-fail' // a wx call WeChat would refuse (bad arguments, outside a tap …)
    | 'navigation' // navigateTo a page missing from app.json, a tab page, …
    | 'request' // a request WeChat would send differently from a browser, in a way servers refuse
    | 'load'; // a page or module that failed to load
  message: string;
  route: string;
  at: number;
}

export interface SetDataRecord {
  route: string;
  /** `page`, or the custom wrapper that received it. */
  target: 'page' | 'wrapper';
  /** JSON size in bytes (UTF-8), as WeChat measures it. */
  bytes: number;
  paths: number;
  /** ms since the page started loading. */
  at: number;
  /** ms the harness took to apply it (not WeChat's render time). */
  applyMs: number;
}

export interface RequestRecord {
  /** The wx API that sent it. */
  api: 'request' | 'uploadFile' | 'downloadFile';
  method: string;
  /** Path and query as the app asked for it (the origin is replaced by the test server's). */
  path: string;
  status: number;
  ms: number;
  route: string;
  /** uploadFile: the file's size; downloadFile: the bytes received. */
  bytes?: number;
}

/** Metrics of one page visit (one page instance). */
export interface PageVisit {
  route: string;
  query: Record<string, string>;
  /** ms since launch. */
  loadedAt: number;
  setData: SetDataRecord[];
  /** The first setData's tree. */
  firstRender?: { at: number; nodes: number; depth: number };
  /**
   * The first render that is not a loading state (see `isLoading`), with the requests started
   * between the page's load and the moment that render was scheduled.
   */
  firstMeaningfulRender?: { at: number; nodes: number; depth: number; requests: string[] };
  maxNodes: number;
  maxDepth: number;
}

export interface LaunchOptions {
  /** The weapp build (default miniapp/dist/weapp). */
  distDir?: string;
  /** Every wx.request goes here instead of the origin baked into the build (path, query, body kept). */
  apiBase: string;
  /** First page (default: app.json's first page) and its query. */
  path?: string;
  query?: Record<string, string>;
  /** wx.login answers `mock:<wechatUser>` (change later with `script.loginName`). */
  wechatUser?: string;
  /** Storage as a previous run left it (key → value). */
  storage?: Record<string, unknown>;
  system?: Partial<SystemOptions>;
  /** wx APIs the test accepts being called although the harness does not implement them. */
  allowUnimplemented?: string[];
  /** settle() waits for timers up to this delay (default 2000 ms); longer ones count as idle. */
  settleHorizonMs?: number;
  /** Is this tree still a loading state? Default: an element with a `--loading` class or `aria-busy`. */
  isLoading?: (root: WxNode) => boolean;
  /** Print the app's console.log/info to the test output. */
  verbose?: boolean;
}

interface PageJson {
  usingComponents?: Record<string, string>;
  enablePullDownRefresh?: boolean;
  navigationBarTitleText?: string;
}

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string }> };
  window?: { enablePullDownRefresh?: boolean };
}

type Fn = (...args: unknown[]) => unknown;
type Config = Record<string, unknown>;

interface PageInstance extends Record<string, unknown> {
  data: Record<string, unknown>;
  route: string;
}

interface PageRecord {
  route: string;
  query: Record<string, string>;
  instance: PageInstance;
  owner: Owner;
  json: PageJson;
  isTab: boolean;
  visit: PageVisit;
  wrappers: Map<string, WrapperRecord>;
  readyCalled: boolean;
  /** Shown (onShow called, onHide not since). */
  visible: boolean;
  title?: string;
}

interface WrapperRecord {
  sid: string;
  instance: Record<string, unknown> & { data: Record<string, unknown> };
  owner: Owner;
  config: Config;
}

export interface TabItem {
  index: number;
  pagePath: string;
  text: string;
  badge: string | null;
  redDot: boolean;
  selected: boolean;
}

const BUBBLING = new Set([
  'touchstart',
  'touchmove',
  'touchcancel',
  'touchend',
  'tap',
  'longpress',
  'longtap',
  'transitionend',
  'animationstart',
  'animationiteration',
  'animationend',
  'touchforcechange',
]);

/** WeChat's module wrapper shadows these browser globals: in a mini-program they are undefined. */
const SHADOWED = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'fetch',
];

const MAX_STACK = 10;

/**
 * Runs a Taro weapp build in a Node `vm` context with WeChat's globals faked: App/Page/Component,
 * `wx` (requests to a real server), the page stack and tab bar, setData applied to page data, and
 * WeChat's event delivery. Tests drive it like a user (tap, input …) and read the rendered tree.
 */
export class WeappRuntime {
  readonly distDir: string;
  readonly appJson: AppJson;
  /** Every page route in app.json (main package and subpackages), without a leading slash. */
  readonly routes: string[];
  readonly tabRoutes: string[];
  readonly script: WxScript;
  readonly problems: Problem[] = [];
  readonly requests: RequestRecord[] = [];
  readonly visits: PageVisit[] = [];
  readonly setDataLog: SetDataRecord[] = [];
  readonly toasts: ToastRecord[] = [];
  readonly modals: ModalRecord[] = [];
  /** What the app wrote to `wx.getRealtimeLogManager()`. */
  readonly realtimeLogs: RealtimeLogRecord[] = [];
  /** Calls of the media and file APIs (chooseMedia, compressImage, previewImage, openDocument …). */
  readonly mediaCalls: MediaCall[] = [];
  /** The mini-program's local files (`wxfile://…`), removed on close. */
  readonly files = new LocalFiles();
  /** Console warnings from the app. */
  readonly warnings: string[] = [];
  /** Subpackage roots loaded so far. */
  readonly loadedPackages = new Set<string>(['']);
  readonly wx: Record<string, unknown>;
  loading: { title: string } | null = null;
  pullDownRefreshing = false;

  private readonly options: LaunchOptions;
  private readonly templates: Templates;
  private readonly context: vm.Context;
  private readonly ctxJSON: JSON;
  private readonly ctxPromise: PromiseConstructor;
  private readonly allowed: Set<string>;
  private readonly startedAt = performance.now();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Config>();
  private readonly componentConfigs = new Map<string, Config>();
  private readonly stack: PageRecord[] = [];
  private readonly tabPages = new Map<string, PageRecord>();
  private readonly badges = new Map<number, string>();
  private readonly redDots = new Set<number>();
  private readonly listeners = new Map<string, Set<Fn>>();
  private readonly timers = new Map<number, { handle: NodeJS.Timeout; delay: number; interval: boolean }>();
  /**
   * One counter orders timer registrations and request starts. A setData runs in a timer Taro
   * registered when React committed the render: requests started after that registration were
   * started by the render's own effects, not before it.
   */
  private seq = 0;
  private runningTimer: number | null = null;
  /** Requests of visits that have not reached their first meaningful render, with their sequence number. */
  private readonly pendingRequests = new Map<PageVisit, Array<{ label: string; seq: number }>>();
  private inflight = 0;
  private pendingInternal = 0;
  private navigations: Promise<void> = Promise.resolve();
  private pendingNavigations = 0;
  private gesture = false;
  private loadingRoute: string | null = null;
  private loadingComponent: string | null = null;
  private appConfig: Config | null = null;
  private launchOptionsValue: Record<string, unknown> = {};
  private closed = false;

  private constructor(options: LaunchOptions) {
    this.options = options;
    this.distDir = options.distDir ?? DEFAULT_DIST;
    if (!existsSync(join(this.distDir, 'app.json')))
      throw new Error(`weapp harness: no build at ${this.distDir} (run: NODE_ENV=production taro build --type weapp)`);
    this.appJson = JSON.parse(readFileSync(join(this.distDir, 'app.json'), 'utf8')) as AppJson;
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? [];
    this.routes = [...this.appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => posix.join(s.root, p)))];
    this.tabRoutes = (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, ''));
    this.templates = parseTemplates(this.distDir);
    this.allowed = new Set(options.allowUnimplemented ?? []);
    this.script = {
      loginName: options.wechatUser ?? 'harness-user',
      modal: [],
      actionSheet: [],
      media: [],
      shareFile: [],
    };
    const system: SystemOptions = {
      fontSizeScaleFactor: 1,
      windowWidth: 375,
      windowHeight: 667,
      platform: 'ios',
      SDKVersion: '3.7.0',
      ...options.system,
    };

    const host: WxHost = {
      script: this.script,
      system,
      toCtx: (v) => this.toCtx(v),
      later: (fn, ms = 0) => this.later(fn, ms),
      request: (o) => this.request(o),
      upload: (o) => this.upload(o),
      download: (o) => this.download(o),
      files: this.files,
      navigate: (kind, o) => this.queueNavigation(kind, o),
      currentRoute: () => this.route,
      currentIsTab: () => !!this.top?.isTab,
      tabCount: () => this.tabRoutes.length,
      setBadge: (i, text) => (text === null ? this.badges.delete(i) : this.badges.set(i, text)),
      setRedDot: (i, on) => (on ? this.redDots.add(i) : this.redDots.delete(i)),
      stopPullDownRefresh: () => (this.pullDownRefreshing = false),
      startPullDownRefresh: () => {
        this.pullDownRefreshing = true;
        this.callLifecycle(this.top, 'onPullDownRefresh');
      },
      inUserGesture: () => this.gesture,
      record: {
        toast: (t) => {
          this.toasts.push(t);
          if (t.kind === 'loading') this.loading = { title: t.title };
        },
        hideToast: (kind) => {
          if (kind === 'loading') this.loading = null;
        },
        modal: (m) => this.modals.push(m),
        problem: (kind, message) => {
          const api = /^wx\.(\w+)/.exec(message)?.[1];
          if (kind === 'unimplemented' && api && this.allowed.has(api)) return;
          this.problem(kind, message);
        },
        title: (title) => {
          if (this.top) this.top.title = title;
        },
        realtimeLog: (entry) => this.realtimeLogs.push(entry),
        media: (call) => this.mediaCalls.push(call),
      },
      on: (event, listener) => {
        if (!this.listeners.has(event)) this.listeners.set(event, new Set());
        this.listeners.get(event)!.add(listener as Fn);
      },
      off: (event, listener) => {
        if (!listener) this.listeners.delete(event);
        else this.listeners.get(event)?.delete(listener as Fn);
      },
      launchOptions: () => this.launchOptionsValue,
    };
    this.wx = createFakeWx(host);
    for (const [key, value] of Object.entries(options.storage ?? {}))
      (this.wx.setStorageSync as (k: string, v: unknown) => void)(key, value);

    this.context = vm.createContext(this.makeGlobals());
    this.ctxJSON = vm.runInContext('JSON', this.context) as JSON;
    this.ctxPromise = vm.runInContext('Promise', this.context) as PromiseConstructor;
    claimRejections(this);
  }

  /** Loads app.js, runs App's onLaunch/onShow and opens the first page, then settles. */
  static async launch(options: LaunchOptions): Promise<WeappRuntime> {
    const rt = new WeappRuntime(options);
    try {
      const route = (options.path ?? rt.appJson.pages[0]).replace(/^\//, '');
      const launchOptions = { path: route, query: options.query ?? {}, scene: 1001, referrerInfo: {} };
      rt.launchOptionsValue = launchOptions;
      rt.requireModule('app.js', '');
      const app = rt.appConfig;
      if (!app) throw new Error('weapp harness: app.js did not call App()');
      // WeChat runs App's onLaunch and onShow after app.js has been evaluated, then opens the first page.
      await rt.enqueue(() => {
        rt.guard(() => (app.onLaunch as Fn | undefined)?.call(app, rt.toCtx(launchOptions)), 'App.onLaunch');
        rt.guard(() => (app.onShow as Fn | undefined)?.call(app, rt.toCtx(launchOptions)), 'App.onShow');
        rt.emit('appShow', rt.toCtx(launchOptions));
        rt.openFresh(route, launchOptions.query);
      });
      await rt.settle();
      return rt;
    } catch (e) {
      rt.close();
      throw e;
    }
  }

  /** Whether the app's realm made this promise. */
  ownsPromise(promise: unknown): boolean {
    return promise instanceof this.ctxPromise;
  }

  /** A promise the app left rejected: a problem, and WeChat tells App.onUnhandledRejection. */
  reportRejection(reason: unknown): void {
    this.problem('unhandled-rejection', describe(reason));
    const app = this.appConfig;
    const event = this.toCtx({ reason: describe(reason) });
    this.guard(() => (app?.onUnhandledRejection as Fn | undefined)?.call(app, event), 'App.onUnhandledRejection');
    this.emit('unhandledRejection', event);
  }

  // ── state ──────────────────────────────────────────────────────────────────────────────

  private get top(): PageRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The route on top of the stack, e.g. `pages/me/index`. */
  get route(): string {
    return this.top?.route ?? '';
  }

  /** The current page's query, as its onLoad received it. */
  get query(): Record<string, string> {
    return { ...(this.top?.query ?? {}) };
  }

  /** Routes of the page stack, bottom first. */
  get pageStack(): string[] {
    return this.stack.map((p) => p.route);
  }

  /** The navigation bar title WeChat would show for the current page. */
  get title(): string {
    return this.top?.title ?? this.top?.json.navigationBarTitleText ?? '';
  }

  get tabBar(): TabItem[] {
    return (this.appJson.tabBar?.list ?? []).map((t, index) => ({
      index,
      pagePath: t.pagePath,
      text: t.text,
      badge: this.badges.get(index) ?? null,
      redDot: this.redDots.has(index),
      selected: this.route === t.pagePath.replace(/^\//, ''),
    }));
  }

  /** What `wx.getStorageSync(key)` returns. */
  storage(key: string): unknown {
    return (this.wx.getStorageSync as (k: string) => unknown)(key);
  }

  /** The current page's raw data (`root.cn…`). */
  get data(): Record<string, unknown> {
    return this.top?.instance.data ?? {};
  }

  // ── the rendered tree and queries ──────────────────────────────────────────────────────

  /** A fresh snapshot of the current page's tree (root is the page). */
  tree(): WxNode {
    const top = this.top;
    if (!top) throw new Error('weapp harness: no page is open');
    return this.treeOf(top);
  }

  private treeOf(page: PageRecord): WxNode {
    return buildTree(page.owner, this.templates, (sid) => page.wrappers.get(sid)?.owner);
  }

  /** The innermost elements whose text contains (or equals, with `exact`) `text`. */
  allByText(text: string | RegExp, options?: TextMatch & { within?: WxNode }): WxNode[] {
    return findByText(options?.within ?? this.tree(), text, options);
  }

  /** The innermost element with this text; throws (showing the page) if there is none. */
  byText(text: string | RegExp, options?: TextMatch & { within?: WxNode }): WxNode {
    const all = this.allByText(text, options);
    const exact = typeof text === 'string' ? all.find((n) => textOf(n).trim() === text) : undefined;
    const found = exact ?? all[0];
    if (!found)
      throw new Error(`weapp harness: no element with text ${String(text)} on ${this.route}\n${this.render()}`);
    return found;
  }

  /** Elements carrying every class of `className` (`qs-btn` or `.qs-btn.bind__submit`). */
  allByClass(className: string, within?: WxNode): WxNode[] {
    return findByClass(within ?? this.tree(), className);
  }

  byClass(className: string, within?: WxNode): WxNode {
    const found = this.allByClass(className, within)[0];
    if (!found) throw new Error(`weapp harness: no element .${className} on ${this.route}\n${this.render()}`);
    return found;
  }

  has(text: string | RegExp): boolean {
    return this.allByText(text).length > 0;
  }

  /** All text of the page (or of a node). */
  text(node?: WxNode): string {
    return textOf(node ?? this.tree());
  }

  /** The page as an indented outline of tags, classes, attributes and text. */
  render(node?: WxNode): string {
    return renderTree(node ?? this.tree());
  }

  // ── user actions (each settles afterwards unless told not to) ─────────────────────────

  /** Taps an element (or the innermost element with this text), delivering `tap` as WeChat bubbles it. */
  async tap(target: WxNode | string, options: { settle?: boolean } = {}): Promise<void> {
    const node = this.resolve(target);
    if (node.attrs.disabled === true || node.attrs.disabled === 'true')
      throw new Error(`weapp harness: tapped a disabled ${node.tag} "${textOf(node)}" on ${this.route}`);
    this.gesture = true;
    setImmediate(() => (this.gesture = false));
    try {
      const delivered = this.deliver(node, 'tap', { x: 0, y: 0 });
      // Native components act on the tap themselves.
      if (node.tag === 'switch') {
        this.deliver(node, 'change', { value: !(node.attrs.checked === true) });
      } else if (node.tag === 'button' && typeof node.attrs.openType === 'string') {
        this.openTypeTap(node, String(node.attrs.openType));
      } else if (!delivered) {
        throw new Error(
          `weapp harness: nothing listens to a tap on ${describeNode(node)} on ${this.route} (no bindtap on it or above it)`,
        );
      }
    } finally {
      if (options.settle !== false) await this.settle();
    }
  }

  private openTypeTap(node: WxNode, openType: string): void {
    const name = openType.toLowerCase();
    if (name === 'getphonenumber') {
      const detail = this.script.phoneNumber ?? { errMsg: 'getPhoneNumber:fail user deny' };
      this.deliver(node, 'getphonenumber', detail);
    } else if (name === 'agreeprivacyauthorization') {
      this.deliver(node, 'agreeprivacyauthorization', {});
    } else {
      this.problem('unimplemented', `<button open-type="${openType}"> is not implemented by the weapp harness`);
    }
  }

  /** Types into an input: the `input` event with WeChat's detail; maxlength is enforced as WeChat does. */
  async input(target: WxNode | string, value: string, options: { settle?: boolean } = {}): Promise<void> {
    const node = this.resolve(target);
    if (node.tag !== 'input' && node.tag !== 'textarea')
      throw new Error(`weapp harness: input() on ${describeNode(node)}, not an input`);
    if (node.attrs.disabled === true) throw new Error(`weapp harness: typed into a disabled ${describeNode(node)}`);
    const max = Number(node.attrs.maxlength ?? 140);
    const typed = max >= 0 ? value.slice(0, max) : value;
    this.deliver(node, 'input', {
      value: typed,
      cursor: typed.length,
      keyCode: typed.charCodeAt(typed.length - 1) || 0,
    });
    if (options.settle !== false) await this.settle();
  }

  /** The keyboard's confirm key on an input. */
  async confirm(target: WxNode | string, value?: string): Promise<void> {
    const node = this.resolve(target);
    this.deliver(node, 'confirm', { value: value ?? String(node.attrs.value ?? '') });
    await this.settle();
  }

  /** Any event on an element (`change`, `scrolltolower` …); bubbling events bubble. */
  async trigger(target: WxNode | string, type: string, detail: Record<string, unknown> = {}): Promise<void> {
    const node = this.resolve(target);
    if (!this.deliver(node, type, detail))
      throw new Error(`weapp harness: nothing listens to ${type} on ${describeNode(node)} on ${this.route}`);
    await this.settle();
  }

  /** Scrolls a scroll-view to its end, or (without a target) the page to its bottom (onReachBottom). */
  async scrollToLower(target?: WxNode | string): Promise<void> {
    if (target) return this.trigger(target, 'scrolltolower', { direction: 'bottom' });
    this.callLifecycle(this.top, 'onReachBottom');
    await this.settle();
  }

  /** The pull-down gesture; the page must enable it in its config, and must stop it. */
  async pullDownRefresh(): Promise<void> {
    const top = this.top;
    if (!top) throw new Error('weapp harness: no page is open');
    if (!(top.json.enablePullDownRefresh ?? this.appJson.window?.enablePullDownRefresh))
      throw new Error(`weapp harness: ${top.route} does not enable pull-down refresh (enablePullDownRefresh)`);
    this.pullDownRefreshing = true;
    this.callLifecycle(top, 'onPullDownRefresh');
    await this.settle();
  }

  /** The user taps a tab in the tab bar (by its text or index). */
  async tapTab(which: string | number): Promise<void> {
    const list = this.appJson.tabBar?.list ?? [];
    const index = typeof which === 'number' ? which : list.findIndex((t) => t.text === which);
    const item = list[index];
    if (!item) throw new Error(`weapp harness: no tab ${String(which)}`);
    await this.enqueue(() => this.doSwitchTab(item.pagePath.replace(/^\//, '')));
    this.callLifecycle(this.top, 'onTabItemTap', { index, pagePath: item.pagePath, text: item.text });
    await this.settle();
  }

  /** The user presses the navigation bar's back button. */
  async back(): Promise<void> {
    if (this.stack.length < 2) throw new Error(`weapp harness: no back button on ${this.route} (first page)`);
    await this.enqueue(() => this.doNavigateBack(1));
    await this.settle();
  }

  /** Opens a page as WeChat would at launch from a link or card: the stack is replaced. */
  async reLaunch(url: string): Promise<void> {
    const { route, query } = this.resolveUrl(url);
    await this.enqueue(() => this.openFresh(route, query));
    await this.settle();
  }

  private resolve(target: WxNode | string): WxNode {
    const node = typeof target === 'string' ? this.byText(target) : target;
    const top = this.top;
    if (!top) throw new Error('weapp harness: no page is open');
    const fresh = findBySid(this.treeOf(top), node.sid);
    if (!fresh) throw new Error(`weapp harness: ${describeNode(node)} is no longer on ${this.route}`);
    return fresh;
  }

  /**
   * Delivers an event as WeChat does: to the element if its template binds the event, and for
   * bubbling events on to each ancestor whose template binds it, stopping after a `catch` binding.
   * Taro's `eh` finds the element by `currentTarget.dataset.sid`.
   */
  private deliver(node: WxNode, type: string, detail: Record<string, unknown>): boolean {
    const path = BUBBLING.has(type) ? ancestorsAndSelf(node) : [node];
    const target = { id: node.id, dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 };
    let delivered = false;
    for (const el of path) {
      const how = el.template?.events[type];
      if (!how) continue;
      const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0 };
      const event = this.toCtx({
        type,
        timeStamp: Math.round(performance.now() - this.startedAt),
        detail,
        target,
        currentTarget: { id: el.id, dataset: { sid: el.sid }, offsetLeft: 0, offsetTop: 0 },
        mark: {},
        mut: false,
        touches: type.startsWith('touch') || type === 'tap' ? [touch] : [],
        changedTouches: type.startsWith('touch') || type === 'tap' ? [touch] : [],
      });
      const owner = el.owner;
      const eh = owner.eh ?? this.top?.owner.eh;
      if (!eh) throw new Error('weapp harness: the page has no eh handler (not a Taro page?)');
      this.guard(() => eh.call(owner.self, event), `${type} handler`);
      delivered = true;
      if (how === 'catch') break;
    }
    return delivered;
  }

  // ── settling ───────────────────────────────────────────────────────────────────────────

  /**
   * Waits until the app is idle: no request in flight, no navigation pending, no timer due within
   * the horizon (Taro's setData and React's scheduler run on timers), no setData callback pending.
   */
  async settle(options: { timeoutMs?: number } = {}): Promise<void> {
    const horizon = this.options.settleHorizonMs ?? 2000;
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((r) => setImmediate(r));
      const busy =
        this.inflight > 0 ||
        this.pendingInternal > 0 ||
        this.pendingNavigations > 0 ||
        [...this.timers.values()].some((t) => !t.interval && t.delay <= horizon);
      if (!busy) {
        quiet++;
        continue;
      }
      quiet = 0;
      if (Date.now() > deadline) {
        throw new Error(
          `weapp harness: not settled after ${options.timeoutMs ?? 15_000} ms on ${this.route}: ` +
            `${this.inflight} request(s), ${this.pendingNavigations} navigation(s), ${this.timers.size} timer(s) pending`,
        );
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Waits (settling in between) until `read` gives something truthy. */
  async waitFor<T>(read: () => T, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const value = read();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`weapp harness: timed out waiting for ${options.what ?? 'a condition'} on ${this.route}`);
      await this.settle();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Takes the problems that match out of `problems` and returns them: a test that breaks the app on
   * purpose claims (and asserts) the problems it expects; any other problem still fails it.
   */
  claimProblems(match: (problem: Problem) => boolean): Problem[] {
    const claimed = this.problems.filter(match);
    for (const p of claimed) this.problems.splice(this.problems.indexOf(p), 1);
    return claimed;
  }

  /** Throws listing every problem (uncaught errors, unimplemented wx calls, failed navigations …). */
  assertClean(): void {
    if (!this.problems.length) return;
    const lines = this.problems.map((p) => `  [${p.kind}] on ${p.route || '(launch)'}: ${p.message}`);
    throw new Error(`weapp harness: the app had ${this.problems.length} problem(s):\n${lines.join('\n')}`);
  }

  /** Stops the runtime: pending timers are cleared and the context is left for the GC. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers.values()) (t.interval ? clearInterval : clearTimeout)(t.handle);
    this.timers.clear();
    releaseRejections(this);
    this.files.removeAll();
  }

  // ── the vm context ─────────────────────────────────────────────────────────────────────

  private makeGlobals(): Record<string, unknown> {
    const log =
      (level: 'log' | 'info' | 'debug') =>
      (...args: unknown[]) => {
        if (this.options.verbose) console[level]('[weapp]', ...args);
      };
    const timer =
      (interval: boolean) =>
      (fn: unknown, ms?: unknown, ...args: unknown[]) => {
        if (typeof fn !== 'function') return 0;
        const id = ++this.seq;
        const delay = Math.max(0, Number(ms) || 0);
        const run = () => {
          if (!interval) this.timers.delete(id);
          this.gesture = false;
          this.runningTimer = id;
          try {
            this.guard(() => (fn as Fn)(...args), interval ? 'setInterval callback' : 'setTimeout callback');
          } finally {
            this.runningTimer = null;
          }
        };
        if (this.closed) return id;
        const handle = interval ? setInterval(run, delay) : setTimeout(run, delay);
        this.timers.set(id, { handle, delay, interval });
        return id;
      };
    const clear = (id: unknown) => {
      const t = this.timers.get(Number(id));
      if (!t) return;
      (t.interval ? clearInterval : clearTimeout)(t.handle);
      this.timers.delete(Number(id));
    };
    return {
      console: {
        log: log('log'),
        info: log('info'),
        debug: log('debug'),
        warn: (...args: unknown[]) => {
          const text = args.map(describe).join(' ');
          this.warnings.push(text);
          // Taro's stand-in for an API missing from wx.
          if (/小程序暂不支持/.test(text)) this.problem('unimplemented', text);
        },
        error: (...args: unknown[]) => this.problem('console-error', args.map(describe).join(' ')),
      },
      setTimeout: timer(false),
      setInterval: timer(true),
      clearTimeout: clear,
      clearInterval: clear,
      wx: this.wx,
      App: (config: Config) => {
        this.appConfig = config;
      },
      Page: (config: Config) => {
        if (!this.loadingRoute) {
          this.problem('load', 'Page() was called outside the loading of a page file');
          return;
        }
        this.pageConfigs.set(this.loadingRoute, config);
      },
      Component: (config: Config) => {
        if (this.loadingComponent) this.componentConfigs.set(this.loadingComponent, config);
        else if (this.loadingRoute) this.pageConfigs.set(this.loadingRoute, config); // a page built with Component()
      },
      Behavior: (config: Config) => config,
      getApp: () => this.appConfig,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      requirePlugin: (name: string) => {
        this.problem('unimplemented', `requirePlugin("${name}") is not implemented by the weapp harness`);
        return {};
      },
    };
  }

  /** CommonJS rooted at dist/, with WeChat's package boundaries: a subpackage reaches only itself and the main package. */
  private requireModule(spec: string, fromDir: string, fromFile = '(app)'): unknown {
    let rel = posix.join(fromDir, spec);
    if (!rel.endsWith('.js')) rel += '.js';
    if (rel.startsWith('..')) throw new Error(`module "${spec}" is outside the mini-program (from ${fromFile})`);
    const cached = this.modules.get(rel);
    if (cached) return cached.exports;
    const file = join(this.distDir, rel);
    if (!existsSync(file)) throw new Error(`module "${rel}" is not defined (required from ${fromFile})`);
    const fromPkg = this.packageOf(fromFile);
    const toPkg = this.packageOf(rel);
    if (toPkg && toPkg !== fromPkg)
      throw new Error(`module "${rel}" is in subpackage ${toPkg} and cannot be required from ${fromFile}`);
    if (toPkg) this.loadedPackages.add(toPkg);
    const module = { exports: {} as unknown };
    this.modules.set(rel, module);
    const source = readFileSync(file, 'utf8');
    const wrapper = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${source}\n})`;
    const fn = new vm.Script(wrapper, { filename: file }).runInContext(this.context) as Fn;
    const dir = posix.dirname(rel);
    try {
      fn((s: string) => this.requireModule(s, dir === '.' ? '' : dir, rel), module, module.exports);
    } catch (e) {
      this.modules.delete(rel);
      throw e;
    }
    return module.exports;
  }

  /** The subpackage root a dist file belongs to ('' for the main package). */
  private packageOf(file: string): string {
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? [];
    return subs.map((s) => s.root.replace(/\/$/, '')).find((root) => file.startsWith(`${root}/`)) ?? '';
  }

  /** A value in the app's realm (its own Object/Array prototypes), as WeChat hands the app plain data. */
  toCtx<T>(value: T): T {
    if (value === undefined) return value;
    return this.ctxJSON.parse(JSON.stringify(value)) as T;
  }

  /** Runs app code: an exception is a problem, and goes to App.onError and wx.onError as in WeChat. */
  private guard(fn: () => unknown, where: string): void {
    try {
      fn();
    } catch (e) {
      this.problem('uncaught', `${where}: ${describe(e)}`);
      const app = this.appConfig;
      const handlers = [
        () => (app?.onError as Fn | undefined)?.call(app, describe(e)),
        ...[...(this.listeners.get('error') ?? [])].map((l) => () => l(describe(e))),
      ];
      for (const handler of handlers) {
        try {
          handler();
        } catch (inner) {
          this.problem('uncaught', `error handler: ${describe(inner)}`);
        }
      }
    }
  }

  private problem(kind: Problem['kind'], message: string): void {
    this.problems.push({ kind, message, route: this.route, at: Math.round(performance.now() - this.startedAt) });
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) this.guard(() => l(...args), `${event} listener`);
  }

  /** Runs `fn` after `ms` on the host, guarded, and counted by settle(). */
  private later(fn: () => void, ms = 0): void {
    this.pendingInternal++;
    setTimeout(() => {
      this.pendingInternal--;
      if (!this.closed) this.guard(fn, 'wx callback');
    }, ms);
  }

  // ── network ────────────────────────────────────────────────────────────────────────────

  /**
   * wx.request against the real server: the origin baked into the build is replaced by `apiBase`;
   * method, path, query, headers and body are kept. WeChat's defaults apply: `content-type:
   * application/json` unless given, GET data as a query string, JSON parsed when dataType is json,
   * and `success` for every HTTP status.
   */
  private request(o: WxCallbacks): { abort(): void } {
    const method = String(o.method ?? 'GET').toUpperCase();
    let original: URL;
    try {
      original = new URL(String(o.url));
    } catch {
      // WeChat needs an absolute URL (https:// and a listed domain in production).
      this.problem('wx-fail', `wx.request failed: invalid url "${String(o.url)}"`);
      const res = this.toCtx({ errMsg: 'request:fail invalid url' });
      this.later(() => {
        (o.fail as Fn | undefined)?.(res);
        (o.complete as Fn | undefined)?.(res);
      });
      return { abort: () => undefined };
    }
    const url = new URL(original.pathname + original.search, this.options.apiBase);
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.header as Record<string, unknown>) ?? {})) header[k] = String(v);
    const contentTypeKey = Object.keys(header).find((k) => k.toLowerCase() === 'content-type');
    if (!contentTypeKey) header['content-type'] = 'application/json';
    const contentType = header[contentTypeKey ?? 'content-type'];
    let body: string | Buffer | undefined;
    const data = o.data;
    if (method === 'GET' || method === 'HEAD') {
      // WeChat: encodeURIComponent(k)=encodeURIComponent(v) joined by &.
      const query =
        data && typeof data === 'object' ? queryString(data as Record<string, unknown>) : String(data ?? '');
      if (query) url.search += (url.search ? '&' : '?') + query;
    } else if (typeof data === 'string') body = data;
    else if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') body = Buffer.from(data as ArrayBuffer);
    else if (data !== undefined && data !== null) {
      body = /x-www-form-urlencoded/i.test(contentType)
        ? queryString(data as Record<string, unknown>)
        : JSON.stringify(data);
    }
    if (!contentTypeKey && body === undefined && method !== 'GET' && method !== 'HEAD')
      this.problem(
        'request',
        `${method} ${original.pathname} has no body but goes out with WeChat's default header ` +
          '`content-type: application/json`: a JSON server (Fastify) refuses an empty JSON body with 400',
      );
    const route = this.route;
    const started = performance.now();
    const record: RequestRecord = {
      api: 'request',
      method,
      path: original.pathname + original.search,
      status: 0,
      ms: 0,
      route,
    };
    this.requests.push(record);
    this.countRequest(`${method} ${original.pathname}`);
    const scripted = this.script.respond?.({ method, path: record.path });
    if (scripted) {
      // The test answers instead of the server: delivered later, as a response would be.
      record.status = scripted.statusCode ?? 200;
      this.later(() => {
        const res = this.toCtx({
          data: scripted.data,
          statusCode: record.status,
          header: { 'content-type': 'application/json; charset=utf-8', ...scripted.header },
          cookies: [],
          errMsg: 'request:ok',
        });
        (o.success as Fn | undefined)?.(res);
        (o.complete as Fn | undefined)?.(res);
      });
      return { abort: () => undefined };
    }
    this.inflight++;
    let done = false;
    const finish = (res: Record<string, unknown>, ok: boolean) => {
      if (done) return;
      done = true;
      record.ms = Math.round(performance.now() - started);
      this.inflight--;
      if (this.closed) return;
      this.gesture = false;
      this.guard(() => {
        const value = this.toCtx(res);
        // An ArrayBuffer does not survive JSON: hand it over as it is.
        if (res.data instanceof ArrayBuffer) value.data = res.data;
        if (ok) (o.success as Fn | undefined)?.(value);
        else (o.fail as Fn | undefined)?.(value);
        (o.complete as Fn | undefined)?.(value);
      }, `wx.request ${method} ${original.pathname} callback`);
    };
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method,
      headers: { ...header, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
    });
    const timeout = Number(o.timeout ?? 60_000);
    req.setTimeout(timeout, () => {
      req.destroy();
      finish({ errMsg: 'request:fail timeout' }, false);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        record.status = res.statusCode ?? 0;
        let payload: unknown = raw.toString('utf8');
        if (o.responseType === 'arraybuffer') payload = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length);
        else if ((o.dataType ?? 'json') === 'json') {
          try {
            payload = JSON.parse(payload as string);
          } catch {
            // WeChat leaves text it cannot parse as a string
          }
        }
        finish(
          { data: payload, statusCode: res.statusCode, header: res.headers, cookies: [], errMsg: 'request:ok' },
          true,
        );
      });
      res.on('error', (e) => finish({ errMsg: `request:fail ${e.message}` }, false));
    });
    req.on('error', (e) => finish({ errMsg: `request:fail ${e.message}` }, false));
    if (body) req.write(body);
    req.end();
    return {
      abort: () => {
        req.destroy();
        finish({ errMsg: 'request:fail abort' }, false);
      },
    };
  }

  /** The bytes behind a local path the app holds (`wxfile://…`: a chosen image, a download …). */
  readFile(wxPath: string): Buffer {
    const bytes = this.files.read(wxPath);
    if (!bytes) throw new Error(`weapp harness: no local file ${wxPath}`);
    return bytes;
  }

  /**
   * wx.uploadFile: a real \`multipart/form-data\` POST of one local file (and \`formData\` fields) to the
   * test server, as WeChat sends it: its own content type and boundary (a content type the app sets
   * is replaced), the part named \`name\` with the file's name and a type from its extension. The body
   * goes out in 16 KB pieces; each one the socket took is an \`onProgressUpdate\` event. \`success\` for
   * every HTTP status with \`{ data: <the body as a string>, statusCode }\`; \`abort()\` fails it with
   * \`uploadFile:fail abort\`.
   */
  private upload(o: WxCallbacks): Record<string, unknown> {
    const transfer = this.transfer('uploadFile', o);
    const { task } = transfer;
    const filePath = String(o.filePath ?? '');
    const name = o.name;
    const url = transfer.url();
    if (!url) return task;
    if (typeof name !== 'string' || !name)
      return (transfer.refuse(`parameter error: parameter.name should be String instead of ${typeof name};`), task);
    const bytes = this.files.read(filePath);
    if (!bytes) return (transfer.refuse(`createUploadTask:fail file not found: ${filePath}`), task);

    const boundary = `----WeChatFormBoundary${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries((o.formData as Record<string, unknown>) ?? {}))
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'object' ? JSON.stringify(v) : String(v)}\r\n`,
        ),
      );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${posix.basename(filePath)}"\r\n` +
          `Content-Type: ${mimeFor(filePath)}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const body = Buffer.concat(parts);
    const header = transfer.header();
    for (const k of Object.keys(header)) if (k.toLowerCase() === 'content-type') delete header[k];
    header['content-type'] = `multipart/form-data; boundary=${boundary}`;
    header['content-length'] = String(body.length);
    transfer.record.bytes = bytes.length;

    const req = transfer.send(url, 'POST', header, (res, raw) => ({
      data: raw.toString('utf8'),
      statusCode: res.statusCode,
      errMsg: 'uploadFile:ok',
    }));
    const PIECE = 16 * 1024;
    let sent = 0;
    const writeFrom = (offset: number) => {
      if (offset >= body.length) return void req.end();
      const piece = body.subarray(offset, offset + PIECE);
      req.write(piece, (err) => {
        if (err || transfer.done()) return;
        sent += piece.length;
        transfer.progress({
          progress: Math.floor((sent / body.length) * 100),
          totalBytesSent: sent,
          totalBytesExpectedToSend: body.length,
        });
        writeFrom(offset + PIECE);
      });
    };
    writeFrom(0);
    return task;
  }

  /**
   * wx.downloadFile: a real GET (with the app's \`header\`) to the test server; the body is written to a
   * new temporary file named after the response's Content-Type (\`.jpg\`, \`.xlsx\` …) or, with \`filePath\`,
   * to that user-data path. \`success\` for every HTTP status (WeChat saves whatever came back) with
   * \`{ tempFilePath, statusCode }\` (or \`{ filePath, statusCode }\`); \`onProgressUpdate\` as bytes arrive.
   */
  private download(o: WxCallbacks): Record<string, unknown> {
    const transfer = this.transfer('downloadFile', o);
    const { task } = transfer;
    const url = transfer.url();
    if (!url) return task;
    const target = o.filePath === undefined ? undefined : String(o.filePath);
    if (target !== undefined && !target.startsWith('wxfile://usr/'))
      return (transfer.refuse(`permission denied, open ${target}`), task);
    const req = transfer.send(
      url,
      'GET',
      transfer.header(),
      (res, raw) => {
        transfer.record.bytes = raw.length;
        if (target !== undefined) {
          this.files.writeAt(target, raw);
          return { filePath: target, statusCode: res.statusCode, errMsg: 'downloadFile:ok' };
        }
        const tempFilePath = this.files.write(raw, extensionFor(res.headers['content-type'], url.pathname));
        return { tempFilePath, statusCode: res.statusCode, profile: {}, errMsg: 'downloadFile:ok' };
      },
      (received, expected) =>
        transfer.progress({
          progress: expected ? Math.floor((received / expected) * 100) : 0,
          totalBytesWritten: received,
          totalBytesExpectedToWrite: expected,
        }),
    );
    req.end();
    return task;
  }

  /** What uploadFile and downloadFile share: the task object, the URL, the record, the request and its answer. */
  private transfer(api: 'uploadFile' | 'downloadFile', o: WxCallbacks) {
    const progress = new Set<Fn>();
    const headerListeners = new Set<Fn>();
    let finished = false;
    let req: http.ClientRequest | null = null;
    const started = performance.now();
    const route = this.route;
    const record: RequestRecord = {
      api,
      method: api === 'uploadFile' ? 'POST' : 'GET',
      path: '',
      status: 0,
      ms: 0,
      route,
    };
    const finish = (res: Record<string, unknown>, ok: boolean) => {
      if (finished) return;
      finished = true;
      record.ms = Math.round(performance.now() - started);
      this.inflight--;
      if (this.closed) return;
      this.gesture = false;
      this.guard(() => {
        const value = this.toCtx(res);
        if (ok) (o.success as Fn | undefined)?.(value);
        else (o.fail as Fn | undefined)?.(value);
        (o.complete as Fn | undefined)?.(value);
      }, `wx.${api} ${record.path} callback`);
    };
    const task: Record<string, unknown> = {
      abort: () => {
        if (finished || !req) return;
        req.destroy();
        finish({ errMsg: `${api}:fail abort` }, false);
      },
      onProgressUpdate: (cb: Fn) => void progress.add(cb),
      offProgressUpdate: (cb?: Fn) => void (cb ? progress.delete(cb) : progress.clear()),
      onHeadersReceived: (cb: Fn) => void headerListeners.add(cb),
      offHeadersReceived: (cb?: Fn) => void (cb ? headerListeners.delete(cb) : headerListeners.clear()),
    };
    return {
      task,
      record,
      done: () => finished,
      /** The request's URL on the test server (the build's origin replaced), or a refusal as WeChat's. */
      url: (): URL | null => {
        let original: URL;
        try {
          original = new URL(String(o.url));
        } catch {
          this.problem('wx-fail', `wx.${api} failed: invalid url "${String(o.url)}"`);
          const res = this.toCtx({ errMsg: `${api}:fail invalid url` });
          this.later(() => {
            (o.fail as Fn | undefined)?.(res);
            (o.complete as Fn | undefined)?.(res);
          });
          return null;
        }
        record.path = original.pathname + original.search;
        return new URL(original.pathname + original.search, this.options.apiBase);
      },
      refuse: (reason: string) => {
        this.problem('wx-fail', `wx.${api} failed: ${reason}`);
        const res = this.toCtx({ errMsg: `${api}:fail ${reason}` });
        this.later(() => {
          (o.fail as Fn | undefined)?.(res);
          (o.complete as Fn | undefined)?.(res);
        });
      },
      header: (): Record<string, string> => {
        const header: Record<string, string> = {};
        for (const [k, v] of Object.entries((o.header as Record<string, unknown>) ?? {})) header[k] = String(v);
        return header;
      },
      progress: (event: Record<string, number>) => {
        if (finished || this.closed) return;
        for (const cb of [...progress]) this.guard(() => cb(this.toCtx(event)), `${api} onProgressUpdate listener`);
      },
      /** Sends the request (the caller writes the body and ends it); `answer` turns the response into success's result. */
      send: (
        url: URL,
        method: string,
        headers: Record<string, string>,
        answer: (res: http.IncomingMessage, raw: Buffer) => Record<string, unknown>,
        onData?: (received: number, expected: number) => void,
      ): http.ClientRequest => {
        this.requests.push(record);
        this.countRequest(`${api} ${url.pathname}`);
        this.inflight++;
        req = (url.protocol === 'https:' ? https : http).request(url, { method, headers });
        const timeout = Number(o.timeout ?? 60_000);
        req.setTimeout(timeout, () => {
          req?.destroy();
          finish({ errMsg: `${api}:fail timeout` }, false);
        });
        req.on('response', (res) => {
          record.status = res.statusCode ?? 0;
          for (const cb of [...headerListeners])
            this.guard(() => cb(this.toCtx({ header: res.headers })), `${api} onHeadersReceived listener`);
          const expected = Number(res.headers['content-length'] ?? 0);
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (c: Buffer) => {
            chunks.push(c);
            received += c.length;
            onData?.(received, expected);
          });
          res.on('end', () => {
            if (finished) return;
            let result: Record<string, unknown>;
            try {
              result = answer(res, Buffer.concat(chunks));
            } catch (e) {
              return finish({ errMsg: `${api}:fail ${(e as Error).message}` }, false);
            }
            finish(result, true);
          });
          res.on('error', (e) => finish({ errMsg: `${api}:fail ${e.message}` }, false));
        });
        req.on('error', (e) => finish({ errMsg: `${api}:fail ${e.message}` }, false));
        return req;
      },
    };
  }

  private countRequest(label: string): void {
    const visit = this.top?.visit;
    if (visit && !visit.firstMeaningfulRender) this.pendingRequests.get(visit)?.push({ label, seq: ++this.seq });
  }

  // ── navigation ─────────────────────────────────────────────────────────────────────────

  private enqueue(op: () => void): Promise<void> {
    this.pendingNavigations++;
    const run = this.navigations.then(async () => {
      await new Promise((r) => setImmediate(r));
      try {
        if (!this.closed) op();
      } finally {
        this.pendingNavigations--;
      }
    });
    this.navigations = run.catch(() => undefined);
    return run;
  }

  /** wx.navigateTo & co.: queued, performed one at a time, answered with WeChat's errMsg. */
  private queueNavigation(kind: NavigationKind, o: WxCallbacks): void {
    void this.enqueue(() => {
      let res: Record<string, unknown>;
      try {
        if (kind === 'navigateBack') {
          if (this.stack.length < 2) throw new Error('cannot navigate back at first page.');
          this.doNavigateBack(Math.max(1, Number(o.delta ?? 1)));
        } else {
          const { route, query } = this.resolveUrl(String(o.url ?? ''));
          if (!this.routes.includes(route)) throw new Error(`page "${route}" is not found`);
          const isTab = this.tabRoutes.includes(route);
          if (kind === 'navigateTo') {
            if (isTab) throw new Error('can not navigateTo a tabbar page');
            if (this.stack.length >= MAX_STACK) throw new Error('webview count limit exceed');
            this.doNavigateTo(route, query);
          } else if (kind === 'redirectTo') {
            if (isTab) throw new Error('can not redirectTo a tabbar page');
            this.doRedirectTo(route, query);
          } else if (kind === 'switchTab') {
            if (!isTab) throw new Error('can not switch to no-tabBar page');
            this.doSwitchTab(route);
          } else {
            this.openFresh(route, query);
          }
        }
        res = { errMsg: `${kind}:ok` };
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        this.problem(
          'navigation',
          `wx.${kind}(${o.url ? `"${String(o.url)}"` : `delta ${String(o.delta ?? 1)}`}) failed: ${reason}`,
        );
        const fail = this.toCtx({ errMsg: `${kind}:fail ${reason}` });
        this.guard(() => {
          (o.fail as Fn | undefined)?.(fail);
          (o.complete as Fn | undefined)?.(fail);
        }, `wx.${kind} fail callback`);
        return;
      }
      const ok = this.toCtx(res);
      this.guard(() => {
        (o.success as Fn | undefined)?.(ok);
        (o.complete as Fn | undefined)?.(ok);
      }, `wx.${kind} success callback`);
    });
  }

  /**
   * `/pages/a/index?x=1` or `../b/index` (relative to the current page) → route and query, parsed as
   * WeChat's routing does: values are not percent-decoded (pages decode what they encoded), a key
   * without `=` gets the string "undefined", and a value stops at a further `=`.
   */
  private resolveUrl(url: string): { route: string; query: Record<string, string> } {
    const [pathPart, search = ''] = url.split('?');
    let route = pathPart.startsWith('/')
      ? pathPart.slice(1)
      : posix.normalize(posix.join(posix.dirname(this.route || '.'), pathPart));
    route = route.replace(/^\.\//, '').replace(/\.html$/, '');
    const query: Record<string, string> = {};
    for (const pair of search.split('&')) {
      if (!pair) continue;
      const [key, value] = pair.split('=');
      query[key] = value ?? 'undefined';
    }
    return { route, query };
  }

  private doNavigateTo(route: string, query: Record<string, string>): void {
    this.loadPage(route); // a page that fails to load leaves the stack as it was
    this.hide(this.top);
    this.open(route, query);
  }

  private doRedirectTo(route: string, query: Record<string, string>): void {
    this.loadPage(route); // a page that fails to load leaves the stack as it was
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.open(route, query);
  }

  private doNavigateBack(delta: number): void {
    const n = Math.min(delta, this.stack.length - 1);
    for (let i = 0; i < n; i++) this.unload(this.stack.pop()!);
    this.show(this.top);
  }

  /** Closes every page above the bottom tab page; tab pages stay alive in the background. */
  private doSwitchTab(route: string): void {
    if (!this.tabPages.has(route)) this.loadPage(route);
    const top = this.top;
    if (top?.route === route && this.stack.length === 1) return;
    while (this.stack.length && !this.top!.isTab) this.unload(this.stack.pop()!);
    const current = this.stack.pop();
    if (current && current.route !== route) this.hide(current);
    const existing = this.tabPages.get(route);
    if (existing) {
      this.stack.push(existing);
      this.show(existing);
    } else this.open(route, {});
  }

  /** reLaunch: every page is closed (tab pages too), then the target opens. */
  private openFresh(route: string, query: Record<string, string>): void {
    if (!this.routes.includes(route)) throw new Error(`page "${route}" is not found`);
    this.loadPage(route);
    const closing = [
      ...[...this.stack].reverse(),
      ...[...this.tabPages.values()].filter((p) => !this.stack.includes(p)),
    ];
    this.stack.length = 0;
    for (const p of new Set(closing)) this.unload(p);
    this.open(route, query);
  }

  private unload(page: PageRecord): void {
    this.callLifecycle(page, 'onUnload');
    page.visible = false;
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route);
    for (const w of page.wrappers.values()) this.detachWrapper(w);
    page.wrappers.clear();
  }

  private show(page: PageRecord | undefined): void {
    if (!page || page.visible) return;
    page.visible = true;
    this.callLifecycle(page, 'onShow');
  }

  private hide(page: PageRecord | undefined): void {
    if (!page || !page.visible) return;
    page.visible = false;
    this.callLifecycle(page, 'onHide');
  }

  /** Loads the page's files on first visit, creates the page instance and runs onLoad → onShow → onReady. */
  private open(route: string, query: Record<string, string>): void {
    const json = this.loadPage(route);
    const config = this.pageConfigs.get(route)!;
    const isTab = this.tabRoutes.includes(route);
    const visit: PageVisit = {
      route,
      query,
      loadedAt: Math.round(performance.now() - this.startedAt),
      setData: [],
      maxNodes: 0,
      maxDepth: 0,
    };
    this.visits.push(visit);
    this.pendingRequests.set(visit, []);
    const instance = this.createInstance(config, route);
    const owner: Owner = { kind: 'page', data: instance.data, eh: instance.eh as Owner['eh'], self: instance };
    const record: PageRecord = {
      route,
      query,
      instance,
      owner,
      json,
      isTab,
      visit,
      wrappers: new Map(),
      readyCalled: false,
      visible: false,
    };
    instance.setData = (data: unknown, cb?: unknown) => this.setData(record, null, data, cb);
    this.stack.push(record);
    if (isTab) this.tabPages.set(route, record);
    const q = this.toCtx(query);
    instance.options = q;
    this.callLifecycle(record, 'onLoad', q);
    this.show(record);
    // WeChat calls onReady once the page's initial data has rendered.
    this.later(() => {
      if (!record.readyCalled) {
        record.readyCalled = true;
        this.callLifecycle(record, 'onReady');
      }
    });
  }

  private loadPage(route: string): PageJson {
    const jsonFile = join(this.distDir, `${route}.json`);
    const json = (existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {}) as PageJson;
    if (!this.pageConfigs.has(route)) {
      this.loadComponents(route, json);
      if (!existsSync(join(this.distDir, `${route}.js`))) throw new Error(`page "${route}" has no ${route}.js`);
      this.loadingRoute = route;
      try {
        this.requireModule(`${route}.js`, '', `${route}.js`);
      } catch (e) {
        this.problem('load', `${route}.js: ${describe(e)}`);
        throw e;
      } finally {
        this.loadingRoute = null;
      }
      if (!this.pageConfigs.has(route)) throw new Error(`${route}.js did not call Page()`);
    }
    return json;
  }

  /** Custom components the page uses (Taro's `comp`, `custom-wrapper`): their Component() configs. */
  private loadComponents(route: string, json: PageJson): void {
    for (const path of Object.values(json.usingComponents ?? {})) {
      const rel = posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(route), path));
      if (this.componentConfigs.has(rel) || path.startsWith('plugin://')) continue;
      this.loadingComponent = rel;
      try {
        this.requireModule(`${rel}.js`, '', `${route}.js`);
      } finally {
        this.loadingComponent = null;
      }
    }
  }

  /** A page instance as WeChat makes one: the config's fields and methods, a deep copy of its data. */
  private createInstance(config: Config, route: string): PageInstance {
    const instance: PageInstance = { data: {}, route };
    for (const [key, value] of Object.entries(config)) {
      if (key === 'data') continue;
      instance[key] = value;
    }
    instance.data = (config.data ? JSON.parse(JSON.stringify(config.data)) : {}) as Record<string, unknown>;
    instance.route = route;
    instance.__route__ = route;
    instance.is = route;
    const unimplemented = (name: string) => () => {
      this.problem('unimplemented', `page.${name} is not implemented by the weapp harness`);
      return undefined;
    };
    for (const name of [
      'selectComponent',
      'selectAllComponents',
      'createSelectorQuery',
      'createIntersectionObserver',
      'animate',
    ])
      instance[name] ??= unimplemented(name);
    instance.getOpenerEventChannel ??= () => ({ emit: () => undefined, on: () => undefined, off: () => undefined });
    return instance;
  }

  private callLifecycle(page: PageRecord | undefined, name: string, ...args: unknown[]): void {
    if (!page) return;
    const fn = page.instance[name] as Fn | undefined;
    if (typeof fn !== 'function') return;
    this.guard(() => fn.apply(page.instance, args), `${page.route} ${name}`);
  }

  // ── setData and custom wrappers ───────────────────────────────────────────────────────

  /**
   * Applies `data` (WeChat paths) to the page or a wrapper, records its size, path count and time,
   * updates the page's tree metrics, and calls `cb` afterwards as WeChat does.
   */
  private setData(page: PageRecord, wrapper: WrapperRecord | null, data: unknown, cb?: unknown): void {
    const started = performance.now();
    const json = JSON.stringify(data ?? {});
    const patch = JSON.parse(json) as Record<string, unknown>;
    const target = wrapper ? wrapper.instance.data : page.instance.data;
    for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
      if (value === undefined) this.warnings.push(`setData: "${key}" set to undefined is ignored by WeChat`);
    }
    const keys = Object.keys(patch);
    for (const key of keys) setPath(target, key, patch[key]);
    this.syncWrappers(page, wrapper ? wrapper.owner : page.owner, keys);
    const rec: SetDataRecord = {
      route: page.route,
      target: wrapper ? 'wrapper' : 'page',
      bytes: Buffer.byteLength(json, 'utf8'),
      paths: keys.length,
      at: Math.round(performance.now() - this.startedAt - page.visit.loadedAt),
      applyMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
    page.visit.setData.push(rec);
    this.setDataLog.push(rec);
    this.measureVisit(page);
    if (typeof cb === 'function') this.later(() => (cb as Fn).call(wrapper?.instance ?? page.instance));
  }

  private measureVisit(page: PageRecord): void {
    const tree = this.treeOf(page);
    const { nodes, depth } = measure(tree);
    const v = page.visit;
    v.maxNodes = Math.max(v.maxNodes, nodes);
    v.maxDepth = Math.max(v.maxDepth, depth);
    const at = Math.round(performance.now() - this.startedAt - v.loadedAt);
    v.firstRender ??= { at, nodes, depth };
    if (!v.firstMeaningfulRender && tree.children.length > 0 && !this.isLoading(tree)) {
      const cutoff = this.runningTimer ?? this.seq + 1;
      const requests = (this.pendingRequests.get(v) ?? []).filter((r) => r.seq < cutoff).map((r) => r.label);
      v.firstMeaningfulRender = { at, nodes, depth, requests };
      this.pendingRequests.delete(v);
    }
  }

  private isLoading(tree: WxNode): boolean {
    if (this.options.isLoading) return this.options.isLoading(tree);
    for (const n of descendants(tree)) {
      if (n.classes.some((c) => c.endsWith('--loading'))) return true;
      if (n.attrs.ariaBusy === true || n.attrs.ariaBusy === 'true') return true;
    }
    return false;
  }

  /**
   * Custom wrappers are components: WeChat creates one when its node renders (Taro's `attached`
   * registers it, and from then on updates under it arrive through its own setData), pushes a new
   * `i` when its owner's setData touches the node, and detaches it when the node goes.
   */
  private syncWrappers(page: PageRecord, changedOwner: Owner, changedKeys: string[]): void {
    const nn = this.templates.customWrapperNn;
    if (nn === undefined) return;
    const seen = new Set<string>();
    const walk = (raw: Record<string, unknown>, owner: Owner, path: string) => {
      const cn = Array.isArray(raw.cn) ? (raw.cn as Array<Record<string, unknown>>) : [];
      cn.forEach((child, i) => {
        if (!child || typeof child !== 'object') return;
        const childPath = `${path}.cn.[${i}]`;
        if (String(child.nn) !== nn) return walk(child, owner, childPath);
        const sid = String(child.sid);
        seen.add(sid);
        let w = page.wrappers.get(sid);
        if (!w) w = this.attachWrapper(page, child);
        else if (owner === changedOwner && changedKeys.some((k) => pathsOverlap(k, childPath)))
          w.instance.data.i = JSON.parse(JSON.stringify(getPath(owner.data, childPath)));
        if (w) walk(w.instance.data.i as Record<string, unknown>, w.owner, 'i');
      });
    };
    walk((page.instance.data.root ?? {}) as Record<string, unknown>, page.owner, 'root');
    for (const [sid, w] of page.wrappers) {
      if (!seen.has(sid)) {
        this.detachWrapper(w);
        page.wrappers.delete(sid);
      }
    }
  }

  private attachWrapper(page: PageRecord, raw: Record<string, unknown>): WrapperRecord | undefined {
    const entry = Object.entries(page.json.usingComponents ?? {}).find(([name]) => name === 'custom-wrapper');
    const rel = entry && posix.normalize(posix.join(posix.dirname(page.route), entry[1]));
    const config = rel ? this.componentConfigs.get(rel) : undefined;
    if (!config) {
      this.problem('load', `${page.route} renders a custom-wrapper but its component is not loaded`);
      return undefined;
    }
    const props = (config.properties ?? {}) as Record<string, { value?: unknown }>;
    const data: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(props)) data[k] = p?.value;
    Object.assign(data, JSON.parse(JSON.stringify(config.data ?? {})));
    data.i = JSON.parse(JSON.stringify(raw));
    data.l = '';
    const instance: WrapperRecord['instance'] = { data, is: rel, properties: data };
    for (const [k, v] of Object.entries((config.methods ?? {}) as Record<string, unknown>)) instance[k] = v;
    const owner: Owner = { kind: 'wrapper', data, eh: instance.eh as Owner['eh'], self: instance };
    const w: WrapperRecord = { sid: String(raw.sid), instance, owner, config };
    instance.setData = (patch: unknown, cb?: unknown) => this.setData(page, w, patch, cb);
    page.wrappers.set(w.sid, w);
    const lifetimes = (config.lifetimes ?? {}) as Record<string, Fn>;
    const attached = lifetimes.attached ?? (config.attached as Fn | undefined);
    if (attached) this.guard(() => attached.call(instance), 'custom-wrapper attached');
    return w;
  }

  private detachWrapper(w: WrapperRecord): void {
    const lifetimes = (w.config.lifetimes ?? {}) as Record<string, Fn>;
    const detached = lifetimes.detached ?? (w.config.detached as Fn | undefined);
    if (detached) this.guard(() => detached.call(w.instance), 'custom-wrapper detached');
  }
}

/**
 * Promise rejections the app leaves unhandled are the runtime's to report (as problems, and to
 * App.onUnhandledRejection as WeChat does), not the test runner's. V8's promise hooks show every
 * promise of the app's realm being created, getting a handler (a child promise with it as parent)
 * and settling; a rejected one still without a handler once the microtasks have run is taken over
 * before Node would announce it — the same moment Node decides.
 */
const live = new Set<WeappRuntime>();
const appPromises = new WeakMap<object, WeappRuntime>();
const handled = new WeakSet<object>();
let stopHooks: (() => void) | null = null;

function claimRejections(rt: WeappRuntime): void {
  live.add(rt);
  stopHooks ??= <() => void>promiseHooks.createHook({
    init(promise, parent) {
      if (parent && appPromises.has(parent)) handled.add(parent);
      for (const r of live) if (r.ownsPromise(promise)) appPromises.set(promise, r);
    },
    settled(promise) {
      const owner = appPromises.get(promise);
      if (!owner) return;
      process.nextTick(() => {
        if (handled.has(promise) || !/^Promise \{\s*<rejected>/.test(inspect(promise, { depth: 0 }))) return;
        handled.add(promise);
        const derived = promise.then(undefined, (reason: unknown) => owner.reportRejection(reason));
        handled.add(derived);
      });
    },
  });
}

function releaseRejections(rt: WeappRuntime): void {
  live.delete(rt);
  if (live.size || !stopHooks) return;
  stopHooks();
  stopHooks = null;
}

function queryString(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`,
    )
    .join('&');
}

function describe(value: unknown): string {
  if (value instanceof Error || (value && typeof value === 'object' && 'stack' in value && 'message' in value)) {
    const e = value as Error;
    const frames = (e.stack ?? '').split('\n').slice(1, 3).join(' | ').trim();
    return `${e.name}: ${e.message}${frames ? ` (${frames})` : ''}`;
  }
  if (value && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function describeNode(node: WxNode): string {
  const text = textOf(node).trim();
  return `<${node.tag}${node.classes.length ? ` class="${node.className}"` : ''}>${text ? ` "${text.slice(0, 40)}"` : ''}`;
}
