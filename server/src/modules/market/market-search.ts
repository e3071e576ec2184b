import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { indexFields, normalizeText } from '../policies/search/index-fields';
import { parseQuery } from '../policies/search/query';

/**
 * The policies' Chinese search, reused for 企业商圈 (`policies/search`): the text normalised (NFKC, lower case), its
 * character bigrams as a `simple` tsvector for the GIN index, and every query word rechecked as a substring.
 */
export interface MarketSearchColumns {
  searchDoc: string;
  /** A `tsvector` literal; write it as `CAST(:v AS tsvector)`. */
  searchVector: string;
}

/** The search columns of a heading (a post's title, an enterprise's name) and its text. */
export function marketSearchColumns(heading: string, text: string): MarketSearchColumns {
  const f = indexFields({ title: heading, docNumber: '', summary: text, body: '', interpretation: '' });
  return { searchDoc: f.searchDoc, searchVector: f.searchVector };
}

/**
 * Narrows `qb` to rows of `alias` whose text contains every word of `q`; false when `q` has text but no word (only
 * symbols): nothing can match it. No `q`: `qb` unchanged.
 */
export function whereText<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, q?: string): boolean {
  if (normalizeText(q ?? '') === '') return true;
  const parsed = parseQuery(q);
  if (parsed.words.length === 0) return false;
  parsed.words.forEach((w, i) =>
    qb.andWhere(`strpos(${alias}.search_doc, CAST(:mw${i} AS text)) > 0`, { [`mw${i}`]: w }),
  );
  qb.andWhere(`${alias}.search_vector @@ CAST(:mtsq AS tsquery)`, { mtsq: parsed.tsquery });
  return true;
}
