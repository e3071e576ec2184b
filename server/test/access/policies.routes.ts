import type { RouteEntry } from './kit';

/** The policies routes of the access matrix. */
export const POLICY_ROUTES: Record<string, RouteEntry> = {};
