import { ADMIN_ONLY, everyone, type Fixtures, type RouteEntry, signedIn, uniq } from './kit';

/** An entry of the industries dictionary made for the matrix (once). */
let entryId: Promise<number> | null = null;
function matrixEntry(f: Fixtures): Promise<number> {
  entryId ??= (async () => {
    const [{ id }] = (await f.t.ds.query(
      `INSERT INTO dictionary_entries (kind, value, sort) VALUES ('industries', $1, 9000) RETURNING id`,
      [uniq('矩阵行业')],
    )) as Array<{ id: number }>;
    return id;
  })();
  return entryId;
}

/** A valid 一企一档 (values from the default dictionaries). */
const PROFILE = {
  industry: '建筑业',
  scale: 'small',
  district: '雨湖区',
  qualifications: ['高新技术企业'],
  foundedOn: '2015-06-01',
};

/** Enterprise users only, about their own enterprise: the other enterprise's owner; the pending applicant has none. */
const MY_ENTERPRISE = { ...signedIn(403), otherEnterprise: 200, pending: 404 };
/**
 * The first enterprise's profile: staff who serve it (`enterprisePolicy`: admins, every supervisor, its own
 * butler); another butler does not see it; enterprise users are not staff.
 */
const SERVED = { ...signedIn(403), otherButler: 404, supervisor: 200, admin: 200 };

/** The dictionaries routes of the access matrix. */
export const DICTIONARY_ROUTES: Record<string, RouteEntry> = {
  // Public: what pickers and filters offer.
  'GET /api/v1/dictionaries/{kind}': {
    expect: everyone(200),
    call: () => ({ path: '/api/v1/dictionaries/districts' }),
  },
  // Admins only.
  'GET /api/v1/admin/dictionaries/{kind}': {
    expect: ADMIN_ONLY,
    call: () => ({ path: '/api/v1/admin/dictionaries/industries' }),
  },
  'POST /api/v1/admin/dictionaries/{kind}': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: () => ({ path: '/api/v1/admin/dictionaries/qualifications', body: { value: uniq('矩阵资质') } }),
  },
  'PATCH /api/v1/admin/dictionaries/{kind}/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({
      path: `/api/v1/admin/dictionaries/industries/${await matrixEntry(f)}`,
      body: { value: uniq('矩阵改名') },
    }),
  },

  // 一企一档.
  'GET /api/v1/me/enterprise/profile': { expect: MY_ENTERPRISE },
  'PUT /api/v1/me/enterprise/profile': {
    expect: MY_ENTERPRISE,
    call: () => ({ path: '/api/v1/me/enterprise/profile', body: PROFILE }),
  },
  'GET /api/v1/staff/enterprises/{id}/profile': {
    expect: SERVED,
    call: (f) => ({ path: `/api/v1/staff/enterprises/${f.enterpriseId}/profile` }),
  },
  'PUT /api/v1/staff/enterprises/{id}/profile': {
    expect: SERVED,
    call: (f) => ({ path: `/api/v1/staff/enterprises/${f.enterpriseId}/profile`, body: PROFILE }),
  },
};
