import Taro from '@tarojs/taro';
import type { TokenResponse } from '@qsgj/shared/contracts';
import type { ErrorBody, ErrorCode } from '@qsgj/shared/errors';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { onlineStore } from '@/stores/network';
import { clearSession, saveSession, sessionStore, updateSession } from '@/stores/session';

declare const API_BASE: string;

/** Codes the client adds for failures that never reached the server. */
export type ClientErrorCode = 'NETWORK_OFFLINE' | 'NETWORK_TIMEOUT' | 'BAD_RESPONSE';

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_OFFLINE: '网络连接失败，请检查网络后重试',
  NETWORK_TIMEOUT: '网络较慢，请求超时，请稍后重试',
  BAD_RESPONSE: '服务器返回了无法识别的内容，请稍后重试',
};

/**
 * The server's id of the last answer (its `x-request-id` header, or `requestId` of an error body).
 * The page error view shows it as 「错误编号」, so a user can quote the request the server logged.
 */
let lastRequestIdValue: string | undefined;
export function lastRequestId(): string | undefined {
  return lastRequestIdValue;
}

function requestIdOf(header: unknown): string | undefined {
  if (!header || typeof header !== 'object') return undefined;
  const key = Object.keys(header).find((k) => k.toLowerCase() === 'x-request-id');
  const value = key ? (header as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/** Every failed request becomes an ApiError whose `message` is Chinese and fit to show the user. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the server (worth a retry once the network is back). */
  get isNetwork(): boolean {
    return this.statusCode === 0;
  }

  /** The message for one field, for showing an error in place beside it. */
  fieldMessage(field: string): string | undefined {
    return Array.isArray(this.details) ? this.details.find((d) => d.field === field)?.message : undefined;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /**
   * A write the user may retry (submit, sign up): one Idempotency-Key for this logical request,
   * reused for every retry after a network failure, so the server never does it twice.
   */
  idempotent?: boolean;
  /**
   * The Idempotency-Key to send, made by the caller (a form makes one when it opens, so a submit retried after the
   * app was closed and reopened is still the same request). Implies `idempotent`.
   */
  idempotencyKey?: string;
  /** Retries after a network failure (default 2 for idempotent requests and GETs, 0 otherwise). */
  retries?: number;
  timeout?: number;
}

/** Signals an expired sign-in that could not be renewed: the app sends the user to sign in. */
type SignedOutListener = (reason: ApiError) => void;
const signedOutListeners = new Set<SignedOutListener>();
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * Signals a write the server refused until the user agrees to the current privacy notice (403
 * CONSENT_REQUIRED, e.g. after a new version was published): the app shows the notice.
 */
type ConsentRequiredListener = (reason: ApiError) => void;
const consentListeners = new Set<ConsentRequiredListener>();
export function onConsentRequired(listener: ConsentRequiredListener): () => void {
  consentListeners.add(listener);
  return () => consentListeners.delete(listener);
}

const RENEWABLE: ReadonlySet<string> = new Set(['TOKEN_EXPIRED', 'UNAUTHENTICATED']);

/** The full URL of an API path (`/cases` → `https://…/api/v1/cases`), for uploadFile and downloadFile. */
export function apiUrl(path: string): string {
  const base = typeof API_BASE === 'string' ? API_BASE : '';
  return `${base.replace(/\/$/, '')}/api/v1${path}`;
}

/** A fresh Idempotency-Key. */
export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rand()}-${rand()}`;
}

export function toApiError(statusCode: number, body: unknown, requestId?: string): ApiError {
  const b = body as Partial<ErrorBody> | null;
  if (b && typeof b === 'object' && typeof b.code === 'string' && typeof b.message === 'string') {
    return new ApiError(statusCode, b.code, b.message, b.details, b.requestId ?? requestId);
  }
  const code: ErrorCode = statusCode >= 500 ? 'INTERNAL_ERROR' : statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
  return new ApiError(statusCode, code, ERROR_MESSAGES[code], undefined, requestId);
}

/** An answer of the wrong shape (a list without `items` …): shown as a load failure, with the last request id. */
export function badResponse(): ApiError {
  return new ApiError(200, 'BAD_RESPONSE', CLIENT_MESSAGES.BAD_RESPONSE, undefined, lastRequestIdValue);
}

/** `path?cursor=…&limit=…`: the query of a paged list, leaving out what is not set. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}` : path;
}

function networkError(err: unknown): ApiError {
  const text = String((err as { errMsg?: string } | null)?.errMsg ?? err);
  const code: ClientErrorCode = /timeout/i.test(text) ? 'NETWORK_TIMEOUT' : 'NETWORK_OFFLINE';
  return new ApiError(0, code, CLIENT_MESSAGES[code]);
}

/** One refresh at a time: every request that hits an expired token waits for the same renewal. */
let refreshing: Promise<boolean> | null = null;

/**
 * Renews the access token with the refresh token (one renewal at a time for every caller); false when the
 * session is gone. For uploadFile and downloadFile, which do not go through `request`.
 */
export async function renewSession(): Promise<boolean> {
  const session = sessionStore.get();
  if (!session) return false;
  refreshing ??= (async () => {
    try {
      const res = await Taro.request<TokenResponse>({
        url: apiUrl('/auth/refresh'),
        method: 'POST',
        data: { refreshToken: session.refreshToken },
        header: { 'content-type': 'application/json' },
      });
      if (res.statusCode === 200 && res.data?.accessToken) {
        saveSession(res.data);
        return true;
      }
      return false;
    } catch {
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one way the mini-program talks to the server: bearer token, one silent refresh on 401,
 * the server's error body as an ApiError, retries with the same Idempotency-Key.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const idempotencyKey = options.idempotencyKey ?? (options.idempotent ? newIdempotencyKey() : undefined);
  const retries = options.retries ?? (idempotencyKey || method === 'GET' ? 2 : 0);
  let renewed = false;

  for (let attempt = 0; ; attempt++) {
    const header: Record<string, string> = { 'content-type': 'application/json' };
    const session = options.auth === false ? null : sessionStore.get();
    if (session) header.Authorization = `Bearer ${session.accessToken}`;
    if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey;

    let res: Taro.request.SuccessCallbackResult<string | Record<string, unknown> | ArrayBuffer>;
    try {
      res = await Taro.request({
        url: apiUrl(path),
        method,
        // WeChat always declares JSON, and the server refuses an empty JSON body: a write without data sends {}.
        data: (options.data ?? (method === 'GET' ? undefined : {})) as Record<string, unknown> | undefined,
        header,
        timeout: options.timeout ?? 15000,
      });
      onlineStore.set(true);
      lastRequestIdValue = requestIdOf(res.header);
    } catch (err) {
      const error = networkError(err);
      if (error.code === 'NETWORK_OFFLINE') onlineStore.set(false);
      if (attempt < retries) {
        await sleep(400 * 2 ** attempt);
        continue;
      }
      throw error;
    }

    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;

    const error = toApiError(res.statusCode, res.data, requestIdOf(res.header));
    if (error.requestId) lastRequestIdValue = error.requestId;
    if (res.statusCode === 401 && session && !renewed && RENEWABLE.has(error.code)) {
      renewed = true;
      if (await renewSession()) {
        attempt--; // the renewal is not a retry
        continue;
      }
    }
    if (res.statusCode === 401 && session) {
      clearSession();
      signedOutListeners.forEach((l) => l(error));
    }
    if (error.code === 'CONSENT_REQUIRED' && session) {
      updateSession({ consentRequired: true });
      consentListeners.forEach((l) => l(error));
    }
    if (res.statusCode === 503 && attempt < retries && idempotencyKey) {
      await sleep(400 * 2 ** attempt);
      continue;
    }
    throw error;
  }
}

/** The Authorization header of the signed-in user (empty when signed out), for uploadFile and downloadFile. */
export function authHeader(): Record<string, string> {
  const session = sessionStore.get();
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}

/** After uploadFile or downloadFile answered 401: the session is over unless it can be renewed. */
export function signOutAfter(error: ApiError): void {
  if (!sessionStore.get()) return;
  clearSession();
  signedOutListeners.forEach((l) => l(error));
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'POST', data }),
  patch: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'PATCH', data }),
  put: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'PUT', data }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'DELETE' }),
};
