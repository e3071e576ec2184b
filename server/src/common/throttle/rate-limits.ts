import { hash } from 'node:crypto';
import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { throttlerKey } from '../redis/redis-throttler.storage';

export const SIGN_IN_ROUTE_KEY = 'qsgj:sign-in-route';

export interface SignInRouteOptions {
  /**
   * The body field naming the account signed in to (staff: `username`): attempts are also counted
   * per account, whatever address they come from.
   */
  account?: string;
}

/**
 * The route checks a credential a guesser could be trying (a WeChat login code, a password — also the
 * current password when changing it): counted by the sign-in limit, one count per client across every
 * such route. Read from the matched handler, so no spelling of its URL escapes it. Not the refresh:
 * a 256-bit token cannot be guessed, and a burst of sign-ins from a shared office address must not
 * sign out the users there whose access token just expired (the general limit covers it).
 */
export const SignInRoute = (options: SignInRouteOptions = {}) => SetMetadata(SIGN_IN_ROUTE_KEY, options);

const reflector = new Reflector();
const MINUTE_MS = 60_000;

function signInRoute(context: ExecutionContext): SignInRouteOptions | undefined {
  return reflector.get<SignInRouteOptions | undefined>(SIGN_IN_ROUTE_KEY, context.getHandler());
}

/** The account named in the body of a sign-in route that declares one, as its lookup compares it (lower case). */
export function signInAccount(context: ExecutionContext): string | undefined {
  const field = signInRoute(context)?.account;
  if (!field) return undefined;
  const body = context.switchToHttp().getRequest<FastifyRequest>().body;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  // Not text: validation refuses it (400) before any password is checked.
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}

/** One counter for a throttler and a tracker, whichever route is called (a sha256: no username in Redis). */
function acrossRoutes(_context: ExecutionContext, tracker: string, throttlerName: string): string {
  return hash('sha256', `${throttlerName}-${tracker}`);
}

/**
 * The rate limits, in fixed one-minute windows (README, docs/operations.md):
 * - `default`: RATE_LIMIT_PER_MINUTE requests per client (address; IPv6 by /64) and route;
 * - `signin`: AUTH_RATE_LIMIT_PER_MINUTE sign-in attempts per client, all `@SignInRoute()`s together;
 * - `signin-account`: as many per staff username, from whatever addresses (a guess spread over many).
 * The client's address is Fastify's `req.ip`, which follows TRUST_PROXY.
 */
export function rateLimits(
  config: Pick<AppConfig, 'RATE_LIMIT_PER_MINUTE' | 'AUTH_RATE_LIMIT_PER_MINUTE'>,
): ThrottlerOptions[] {
  return [
    { name: 'default', ttl: MINUTE_MS, limit: config.RATE_LIMIT_PER_MINUTE, generateKey: throttlerKey },
    {
      name: 'signin',
      ttl: MINUTE_MS,
      limit: config.AUTH_RATE_LIMIT_PER_MINUTE,
      skipIf: (context) => !signInRoute(context),
      generateKey: acrossRoutes,
    },
    {
      name: 'signin-account',
      ttl: MINUTE_MS,
      limit: config.AUTH_RATE_LIMIT_PER_MINUTE,
      skipIf: (context) => signInAccount(context) === undefined,
      getTracker: (_req, context) => signInAccount(context) ?? '',
      generateKey: acrossRoutes,
    },
  ];
}
