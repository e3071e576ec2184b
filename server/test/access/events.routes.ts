import { ADMIN_ONLY, everyone, type Fixtures, type RouteEntry, signedIn } from './kit';

/** An event written directly (published unless told), starting in three days; its id. */
async function matrixEvent(
  f: Fixtures,
  opts: { status?: 'draft' | 'published'; kind?: 'lecture' | 'reception_day' } = {},
): Promise<string> {
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO events (kind, title, starts_at, ends_at, signup_deadline, place, capacity, status, published_at)
     VALUES ($1, '矩阵讲座', now() + interval '3 days', now() + interval '3 days 2 hours', now() + interval '2 days',
       '湘潭市民之家', 100, $2::varchar, CASE WHEN $2::varchar = 'published' THEN now() END)
     RETURNING id`,
    [opts.kind ?? 'lecture', opts.status ?? 'published'],
  )) as Array<{ id: string }>;
  return id;
}

/** A registration of the FIRST enterprise's owner (none of the actors) on a fresh event: event and registration ids. */
async function firstEnterpriseRegistration(
  f: Fixtures,
  kind: 'lecture' | 'reception_day' = 'lecture',
): Promise<{ eventId: string; id: string }> {
  const eventId = await matrixEvent(f, { kind });
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO event_registrations (event_id, user_id, enterprise_id, status, seq, topic)
     SELECT $1, m.user_id, m.enterprise_id, 'confirmed', 1, '矩阵问题' FROM enterprise_members m
     WHERE m.enterprise_id = $2 AND m.role = 'owner' AND m.status = 'approved'
     RETURNING id`,
    [eventId, f.enterpriseId],
  )) as Array<{ id: string }>;
  await f.t.ds.query(`UPDATE events SET confirmed_count = 1, signup_seq = 1 WHERE id = $1`, [eventId]);
  return { eventId, id };
}

const eventInput = () => ({
  kind: 'lecture',
  title: '矩阵讲座',
  startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
  signupDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  place: '湘潭市民之家',
  capacity: 100,
});

/** Enterprise users, whether or not their enterprise is approved yet; staff are refused. */
const ENTERPRISE_USERS = { ...signedIn(403), otherEnterprise: 200, pending: 200 };
/** Someone else's registration: no enterprise user reaches it; staff are refused. */
const NOT_MINE = { ...signedIn(403), otherEnterprise: 404, pending: 404 };
/** Every staff member; enterprise users are refused. */
const STAFF = { ...signedIn(200), otherEnterprise: 403, pending: 403 };
/** A draft: staff read it; to anyone else it does not exist. */
const STAFF_SEE_DRAFTS = { ...everyone(404), otherButler: 200, supervisor: 200, admin: 200 };

/** The routes of 潭商讲堂 in the access matrix. */
export const EVENT_ROUTES: Record<string, RouteEntry> = {
  // Public.
  'GET /api/v1/events': { expect: everyone(200) },
  'GET /api/v1/events/{id}': {
    expect: STAFF_SEE_DRAFTS,
    call: async (f) => ({ path: `/api/v1/events/${await matrixEvent(f, { status: 'draft' })}` }),
  },

  // Enterprise users: an approved member signs up (a pending applicant has no enterprise yet: 404).
  'POST /api/v1/events/{id}/registrations': {
    expect: { ...signedIn(403), otherEnterprise: 200, pending: 404 },
    call: async (f) => ({ path: `/api/v1/events/${await matrixEvent(f)}/registrations`, body: {} }),
  },
  // The first enterprise's owner is registered; the callers are not: nothing of theirs to cancel.
  'DELETE /api/v1/events/{id}/registrations/me': {
    expect: NOT_MINE,
    call: async (f) => ({ path: `/api/v1/events/${(await firstEnterpriseRegistration(f)).eventId}/registrations/me` }),
  },
  'GET /api/v1/me/registrations': { expect: ENTERPRISE_USERS },
  'GET /api/v1/me/registrations/{id}/calendar.ics': {
    expect: NOT_MINE,
    call: async (f) => ({ path: `/api/v1/me/registrations/${(await firstEnterpriseRegistration(f)).id}/calendar.ics` }),
  },

  // Staff at the door: any staff member checks in (a tick in the list here).
  'POST /api/v1/events/{id}/checkins': {
    expect: STAFF,
    call: async (f) => {
      const r = await firstEnterpriseRegistration(f);
      return { path: `/api/v1/events/${r.eventId}/checkins`, body: { registrationId: r.id } };
    },
  },
  'GET /api/v1/staff/events/{id}/registrations': {
    expect: STAFF,
    call: async (f) => ({
      path: `/api/v1/staff/events/${(await firstEnterpriseRegistration(f)).eventId}/registrations`,
    }),
  },
  'POST /api/v1/staff/events/{eventId}/registrations/{id}/case': {
    expect: { ...signedIn(201), otherEnterprise: 403, pending: 403 },
    call: async (f) => {
      const r = await firstEnterpriseRegistration(f, 'reception_day');
      return { path: `/api/v1/staff/events/${r.eventId}/registrations/${r.id}/case`, body: {} };
    },
  },

  // Admins only: the workbench's events.
  'GET /api/v1/admin/events': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/events': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: () => ({ path: '/api/v1/admin/events', body: eventInput() }),
  },
  'GET /api/v1/admin/events/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/events/${await matrixEvent(f, { status: 'draft' })}` }),
  },
  'PATCH /api/v1/admin/events/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/events/${await matrixEvent(f)}`, body: { capacity: 120 } }),
  },
  'POST /api/v1/admin/events/{id}/publish': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/events/${await matrixEvent(f, { status: 'draft' })}/publish` }),
  },
  'POST /api/v1/admin/events/{id}/cancel': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/events/${await matrixEvent(f)}/cancel`, body: { reason: '矩阵取消' } }),
  },
};
