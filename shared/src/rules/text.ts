/**
 * The length of a text as the database counts it: PostgreSQL's `varchar(n)` and `length()` count code
 * points. (class-validator's `MaxLength` counts something else: UTF-16 units minus variation selectors,
 * so `'a'.repeat(30) + '\uFE0F'` passed a limit of 30 and then failed the column.)
 */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
