import { WECHAT_ERR, WechatError, WechatTokenError } from '../wechat/wechat.errors';

/** Times a message is tried (a worker taking it counts, even one that died before sending). */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** The longest wait between two attempts. */
export const OUTBOX_MAX_DELAY_MS = 60 * 60 * 1000;
/**
 * The longest wait while WeChat's token endpoint fails: once the operator fixes the IP whitelist
 * or WECHAT_SECRET, waiting messages go within this time.
 */
export const OUTBOX_TOKEN_WAIT_MAX_MS = 5 * 60 * 1000;

/** WeChat answers that mean "try again later": busy, rate-limited, or no answer at all. */
const TRANSIENT = new Set<number>([
  WECHAT_ERR.SYSTEM_BUSY,
  WECHAT_ERR.SUBSCRIBE_BUSY,
  WECHAT_ERR.RATE_LIMITED,
  // Still refused after the client renewed the token (or could not force a refresh yet): the token
  // service is lagging, or a forced refresh was made less than 30 s ago.
  WECHAT_ERR.INVALID_CREDENTIAL,
  WECHAT_ERR.INVALID_ACCESS_TOKEN,
  WECHAT_ERR.ACCESS_TOKEN_EXPIRED,
]);

export type FailureVerdict =
  /** 43101: the user has no subscription left at WeChat. Never retried; their credits go to 0. */
  | { action: 'refused'; error: string }
  | { action: 'retry'; delayMs: number; error: string }
  /**
   * WeChat's token endpoint failed (IP whitelist, WECHAT_SECRET, busy): the message was never
   * sent and is not at fault. It waits and is tried again, never failed for it (nor its credit
   * given back); the client logs what to fix.
   */
  | { action: 'wait'; delayMs: number; error: string }
  /** WeChat refused this message for good (47003 …), or every attempt is used up. */
  | { action: 'fail'; error: string; permanent: boolean };

/** How long to wait after the given attempt (1-based) failed: base · 2^(attempt-1), capped. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), OUTBOX_MAX_DELAY_MS);
}

/** A short, loggable label for a failure: never the message, never the user. */
export function failureLabel(error: unknown): string {
  if (error instanceof WechatTokenError) return `token:${error.errcode ?? 'unreachable'}`;
  if (error instanceof WechatError) return error.errcode === null ? 'unreachable' : `wechat:${error.errcode}`;
  return `error:${error instanceof Error ? error.name : typeof error}`;
}

/** What to do with a message whose send failed on the given attempt (1-based). */
export function afterSendFailure(error: unknown, attempt: number, retryBaseMs: number): FailureVerdict {
  const label = failureLabel(error);
  if (error instanceof WechatTokenError) {
    return {
      action: 'wait',
      delayMs: Math.min(retryDelayMs(attempt, retryBaseMs), OUTBOX_TOKEN_WAIT_MAX_MS),
      error: label,
    };
  }
  if (error instanceof WechatError) {
    if (error.errcode === WECHAT_ERR.USER_REFUSED) return { action: 'refused', error: label };
    const transient = error.errcode === null || TRANSIENT.has(error.errcode);
    if (!transient) return { action: 'fail', error: label, permanent: true };
  }
  // Transient (or our own unexpected error, e.g. a bug fixed by a deploy): retry with backoff.
  if (attempt >= OUTBOX_MAX_ATTEMPTS) return { action: 'fail', error: `${label} (attempts used up)`, permanent: false };
  return { action: 'retry', delayMs: retryDelayMs(attempt, retryBaseMs), error: label };
}
