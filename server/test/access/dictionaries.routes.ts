import type { RouteEntry } from './kit';

/** The dictionaries routes of the access matrix. */
export const DICTIONARY_ROUTES: Record<string, RouteEntry> = {};
