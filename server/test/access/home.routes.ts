import { everyone, type RouteEntry } from './kit';

/**
 * The routes of the home feed (GET /home) in the access matrix: public, with a private part only for an approved
 * member of an enterprise (what that part holds, and that it is never another enterprise's: home.e2e-spec.ts).
 */
export const HOME_ROUTES: Record<string, RouteEntry> = {
  'GET /api/v1/home': { expect: everyone(200) },
};
