import { indexFields } from '../../src/modules/policies/search/index-fields';
import { ADMIN_ONLY, everyone, type Fixtures, type RouteEntry, signedIn, uniq } from './kit';

/** A valid package as the admin writes it (values from the default dictionaries), with a name of its own. */
const packageInput = (f: Fixtures) => ({
  name: uniq('法律体检（矩阵）'),
  departmentId: f.departmentId,
  description: '律师上门为企业做一次法律风险体检',
  industries: [],
  scales: ['small', 'medium'],
  districts: ['全市'],
  qualifications: [],
  materials: ['营业执照复印件'],
  timeLimitDays: 10,
});

/** A package with no restriction (anyone bound may apply), active or retired, written directly; its id. */
async function matrixPackage(f: Fixtures, active: boolean): Promise<string> {
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO service_packages (name, department_id, description, materials, time_limit_days, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [uniq('融资对接（矩阵）'), f.departmentId, '银行与企业面对面', ['近一年财务报表'], 7, active],
  )) as Array<{ id: string }>;
  return id;
}

/** A published policy in force restricting nothing (every bound enterprise matches it); its id. */
async function openPolicy(f: Fixtures): Promise<string> {
  const p = {
    title: '湘潭市企业开办补贴（矩阵）',
    docNumber: uniq('潭政发〔2026〕矩阵'),
    summary: '开办补贴',
    body: '<p>正文</p>',
  };
  const index = indexFields({ ...p, interpretation: '' });
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO policies (title, doc_number, issuer, level, categories, summary, body, status, published_at,
       search_title, search_doc, search_vector)
     VALUES ($1, $2, '湘潭市人民政府', 'city', '{企业开办}', $3, $4, 'published', now(), $5, $6, $7::tsvector)
     RETURNING id`,
    [p.title, p.docNumber, p.summary, p.body, index.searchTitle, index.searchDoc, index.searchVector],
  )) as Array<{ id: string }>;
  return id;
}

/** Members of an approved enterprise (the pending applicant has none yet: 404); staff are refused. */
const APPROVED_MEMBERS = { ...signedIn(403), otherEnterprise: 200, pending: 404 };
/** A retired package: staff read it; to anyone else it does not exist. */
const STAFF_SEE_RETIRED = { ...everyone(404), otherButler: 200, supervisor: 200, admin: 200 };

/** The routes of 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy in the access matrix. */
export const SERVICE_PACKAGE_ROUTES: Record<string, RouteEntry> = {
  // Public: the catalogue and a package (a token, when sent, lets staff see a retired one).
  'GET /api/v1/service-packages': { expect: everyone(200) },
  'GET /api/v1/service-packages/{id}': {
    expect: STAFF_SEE_RETIRED,
    call: async (f) => ({ path: `/api/v1/service-packages/${await matrixPackage(f, false)}` }),
  },

  // Members of an approved enterprise apply (the matrix sends an Idempotency-Key with every write).
  'POST /api/v1/service-packages/{id}/applications': {
    expect: { ...APPROVED_MEMBERS, otherEnterprise: 201 },
    call: async (f) => ({
      path: `/api/v1/service-packages/${await matrixPackage(f, true)}/applications`,
      body: { note: '希望尽快安排' },
    }),
  },
  'POST /api/v1/policies/{id}/applications': {
    expect: { ...APPROVED_MEMBERS, otherEnterprise: 201 },
    call: async (f) => ({ path: `/api/v1/policies/${await openPolicy(f)}/applications`, body: {} }),
  },
  'GET /api/v1/me/policy-applications': { expect: APPROVED_MEMBERS },

  // Admins only: the workbench's packages.
  'GET /api/v1/admin/service-packages': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/service-packages': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: (f) => ({ path: '/api/v1/admin/service-packages', body: packageInput(f) }),
  },
  'GET /api/v1/admin/service-packages/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/service-packages/${await matrixPackage(f, false)}` }),
  },
  'PATCH /api/v1/admin/service-packages/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({
      path: `/api/v1/admin/service-packages/${await matrixPackage(f, false)}`,
      body: { active: true, timeLimitDays: 12 },
    }),
  },
  'POST /api/v1/admin/service-packages/{id}/retire': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/service-packages/${await matrixPackage(f, true)}/retire` }),
  },
};
