/** Contracts of 营商动态 news articles (issue 11). */

/**
 * An article as lists and the home feed show it. Published articles only (status published, publish time
 * reached); pinned ones first, then the newest.
 */
export interface NewsCard {
  id: string;
  title: string;
  summary: string;
  /** The cover image's URL (null: none). */
  cover: string | null;
  source: string | null;
  /** ISO time it was (or is scheduled to be) published. */
  publishedAt: string;
  pinned: boolean;
  viewCount: number;
}
