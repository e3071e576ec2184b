import { ADMIN_ONLY, type RouteEntry } from './kit';

/**
 * The routes of butler assignment, bulk reassignment and deactivation with handover in the access matrix.
 * Admins only: a supervisor, a butler and enterprise users are refused (403), signed-out callers 401.
 * (Deactivation with handover is `PATCH /admin/staff/{id}`, in the core table.)
 */
export const BUTLER_ADMIN_ROUTES: Record<string, RouteEntry> = {
  // The first enterprise to the butler it already has: the route runs whole and changes nothing.
  'POST /api/v1/admin/enterprises/butler-assignments': {
    expect: ADMIN_ONLY,
    call: (f) => ({
      path: '/api/v1/admin/enterprises/butler-assignments',
      body: { butlerId: f.butlerId, filter: { enterpriseIds: [f.enterpriseId] } },
    }),
  },
  'GET /api/v1/admin/enterprises/{id}/butler-history': {
    expect: ADMIN_ONLY,
    call: (f) => ({ path: `/api/v1/admin/enterprises/${f.enterpriseId}/butler-history` }),
  },
  'GET /api/v1/admin/staff/{id}/workload': {
    expect: ADMIN_ONLY,
    call: (f) => ({ path: `/api/v1/admin/staff/${f.butlerId}/workload` }),
  },
};
