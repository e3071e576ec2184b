import { randomBytes } from 'node:crypto';
import type { TestApp } from '../utils/test-app';

/*
 * The access matrix's vocabulary (server/test/access-matrix.e2e-spec.ts). Each vertical declares its routes in
 * its own file beside this one (dictionaries.routes.ts, policies.routes.ts, …); the matrix merges them.
 */

export const ACTORS = ['signedOut', 'otherEnterprise', 'pending', 'otherButler', 'supervisor', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];
export type Expectation = Record<ActorName, number>;

/** What the first enterprise set up in beforeAll is made of. */
export interface Fixtures {
  t: TestApp;
  /** Credit code of the first enterprise. */
  creditCode: string;
  enterpriseId: string;
  /** The first enterprise's department and its assigned butler. */
  departmentId: string;
  butlerId: string;
  butlerUsername: string;
  /** A notification of the first enterprise's owner. */
  ownerNotificationId: string;
  /** The privacy notice version to consent to. */
  consentVersion: string;
  /** A new WeChat user whose request to join the first enterprise is pending (a fresh target per call). */
  newApplicant(): Promise<string>;
}

export interface Call {
  path: string;
  body?: Record<string, unknown>;
}

export interface RouteEntry {
  expect: Expectation;
  /** The request; without it, the route's path as documented (it has no parameters) and no body. */
  call?: (f: Fixtures) => Call | Promise<Call>;
  /** Signs the caller out or away (logout, password change, account deletion): use a fresh equivalent caller. */
  ownSession?: true;
}

/** A subscribe-message template the app is configured with. */
export const TEMPLATE = 'tpl-access-matrix';

export const uniq = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

/** The same answer whoever asks. */
export const everyone = (status: number): Expectation => ({
  signedOut: status,
  otherEnterprise: status,
  pending: status,
  otherButler: status,
  supervisor: status,
  admin: status,
});
/** Signed-in callers get `status`; signed-out ones 401. */
export const signedIn = (status: number): Expectation => ({ ...everyone(status), signedOut: 401 });
export const ADMIN_ONLY: Expectation = { ...signedIn(403), admin: 200 };
