import { randomUUID } from 'node:crypto';
import { marketSearchColumns } from '../../src/modules/market/market-search';
import { makeCreditCode } from '../utils/factories';
import { everyone, type Fixtures, type RouteEntry, signedIn, uniq } from './kit';

/** The first enterprise's owner (the author of its posts). */
async function firstOwner(f: Fixtures): Promise<string> {
  const [{ user_id }] = (await f.t.ds.query(
    `SELECT user_id FROM enterprise_members WHERE enterprise_id = $1 AND role = 'owner' AND status = 'approved'`,
    [f.enterpriseId],
  )) as Array<{ user_id: string }>;
  return user_id;
}

/** A post of the first enterprise on the board (or in `status`), written directly; its id. */
async function matrixPost(f: Fixtures, status = 'active'): Promise<string> {
  const title = uniq('矩阵需求包装纸箱');
  const search = marketSearchColumns(title, '每月采购包装纸箱');
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO market_posts (enterprise_id, author_id, kind, category, district, title, description, status,
       expires_at, search_doc, search_vector)
     VALUES ($1, $2, 'demand', '包装印刷', '雨湖区', $3, '每月采购包装纸箱', $4, now() + interval '30 days', $5, $6::tsvector)
     RETURNING id`,
    [f.enterpriseId, await firstOwner(f), title, status, search.searchDoc, search.searchVector],
  )) as Array<{ id: string }>;
  return id;
}

/** The first enterprise in the directory (once). */
let listed: Promise<void> | null = null;
function listFirst(f: Fixtures): Promise<void> {
  listed ??= (async () => {
    const search = marketSearchColumns('矩阵企业', '简介 产品');
    await f.t.ds.query(
      `INSERT INTO market_listings (enterprise_id, introduction, products, visible, search_doc, search_vector)
       VALUES ($1, '简介', '产品', true, $2, $3::tsvector) ON CONFLICT DO NOTHING`,
      [f.enterpriseId, search.searchDoc, search.searchVector],
    );
  })();
  return listed;
}

/** A pending contact request on a post of the first enterprise from a third enterprise none of the actors is in. */
async function matrixRequest(f: Fixtures): Promise<string> {
  const postId = await matrixPost(f);
  const [{ id: userId }] = (await f.t.ds.query(
    `INSERT INTO users (role, openid) VALUES ('enterprise', $1) RETURNING id`,
    [uniq('matrix-requester-')],
  )) as Array<{ id: string }>;
  const [{ id: enterpriseId }] = (await f.t.ds.query(
    `INSERT INTO enterprises (credit_code, name) VALUES ($1, $2) RETURNING id`,
    [makeCreditCode(), uniq('矩阵对接方')],
  )) as Array<{ id: string }>;
  await f.t.ds.query(
    `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, contact_name) VALUES ($1, $2, 'owner', 'approved', '孙八')`,
    [enterpriseId, userId],
  );
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO market_contact_requests (post_id, owner_enterprise_id, requester_enterprise_id, requester_id, message)
     VALUES ($1, $2, $3, $4, '矩阵对接') RETURNING id`,
    [postId, f.enterpriseId, enterpriseId, userId],
  )) as Array<{ id: string }>;
  return id;
}

/** An open report of a fresh post of the first enterprise. */
async function matrixReport(f: Fixtures): Promise<string> {
  const postId = await matrixPost(f);
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO market_reports (post_id, reporter_id, reason) VALUES ($1, NULL, '矩阵举报') RETURNING id`,
    [postId],
  )) as Array<{ id: string }>;
  return id;
}

/** Members of an approved enterprise (the pending applicant has none yet: 404 ENTERPRISE_NOT_BOUND); staff 403. */
const APPROVED_MEMBERS = (status: number) => ({ ...signedIn(403), otherEnterprise: status, pending: 404 });
/** Another enterprise's post or request: it does not exist for any actor; staff are refused first. */
const FIRST_ENTERPRISE_ONLY = { ...signedIn(403), otherEnterprise: 404, pending: 404 };
/** Moderation: supervisors and admins. */
const MODERATORS = (status: number) => ({ ...signedIn(403), supervisor: status, admin: status });

/** The routes of 企业商圈: the directory, supply/demand posts and contact requests (issue 12) in the access matrix. */
export const MARKET_ROUTES: Record<string, RouteEntry> = {
  // Public: the directory and the board.
  'GET /api/v1/market/enterprises': {
    expect: everyone(200),
    call: () => ({ path: '/api/v1/market/enterprises?q=矩阵' }),
  },
  'GET /api/v1/market/enterprises/{id}': {
    expect: everyone(200),
    call: async (f) => {
      await listFirst(f);
      return { path: `/api/v1/market/enterprises/${f.enterpriseId}` };
    },
  },
  // The first enterprise has no logo: 404 whoever asks (logos themselves: market.e2e-spec.ts).
  'GET /api/v1/market/enterprises/{id}/logo': {
    expect: everyone(404),
    call: async (f) => {
      await listFirst(f);
      return { path: `/api/v1/market/enterprises/${f.enterpriseId}/logo` };
    },
  },
  'GET /api/v1/market/posts': {
    expect: everyone(200),
    call: () => ({ path: '/api/v1/market/posts?kind=demand&q=纸箱' }),
  },
  'GET /api/v1/market/posts/{id}': {
    expect: everyone(200),
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}` }),
  },
  'GET /api/v1/market/posts/{id}/images/{fileId}': {
    expect: everyone(404),
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}/images/${randomUUID()}` }),
  },
  'GET /api/v1/market/posts/{id}/matches': {
    expect: everyone(200),
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}/matches` }),
  },

  // Enterprise users.
  'POST /api/v1/market/posts': {
    expect: { ...APPROVED_MEMBERS(201) },
    call: () => ({
      path: '/api/v1/market/posts',
      body: { kind: 'supply', category: '加工制造', district: '岳塘区', title: '矩阵供应', description: '承接机加工' },
    }),
  },
  'PATCH /api/v1/market/posts/{id}': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}`, body: { title: '矩阵改标题' } }),
  },
  'POST /api/v1/market/posts/{id}/close': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}/close` }),
  },
  'POST /api/v1/market/posts/{id}/renew': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}/renew`, body: { validDays: 30 } }),
  },
  // Any enterprise user may report a post on the board.
  'POST /api/v1/market/posts/{id}/reports': {
    expect: { ...signedIn(403), otherEnterprise: 201, pending: 201 },
    call: async (f) => ({ path: `/api/v1/market/posts/${await matrixPost(f)}/reports`, body: { reason: '矩阵举报' } }),
  },
  'POST /api/v1/market/posts/{id}/contact-requests': {
    expect: APPROVED_MEMBERS(201),
    call: async (f) => ({
      path: `/api/v1/market/posts/${await matrixPost(f)}/contact-requests`,
      body: { message: '矩阵对接' },
    }),
  },
  // The owner's listing: the other enterprise's owner has one of their own.
  'GET /api/v1/me/enterprise/listing': { expect: APPROVED_MEMBERS(200) },
  'PUT /api/v1/me/enterprise/listing': {
    expect: APPROVED_MEMBERS(200),
    call: () => ({
      path: '/api/v1/me/enterprise/listing',
      body: { introduction: '矩阵简介', products: '矩阵产品', visible: true },
    }),
  },
  'GET /api/v1/me/market/posts': { expect: APPROVED_MEMBERS(200) },
  'GET /api/v1/me/market/contact-requests': { expect: APPROVED_MEMBERS(200) },
  // A request between the first enterprise and a third: nobody of the actors reads or answers it.
  'GET /api/v1/contact-requests/{id}': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/contact-requests/${await matrixRequest(f)}` }),
  },
  'POST /api/v1/contact-requests/{id}/accept': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/contact-requests/${await matrixRequest(f)}/accept` }),
  },
  'POST /api/v1/contact-requests/{id}/decline': {
    expect: FIRST_ENTERPRISE_ONLY,
    call: async (f) => ({ path: `/api/v1/contact-requests/${await matrixRequest(f)}/decline` }),
  },

  // Moderation.
  'POST /api/v1/staff/market/posts/{id}/takedown': {
    expect: MODERATORS(200),
    call: async (f) => ({
      path: `/api/v1/staff/market/posts/${await matrixPost(f)}/takedown`,
      body: { reason: '矩阵下架' },
    }),
  },
  'GET /api/v1/staff/market/reports': { expect: MODERATORS(200) },
  'POST /api/v1/staff/market/reports/{id}/decision': {
    expect: MODERATORS(200),
    call: async (f) => ({
      path: `/api/v1/staff/market/reports/${await matrixReport(f)}/decision`,
      body: { takeDown: false, note: '矩阵驳回' },
    }),
  },
};
