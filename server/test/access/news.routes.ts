import type { RouteEntry } from './kit';

/** The routes of 营商动态 (/news, /admin/news) in the access matrix. */
export const NEWS_ROUTES: Record<string, RouteEntry> = {};
