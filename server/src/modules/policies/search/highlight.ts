import type { TextSegment } from '@qsgj/shared/contracts';
import { htmlToText } from './index-fields';

/**
 * Highlighting: the places of the query's words and terms in text as the user sees it. The text is normalised
 * one character at a time (NFKC, lower case) with a map back to the original characters, so a hit found in
 * the normalised form marks the original (full-width, upper-case) characters.
 */

/** One character, NFKC and lower case; ASCII and the common CJK ideographs (NFKC-stable) without the normaliser. */
function fold(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x80) return c.toLowerCase();
  if (code >= 0x4e00 && code <= 0x9fff) return c;
  return c.normalize('NFKC').toLowerCase();
}

/** Normalised text and, for each of its UTF-16 units, the index of the original character it came from. */
function normalizedWithMap(chars: string[]): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  chars.forEach((c, i) => {
    const n = fold(c);
    text += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  });
  return { text, origin };
}

/** Which original characters are hit by any of `terms`. */
function hitMask(chars: string[], terms: readonly string[]): boolean[] {
  const { text, origin } = normalizedWithMap(chars);
  const hit = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    if (!term) continue;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      for (let k = at; k < at + term.length; k++) hit[origin[k]] = true;
    }
  }
  return hit;
}

/** Text as segments, the hit runs marked. */
export function segments(text: string, terms: readonly string[]): TextSegment[] {
  const chars = [...text];
  const hit = hitMask(chars, terms);
  const out: TextSegment[] = [];
  chars.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.hit === hit[i]) last.text += c;
    else out.push({ text: c, hit: hit[i] });
  });
  return out;
}

export const SNIPPET_CHARS = 80;
/** How much text a snippet shows before its first hit. */
const LEAD_CHARS = 20;

/** Display text of a field: tags out (rich text), runs of white space as one space. */
function plain(text: string, html: boolean): string {
  return (html ? htmlToText(text) : text).replace(/\s+/g, ' ').trim();
}

/**
 * ~80 characters around the first hit, from the summary, else the body, else the 解读 — the first of them with a
 * hit of a query word; when only the title or 文号 held the words, the start of the summary (or body, or 解读).
 */
export function snippet(
  p: { summary: string; body: string; interpretation: string },
  words: readonly string[],
  terms: readonly string[],
): TextSegment[] {
  const fields = [plain(p.summary, false), plain(p.body, true), plain(p.interpretation, true)];
  for (const text of fields) {
    const folded = text.normalize('NFKC').toLowerCase();
    if (!words.some((w) => folded.includes(w))) continue;
    const chars = [...text];
    const mask = hitMask(chars, words);
    const first = mask.indexOf(true);
    if (first < 0) continue;
    const start = Math.max(0, Math.min(first - LEAD_CHARS, chars.length - SNIPPET_CHARS));
    return window(chars, start, terms);
  }
  const fallback = fields.find((t) => t.length > 0) ?? '';
  return window([...fallback], 0, terms);
}

function window(chars: string[], start: number, terms: readonly string[]): TextSegment[] {
  const end = Math.min(chars.length, start + SNIPPET_CHARS);
  const out = segments(chars.slice(start, end).join(''), terms);
  if (start > 0) out.unshift({ text: '…', hit: false });
  if (end < chars.length) out.push({ text: '…', hit: false });
  return out.filter((s) => s.text.length > 0);
}
