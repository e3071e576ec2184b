import { maskPhonesInText } from '@qsgj/shared/rules';

/** Keys whose values never reach a log line, at any depth. */
const SECRET_KEYS = new Set(
  [
    'authorization',
    'cookie',
    'set-cookie',
    'password',
    'currentPassword',
    'newPassword',
    'resetPassword',
    'passwordHash',
    'token',
    'accessToken',
    'access_token',
    'refreshToken',
    'refresh_token',
    'session_key',
    'sessionKey',
    'secret',
    'appsecret',
    'JWT_SECRET',
    'WECHAT_SECRET',
    'ADMIN_PASSWORD',
    'code',
    'phoneCode',
    'js_code',
  ].map((k) => k.toLowerCase()),
);
const PHONE_KEYS = new Set(['phone', 'phonenumber', 'purephonenumber', 'mobile', 'contactphone']);
/**
 * Request ids are written as they are: the id in a log line must be the one the caller got back (header
 * and error body), even when it has 11 digits in a row like a phone number (`req-13812345678`).
 * They are only ever our UUIDs or a caller's X-Request-Id of at most 64 word characters (`requestIdFor`).
 */
const REQUEST_ID_KEYS = new Set(['requestid', 'request_id', 'x-request-id', 'reqid']);

export const REDACTED = '[REDACTED]';

/** What a key is, by its spelling: looked up once per distinct key (log keys come from code, so few). */
const PLAIN = 0;
const SECRET = 1;
const CODE = 2;
const PHONE = 3;
const REQUEST_ID = 4;
type KeyKind = typeof PLAIN | typeof SECRET | typeof CODE | typeof PHONE | typeof REQUEST_ID;
const KEY_KINDS = new Map<string, KeyKind>();
const KEY_KINDS_MAX = 10_000;

function kindOf(key: string): KeyKind {
  let kind = KEY_KINDS.get(key);
  if (kind === undefined) {
    const k = key.toLowerCase();
    kind =
      k === 'code'
        ? CODE
        : SECRET_KEYS.has(k)
          ? SECRET
          : PHONE_KEYS.has(k)
            ? PHONE
            : REQUEST_ID_KEYS.has(k)
              ? REQUEST_ID
              : PLAIN;
    if (KEY_KINDS.size < KEY_KINDS_MAX) KEY_KINDS.set(key, kind);
  }
  return kind;
}

/** A mobile number is 11 digits: shorter text has none to mask. */
const maskText = (text: string): string => (text.length < 11 ? text : maskPhonesInText(text));
const OUR_ERROR_CODE = /^[A-Z_]+$/;

/**
 * Returns a copy of a log object with secrets replaced and phone numbers masked.
 * `code` is redacted only where it is a string that is not one of our error codes (WeChat login codes are secrets).
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskPhonesInText(value.message),
      stack: value.stack ? maskPhonesInText(value.stack) : undefined,
    };
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const v = source[key];
    switch (kindOf(key)) {
      case CODE:
        if (typeof v === 'string' && OUR_ERROR_CODE.test(v)) out[key] = redactLogValue(v, depth + 1);
        else out[key] = v === undefined || v === null ? v : REDACTED;
        break;
      case SECRET:
        out[key] = v === undefined || v === null ? v : REDACTED;
        break;
      case PHONE:
        out[key] = typeof v === 'string' ? v.replace(/\d(?=\d{4})/g, '*') : redactLogValue(v, depth + 1);
        break;
      case REQUEST_ID:
        out[key] = typeof v === 'string' ? v : redactLogValue(v, depth + 1);
        break;
      default:
        out[key] = redactLogValue(v, depth + 1);
    }
  }
  return out;
}

/** Removes secrets from a URL's query string (`?code=…&token=…`). */
export function redactUrl(url: string): string {
  return maskPhonesInText(
    url.replace(/([?&](?:code|js_code|token|access_token|secret|appsecret|refresh_token)=)[^&#]*/gi, `$1${REDACTED}`),
  );
}
