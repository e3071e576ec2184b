/**
 * The opaque keyset cursor of every list: the sort value and id of the last row of a page, as
 * base64url of JSON. Pure (no Buffer, no btoa): the same code runs on the server and in the mini-program.
 */
export type CursorKey = string | number;
export interface Cursor {
  /** The value of the sort column in the last row (ISO time, name, number …). */
  k: CursorKey;
  /** The row's id, which breaks ties so the order is total and stable under inserts. */
  id: CursorKey;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

function fromUtf8(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let c: number;
    let n: number;
    if (b < 0x80) [c, n] = [b, 1];
    else if (b >> 5 === 6) [c, n] = [b & 31, 2];
    else if (b >> 4 === 14) [c, n] = [b & 15, 3];
    else if (b >> 3 === 30) [c, n] = [b & 7, 4];
    else throw new Error('utf8');
    for (let j = 1; j < n; j++) {
      const next = bytes[i + j];
      if (next === undefined || next >> 6 !== 2) throw new Error('utf8');
      c = (c << 6) | (next & 63);
    }
    out += String.fromCodePoint(c);
    i += n;
  }
  return out;
}

function toBase64Url(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [ALPHABET[(n >> 18) & 63], ALPHABET[(n >> 12) & 63], ALPHABET[(n >> 6) & 63], ALPHABET[n & 63]];
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('');
  }
  return out;
}

function fromBase64Url(text: string): number[] {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('base64url');
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return bytes;
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(utf8(JSON.stringify([cursor.k, cursor.id])));
}

/** The cursor, or null when the text is not one of ours (the caller answers 400). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(fromUtf8(fromBase64Url(text)));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [k, id] = value as unknown[];
    const ok = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    return ok(k) && ok(id) ? { k: k as CursorKey, id: id as CursorKey } : null;
  } catch {
    return null;
  }
}

/** `LIKE` pattern text for a user's search words: `%`, `_` and `\` match themselves. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
