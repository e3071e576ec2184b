import { everyone, type RouteEntry } from './kit';

/** The 管家团队 routes of the access matrix: public reads (a token only unmasks the phone of one's own butler). */
export const BUTLER_ROUTES: Record<string, RouteEntry> = {
  'GET /api/v1/butlers': { expect: everyone(200) },
  'GET /api/v1/butlers/filters': { expect: everyone(200) },
  'GET /api/v1/butlers/{id}': {
    expect: everyone(200),
    call: (f) => ({ path: `/api/v1/butlers/${f.butlerId}` }),
  },
};
