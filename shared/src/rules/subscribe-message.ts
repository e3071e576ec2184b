/**
 * WeChat subscribe-message data (订阅消息): the rules every value must meet before it is sent.
 * WeChat refuses a whole message (47003) when one value breaks its field type's rule, and the
 * message lands in the user's 服务通知 feed and lock screen — so nothing personal goes in.
 *
 * A template's data keys name their type and position: `thing1`, `phrase2`, `time3` …
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */

/** WeChat lets one `requestSubscribeMessage` ask for at most this many templates. */
export const SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST = 3;

/** Maximum length, in characters (code points, not bytes), per field type. */
export const SUBSCRIBE_FIELD_MAX: Readonly<Record<SubscribeFieldType, number>> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 16,
  time: 32,
  date: 32,
};

export type SubscribeFieldType =
  'thing' | 'phrase' | 'name' | 'character_string' | 'number' | 'letter' | 'symbol' | 'amount' | 'time' | 'date';

/** Field types we never fill: they exist to carry personal data. */
const PERSONAL_FIELD_TYPES = new Set(['phone_number', 'car_number']);

/** A value we build a message from: text, or a moment for `time` / `date` fields. */
export type SubscribeValue = string | number | Date;

/** The shape WeChat's send API takes: `{ thing1: { value: '…' } }`. */
export type SubscribeData = Record<string, { value: string }>;

export type SubscribeRefusal = 'personal_data' | 'empty' | 'unknown_field' | 'bad_time';

/** A message that must not be sent. Carries the field key and why — never the value. */
export class SubscribeDataError extends Error {
  constructor(
    public readonly key: string,
    public readonly reason: SubscribeRefusal,
  ) {
    super(`subscribe message field ${key} refused: ${reason}`);
    this.name = 'SubscribeDataError';
  }
}

/** `thing12` → `thing`; `character_string3` → `character_string`; null for a key that names no type. */
export function subscribeFieldType(key: string): string | null {
  const match = /^([a-z_]+?)(\d+)$/.exec(key);
  return match ? match[1] : null;
}

// C0 and C1 controls, DEL, zero-width characters, bidirectional overrides and isolates, BOM, line
// and paragraph separators: invisible, and some of them reorder the text a reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Removes control and invisible formatting characters; line breaks and tabs become one space; trims. */
export function stripControlCharacters(text: string): string {
  return text
    .replace(/[\t\n\v\f\r\u2028\u2029]+/g, ' ')
    .replace(CONTROL, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** At most `max` characters (code points: an emoji or a rare 汉字 counts once); `ellipsis` marks a cut. */
export function truncateCharacters(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const keep = Math.max(0, max - Array.from(ellipsis).length);
  return chars.slice(0, keep).join('') + ellipsis;
}

const PERSONAL_PATTERNS: RegExp[] = [
  // Mainland mobile numbers, with +86 and spaces or dashes as people type them.
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
  // Landlines with an area code: 0731-12345678.
  /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g,
  // 居民身份证号: 18 characters (birth date inside), and the old 15-digit form.
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g,
  // E-mail addresses.
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

const MASK = '***';

/** Full-width digits read as digits, so `１３８…` is found like `138…`. */
function asciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/** True when the text contains a phone number, an ID number or an e-mail address. */
export function containsPersonalData(text: string): boolean {
  const normalised = asciiDigits(text);
  return PERSONAL_PATTERNS.some((p) => new RegExp(p.source, p.flags.replace('g', '')).test(normalised));
}

/** Replaces every phone number, ID number and e-mail address in the text by `***`. */
export function redactPersonalData(text: string): string {
  return PERSONAL_PATTERNS.reduce((t, p) => t.replace(p, MASK), asciiDigits(text));
}

const DATE_PARTS = new Map<string, Intl.DateTimeFormat>();

/** `2026年11月27日 14:05` (or without the time), in the city's time zone: the form WeChat documents. */
export function formatSubscribeTime(at: Date, withTime = true, timeZone = 'Asia/Shanghai'): string {
  const key = `${timeZone}|${withTime}`;
  let format = DATE_PARTS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    DATE_PARTS.set(key, format);
  }
  const part = (type: string) => format.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}年${part('month')}月${part('day')}日`;
  return withTime ? `${date} ${part('hour')}:${part('minute')}` : date;
}

/** One value, cleaned to its field type's rule. Throws SubscribeDataError when it must not be sent. */
export function sanitizeSubscribeValue(key: string, value: SubscribeValue): string {
  const type = subscribeFieldType(key);
  if (type !== null && PERSONAL_FIELD_TYPES.has(type)) throw new SubscribeDataError(key, 'personal_data');
  if (type === null || !(type in SUBSCRIBE_FIELD_MAX)) throw new SubscribeDataError(key, 'unknown_field');
  const fieldType = type as SubscribeFieldType;

  if (fieldType === 'time' || fieldType === 'date') {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new SubscribeDataError(key, 'bad_time');
    return formatSubscribeTime(value, fieldType === 'time');
  }

  let text = stripControlCharacters(String(value instanceof Date ? value.toISOString() : value));
  // Found before truncation, so a number cut in half at the limit is still found.
  const redacted = redactPersonalData(text);
  if (redacted !== text) {
    // Nothing left but the mask: the value *was* personal data. Refuse it rather than send "***".
    if (!/[^*\s\p{P}]/u.test(redacted)) throw new SubscribeDataError(key, 'personal_data');
    text = redacted;
  }
  const max = SUBSCRIBE_FIELD_MAX[fieldType];
  switch (fieldType) {
    case 'thing':
    case 'name':
      text = truncateCharacters(text, max);
      break;
    case 'phrase':
      // 5 个以内纯汉字: anything else makes WeChat refuse the message.
      text = truncateCharacters(text.replace(/[^\p{Script=Han}]/gu, ''), max, '');
      break;
    case 'number':
      text = truncateCharacters(text.replace(/[^\d.]/g, ''), max, '');
      break;
    case 'letter':
      text = truncateCharacters(text.replace(/[^A-Za-z]/g, ''), max, '');
      break;
    case 'character_string':
      text = truncateCharacters(text.replace(/[^\x21-\x7e]/g, ''), max, '');
      break;
    default:
      text = truncateCharacters(text, max, '');
  }
  if (text === '') throw new SubscribeDataError(key, 'empty');
  return text;
}

/**
 * A whole message's data, cleaned: control characters stripped, `thing` ≤ 20 characters (cut with
 * '…'), `phrase` ≤ 5 汉字, times formatted, phone / ID numbers and e-mail addresses masked — and a
 * value that is nothing but personal data refused. Throws SubscribeDataError for the first value
 * that must not be sent (the message is then not sent at all).
 */
export function sanitizeSubscribeData(fields: Record<string, SubscribeValue>): SubscribeData {
  const data: SubscribeData = {};
  for (const [key, value] of Object.entries(fields)) data[key] = { value: sanitizeSubscribeValue(key, value) };
  return data;
}
