/**
 * What a policy's search columns hold, computed in one place for every writer (admin edits, imports, the demo
 * seed, benchmarks). The text is normalised the way queries are (NFKC folds full-width letters, digits and
 * punctuation to half-width; lower case), tags are stripped, and the bigram vector holds every overlapping pair
 * of characters plus every single character, so any word of two or more characters inside the text is found by
 * its bigrams (and a one-character word by itself); the recheck against `search_doc` removes false positives.
 * `search_title` (title and 文号) is where `search_doc` starts, and its grams are in the vector again, marked.
 */

/**
 * Prefix of the title's lexemes (`t:人才`): the vector holds the title's grams a second time under it, so the GIN
 * index also answers "every word in the title" (the first rank) for large result sets. A text lexeme is at most
 * two characters, a marked one at least three, so they never collide.
 */
export const TITLE_MARK = 't:';

/** NFKC, lower case, runs of white space as one space. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Text of rich HTML: tags out, the common entities decoded, so search and snippets see words only. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A lexeme as a `tsvector` literal: quoted, with `'` and `\` escaped. */
function lexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Every character and every overlapping pair of characters of normalised text (spaces split runs). */
export function grams(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const run of normalized.split(' ')) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]);
      if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
    }
  }
  return out;
}

export interface PolicySearchFields {
  searchTitle: string;
  searchDoc: string;
  /** A `tsvector` literal; write it as `$n::tsvector`. */
  searchVector: string;
}

export function indexFields(p: {
  title: string;
  docNumber: string;
  summary: string;
  body: string;
  interpretation: string;
}): PolicySearchFields {
  const searchTitle = normalizeText(`${p.title} ${p.docNumber}`);
  const searchDoc = normalizeText(
    [p.title, p.docNumber, p.summary, htmlToText(p.body), htmlToText(p.interpretation)].join(' \n '),
  );
  const searchVector = [...grams(searchDoc), ...[...grams(searchTitle)].map((g) => TITLE_MARK + g)]
    .map(lexeme)
    .join(' ');
  return { searchTitle, searchDoc, searchVector };
}
