import { isStaffRole, type Role } from '@qsgj/shared/enums';

/** How long sessions live. Staff: 30 min idle, 12 h absolute. Enterprise users: 30 days, renewed by refresh. */
export const STAFF_IDLE_MS = 30 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const ENTERPRISE_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** Last-seen is written at most this often, so reads stay reads. */
export const TOUCH_EVERY_MS = 60 * 1000;
/**
 * A refresh token presented again within this long after it was rotated gets the same new pair as the
 * first use (two requests of the app racing, or a retry whose answer was lost) instead of ending the
 * session. Any later second use is a reuse: the session is revoked. Short, because within it whoever
 * holds the old token gets the new one too.
 */
export const REFRESH_GRACE_MS = 20 * 1000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 30 * 60 * 1000;

export function sessionLifetimeMs(role: Role): number {
  return isStaffRole(role) ? STAFF_ABSOLUTE_MS : ENTERPRISE_ABSOLUTE_MS;
}

export type SessionVerdict = 'ok' | 'revoked' | 'expired' | 'idle';

export function judgeSession(
  session: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date },
  role: Role,
  now: number,
): SessionVerdict {
  if (session.revokedAt) return 'revoked';
  if (session.expiresAt.getTime() <= now) return 'expired';
  if (isStaffRole(role) && now - session.lastSeenAt.getTime() > STAFF_IDLE_MS) return 'idle';
  return 'ok';
}
