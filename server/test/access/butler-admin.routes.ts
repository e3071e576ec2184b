import type { RouteEntry } from './kit';

/** The routes of butler assignment, bulk reassignment and deactivation with handover in the access matrix. */
export const BUTLER_ADMIN_ROUTES: Record<string, RouteEntry> = {};
