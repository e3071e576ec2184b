import { CASE_CATEGORIES, caseCategoryLabel } from '@qsgj/shared/rules';

/* The server's rules for a new case, from shared (decorator-free: shared/src/rules/cases/dictionary.ts). */
export { CASE_CATEGORIES, CASE_CONTENT_MAX, CASE_IMAGES_MAX, textLength } from '@qsgj/shared/rules';

export function categoryLabel(code: string | null): string | null {
  return CASE_CATEGORIES.some((c) => c.code === code) ? caseCategoryLabel(code) : null;
}
