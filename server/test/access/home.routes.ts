import type { RouteEntry } from './kit';

/** The routes of the home feed (GET /home) in the access matrix. */
export const HOME_ROUTES: Record<string, RouteEntry> = {};
