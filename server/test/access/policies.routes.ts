import { indexFields } from '../../src/modules/policies/search/index-fields';
import { ADMIN_ONLY, everyone, type Fixtures, type RouteEntry, signedIn, uniq } from './kit';

/** A valid policy as the admin writes it (values from the default dictionaries), with a 文号 of its own. */
const policyInput = () => ({
  title: '湘潭市稳岗返还政策（矩阵）',
  docNumber: uniq('潭人社发〔2026〕矩阵'),
  issuer: '湘潭市人力资源和社会保障局',
  level: 'city',
  categories: ['稳岗就业'],
  industries: ['建筑业'],
  scales: ['small'],
  districts: ['全市'],
  qualifications: [],
  validFrom: '2026-01-01',
  validTo: null,
  summary: '稳岗返还',
  body: '<p>正文</p>',
});

/** A policy in `status`, written directly (with its search columns); its id. */
async function matrixPolicy(f: Fixtures, status: 'draft' | 'published'): Promise<string> {
  const p = policyInput();
  const index = indexFields({ ...p, interpretation: '' });
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, scales, districts, valid_from,
       summary, body, status, published_at, search_title, search_doc, search_vector)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::tsvector) RETURNING id`,
    [
      p.title,
      p.docNumber,
      p.issuer,
      p.level,
      p.categories,
      p.industries,
      p.scales,
      p.districts,
      p.validFrom,
      p.summary,
      p.body,
      status,
      status === 'published' ? new Date() : null,
      index.searchTitle,
      index.searchDoc,
      index.searchVector,
    ],
  )) as Array<{ id: string }>;
  return id;
}

/** Enterprise users, whether or not their enterprise is approved yet; staff are refused. */
const ENTERPRISE_USERS = { ...signedIn(403), otherEnterprise: 200, pending: 200 };
/** Members of an approved enterprise (the pending applicant has none yet). */
const APPROVED_MEMBERS = { ...signedIn(403), otherEnterprise: 200, pending: 404 };
/** A draft: staff read it; to anyone else it does not exist. */
const STAFF_SEE_DRAFTS = { ...everyone(404), otherButler: 200, supervisor: 200, admin: 200 };

/** The policies routes of the access matrix. */
export const POLICY_ROUTES: Record<string, RouteEntry> = {
  // Public: search and read (a token, when sent, lets staff see drafts and enterprises their favourites).
  'GET /api/v1/policies': { expect: everyone(200), call: () => ({ path: '/api/v1/policies?q=稳岗' }) },
  'GET /api/v1/policies/suggestions': {
    expect: everyone(200),
    call: () => ({ path: '/api/v1/policies/suggestions?q=稳岗' }),
  },
  'GET /api/v1/policies/{id}': {
    expect: STAFF_SEE_DRAFTS,
    call: async (f) => ({ path: `/api/v1/policies/${await matrixPolicy(f, 'draft')}` }),
  },

  // Enterprise users.
  'GET /api/v1/policies/matched': { expect: APPROVED_MEMBERS },
  'GET /api/v1/policies/favorites': { expect: ENTERPRISE_USERS },
  'POST /api/v1/policies/{id}/favorite': {
    expect: ENTERPRISE_USERS,
    call: async (f) => ({ path: `/api/v1/policies/${await matrixPolicy(f, 'published')}/favorite` }),
  },
  'DELETE /api/v1/policies/{id}/favorite': {
    expect: ENTERPRISE_USERS,
    call: async (f) => ({ path: `/api/v1/policies/${await matrixPolicy(f, 'published')}/favorite` }),
  },
  'GET /api/v1/me/subscriptions': { expect: ENTERPRISE_USERS },
  'PUT /api/v1/me/subscriptions': {
    expect: ENTERPRISE_USERS,
    call: () => ({
      path: '/api/v1/me/subscriptions',
      body: { matchProfile: true, categories: ['稳岗就业'], industries: [], districts: ['雨湖区'] },
    }),
  },

  // Admins only: the workbench's policy library.
  'GET /api/v1/admin/policies': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/policies': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: () => ({ path: '/api/v1/admin/policies', body: policyInput() }),
  },
  'POST /api/v1/admin/policies/import': {
    expect: ADMIN_ONLY,
    call: () => ({ path: '/api/v1/admin/policies/import', body: { rows: [policyInput()] } }),
  },
  'GET /api/v1/admin/policies/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/policies/${await matrixPolicy(f, 'draft')}` }),
  },
  'PATCH /api/v1/admin/policies/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({
      path: `/api/v1/admin/policies/${await matrixPolicy(f, 'draft')}`,
      body: { title: '湘潭市稳岗返还政策（修订）' },
    }),
  },
  'POST /api/v1/admin/policies/{id}/publish': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/policies/${await matrixPolicy(f, 'draft')}/publish` }),
  },
  'POST /api/v1/admin/policies/{id}/withdraw': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/policies/${await matrixPolicy(f, 'published')}/withdraw` }),
  },
};
