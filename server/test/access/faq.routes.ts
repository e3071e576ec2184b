import { randomUUID } from 'node:crypto';
import { faqIndex } from '../../src/modules/faq/faq.repository';
import { everyone, type Expectation, type Fixtures, type RouteEntry, signedIn } from './kit';

const QUESTION = '办理营业执照变更需要哪些材料？';
const ANSWER = '可在湘潭市政务服务网在线提交变更登记申请书、股东会决议等材料，一个工作日内办结。';

/** An entry in `status`, written directly (with its search columns, no author): its id. */
async function matrixFaq(f: Fixtures, status: 'draft' | 'published'): Promise<string> {
  const index = faqIndex({ question: QUESTION, answer: ANSWER });
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO faq_entries (question, answer, categories, status, published_at, search_title, search_doc, search_vector)
     VALUES ($1, $2, '{市场准入}', $3, $4, $5, $6, $7::tsvector) RETURNING id`,
    [
      QUESTION,
      ANSWER,
      status,
      status === 'published' ? new Date() : null,
      index.searchTitle,
      index.searchDoc,
      index.searchVector,
    ],
  )) as Array<{ id: string }>;
  return id;
}

/** A resolved consultation of the first enterprise, in its department: its id (a fresh one per call). */
async function resolvedConsultation(f: Fixtures): Promise<string> {
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, resolve_limit_days)
     VALUES ($1, 'consult', 'miniapp', 'resolved', '营业执照变更需要哪些材料', $2, $3, 10) RETURNING id`,
    [`QSM${randomUUID().replace(/-/g, '').slice(0, 17)}`, f.enterpriseId, f.departmentId],
  )) as Array<{ id: string }>;
  return id;
}

/** Every staff member. */
const STAFF: Expectation = { ...signedIn(403), otherButler: 200, supervisor: 200, admin: 200 };
/** Supervisors and admins (a butler writes, never publishes). */
const REVIEWERS: Expectation = { ...signedIn(403), supervisor: 200, admin: 200 };
/**
 * A consultation of the first enterprise: staff who see it (admin: everything). The butler of another department
 * and a supervisor of another department do not see it at all.
 */
const SEES_THE_CASE = (ok: number): Expectation => ({ ...signedIn(403), otherButler: 404, supervisor: 404, admin: ok });

/** The 常见问题 routes of the access matrix. */
export const FAQ_ROUTES: Record<string, RouteEntry> = {
  // Public reads.
  'GET /api/v1/faq': { expect: everyone(200), call: () => ({ path: '/api/v1/faq?q=执照' }) },
  'GET /api/v1/faq/suggestions': {
    expect: everyone(200),
    call: () => ({ path: `/api/v1/faq/suggestions?q=${encodeURIComponent('营业执照怎么变更')}` }),
  },
  // A draft: staff read it; to anyone else it does not exist.
  'GET /api/v1/faq/{id}': {
    expect: { ...everyone(404), otherButler: 200, supervisor: 200, admin: 200 },
    call: async (f) => ({ path: `/api/v1/faq/${await matrixFaq(f, 'draft')}` }),
  },
  // Members of an approved enterprise, in the consultation form (a pending applicant has no enterprise yet).
  'POST /api/v1/faq/suggestion-opens': {
    expect: { ...signedIn(403), otherEnterprise: 204, pending: 404 },
    call: async (f) => ({
      path: '/api/v1/faq/suggestion-opens',
      body: { draftId: randomUUID(), kind: 'faq', id: await matrixFaq(f, 'published') },
    }),
  },

  // The workbench.
  'GET /api/v1/staff/faq': { expect: STAFF, call: () => ({ path: '/api/v1/staff/faq?status=draft' }) },
  'POST /api/v1/staff/faq': {
    expect: SEES_THE_CASE(201),
    call: async (f) => ({
      path: '/api/v1/staff/faq',
      body: { caseId: await resolvedConsultation(f), question: QUESTION, answer: ANSWER, categories: ['市场准入'] },
    }),
  },
  'GET /api/v1/staff/faq/deflections': {
    expect: STAFF,
    call: () => ({ path: '/api/v1/staff/faq/deflections?from=2026-11-01&to=2026-11-30' }),
  },
  'GET /api/v1/staff/faq/case-source/{caseId}': {
    expect: SEES_THE_CASE(200),
    call: async (f) => ({ path: `/api/v1/staff/faq/case-source/${await resolvedConsultation(f)}` }),
  },
  'GET /api/v1/staff/faq/{id}': {
    expect: STAFF,
    call: async (f) => ({ path: `/api/v1/staff/faq/${await matrixFaq(f, 'draft')}` }),
  },
  'PATCH /api/v1/staff/faq/{id}': {
    expect: STAFF,
    call: async (f) => ({
      path: `/api/v1/staff/faq/${await matrixFaq(f, 'draft')}`,
      body: { question: '营业执照变更登记需要准备什么？' },
    }),
  },
  'POST /api/v1/staff/faq/{id}/publish': {
    expect: REVIEWERS,
    call: async (f) => ({ path: `/api/v1/staff/faq/${await matrixFaq(f, 'draft')}/publish` }),
  },
  'POST /api/v1/staff/faq/{id}/withdraw': {
    expect: REVIEWERS,
    call: async (f) => ({ path: `/api/v1/staff/faq/${await matrixFaq(f, 'published')}/withdraw` }),
  },
};
