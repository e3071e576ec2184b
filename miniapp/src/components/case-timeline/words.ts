import { CASE_CATEGORIES } from '@qsgj/shared/rules';

/* The case words the mini-program shows, from shared's decorator-free dictionary (shared/src/rules/cases/dictionary.ts). */
export { CASE_COMMENT_MAX, CASE_CONTENT_MAX, CASE_RATING_TAGS, caseCategoryLabel } from '@qsgj/shared/rules';

/** 诉求分类 code → label. */
export const CASE_CATEGORY_LABEL: Readonly<Record<string, string>> = Object.fromEntries(
  CASE_CATEGORIES.map((c) => [c.code, c.label]),
);
