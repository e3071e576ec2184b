/** The words and limits of a policy, decorator-free so the mini-program can import them. */

/** The district value meaning "the whole city": a policy listing it covers every district. */
export const WHOLE_CITY = '全市';

export const POLICY_TITLE_MAX = 200;
export const POLICY_DOC_NUMBER_MAX = 100;
export const POLICY_ISSUER_MAX = 100;
export const POLICY_SUMMARY_MAX = 500;
/** Sanitised HTML, counted in characters of the stored HTML. */
export const POLICY_BODY_MAX = 100_000;
export const POLICY_INTERPRETATION_MAX = 50_000;
export const POLICY_ATTACHMENTS_MAX = 20;
export const POLICY_ATTACHMENT_NAME_MAX = 100;
export const POLICY_URL_MAX = 500;
/** Values in one eligibility or category list. */
export const POLICY_LIST_MAX = 50;
/** The rows one import may carry. */
export const POLICY_IMPORT_MAX_ROWS = 1000;
/** A search query: longer is refused with 400 (a query is words, not a document). */
export const POLICY_QUERY_MAX = 100;
/** The page size of the policy lists. */
export const POLICY_PAGE_MAX = 50;
/** A dictionary value (行业、区域、类别、资质). */
export const DICTIONARY_VALUE_MAX = 50;
/** Entries in one dictionary. */
export const DICTIONARY_ENTRIES_MAX = 500;
/** Subscription lists (categories, industries, districts) each hold at most this many. */
export const SUBSCRIPTION_LIST_MAX = 30;
