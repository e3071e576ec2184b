/**
 * What the page specs share: a signed-in session, a scripted server behind the Taro shim's `request`,
 * answer builders and small DOM helpers. A spec whose version really differs keeps its own.
 */
import { act, fireEvent } from '@testing-library/react';
import type { SessionUser } from '@qsgj/shared/contracts';
import { __setRequest, calls } from '../shims/taro';
import { saveSession } from '../../src/stores/session';

/** A request as the shim receives it (Taro.request's options). */
export type Sent = { url: string; method: string; data: any; header: Record<string, string> };
/** What the scripted server answers. */
export type Reply = { statusCode: number; data: unknown };

/** Signs in as `role` (user u1, 用户 unless `user` says otherwise), as the sign-in page would. */
export function signIn(role: SessionUser['role'], user: Partial<SessionUser> = {}): void {
  saveSession({
    accessToken: 'a',
    refreshToken: 'r',
    expiresIn: 7200,
    user: { id: 'u1', role, displayName: '用户', mustChangePassword: false, ...user },
    consentRequired: false,
  });
}

/** The path of a request, without the API prefix. */
export const pathOf = (url: unknown) => String(url).replace(/^\/api\/v1/, '');

/**
 * A scripted server: `on(method, path, reply)` answers a request whose method and path (query included; compared
 * as sent and percent-decoded) match, the latest `on` first (the earliest with `earliestFirst`); anything else
 * gets `notFound`. `listen()` (in beforeEach, after the shim's `__reset`) forgets the routes and puts the server
 * behind `Taro.request`.
 */
export function scriptedServer({
  notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '资源不存在' } },
  earliestFirst = false,
}: { notFound?: Reply; earliestFirst?: boolean } = {}) {
  let routes: Array<(o: Sent) => Reply | undefined> = [];
  const on = (method: string, path: string | RegExp, reply: Reply | ((o: Sent) => Reply)) =>
    void routes[earliestFirst ? 'push' : 'unshift']((o) => {
      const url = pathOf(o.url);
      const urls = [url, decodeURIComponent(url)];
      const hit = urls.some((u) => (typeof path === 'string' ? u === path : path.test(u)));
      if ((o.method ?? 'GET') !== method || !hit) return undefined;
      return typeof reply === 'function' ? reply(o) : reply;
    });
  const listen = () => {
    routes = [];
    __setRequest(async (o) => {
      for (const route of routes) {
        const reply = route(o as Sent);
        if (reply) return reply;
      }
      return notFound;
    });
  };
  return { on, listen };
}

export const ok = (data: unknown, statusCode = 200): Reply => ({ statusCode, data });

/** Every request so far, as "METHOD /path". */
export const requests = () => calls.request.map((r) => `${r.method ?? 'GET'} ${pathOf(r.url)}`);
/** The writes so far, as ["METHOD /path", body]. */
export const writes = () =>
  calls.request.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${pathOf(r.url)}`, r.data]);

export const $ = (sel: string) => document.querySelector<HTMLElement>(sel);
export const $$ = (sel: string) => Array.from(document.querySelectorAll<HTMLElement>(sel));
/** Types into an input or textarea, or picks in a Picker's control (see the components shim). */
export const typeInto = (el: Element | null, value: string) => fireEvent.change(el!, { target: { value } });
/** Lets pending promises (and the renders they cause) settle. */
export const flush = () => act(async () => undefined);
/** A 4xx/5xx answer in the server's error shape, optionally naming the field it is about. */
export const refused = (statusCode: number, code: string, message: string, field?: string): Reply => ({
  statusCode,
  data: { code, message, ...(field ? { details: [{ field, message }] } : {}) },
});

/** A page of a cursor-paged list. */
export const page = (items: unknown[], nextCursor: string | null = null) => ok({ items, nextCursor });

/**
 * Answers each request from a table keyed "METHOD /path" (with its query, or else without it); a function
 * there is called with the request. Anything else gets `notFound`.
 */
export function serve(
  routes: Record<string, Reply | ((sent: Sent) => Reply)>,
  notFound: Reply = { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在或已被删除' } },
): void {
  __setRequest(async (o) => {
    const path = pathOf(o.url);
    const method = (o.method as string | undefined) ?? 'GET';
    const route = routes[`${method} ${path}`] ?? routes[`${method} ${path.split('?')[0]}`];
    if (!route) return notFound;
    return typeof route === 'function' ? route(o as Sent) : route;
  });
}
