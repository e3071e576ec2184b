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

export const REDACTED = '[REDACTED]';

/**
 * Returns a copy of a log object with secrets replaced and phone numbers masked.
 * `code` is redacted only where it is a string that is not one of our error codes (WeChat login codes are secrets).
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return maskPhonesInText(value);
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskPhonesInText(value.message),
      stack: value.stack ? maskPhonesInText(value.stack) : undefined,
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const k = key.toLowerCase();
      if (SECRET_KEYS.has(k) && !(k === 'code' && typeof v === 'string' && /^[A-Z_]+$/.test(v))) {
        out[key] = v === undefined || v === null ? v : REDACTED;
      } else if (PHONE_KEYS.has(k) && typeof v === 'string') {
        out[key] = v.replace(/\d(?=\d{4})/g, '*');
      } else {
        out[key] = redactLogValue(v, depth + 1);
      }
    }
    return out;
  }
  return value;
}

/** Removes secrets from a URL's query string (`?code=…&token=…`). */
export function redactUrl(url: string): string {
  return maskPhonesInText(
    url.replace(/([?&](?:code|js_code|token|access_token|secret|appsecret|refresh_token)=)[^&#]*/gi, `$1${REDACTED}`),
  );
}
