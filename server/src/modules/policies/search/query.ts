import { policyJieba } from './jieba';
import { normalizeText, TITLE_MARK } from './index-fields';

/**
 * A search query, read the way the index was written: NFKC and lower case (so ＣＮＡＳ, cnas and CNAS are one
 * word, ２０２６ is 2026), then words. A word is a run of letters, digits and marks; brackets stay inside it
 * (〔2026〕, (2026), [2026], 【】 — the 文号 forms), and so do `%` (50%) and the joiners of codes and numbers
 * (`.`, `-`, `/`, `_`, `+`, `#`, `&`, `·`: V2.0, GB/T, R&D) between other characters. Everything else separates
 * words, and a run without a letter or digit is none, so a query of only symbols has no words.
 */
export interface ParsedQuery {
  /** The words, each to be found as a substring of the normalised text; no repeats, longest first. */
  words: string[];
  /** The `simple` tsquery literal that narrows the candidates with the GIN index (bigrams, or a lone character). */
  tsquery: string;
  /** The same over the title's marked lexemes: candidates with every word in the title or 文号. */
  titleTsquery: string;
  /** Words and their jieba terms (two characters or more): what ranking counts and highlighting marks. */
  terms: string[];
}

const SPLIT = /[^\p{L}\p{N}\p{M}〔〕()[\]【】.\-/_+#&·%]+/u;
const EDGE_JOINERS = /^[.\-/_+#&·]+|[.\-/_+#&·]+$/gu;
/** At most this many words count (a 100-character query cannot hold more real ones). */
const MAX_WORDS = 16;

export function splitWords(normalized: string): string[] {
  const out: string[] = [];
  for (const raw of normalized.split(SPLIT)) {
    const word = raw.replace(EDGE_JOINERS, '');
    // A run of symbols alone (`%`, `〔〕`, `()`) is not a word.
    if (/[\p{L}\p{N}]/u.test(word) && !out.includes(word)) out.push(word);
  }
  // A word inside another word adds nothing to "contains every word".
  const kept = out.filter((w) => !out.some((o) => o !== w && o.includes(w)));
  return kept.sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_WORDS);
}

/** A lexeme in a tsquery literal: quoted, `'` doubled and `\` escaped. */
function quoted(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The index lexemes a word needs: its overlapping bigrams, or the character itself. */
export function wordGrams(word: string): string[] {
  const chars = [...word];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** Jieba's search-mode terms of a word that are worth counting: two characters or more, not pure punctuation. */
function jiebaTerms(word: string): string[] {
  if (!/[\p{Script=Han}]/u.test(word)) return [];
  return policyJieba()
    .cutForSearch(word, false)
    .filter((t) => [...t].length >= 2 && /^[\p{L}\p{N}]+$/u.test(t));
}

export function parseQuery(q: string | undefined): ParsedQuery {
  const words = splitWords(normalizeText(q ?? ''));
  const grams = new Set<string>();
  for (const w of words) for (const g of wordGrams(w)) grams.add(g);
  const terms = new Set<string>(words);
  for (const w of words) for (const t of jiebaTerms(w)) terms.add(t);
  const sorted = [...grams].sort();
  return {
    words,
    tsquery: sorted.map(quoted).join(' & '),
    titleTsquery: sorted.map((g) => quoted(TITLE_MARK + g)).join(' & '),
    terms: [...terms].slice(0, 24),
  };
}
