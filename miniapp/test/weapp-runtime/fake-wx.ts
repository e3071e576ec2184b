import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { imageInfo, type LocalFiles } from './files';
import { WX_API_NAMES } from './wx-api-names';

/** WeChat's callback options: every async API takes them and answers with `errMsg`. */
export interface WxCallbacks {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
  [key: string]: unknown;
}

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'navigateBack' | 'reLaunch';

export interface ToastRecord {
  kind: 'toast' | 'loading';
  title: string;
  icon?: string;
  route: string;
}

export interface ModalRecord {
  title?: string;
  content?: string;
  confirm: boolean;
  route: string;
}

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/** A request as the app sent it, for `WxScript.respond`. */
export interface ScriptedRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/me/enterprise/members?cursor=…`. */
  path: string;
}

/** An answer the test gives instead of the server (status 200 unless given). */
export interface ScriptedResponse {
  statusCode?: number;
  data: unknown;
  header?: Record<string, string>;
}

/** One entry written to `wx.getRealtimeLogManager()` (WeChat's 实时日志). */
export interface RealtimeLogRecord {
  level: 'info' | 'warn' | 'error';
  args: unknown[];
  filterMsg: string[];
  route: string;
}

/**
 * A call of a file or media API (chosen images, compression, previews, documents opened), in
 * `app.mediaCalls`; uploads and downloads are in `app.requests`.
 */
export type MediaCall =
  | {
      api: 'chooseMedia' | 'chooseImage';
      route: string;
      /** The most the app let the user choose. */
      count: number;
      /** The temporary paths the app received (empty when the user cancelled). */
      files: string[];
      cancelled: boolean;
    }
  | { api: 'compressImage'; route: string; src: string; quality: number; tempFilePath: string }
  | { api: 'getImageInfo'; route: string; src: string }
  | { api: 'previewImage'; route: string; current: string; urls: string[] }
  | { api: 'openDocument'; route: string; filePath: string; fileType: string; bytes: number }
  | { api: 'saveFile'; route: string; tempFilePath: string; savedFilePath: string }
  | { api: 'shareFileMessage'; route: string; filePath: string; fileName: string; sent: boolean }
  | { api: 'makePhoneCall'; route: string; phoneNumber: string }
  | {
      api: 'scanCode';
      route: string;
      onlyFromCamera: boolean;
      scanType: string[];
      /** What the camera read (null when the user cancelled). */
      result: string | null;
    }
  | {
      api: 'addPhoneCalendar';
      route: string;
      title: string;
      /** Unix seconds, as WeChat takes them. */
      startTime: number;
      endTime?: number;
      location?: string;
      description?: string;
    }
  | { api: 'openLocation'; route: string; latitude: number; longitude: number; name?: string; address?: string };

/** Answers the harness gives where WeChat would ask the user. Tests set them before acting. */
export interface WxScript {
  /** `wx.login` answers with the code `mock:<loginName>`, which the fake WeChat server accepts. */
  loginName: string;
  /** Answers to `wx.showModal`, used in order; a modal with no answer left is a problem. */
  modal: Array<{ confirm: boolean; content?: string }>;
  /** Answers to `wx.showActionSheet` (the tapped index), in order. */
  actionSheet: number[];
  /**
   * What the user picks in WeChat's album for `wx.chooseMedia` / `wx.chooseImage`, in order: files of
   * the test's machine (real image files; the app gets temporary `wxfile://` copies), or 'cancel'.
   * The picker lets the user pick at most the `count` the app asked for. No answer left → a problem.
   */
  media: Array<string[] | 'cancel'>;
  /** Answers to `wx.shareFileMessage` (the chat picker), in order: 'send' or 'cancel'. No answer left → a problem. */
  shareFile: Array<'send' | 'cancel'>;
  /** What the user chooses in the subscribe-message dialog, per template id (default: no answer → problem). */
  subscribe?: Record<string, SubscribeAnswer> | ((tmplIds: string[]) => Record<string, SubscribeAnswer>);
  /**
   * What the camera reads for `wx.scanCode`, in order: the text of the code, or 'cancel' (the user closed the
   * camera: `scanCode:fail cancel`). No answer left → a problem (an unscripted scan fails the test).
   */
  scan?: Array<string | 'cancel'>;
  /** `getphonenumber` event detail for a `<button open-type="getPhoneNumber">` tap. */
  phoneNumber?: { code?: string; errMsg: string };
  /**
   * Answers `wx.request` itself where it returns a response (a malformed answer, an outage …);
   * `undefined` lets the request go to the server. The request is recorded either way.
   */
  respond?: (request: ScriptedRequest) => ScriptedResponse | undefined;
}

export interface SystemOptions {
  /** WeChat's font scale (关怀模式 / large text): `getAppBaseInfo().fontSizeScaleFactor`. */
  fontSizeScaleFactor: number;
  windowWidth: number;
  windowHeight: number;
  platform: 'ios' | 'android' | 'devtools' | 'windows' | 'mac';
  SDKVersion: string;
}

/** What the fake `wx` needs from the runtime that hosts it. */
export interface WxHost {
  script: WxScript;
  system: SystemOptions;
  /** Converts a value into the app's realm (plain JSON data). */
  toCtx<T>(value: T): T;
  /** Calls `fn` later (like WeChat's async callbacks), guarded and counted by settle(). */
  later(fn: () => void, ms?: number): void;
  request(options: WxCallbacks): { abort(): void };
  /** wx.uploadFile / wx.downloadFile against the test server: the task object WeChat returns. */
  upload(options: WxCallbacks): Record<string, unknown>;
  download(options: WxCallbacks): Record<string, unknown>;
  /** The mini-program's local files (temporary and user data). */
  files: LocalFiles;
  navigate(kind: NavigationKind, options: WxCallbacks): void;
  currentRoute(): string;
  currentIsTab(): boolean;
  tabCount(): number;
  setBadge(index: number, text: string | null): void;
  setRedDot(index: number, on: boolean): void;
  stopPullDownRefresh(): void;
  startPullDownRefresh(): void;
  /** True while a tap is being delivered (WeChat lets some APIs run only inside a user gesture). */
  inUserGesture(): boolean;
  record: {
    toast(t: ToastRecord): void;
    hideToast(kind: 'toast' | 'loading'): void;
    modal(m: ModalRecord): void;
    problem(kind: 'unimplemented' | 'wx-fail' | 'unscripted', message: string): void;
    title(title: string): void;
    realtimeLog(entry: RealtimeLogRecord): void;
    media(call: MediaCall): void;
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
  off(event: string, listener?: (...args: unknown[]) => void): void;
  launchOptions(): Record<string, unknown>;
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

/** The document types `wx.openDocument` opens. */
const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];

function extOf(path: string): string {
  const m = /\.[a-z0-9]{1,5}$/i.exec(basename(path));
  return m ? m[0].toLowerCase() : '';
}

/** Calls success/fail and complete later, as WeChat does. */
function answer(host: WxHost, name: string, options: WxCallbacks | undefined, result: Record<string, unknown>): void {
  const res = host.toCtx({ errMsg: `${name}:ok`, ...result });
  host.later(() => {
    options?.success?.(res);
    options?.complete?.(res);
  });
}

function refuse(host: WxHost, name: string, options: WxCallbacks | undefined, reason: string, record = true): void {
  const res = host.toCtx({ errMsg: `${name}:fail ${reason}` });
  if (record) host.record.problem('wx-fail', `wx.${name} failed: ${reason}`);
  host.later(() => {
    options?.fail?.(res);
    options?.complete?.(res);
  });
}

/**
 * A `wx` with every API name Taro maps as an own key. The ones a mini-program like ours needs are
 * implemented; every other call is recorded as unimplemented (a problem unless the test allows it)
 * and fails the way WeChat fails an unsupported call.
 */
export function createFakeWx(host: WxHost): Record<string, unknown> {
  const storage = new Map<string, string>();
  const wx: Record<string, unknown> = {};

  for (const name of WX_API_NAMES) {
    wx[name] = (options?: WxCallbacks) => {
      host.record.problem('unimplemented', `wx.${name} is not implemented by the weapp harness`);
      if (options && typeof options === 'object')
        refuse(host, name, options, 'not implemented in the weapp harness', false);
      return undefined;
    };
  }

  const ok = (name: string) => (options?: WxCallbacks) => answer(host, name, options, {});
  const sysInfo = () => {
    const s = host.system;
    return {
      brand: 'devtools',
      model: 'iPhone 12',
      pixelRatio: 2,
      screenWidth: s.windowWidth,
      screenHeight: s.windowHeight,
      windowWidth: s.windowWidth,
      windowHeight: s.windowHeight,
      statusBarHeight: 20,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 16.0',
      platform: s.platform,
      fontSizeSetting: Math.round(16 * s.fontSizeScaleFactor),
      fontSizeScaleFactor: s.fontSizeScaleFactor,
      SDKVersion: s.SDKVersion,
      theme: 'light',
      safeArea: {
        left: 0,
        right: s.windowWidth,
        top: 20,
        bottom: s.windowHeight,
        width: s.windowWidth,
        height: s.windowHeight - 20,
      },
    };
  };

  Object.assign(wx, {
    env: { USER_DATA_PATH: 'wxfile://usr' },

    // Network: to the real test server.
    request: (options: WxCallbacks) => host.request(options),

    // Sign-in: a code the fake WeChat server turns into an openid.
    login: (options?: WxCallbacks) => answer(host, 'login', options, { code: `mock:${host.script.loginName}` }),
    checkSession: ok('checkSession'),

    // Storage: JSON in memory, as WeChat keeps it per user and mini-program.
    setStorageSync: (key: string, data: unknown) => {
      storage.set(key, JSON.stringify(data === undefined ? null : data));
    },
    getStorageSync: (key: string) => {
      const raw = storage.get(key);
      return raw === undefined ? '' : host.toCtx(JSON.parse(raw));
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () =>
      host.toCtx({
        keys: [...storage.keys()],
        currentSize: [...storage.values()].join('').length / 1024,
        limitSize: 10240,
      }),
    setStorage: (o: WxCallbacks) => {
      storage.set(String(o.key), JSON.stringify(o.data === undefined ? null : o.data));
      answer(host, 'setStorage', o, {});
    },
    getStorage: (o: WxCallbacks) => {
      const raw = storage.get(String(o.key));
      if (raw === undefined) refuse(host, 'getStorage', o, 'data not found', false);
      else answer(host, 'getStorage', o, { data: JSON.parse(raw) });
    },
    removeStorage: (o: WxCallbacks) => {
      storage.delete(String(o.key));
      answer(host, 'removeStorage', o, {});
    },
    clearStorage: (o?: WxCallbacks) => {
      storage.clear();
      answer(host, 'clearStorage', o, {});
    },
    getStorageInfo: (o: WxCallbacks) => answer(host, 'getStorageInfo', o, { keys: [...storage.keys()] }),

    // System information.
    getSystemInfoSync: () => host.toCtx(sysInfo()),
    getSystemInfo: (o: WxCallbacks) => answer(host, 'getSystemInfo', o, sysInfo()),
    getSystemInfoAsync: (o: WxCallbacks) => answer(host, 'getSystemInfoAsync', o, sysInfo()),
    getWindowInfo: () => {
      const { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight, statusBarHeight, safeArea } = sysInfo();
      return host.toCtx({
        pixelRatio,
        screenWidth,
        screenHeight,
        windowWidth,
        windowHeight,
        statusBarHeight,
        safeArea,
      });
    },
    getAppBaseInfo: () => {
      const { SDKVersion, language, version, theme, fontSizeSetting, fontSizeScaleFactor } = sysInfo();
      return host.toCtx({
        SDKVersion,
        enableDebug: false,
        host: { env: 'WeChat' },
        language,
        version,
        theme,
        fontSizeSetting,
        fontSizeScaleFactor,
      });
    },
    getDeviceInfo: () => {
      const { brand, model, system, platform, pixelRatio } = sysInfo();
      return host.toCtx({ abi: 'arm64', benchmarkLevel: 30, brand, model, system, platform, pixelRatio });
    },
    getSystemSetting: () =>
      host.toCtx({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => host.toCtx({}),
    getAccountInfoSync: () =>
      host.toCtx({ miniProgram: { appId: 'wx-harness', envVersion: 'develop', version: '' }, plugin: {} }),
    getLaunchOptionsSync: () => host.toCtx(host.launchOptions()),
    getEnterOptionsSync: () => host.toCtx(host.launchOptions()),
    canIUse: () => true,
    getNetworkType: (o: WxCallbacks) => answer(host, 'getNetworkType', o, { networkType: 'wifi' }),
    onNetworkStatusChange: (cb: (...a: unknown[]) => void) => host.on('networkStatusChange', cb),
    offNetworkStatusChange: (cb?: (...a: unknown[]) => void) => host.off('networkStatusChange', cb),
    onNeedPrivacyAuthorization: (cb: (...a: unknown[]) => void) => host.on('needPrivacyAuthorization', cb),

    // App-level events: listeners are kept; the harness fires the ones it models.
    onAppShow: (cb: (...a: unknown[]) => void) => host.on('appShow', cb),
    offAppShow: (cb?: (...a: unknown[]) => void) => host.off('appShow', cb),
    onAppHide: (cb: (...a: unknown[]) => void) => host.on('appHide', cb),
    offAppHide: (cb?: (...a: unknown[]) => void) => host.off('appHide', cb),
    onError: (cb: (...a: unknown[]) => void) => host.on('error', cb),
    offError: (cb?: (...a: unknown[]) => void) => host.off('error', cb),
    onUnhandledRejection: (cb: (...a: unknown[]) => void) => host.on('unhandledRejection', cb),
    offUnhandledRejection: (cb?: (...a: unknown[]) => void) => host.off('unhandledRejection', cb),
    onPageNotFound: (cb: (...a: unknown[]) => void) => host.on('pageNotFound', cb),
    offPageNotFound: (cb?: (...a: unknown[]) => void) => host.off('pageNotFound', cb),
    onThemeChange: (cb: (...a: unknown[]) => void) => host.on('themeChange', cb),
    offThemeChange: (cb?: (...a: unknown[]) => void) => host.off('themeChange', cb),
    onMemoryWarning: (cb: (...a: unknown[]) => void) => host.on('memoryWarning', cb),
    offMemoryWarning: (cb?: (...a: unknown[]) => void) => host.off('memoryWarning', cb),
    onWindowResize: (cb: (...a: unknown[]) => void) => host.on('windowResize', cb),
    offWindowResize: (cb?: (...a: unknown[]) => void) => host.off('windowResize', cb),

    // Feedback: recorded for assertions.
    showToast: (o: WxCallbacks) => {
      host.record.toast({
        kind: 'toast',
        title: String(o.title ?? ''),
        icon: o.icon as string,
        route: host.currentRoute(),
      });
      answer(host, 'showToast', o, {});
    },
    hideToast: (o?: WxCallbacks) => {
      host.record.hideToast('toast');
      answer(host, 'hideToast', o, {});
    },
    showLoading: (o: WxCallbacks) => {
      host.record.toast({ kind: 'loading', title: String(o.title ?? ''), route: host.currentRoute() });
      answer(host, 'showLoading', o, {});
    },
    hideLoading: (o?: WxCallbacks) => {
      host.record.hideToast('loading');
      answer(host, 'hideLoading', o, {});
    },
    showModal: (o: WxCallbacks) => {
      const scripted = host.script.modal.shift();
      if (!scripted) {
        host.record.problem(
          'unscripted',
          `wx.showModal("${String(o.content ?? o.title ?? '')}") had no scripted answer`,
        );
        refuse(host, 'showModal', o, 'no scripted answer in the weapp harness', false);
        return;
      }
      host.record.modal({
        title: o.title as string,
        content: o.content as string,
        confirm: scripted.confirm,
        route: host.currentRoute(),
      });
      answer(host, 'showModal', o, { confirm: scripted.confirm, cancel: !scripted.confirm, content: scripted.content });
    },
    showActionSheet: (o: WxCallbacks) => {
      const tapIndex = host.script.actionSheet.shift();
      if (tapIndex === undefined) {
        host.record.problem('unscripted', 'wx.showActionSheet had no scripted answer');
        refuse(host, 'showActionSheet', o, 'cancel', false);
      } else answer(host, 'showActionSheet', o, { tapIndex });
    },

    // Navigation: the harness's page stack.
    navigateTo: (o: WxCallbacks) => host.navigate('navigateTo', o),
    redirectTo: (o: WxCallbacks) => host.navigate('redirectTo', o),
    switchTab: (o: WxCallbacks) => host.navigate('switchTab', o),
    navigateBack: (o?: WxCallbacks) => host.navigate('navigateBack', o ?? {}),
    reLaunch: (o: WxCallbacks) => host.navigate('reLaunch', o),
    setNavigationBarTitle: (o: WxCallbacks) => {
      host.record.title(String(o.title ?? ''));
      answer(host, 'setNavigationBarTitle', o, {});
    },
    pageScrollTo: ok('pageScrollTo'),
    hideKeyboard: ok('hideKeyboard'),
    nextTick: (cb: () => void) => host.later(cb),

    // Tab bar: WeChat refuses these unless the page on top is a tab page.
    setTabBarBadge: (o: WxCallbacks) => tabBarCall('setTabBarBadge', o, (i) => host.setBadge(i, String(o.text ?? ''))),
    removeTabBarBadge: (o: WxCallbacks) => tabBarCall('removeTabBarBadge', o, (i) => host.setBadge(i, null)),
    showTabBarRedDot: (o: WxCallbacks) => tabBarCall('showTabBarRedDot', o, (i) => host.setRedDot(i, true)),
    hideTabBarRedDot: (o: WxCallbacks) => tabBarCall('hideTabBarRedDot', o, (i) => host.setRedDot(i, false)),

    // Pull-down refresh.
    stopPullDownRefresh: (o?: WxCallbacks) => {
      host.stopPullDownRefresh();
      answer(host, 'stopPullDownRefresh', o, {});
    },
    startPullDownRefresh: (o?: WxCallbacks) => {
      host.startPullDownRefresh();
      answer(host, 'startPullDownRefresh', o, {});
    },

    // Subscribe messages: only inside a tap, with the answers the test scripted.
    requestSubscribeMessage: (o: WxCallbacks) => {
      const tmplIds = Array.isArray(o.tmplIds) ? (o.tmplIds as string[]) : [];
      if (!host.inUserGesture()) {
        refuse(host, 'requestSubscribeMessage', o, 'can only be invoked by user TAP gesture.');
        return;
      }
      if (!tmplIds.length || tmplIds.length > 3) {
        refuse(host, 'requestSubscribeMessage', o, `tmplIds must hold 1 to 3 ids, got ${tmplIds.length}`);
        return;
      }
      const script = host.script.subscribe;
      if (!script) {
        host.record.problem('unscripted', 'wx.requestSubscribeMessage had no scripted answer');
        refuse(host, 'requestSubscribeMessage', o, 'no scripted answer in the weapp harness', false);
        return;
      }
      const choices = typeof script === 'function' ? script(tmplIds) : script;
      const result: Record<string, string> = {};
      for (const id of tmplIds) result[id] = choices[id] ?? 'reject';
      answer(host, 'requestSubscribeMessage', o, result);
    },

    // The camera's code scanner: the codes the test scripted, in order.
    scanCode: (o: WxCallbacks = {}) => {
      const next = host.script.scan?.shift();
      const call = {
        api: 'scanCode' as const,
        route: host.currentRoute(),
        onlyFromCamera: o.onlyFromCamera === true,
        scanType: Array.isArray(o.scanType) ? (o.scanType as string[]) : [],
      };
      if (next === undefined) {
        host.record.problem('unscripted', 'wx.scanCode had no scripted answer');
        refuse(host, 'scanCode', o, 'no scripted answer in the weapp harness', false);
        return;
      }
      host.record.media({ ...call, result: next === 'cancel' ? null : next });
      if (next === 'cancel') refuse(host, 'scanCode', o, 'cancel', false);
      else answer(host, 'scanCode', o, { result: next, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' });
    },

    // Media and files: the album answers from script.media; files live in host.files.
    chooseMedia: (o: WxCallbacks = {}) => choose('chooseMedia', o, 20),
    chooseImage: (o: WxCallbacks = {}) => choose('chooseImage', o, 9),
    compressImage: (o: WxCallbacks = {}) => {
      const src = String(o.src ?? '');
      const bytes = host.files.read(src);
      if (!bytes) return refuse(host, 'compressImage', o, `file not found: ${src}`);
      const quality = o.quality === undefined ? 80 : Number(o.quality);
      if (!Number.isFinite(quality) || quality < 0 || quality > 100)
        return refuse(host, 'compressImage', o, 'parameter error: quality should be between 0 and 100');
      // A new temporary file. The harness does not re-encode: the bytes stay as they were.
      const tempFilePath = host.files.write(bytes, extOf(src));
      host.record.media({ api: 'compressImage', route: host.currentRoute(), src, quality, tempFilePath });
      answer(host, 'compressImage', o, { tempFilePath });
    },
    getImageInfo: (o: WxCallbacks = {}) => {
      const src = String(o.src ?? '');
      if (/^https?:\/\//.test(src)) {
        host.record.problem(
          'unimplemented',
          'wx.getImageInfo of a network image is not implemented by the weapp harness',
        );
        return refuse(host, 'getImageInfo', o, 'not implemented in the weapp harness', false);
      }
      const bytes = host.files.read(src);
      const info = bytes && imageInfo(bytes);
      if (!info) return refuse(host, 'getImageInfo', o, bytes ? 'image decode failed' : `file not found: ${src}`);
      host.record.media({ api: 'getImageInfo', route: host.currentRoute(), src });
      answer(host, 'getImageInfo', o, {
        width: info.width,
        height: info.height,
        path: src,
        orientation: 'up',
        type: info.type,
      });
    },
    previewImage: (o: WxCallbacks = {}) => {
      const urls = o.urls;
      if (!Array.isArray(urls) || !urls.length || urls.some((u) => typeof u !== 'string' || !u))
        return refuse(host, 'previewImage', o, 'parameter error: parameter.urls should be a non-empty Array of String');
      const current = typeof o.current === 'string' && o.current ? o.current : urls[0];
      host.record.media({ api: 'previewImage', route: host.currentRoute(), current, urls: [...urls] as string[] });
      answer(host, 'previewImage', o, {});
    },
    openDocument: (o: WxCallbacks = {}) => {
      const filePath = String(o.filePath ?? '');
      const bytes = host.files.read(filePath);
      if (!bytes) return refuse(host, 'openDocument', o, `file doesn't exist: ${filePath}`);
      const fileType = String(o.fileType ?? extOf(filePath).slice(1)).toLowerCase();
      if (!DOCUMENT_TYPES.includes(fileType)) return refuse(host, 'openDocument', o, 'filetype not supported');
      host.record.media({ api: 'openDocument', route: host.currentRoute(), filePath, fileType, bytes: bytes.length });
      answer(host, 'openDocument', o, {});
    },
    saveFile: (o: WxCallbacks = {}) => {
      const tempFilePath = String(o.tempFilePath ?? '');
      const bytes = host.files.read(tempFilePath);
      if (!bytes) return refuse(host, 'saveFile', o, `file not found: ${tempFilePath}`);
      const savedFilePath = `wxfile://usr/store_${randomBytes(12).toString('hex')}${extOf(tempFilePath)}`;
      host.files.writeAt(savedFilePath, bytes);
      host.record.media({ api: 'saveFile', route: host.currentRoute(), tempFilePath, savedFilePath });
      answer(host, 'saveFile', o, { savedFilePath });
    },
    shareFileMessage: (o: WxCallbacks = {}) => {
      const filePath = String(o.filePath ?? '');
      if (!host.inUserGesture()) return refuse(host, 'shareFileMessage', o, 'can only be invoked by user TAP gesture.');
      if (!host.files.has(filePath)) return refuse(host, 'shareFileMessage', o, `file not found: ${filePath}`);
      const choice = host.script.shareFile.shift();
      if (!choice) {
        host.record.problem('unscripted', 'wx.shareFileMessage had no scripted answer');
        return refuse(host, 'shareFileMessage', o, 'cancel', false);
      }
      const fileName = String(o.fileName ?? basename(filePath));
      host.record.media({
        api: 'shareFileMessage',
        route: host.currentRoute(),
        filePath,
        fileName,
        sent: choice === 'send',
      });
      if (choice === 'cancel') return refuse(host, 'shareFileMessage', o, 'cancel', false);
      answer(host, 'shareFileMessage', o, {});
    },
    makePhoneCall: (o: WxCallbacks = {}) => {
      const phoneNumber = o.phoneNumber;
      if (typeof phoneNumber !== 'string' || !phoneNumber)
        return refuse(host, 'makePhoneCall', o, 'parameter error: parameter.phoneNumber should be String');
      // WeChat asks the user to confirm the call; the harness records it as made.
      host.record.media({ api: 'makePhoneCall', route: host.currentRoute(), phoneNumber });
      answer(host, 'makePhoneCall', o, {});
    },
    // 潭商讲堂: 加入日历 and 查看地图.
    addPhoneCalendar: (o: WxCallbacks = {}) => addPhoneCalendar(o),
    openLocation: (o: WxCallbacks = {}) => openLocation(o),
    getFileSystemManager: () => fileSystemManager(),
    uploadFile: (o: WxCallbacks = {}) => host.upload(o),
    downloadFile: (o: WxCallbacks = {}) => host.download(o),

    setClipboardData: (o: WxCallbacks) => {
      clipboard = String(o.data ?? '');
      host.record.toast({ kind: 'toast', title: '内容已复制', route: host.currentRoute() });
      answer(host, 'setClipboardData', o, {});
    },
    getClipboardData: (o: WxCallbacks) => answer(host, 'getClipboardData', o, { data: clipboard }),
    vibrateShort: ok('vibrateShort'),

    // 实时日志: what the app reports, recorded for assertions.
    getRealtimeLogManager: () => {
      const filterMsg: string[] = [];
      const log =
        (level: RealtimeLogRecord['level']) =>
        (...args: unknown[]) =>
          host.record.realtimeLog({
            level,
            args: JSON.parse(JSON.stringify(args)),
            filterMsg: [...filterMsg],
            route: host.currentRoute(),
          });
      const manager = {
        info: log('info'),
        warn: log('warn'),
        error: log('error'),
        setFilterMsg: (msg: string) => void filterMsg.splice(0, filterMsg.length, String(msg)),
        addFilterMsg: (msg: string) => void filterMsg.push(String(msg)),
        in: () => manager,
        tag: () => manager,
      };
      return manager;
    },
  });

  let clipboard = '';

  /**
   * `wx.getFileSystemManager()`: reading, writing and removing the mini-program's local files, with
   * WeChat's errors (`…:fail no such file or directory, open <path>`); sync methods throw them. Writes
   * only under `wx.env.USER_DATA_PATH`. Anything else is recorded as unimplemented.
   */
  function fileSystemManager(): Record<string, unknown> {
    const noFile = (name: string, path: string) => `${name}:fail no such file or directory, open ${path}`;
    const decode = (bytes: Buffer, encoding: unknown) =>
      encoding ? bytes.toString(encoding === 'utf-8' ? 'utf8' : (encoding as BufferEncoding)) : toArrayBuffer(bytes);
    const toBytes = (data: unknown, encoding: unknown) =>
      typeof data === 'string'
        ? Buffer.from(data, encoding === 'utf-8' || !encoding ? 'utf8' : (encoding as BufferEncoding))
        : Buffer.from(data as ArrayBuffer);
    const sync = {
      readFileSync: (filePath: string, encoding?: string) => {
        const bytes = host.files.read(filePath);
        if (!bytes) throw new Error(noFile('readFileSync', filePath));
        return decode(bytes, encoding);
      },
      writeFileSync: (filePath: string, data: unknown, encoding?: string) => {
        if (!host.files.writeAt(filePath, toBytes(data, encoding)))
          throw new Error(`writeFileSync:fail permission denied, open ${filePath}`);
      },
      accessSync: (path: string) => {
        if (!host.files.has(path)) throw new Error(noFile('accessSync', path));
      },
      unlinkSync: (filePath: string) => {
        if (!host.files.remove(filePath)) throw new Error(noFile('unlinkSync', filePath));
      },
    };
    const async =
      (name: string, run: (o: WxCallbacks) => Record<string, unknown> | void) =>
      (o: WxCallbacks = {}) => {
        let result: Record<string, unknown> | void;
        try {
          result = run(o);
        } catch (e) {
          return refuse(host, name, o, (e as Error).message.replace(/^\w+:fail /, ''), false);
        }
        const res = host.toCtx({ errMsg: `${name}:ok`, ...(result ?? {}) });
        const data = result?.data;
        if (data instanceof ArrayBuffer) (res as Record<string, unknown>).data = data;
        host.later(() => {
          o.success?.(res);
          o.complete?.(res);
        });
      };
    const fsm: Record<string, unknown> = {};
    for (const name of [
      'copyFile',
      'mkdir',
      'readdir',
      'rename',
      'rmdir',
      'stat',
      'appendFile',
      'unzip',
      'getSavedFileList',
      'removeSavedFile',
      'saveFile',
      'truncate',
      'open',
      'close',
      'read',
      'write',
      'fstat',
      'readCompressedFile',
    ]) {
      for (const n of [name, `${name}Sync`])
        fsm[n] = () => {
          host.record.problem('unimplemented', `FileSystemManager.${n} is not implemented by the weapp harness`);
          if (n.endsWith('Sync')) throw new Error(`${n}:fail not implemented in the weapp harness`);
        };
    }
    return Object.assign(fsm, sync, {
      readFile: async('readFile', (o) => ({ data: sync.readFileSync(String(o.filePath), o.encoding as string) })),
      writeFile: async('writeFile', (o) => sync.writeFileSync(String(o.filePath), o.data, o.encoding as string)),
      access: async('access', (o) => sync.accessSync(String(o.path))),
      unlink: async('unlink', (o) => sync.unlinkSync(String(o.filePath))),
      getFileInfo: async('getFileInfo', (o) => {
        const bytes = host.files.read(String(o.filePath));
        if (!bytes) throw new Error(noFile('getFileInfo', String(o.filePath)));
        return { size: bytes.length };
      }),
    });
  }

  /**
   * wx.chooseMedia / wx.chooseImage: WeChat's album picker, answered by `script.media`. The user can
   * pick at most `count` (WeChat's limits: 20 for chooseMedia, 9 for chooseImage); a cancel fails
   * with `fail cancel`, as in WeChat.
   */
  function choose(name: 'chooseMedia' | 'chooseImage', o: WxCallbacks, max: number): void {
    const count = o.count === undefined ? 9 : o.count;
    if (typeof count !== 'number' || !Number.isInteger(count))
      return refuse(host, name, o, `parameter error: parameter.count should be Number instead of ${typeof count};`);
    if (count < 1 || count > max) return refuse(host, name, o, `count should be between 1 and ${max}`);
    if (name === 'chooseMedia') {
      const mediaType = (o.mediaType ?? ['image', 'video']) as unknown;
      if (!Array.isArray(mediaType) || mediaType.some((t) => t !== 'image' && t !== 'video' && t !== 'mix'))
        return refuse(host, name, o, 'parameter error: parameter.mediaType should be Array of image, video');
    }
    const picked = host.script.media.shift();
    if (!picked) {
      host.record.problem('unscripted', `wx.${name} (count ${count}) had no scripted answer`);
      host.record.media({ api: name, route: host.currentRoute(), count, files: [], cancelled: true });
      return refuse(host, name, o, 'cancel', false);
    }
    if (picked === 'cancel') {
      host.record.media({ api: name, route: host.currentRoute(), count, files: [], cancelled: true });
      return refuse(host, name, o, 'cancel', false);
    }
    const files = picked.slice(0, count).map((real) => {
      const tempFilePath = host.files.adopt(real);
      const bytes = host.files.read(tempFilePath)!;
      const info = imageInfo(bytes);
      return { tempFilePath, size: bytes.length, width: info?.width ?? 0, height: info?.height ?? 0 };
    });
    host.record.media({
      api: name,
      route: host.currentRoute(),
      count,
      files: files.map((f) => f.tempFilePath),
      cancelled: false,
    });
    if (name === 'chooseMedia')
      answer(host, name, o, {
        type: 'image',
        tempFiles: files.map((f) => ({ ...f, fileType: 'image' })),
      });
    else
      answer(host, name, o, {
        tempFilePaths: files.map((f) => f.tempFilePath),
        tempFiles: files.map((f) => ({ path: f.tempFilePath, size: f.size })),
      });
  }

  /**
   * wx.addPhoneCalendar: WeChat runs it only from a tap; `title` (a string) and `startTime` (a number of unix
   * seconds) are required, `endTime` (seconds, not before the start), `location` and `description` optional. A time in
   * milliseconds is refused here (WeChat would put the event tens of thousands of years ahead). The user's consent is
   * assumed; the entry is recorded in `app.mediaCalls`.
   */
  function addPhoneCalendar(o: WxCallbacks): void {
    const name = 'addPhoneCalendar';
    if (!host.inUserGesture()) return refuse(host, name, o, 'can only be invoked by user TAP gesture.');
    if (typeof o.title !== 'string' || !o.title)
      return refuse(host, name, o, 'parameter error: parameter.title should be String');
    const seconds = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (!seconds(o.startTime))
      return refuse(
        host,
        name,
        o,
        `parameter error: parameter.startTime should be Number instead of ${typeof o.startTime}`,
      );
    const startTime = o.startTime as number;
    if (startTime > 1e11) return refuse(host, name, o, 'parameter error: startTime is a unix timestamp in seconds');
    if (o.endTime !== undefined) {
      if (!seconds(o.endTime))
        return refuse(
          host,
          name,
          o,
          `parameter error: parameter.endTime should be Number instead of ${typeof o.endTime}`,
        );
      if ((o.endTime as number) < startTime)
        return refuse(host, name, o, 'endTime should not be earlier than startTime');
    }
    for (const key of ['location', 'description'])
      if (o[key] !== undefined && typeof o[key] !== 'string')
        return refuse(host, name, o, `parameter error: parameter.${key} should be String`);
    const call: MediaCall = { api: name, route: host.currentRoute(), title: o.title, startTime };
    if (o.endTime !== undefined) call.endTime = o.endTime as number;
    if (o.location !== undefined) call.location = o.location as string;
    if (o.description !== undefined) call.description = o.description as string;
    host.record.media(call);
    answer(host, name, o, {});
  }

  /** wx.openLocation: latitude −90…90 and longitude −180…180 (numbers) required, scale 5…18; recorded. */
  function openLocation(o: WxCallbacks): void {
    const name = 'openLocation';
    const { latitude, longitude } = o;
    if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90)
      return refuse(host, name, o, 'parameter error: parameter.latitude should be a Number between -90 and 90');
    if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180)
      return refuse(host, name, o, 'parameter error: parameter.longitude should be a Number between -180 and 180');
    if (o.scale !== undefined && (typeof o.scale !== 'number' || o.scale < 5 || o.scale > 18))
      return refuse(host, name, o, 'parameter error: parameter.scale should be between 5 and 18');
    const call: MediaCall = { api: name, route: host.currentRoute(), latitude, longitude };
    if (typeof o.name === 'string') call.name = o.name;
    if (typeof o.address === 'string') call.address = o.address;
    host.record.media(call);
    answer(host, name, o, {});
  }

  function tabBarCall(name: string, o: WxCallbacks, apply: (index: number) => void): void {
    const index = Number(o?.index);
    if (!host.currentIsTab()) return refuse(host, name, o, 'not TabBar page', false);
    if (!Number.isInteger(index) || index < 0 || index >= host.tabCount())
      return refuse(host, name, o, `tabbar item index ${String(o?.index)} is illegal`);
    apply(index);
    answer(host, name, o, {});
  }

  return wx;
}
