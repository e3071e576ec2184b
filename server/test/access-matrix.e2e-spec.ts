import { randomUUID } from 'node:crypto';
import type { AuthConfigResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { NotificationEntity } from '../src/modules/notifications/notification.entity';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInWechat,
  STAFF_PASSWORD,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { png } from './utils/images';

/**
 * The access matrix: every route of the OpenAPI document × every kind of caller, each answer
 * declared below. A route the document lists without an entry here fails the suite (so every new
 * route must be declared), and so does an entry for a route that no longer exists.
 *
 * Path parameters name objects of the FIRST enterprise (its owner, its pending applicants, its
 * department and butler, the owner's notification), which none of the actors belongs to: an object
 * outside the caller's reach answers 404, never 403 or 200. Bodies are valid, so the status
 * reflects access, not validation.
 */

import {
  ACTORS,
  ADMIN_ONLY,
  type ActorName,
  everyone,
  type Fixtures,
  type RouteEntry,
  signedIn,
  TEMPLATE,
  uniq,
} from './access/kit';
import { DICTIONARY_ROUTES } from './access/dictionaries.routes';
import { BUTLER_ROUTES } from './access/butlers.routes';
import { POLICY_ROUTES } from './access/policies.routes';
import { PUSH_ROUTES } from './access/pushes.routes';
import { MARKET_ROUTES } from './access/market.routes';
import { EVENT_ROUTES } from './access/events.routes';
import { SERVICE_PACKAGE_ROUTES } from './access/service-packages.routes';
import { NEWS_ROUTES } from './access/news.routes';
import { FAQ_ROUTES } from './access/faq.routes';
import { HOME_ROUTES } from './access/home.routes';
import { BUTLER_ADMIN_ROUTES } from './access/butler-admin.routes';

/** The route table. Keys are `METHOD path` exactly as the OpenAPI document spells them. */
const CORE_ROUTES: Record<string, RouteEntry> = {
  // Public.
  'GET /health': { expect: everyone(200) },
  'GET /api/v1/auth/config': { expect: everyone(200) },
  'POST /api/v1/auth/wechat': {
    expect: everyone(200),
    call: () => ({ path: '/api/v1/auth/wechat', body: { code: `mock:${uniq('w')}` } }),
  },
  'POST /api/v1/auth/staff': {
    expect: everyone(200),
    call: (f) => ({ path: '/api/v1/auth/staff', body: { username: f.butlerUsername, password: STAFF_PASSWORD } }),
  },
  'POST /api/v1/auth/refresh': {
    expect: everyone(200),
    call: async (f) => ({
      path: '/api/v1/auth/refresh',
      body: { refreshToken: (await signInWechat(f.t)).refreshToken },
    }),
  },

  // Any signed-in caller, about themselves.
  'POST /api/v1/auth/logout': { expect: signedIn(204), ownSession: true },
  'POST /api/v1/auth/password': {
    expect: { ...signedIn(403), otherButler: 204, supervisor: 204, admin: 204 },
    call: () => ({
      path: '/api/v1/auth/password',
      body: { currentPassword: STAFF_PASSWORD, newPassword: 'Changed#Pass2026' },
    }),
    ownSession: true,
  },
  'GET /api/v1/me': { expect: signedIn(200) },
  'PATCH /api/v1/me': { expect: signedIn(200), call: () => ({ path: '/api/v1/me', body: { largeFont: true } }) },
  'POST /api/v1/me/consent': {
    expect: { ...signedIn(403), otherEnterprise: 200, pending: 200 },
    call: (f) => ({ path: '/api/v1/me/consent', body: { version: f.consentVersion } }),
  },
  'GET /api/v1/me/export': { expect: signedIn(200) },
  'DELETE /api/v1/me': {
    expect: { ...signedIn(403), otherEnterprise: 204, pending: 204 },
    ownSession: true,
  },
  'GET /api/v1/notifications': { expect: signedIn(200) },
  'GET /api/v1/notifications/unread-count': { expect: signedIn(200) },
  'POST /api/v1/notifications/read-all': { expect: signedIn(200) },
  'GET /api/v1/notifications/templates': { expect: signedIn(200) },
  'POST /api/v1/notifications/grants': {
    expect: signedIn(200),
    call: () => ({ path: '/api/v1/notifications/grants', body: { results: { [TEMPLATE]: 'reject' } } }),
  },
  // The first enterprise owner's notification: nobody else's, whatever their role.
  'POST /api/v1/notifications/{id}/read': {
    expect: signedIn(404),
    call: (f) => ({ path: `/api/v1/notifications/${f.ownerNotificationId}/read` }),
  },

  // The enterprise user's own enterprise.
  'POST /api/v1/me/enterprise': {
    // Both enterprise users are already bound to an enterprise.
    expect: { ...signedIn(403), otherEnterprise: 409, pending: 409 },
    call: () => ({
      path: '/api/v1/me/enterprise',
      body: { creditCode: makeCreditCode(), name: uniq('湘潭矩阵测试有限公司'), contactName: '赵六' },
    }),
  },
  'GET /api/v1/me/enterprise/members': { expect: { ...signedIn(403), otherEnterprise: 200 } },
  // An applicant of the first enterprise: another enterprise's owner does not see them.
  'POST /api/v1/me/enterprise/members/{userId}/decision': {
    expect: { ...signedIn(403), otherEnterprise: 404 },
    call: async (f) => ({
      path: `/api/v1/me/enterprise/members/${await f.newApplicant()}/decision`,
      body: { approve: true },
    }),
  },
  // Visible once the membership is approved: a pending applicant has no enterprise yet.
  'GET /api/v1/me/butler': { expect: { ...signedIn(403), otherEnterprise: 200, pending: 404 } },

  // Staff deciding on the first enterprise's applicants: admin and any supervisor (by design, not
  // scoped to a department), and its own butler only; another butler does not see the enterprise.
  'POST /api/v1/enterprises/{enterpriseId}/members/{userId}/decision': {
    expect: { ...signedIn(403), otherButler: 404, supervisor: 200, admin: 200 },
    call: async (f) => ({
      path: `/api/v1/enterprises/${f.enterpriseId}/members/${await f.newApplicant()}/decision`,
      body: { approve: true },
    }),
  },

  // Administration.
  'GET /api/v1/admin/departments': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/departments': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: () => ({ path: '/api/v1/admin/departments', body: { name: uniq('矩阵部门') } }),
  },
  'PATCH /api/v1/admin/departments/{id}': {
    expect: ADMIN_ONLY,
    call: (f) => ({ path: `/api/v1/admin/departments/${f.departmentId}`, body: { name: uniq('矩阵改名') } }),
  },
  'GET /api/v1/admin/staff': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/staff': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: (f) => ({
      path: '/api/v1/admin/staff',
      body: {
        username: uniq('matrix'),
        name: '矩阵管家',
        role: Role.BUTLER,
        departmentId: f.departmentId,
        password: 'Matrix#Pass2026',
      },
    }),
  },
  'PATCH /api/v1/admin/staff/{id}': {
    expect: ADMIN_ONLY,
    call: (f) => ({ path: `/api/v1/admin/staff/${f.butlerId}`, body: { specialties: ['政策咨询'] } }),
  },
  'GET /api/v1/admin/enterprises': { expect: ADMIN_ONLY },
  'PUT /api/v1/admin/enterprises/{id}/butler': {
    expect: ADMIN_ONLY,
    call: (f) => ({ path: `/api/v1/admin/enterprises/${f.enterpriseId}/butler`, body: { butlerId: f.butlerId } }),
  },
  'GET /api/v1/admin/audit': { expect: ADMIN_ONLY },

  // Uploads: anyone signed in. The matrix sends no multipart body, so past the guards the route answers 415.
  'POST /api/v1/files/images': { expect: signedIn(415) },
  // An upload of a user who is none of the callers: nobody else sees it, whatever their role.
  'GET /api/v1/files/{id}': {
    expect: signedIn(404),
    call: async (f) => ({ path: `/api/v1/files/${await strangersUpload(f)}` }),
  },

  // Cases (issue 9). Submitting: approved enterprise members only (a pending one has no enterprise yet).
  'POST /api/v1/cases': {
    expect: { ...signedIn(403), otherEnterprise: 201, pending: 404 },
    call: () => ({ path: '/api/v1/cases', body: { type: 'consult', content: '矩阵咨询' } }),
  },
  'GET /api/v1/cases': { expect: signedIn(200) },
  // Counts of the caller's own scope (what it holds: cases.e2e-spec.ts).
  'GET /api/v1/cases/counts': { expect: signedIn(200) },
  // Transfer and assignment targets: staff only.
  'GET /api/v1/cases/options': { expect: { ...signedIn(200), otherEnterprise: 403, pending: 403 } },
  // Staff record a case for any enterprise (接待日, 12345 …).
  'POST /api/v1/cases/record': {
    expect: { ...signedIn(201), otherEnterprise: 403, pending: 403 },
    call: (f) => ({
      path: '/api/v1/cases/record',
      body: { source: 'reception_day', enterpriseId: f.enterpriseId, type: 'appeal', content: '矩阵登记' },
    }),
  },
  // A case of the first enterprise, in its butler's department: nobody but the admin reaches it.
  'GET /api/v1/cases/{id}': {
    expect: { ...signedIn(404), admin: 200 },
    call: async (f) => ({ path: `/api/v1/cases/${await firstEnterpriseCase(f)}` }),
  },
  // No such image on the case: 404 whoever asks (the images themselves: cases.e2e-spec.ts).
  'GET /api/v1/cases/{id}/images/{fileId}': {
    expect: signedIn(404),
    call: async (f) => ({ path: `/api/v1/cases/${await firstEnterpriseCase(f)}/images/${randomUUID()}` }),
  },
  'POST /api/v1/cases/{id}/messages': {
    expect: { ...signedIn(404), admin: 201 },
    call: async (f) => ({
      path: `/api/v1/cases/${await firstEnterpriseCase(f)}/messages`,
      body: { content: '矩阵留言' },
    }),
  },
  'POST /api/v1/cases/{id}/transitions': {
    expect: { ...signedIn(404), admin: 200 },
    call: async (f) => ({
      path: `/api/v1/cases/${await firstEnterpriseCase(f, true)}/transitions`,
      body: { action: 'accept', category: 'policy' },
    }),
  },
  'POST /api/v1/cases/{id}/notes': {
    expect: { ...signedIn(404), otherEnterprise: 403, pending: 403, admin: 201 },
    call: async (f) => ({ path: `/api/v1/cases/${await firstEnterpriseCase(f)}/notes`, body: { content: '矩阵备注' } }),
  },
  // Ratings (issue 9, 评价): the first enterprise's case; the follow-up and the appeal of a rating stored on one.
  'POST /api/v1/cases/{id}/rating': {
    expect: { ...signedIn(403), otherEnterprise: 404, pending: 404 },
    call: async (f) => ({ path: `/api/v1/cases/${await firstEnterpriseCase(f)}/rating`, body: { level: 5 } }),
  },
  'POST /api/v1/cases/{id}/rating/appeal': {
    expect: { ...signedIn(403), otherButler: 404, supervisor: 404 },
    call: async (f) => ({
      path: `/api/v1/cases/${(await firstEnterpriseRating(f)).caseId}/rating/appeal`,
      body: { reason: '矩阵申诉' },
    }),
  },
  'POST /api/v1/rating-appeals/{id}/decision': {
    expect: { ...signedIn(403), supervisor: 404, admin: 200 },
    call: async (f) => ({
      path: `/api/v1/rating-appeals/${(await firstEnterpriseRating(f)).appealId}/decision`,
      body: { uphold: true, reason: '矩阵复核' },
    }),
  },
  'GET /api/v1/follow-ups': { expect: { ...signedIn(403), supervisor: 200, admin: 200 } },
  'POST /api/v1/follow-ups/{id}': {
    expect: { ...signedIn(403), supervisor: 404, admin: 200 },
    call: async (f) => ({
      path: `/api/v1/follow-ups/${(await firstEnterpriseRating(f)).followUpId}`,
      body: { contactMethod: 'phone', contactedAt: '2026-01-05T09:00:00+08:00', outcome: '矩阵回访' },
    }),
  },
  'POST /api/v1/follow-ups/{id}/rating': {
    expect: { ...signedIn(403), otherEnterprise: 404, pending: 404 },
    call: async (f) => ({
      path: `/api/v1/follow-ups/${(await firstEnterpriseRating(f)).followUpId}/rating`,
      body: { rating: 'satisfied' },
    }),
  },
  'GET /api/v1/admin/calendar/{year}': { expect: ADMIN_ONLY, call: () => ({ path: '/api/v1/admin/calendar/2026' }) },
  'PUT /api/v1/admin/calendar/{year}': {
    expect: ADMIN_ONLY,
    call: () => ({ path: '/api/v1/admin/calendar/2030', body: { holidays: ['2030-01-01'], workdays: [] } }),
  },
  // 工作台账: staff only (an enterprise user 403), each within their scope; the public figures: anyone.
  'GET /api/v1/stats/ledger': {
    expect: { ...signedIn(200), otherEnterprise: 403, pending: 403 },
    call: () => ({ path: '/api/v1/stats/ledger?from=2026-11-01&to=2026-11-30' }),
  },
  'GET /api/v1/stats/ledger.xlsx': {
    expect: { ...signedIn(200), otherEnterprise: 403, pending: 403 },
    call: () => ({ path: '/api/v1/stats/ledger.xlsx?from=2026-11-01&to=2026-11-30' }),
  },
  'GET /api/v1/stats/ledger.csv': {
    expect: { ...signedIn(200), otherEnterprise: 403, pending: 403 },
    call: () => ({ path: '/api/v1/stats/ledger.csv?from=2026-11-01&to=2026-11-30' }),
  },
  'GET /api/v1/stats/public': { expect: everyone(200) },
};

const ROUTES: Record<string, RouteEntry> = {
  ...CORE_ROUTES,
  ...DICTIONARY_ROUTES,
  ...POLICY_ROUTES,
  ...BUTLER_ROUTES,
  ...PUSH_ROUTES,
  ...MARKET_ROUTES,
  ...EVENT_ROUTES,
  ...SERVICE_PACKAGE_ROUTES,
  ...NEWS_ROUTES,
  ...FAQ_ROUTES,
  ...HOME_ROUTES,
  ...BUTLER_ADMIN_ROUTES,
};

let strangersUploadId: Promise<string> | null = null;
/** One image uploaded (once) by a WeChat user of their own, for the file routes. */
function strangersUpload(f: Fixtures): Promise<string> {
  strangersUploadId ??= (async () => {
    const stranger = await signInWechat(f.t);
    const res = await f.t.http
      .post('/api/v1/files/images')
      .set(stranger.auth)
      .attach('file', png(1, 1), { filename: 'a.png', contentType: 'image/png' });
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  })();
  return strangersUploadId;
}

let firstCaseId: Promise<string> | null = null;
/** A case of the first enterprise, recorded (once, or afresh with `fresh`) by an admin of its own. */
function firstEnterpriseCase(f: Fixtures, fresh = false): Promise<string> {
  const make = async () => {
    const recorder = await staffSession(f.t, Role.ADMIN);
    const res = await f.t.http
      .post('/api/v1/cases/record')
      .set(recorder.auth)
      .send({ source: 'reception_day', enterpriseId: f.enterpriseId, type: 'consult', content: '矩阵诉求' });
    if (res.status !== 201) throw new Error(`record failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  };
  if (fresh) return make();
  firstCaseId ??= make();
  return firstCaseId;
}

let firstRating: Promise<{ caseId: string; followUpId: string; appealId: string }> | null = null;
/** A 差评 stored (once) on a fresh case of the first enterprise, with its follow-up and an appeal of it. */
function firstEnterpriseRating(f: Fixtures): Promise<{ caseId: string; followUpId: string; appealId: string }> {
  firstRating ??= (async () => {
    const caseId = await firstEnterpriseCase(f, true);
    const [{ id: ratingId }] = (await f.t.ds.query(
      `INSERT INTO case_ratings (case_id, level, department_id, butler_id) VALUES ($1, 2, $2, $3) RETURNING id`,
      [caseId, f.departmentId, f.butlerId],
    )) as { id: string }[];
    const [{ id: followUpId }] = (await f.t.ds.query(
      `INSERT INTO case_follow_ups (case_id, rating_id, department_id, due_at) VALUES ($1, $2, $3, now() + interval '7 days') RETURNING id`,
      [caseId, ratingId, f.departmentId],
    )) as { id: string }[];
    const [{ id: appealId }] = (await f.t.ds.query(
      `INSERT INTO rating_appeals (rating_id, case_id, appellant_id, reason) VALUES ($1, $2, $3, '矩阵申诉') RETURNING id`,
      [ratingId, caseId, f.butlerId],
    )) as { id: string }[];
    return { caseId, followUpId, appealId };
  })();
  return firstRating;
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

describe('access matrix', () => {
  let t: TestApp;
  let f: Fixtures;
  /** Each actor's session (none when signed out), and how to make a fresh equivalent one. */
  const actors = {} as Record<ActorName, { session?: SignedIn; fresh: () => Promise<SignedIn | undefined> }>;
  let documented: string[];

  async function bind(who: SignedIn, creditCode: string): Promise<void> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name: uniq('湘潭矩阵企业'), contactName: '钱七' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function enterpriseOwner(): Promise<SignedIn> {
    const s = await signInWechat(t);
    await bind(s, makeCreditCode());
    return s;
  }

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_TEMPLATE_MEMBERSHIP: TEMPLATE });
    const admin = await staffSession(t, Role.ADMIN);

    // The first enterprise: its owner, department, butler, and a notification of the owner.
    const department = await createDepartment(t.ds);
    const butler = await createStaff(t.ds, { role: Role.BUTLER, departmentId: department.id });
    const owner = await signInWechat(t);
    const creditCode = makeCreditCode();
    await bind(owner, creditCode);
    const enterprise = await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode });
    const assigned = await t.http
      .put(`/api/v1/admin/enterprises/${enterprise.id}/butler`)
      .set(admin.auth)
      .send({ butlerId: butler.id });
    if (assigned.status !== 200) throw new Error(`assign butler failed: ${assigned.status}`);

    const newApplicant = async (): Promise<string> => {
      const s = await signInWechat(t);
      await bind(s, creditCode);
      return s.user.id;
    };
    const pending = await signInWechat(t);
    await bind(pending, creditCode);
    const notification = await t.ds
      .getRepository(NotificationEntity)
      .findOne({ where: { userId: owner.user.id }, order: { createdAt: 'DESC' } });
    if (!notification) throw new Error('the owner has no notification to read');

    f = {
      t,
      creditCode,
      enterpriseId: enterprise.id,
      departmentId: department.id,
      butlerId: butler.id,
      butlerUsername: butler.username!,
      ownerNotificationId: notification.id,
      consentVersion: ((await t.http.get('/api/v1/auth/config')).body as AuthConfigResponse).consentVersion,
      newApplicant,
    };

    const pendingApplicant = async (): Promise<SignedIn> => {
      const s = await signInWechat(t);
      await bind(s, creditCode);
      return s;
    };
    actors.signedOut = { fresh: async () => undefined };
    // The other enterprise has a butler of its own: the other butler, of another department.
    const otherOwner = await signInWechat(t);
    const otherCode = makeCreditCode();
    await bind(otherOwner, otherCode);
    const other = await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode: otherCode });
    const otherButler = await staffSession(t, Role.BUTLER);
    const otherAssigned = await t.http
      .put(`/api/v1/admin/enterprises/${other.id}/butler`)
      .set(admin.auth)
      .send({ butlerId: otherButler.entity.id });
    if (otherAssigned.status !== 200) throw new Error(`assign other butler failed: ${otherAssigned.status}`);
    actors.otherEnterprise = { session: otherOwner, fresh: enterpriseOwner };
    actors.pending = { session: pending, fresh: pendingApplicant };
    actors.otherButler = { session: otherButler, fresh: () => staffSession(t, Role.BUTLER) };
    actors.supervisor = {
      session: await staffSession(t, Role.SUPERVISOR),
      fresh: () => staffSession(t, Role.SUPERVISOR),
    };
    actors.admin = { session: admin, fresh: () => staffSession(t, Role.ADMIN) };

    const doc = await t.http.get('/api/docs/json');
    if (doc.status !== 200) throw new Error(`no OpenAPI document: ${doc.status}`);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    documented = Object.entries(paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
  }, 60_000);
  afterAll(() => t?.close());

  it('declares every route of the OpenAPI document, and no other', () => {
    const declared = Object.keys(ROUTES);
    const undeclared = documented.filter((r) => !declared.includes(r));
    const gone = declared.filter((r) => !documented.includes(r));
    expect({ 'routes without an entry in ROUTES': undeclared, 'entries for routes that do not exist': gone }).toEqual({
      'routes without an entry in ROUTES': [],
      'entries for routes that do not exist': [],
    });
  });

  it('answers every route × actor as declared', async () => {
    const mismatches: string[] = [];
    const pathParams = /\{\w+\}/;
    for (const route of documented) {
      const entry = ROUTES[route];
      if (!entry) continue; // reported by the test above
      const [method, documentedPath] = route.split(' ');
      for (const actor of ACTORS) {
        const call = entry.call ? await entry.call(f) : { path: documentedPath };
        if (pathParams.test(call.path)) throw new Error(`${route}: parameters left unfilled in ${call.path}`);
        const who = entry.ownSession ? await actors[actor].fresh() : actors[actor].session;
        const req = t.http[method.toLowerCase() as Method](call.path);
        if (who) req.set(who.auth);
        if (method !== 'GET') req.set('Idempotency-Key', randomUUID());
        const res = await (call.body ? req.send(call.body) : req);
        const expected = entry.expect[actor];
        if (res.status !== expected) {
          const code = (res.body as { code?: string } | undefined)?.code ?? '';
          mismatches.push(`${route} as ${actor}: expected ${expected}, got ${res.status} ${code}`.trim());
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
