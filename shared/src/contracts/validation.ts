import { registerDecorator, ValidateBy, type ValidationOptions } from 'class-validator';
import { creditCodeMessage, isValidCreditCode } from '../rules/credit-code';
import { textLength } from '../rules/text';

/** Property must be a valid 统一社会信用代码; the message names the part that is wrong (rules/credit-code). */
export function IsCreditCode(options?: ValidationOptions) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName,
      options: {
        message: ({ value }) =>
          (typeof value === 'string' && creditCodeMessage(value)) || '统一社会信用代码格式或校验位不正确',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCreditCode(value),
      },
    });
  };
}

export { textLength };

/**
 * The one length rule of every text field: at most `max` characters as the column counts them
 * (code points, see `textLength`). Anything but a string passes: the field's type rule reports it,
 * so a number is told it must be text, not that it is too long. Named `maxLength` so the API
 * document shows it as JSON Schema's `maxLength` (which also counts code points).
 */
export function MaxChars(max: number, options: ValidationOptions & { message: string }): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: { validate: (value: unknown) => typeof value !== 'string' || textLength(value) <= max },
    },
    options,
  );
}

/** At least `min` characters (code points); anything but a string passes (see `MaxChars`). */
export function MinChars(min: number, options: ValidationOptions & { message: string }): PropertyDecorator {
  return ValidateBy(
    {
      name: 'minLength',
      constraints: [min],
      validator: { validate: (value: unknown) => typeof value !== 'string' || textLength(value) >= min },
    },
    options,
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * `YYYY-MM-DD`, or an ISO date-time with seconds optional and its time zone required
 * (`2026-11-30T08:00Z`, `2026-11-30T08:00:00.123+08:00`). Nothing else: not `20261130`, week dates,
 * ordinal dates, 24:00 or 30 February, which `IsISO8601` lets through to `new Date()` or the database.
 */
export function isIsoDateOrDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const date = DATE.exec(value);
  if (date) return realDate(Number(date[1]), Number(date[2]), Number(date[3]));
  const t = DATE_TIME.exec(value);
  if (!t) return false;
  const [hh, mm, ss] = [Number(t[4]), Number(t[5]), Number(t[6] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return false;
  if (t[8] && (Number(t[9]) > 14 || Number(t[10]) > 59)) return false;
  return realDate(Number(t[1]), Number(t[2]), Number(t[3]));
}

/** A date (`YYYY-MM-DD`) or an ISO date-time with its time zone; see `isIsoDateOrDateTime`. */
export function IsIsoDateOrDateTime(options: ValidationOptions & { message: string }): PropertyDecorator {
  return ValidateBy({ name: 'isIsoDateOrDateTime', validator: { validate: isIsoDateOrDateTime } }, options);
}

/** What is wrong with one text of a request, found by `findBadText`. */
export interface BadText {
  /** `nickname`, `results.tpl-1`, `specialties.2`; `(字段名)` when a key itself is bad. */
  field: string;
  message: string;
}

const NUL = '\u0000';

/** A UTF-16 unit that is half of a surrogate pair without its other half (no character at all). */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function textProblem(text: string, field: string): string | null {
  const name = field || '请求内容';
  if (text.includes(NUL)) return `${name} 含有不允许的空字符（U+0000）`;
  if (hasLoneSurrogate(text)) return `${name} 含有无效的字符（不成对的 UTF-16 代理项）`;
  return null;
}

/**
 * The first text anywhere in a request value (body, query or path parameter; keys included) that no
 * column can hold: a NUL character (PostgreSQL text refuses it) or a lone surrogate (no UTF-8 for it).
 * The server's validation pipe applies it to every request before any DTO rule, so a new DTO cannot
 * forget it. Null when every text is fine.
 */
export function findBadText(value: unknown, field = ''): BadText | null {
  if (typeof value === 'string') {
    const message = textProblem(value, field);
    return message ? { field: field || '(请求内容)', message } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const path = field ? `${field}.${key}` : key;
    const keyMessage = textProblem(key, '字段名');
    if (keyMessage) return { field: field || '(字段名)', message: keyMessage };
    const found = findBadText(item, path);
    if (found) return found;
  }
  return null;
}
