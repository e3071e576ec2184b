import { useEffect, useState } from 'react';

/**
 * The server's sanitised HTML (正文, 解读) for Taro's RichText (`nodes` as a string, in WeChat and H5):
 * pictures no wider than the screen.
 */
export function richNodes(html: string): string {
  return html.replace(/<img\b/gi, '<img style="max-width:100%;height:auto"');
}

/** Characters per piece of a long text: a CJK character is 3 bytes, so a piece stays far below 64 KB of setData. */
export const RICH_CHUNK_CHARS = 6000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Cuts a long HTML text into pieces at top-level element boundaries (never inside an element), each at
 * least `size` characters except the last. Every piece is whole HTML; joined they are the text again.
 */
export function splitHtml(html: string, size = RICH_CHUNK_CHARS): string[] {
  if (html.length <= size) return [html];
  const pieces: string[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  let start = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(name)) depth += 1;
    const end = m.index + m[0].length;
    if (depth === 0 && end - start >= size) {
      pieces.push(html.slice(start, end));
      start = end;
    }
  }
  if (start < html.length) pieces.push(html.slice(start));
  return pieces;
}

/**
 * Shows a long list a piece at a time: the first at once, one more per tick, so each setData carries one
 * piece (WeChat refuses a setData above 1 MB and slows far below it). `key` starts over (another text).
 */
export function useProgressive<T>(pieces: T[], key: string): T[] {
  const [shown, setShown] = useState({ key, count: 1 });
  const count = shown.key === key ? shown.count : 1;
  useEffect(() => {
    if (count >= pieces.length) return undefined;
    const timer = setTimeout(() => setShown({ key, count: count + 1 }), 16);
    return () => clearTimeout(timer);
  }, [key, count, pieces.length]);
  return pieces.slice(0, count);
}
