import type { RouteEntry } from './kit';

/** The routes of 常见问题 (/faq, staff review) and the consultation form's suggestions in the access matrix. */
export const FAQ_ROUTES: Record<string, RouteEntry> = {};
