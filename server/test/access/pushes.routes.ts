import type { RouteEntry } from './kit';

/** The pushes routes of the access matrix. */
export const PUSH_ROUTES: Record<string, RouteEntry> = {};
