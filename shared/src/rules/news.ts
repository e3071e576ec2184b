/** The limits of a 营商动态 article, decorator-free so the mini-program can import them. */

export const NEWS_TITLE_MAX = 100;
export const NEWS_SUMMARY_MAX = 300;
export const NEWS_SOURCE_MAX = 50;
/** Sanitised HTML, counted in characters of the stored HTML. */
export const NEWS_BODY_MAX = 50_000;
/** The page size of the news lists. */
export const NEWS_PAGE_MAX = 50;
/** How far ahead an article may be scheduled. */
export const NEWS_SCHEDULE_MAX_DAYS = 365;
