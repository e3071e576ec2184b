import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseDetailStaff } from '@qsgj/shared/contracts';
import type { CaseState } from '@qsgj/shared/enums';
import { dueAfter, readClock, shanghaiDay, type WorkingCalendar } from '@qsgj/shared/rules';
import { DEMO_CASE_STATES, seedDemoCases } from '../src/database/seeds/demo-cases';
import { DEMO_ENTERPRISES, DEMO_STAFF_PASSWORD, seedDemo } from '../src/database/seeds/demo';
import type { StoredClock } from '../src/modules/cases/case.entity';
import { fromStoredClock } from '../src/modules/cases/case-record';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import { signInStaff, signInWechat } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

interface CaseRow {
  id: string;
  number: string;
  type: string;
  source: string;
  state: CaseState;
  department_id: string | null;
  butler_id: string | null;
  result: string | null;
  accept_clock: StoredClock | null;
  resolve_clock: StoredClock | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  resolve_warn_at: Date | null;
  review_day: string | null;
  created_at: Date;
  updated_at: Date;
}

interface EventRow {
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_kind: string;
  actor_id: string | null;
  at: Date;
}

const TABLES = ['cases', 'case_events', 'case_messages', 'case_ratings', 'case_follow_ups', 'case_number_counters'];

/**
 * The demo cases (issue 9): loaded at start when SEED_DEMO is on, every state present, the stored deadlines what
 * `readClock` computes from the stored facts, timelines that end in the case's state, ratings with follow-ups,
 * numbers that a new case does not collide with, and nothing added by a second run.
 */
describe('demo cases (e2e)', () => {
  let t: TestApp;
  let cases: CaseRow[];
  let calendar: WorkingCalendar;

  const count = async (table: string) =>
    Number(((await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n);

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true', CASE_SWEEP_MS: '3600000' });
    cases = (await t.ds.query(
      `SELECT *, to_char(next_review_on, 'YYYY-MM-DD') AS review_day FROM cases ORDER BY created_at`,
    )) as CaseRow[];
    calendar = (
      (await t.ds.query(`SELECT year, holidays, workdays FROM working_calendar ORDER BY year`)) as Array<{
        year: number;
        holidays: string[];
        workdays: string[];
      }>
    ).map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }));
  }, 60_000);
  afterAll(() => t?.close());

  it('loads about 120 cases at start, in every state, type and source, over the last 90 days', () => {
    const total = Object.values(DEMO_CASE_STATES).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(100);
    expect(cases).toHaveLength(total);
    const byState = new Map<string, number>();
    for (const c of cases) byState.set(c.state, (byState.get(c.state) ?? 0) + 1);
    expect(Object.fromEntries(byState)).toEqual(DEMO_CASE_STATES);
    // The seed's kind of figures: most accepted cases resolved, a handful in long-term follow-up.
    const accepted = cases.filter((c) => !['pending_check', 'submitted', 'rejected'].includes(c.state)).length;
    const resolved = cases.filter((c) => c.state === 'resolved' || c.state === 'closed').length;
    expect(accepted).toBeGreaterThanOrEqual(100);
    expect(resolved).toBeGreaterThanOrEqual(80);
    expect(resolved).toBeLessThan(accepted);
    expect(new Set(cases.map((c) => c.type))).toEqual(new Set(['consult', 'complaint', 'service', 'appeal']));
    expect(new Set(cases.map((c) => c.source))).toEqual(
      new Set(['miniapp', 'reception_day', 'hotline_12345', 'entrepreneur_group', 'staff']),
    );
    expect(new Set(cases.map((c) => c.department_id)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(cases.map((c) => c.butler_id).filter(Boolean)).size).toBeGreaterThanOrEqual(6);
    const now = Date.now();
    for (const c of cases) {
      expect(c.created_at.getTime()).toBeLessThanOrEqual(now);
      expect(c.created_at.getTime()).toBeGreaterThan(now - 91 * 86_400_000);
      expect(c.number).toMatch(/^QS\d{8}-\d{4}$/);
      expect(c.number.slice(2, 10)).toBe(shanghaiDay(c.created_at).replaceAll('-', ''));
    }
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
  });

  it('stores the due instants readClock computes from the stored clocks, for every case', () => {
    const at = new Date();
    let running = 0;
    for (const c of cases) {
      const accept = c.accept_clock && readClock(fromStoredClock(c.accept_clock)!, calendar, at);
      const resolve = c.resolve_clock && readClock(fromStoredClock(c.resolve_clock)!, calendar, at);
      expect({ number: c.number, accept: c.accept_due_at, resolve: c.resolve_due_at, warn: c.resolve_warn_at }).toEqual(
        {
          number: c.number,
          accept: accept?.running ? accept.dueAt : null,
          resolve: resolve?.running ? resolve.dueAt : null,
          warn: resolve?.running ? resolve.warnAt : null,
        },
      );
      if (c.accept_due_at || c.resolve_due_at) running += 1;
      // Clocks as the state says: none before the check, stopped once final, paused while waiting on the enterprise.
      if (c.state === 'pending_check') expect([c.accept_clock, c.resolve_clock]).toEqual([null, null]);
      if (['closed', 'rejected', 'resolved', 'long_term'].includes(c.state)) {
        expect(c.resolve_clock?.stoppedAt).toEqual(expect.any(String));
        expect(c.resolve_due_at).toBeNull();
      }
      if (c.state === 'awaiting_enterprise') expect(resolve?.paused).toBe(true);
      if (c.state === 'long_term') expect(c.review_day! > shanghaiDay(at)).toBe(true);
      if (c.state === 'submitted') expect(c.accept_due_at).not.toBeNull();
    }
    expect(running).toBeGreaterThanOrEqual(DEMO_CASE_STATES.submitted + DEMO_CASE_STATES.accepted);
    // Alive, not alarming: a few open cases overdue, most on time.
    const overdue = cases.filter(
      (c) => (c.accept_due_at && c.accept_due_at < at) || (c.resolve_due_at && c.resolve_due_at < at),
    ).length;
    console.log(`demo cases: ${running} with a running clock, ${overdue} overdue`);
    expect(overdue).toBeLessThanOrEqual(running / 2);
  });

  it('keeps a complete timeline per case that ends in its state, with staff replies in the conversation', async () => {
    const events = (await t.ds.query(
      `SELECT case_id, seq, action, from_state, to_state, actor_kind, actor_id, at FROM case_events ORDER BY case_id, seq`,
    )) as EventRow[];
    const byCase = new Map<string, EventRow[]>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of cases) {
      const timeline = byCase.get(c.id) ?? [];
      expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
      expect(timeline[0]).toMatchObject({ action: 'create', from_state: null });
      expect(timeline[0].at).toEqual(c.created_at);
      for (let i = 1; i < timeline.length; i++) {
        expect(timeline[i].from_state).toBe(timeline[i - 1].to_state);
        expect(timeline[i].at.getTime()).toBeGreaterThanOrEqual(timeline[i - 1].at.getTime());
      }
      const last = timeline[timeline.length - 1];
      expect({ number: c.number, state: last.to_state }).toEqual({ number: c.number, state: c.state });
      expect(last.at.getTime()).toBeLessThanOrEqual(Date.now());
      // The rater is never on the timeline; the sweep's close has no actor.
      for (const e of timeline) if (e.action === 'rate' || e.action === 'close') expect(e.actor_id).toBeNull();
      if (c.state === 'resolved' || c.state === 'closed') {
        const resolve = timeline.find((e) => e.action === 'resolve')!;
        expect(resolve).toBeDefined();
        if (c.type !== 'consult') expect(c.result).toEqual(expect.any(String));
      }
    }
    for (const action of [
      'transfer',
      'assign',
      'request_info',
      'supplement',
      'long_term',
      'review',
      'reject',
      'close',
      'rate',
    ]) {
      expect({ action, seen: events.some((e) => e.action === action) }).toEqual({ action, seen: true });
    }
    const [{ n }] = (await t.ds.query(
      `SELECT count(DISTINCT m.case_id)::int AS n FROM case_messages m JOIN users u ON u.id = m.author_id WHERE m.author_kind = 'staff'`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(90);
  });

  it('rates most closed cases (mostly 4–5), and a bad rating has its follow-up due in 5 working days', async () => {
    const ratings = (await t.ds.query(
      `SELECT r.id, r.level, r.created_at, r.butler_id, r.department_id, c.butler_id AS case_butler, c.department_id AS case_department, c.state
       FROM case_ratings r JOIN cases c ON c.id = r.case_id`,
    )) as Array<{
      id: string;
      level: number;
      created_at: Date;
      butler_id: string | null;
      department_id: string | null;
      case_butler: string | null;
      case_department: string | null;
      state: string;
    }>;
    const closed = DEMO_CASE_STATES.closed;
    expect(ratings.length).toBeGreaterThanOrEqual(Math.ceil(closed * 0.7));
    expect(ratings.length).toBeLessThan(closed);
    expect(ratings.every((r) => r.state === 'closed')).toBe(true);
    const good = ratings.filter((r) => r.level >= 4).length;
    const bad = ratings.filter((r) => r.level <= 2);
    expect(good / ratings.length).toBeGreaterThanOrEqual(0.8);
    expect(bad.length).toBeGreaterThanOrEqual(2);
    expect(bad.length).toBeLessThanOrEqual(6);
    for (const r of ratings) expect([r.butler_id, r.department_id]).toEqual([r.case_butler, r.case_department]);

    const followUps = (await t.ds.query(
      `SELECT rating_id, due_at, recorded_at, contacted_at, outcome FROM case_follow_ups`,
    )) as Array<{
      rating_id: string;
      due_at: Date;
      recorded_at: Date | null;
      contacted_at: Date | null;
      outcome: string | null;
    }>;
    expect(followUps.map((f) => f.rating_id).sort()).toEqual(bad.map((r) => r.id).sort());
    for (const f of followUps) {
      const rating = bad.find((r) => r.id === f.rating_id)!;
      expect(f.due_at).toEqual(dueAfter(rating.created_at, t.config.CASE_FOLLOW_UP_WORKING_DAYS, calendar));
      if (f.recorded_at) expect(f.contacted_at!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(followUps.some((f) => f.outcome !== null)).toBe(true);
  });

  it('keeps the number counter ahead: a case submitted after the seed takes the next number of its day', async () => {
    const counters = (await t.ds.query(
      `SELECT to_char(day, 'YYYYMMDD') AS day, last_number FROM case_number_counters`,
    )) as Array<{ day: string; last_number: number }>;
    const perDay = new Map<string, number>();
    for (const c of cases) {
      const day = c.number.slice(2, 10);
      perDay.set(day, Math.max(perDay.get(day) ?? 0, Number(c.number.slice(11))));
    }
    expect(Object.fromEntries(counters.map((r) => [r.day, Number(r.last_number)]))).toEqual(Object.fromEntries(perDay));

    // A demo enterprise's member (approved by its butler) submits through the real route.
    const demo = DEMO_ENTERPRISES[0];
    const [{ id: enterpriseId }] = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [
      demo.creditCode,
    ])) as [{ id: string }];
    const member = await signInWechat(t);
    const bind = await t.http
      .post('/api/v1/me/enterprise')
      .set(member.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode: demo.creditCode, name: demo.name, contactName: '演示用户' });
    expect(bind.status).toBe(201);
    const butler = await signInStaff(t, demo.butler, DEMO_STAFF_PASSWORD);
    const decided = await t.http
      .post(`/api/v1/enterprises/${enterpriseId}/members/${member.user.id}/decision`)
      .set(butler.auth)
      .send({ approve: true });
    expect(decided.status).toBeLessThan(300);
    const created = await t.http
      .post('/api/v1/cases')
      .set(member.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ type: 'consult', content: '演示数据之后的新咨询：请问厂房租金补贴怎么申请？' });
    expect(created.status).toBe(201);
    const number = (created.body as CaseDetail).number;
    const today = shanghaiDay(new Date()).replaceAll('-', '');
    expect(number).toBe(`QS${today}-${String((perDay.get(today) ?? 0) + 1).padStart(4, '0')}`);
    expect(cases.map((c) => c.number)).not.toContain(number);
  });

  it('is readable through the real routes: the centre’s list and each state’s detail, the follow-up list', async () => {
    const admin = await signInStaff(t, 'admin', DEMO_STAFF_PASSWORD);
    const list = await t.http.get('/api/v1/cases?state=closed').set(admin.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const state of Object.keys(DEMO_CASE_STATES)) {
      const c = cases.find((x) => x.state === state)!;
      const res = await t.http.get(`/api/v1/cases/${c.id}`).set(admin.auth);
      expect({ state, status: res.status }).toEqual({ state, status: 200 });
      const detail = res.body as CaseDetailStaff;
      expect(detail).toMatchObject({ number: c.number, state });
      expect(detail.timeline.length).toBeGreaterThanOrEqual(1);
    }
    const rated = (await t.ds.query(
      `SELECT c.id FROM cases c JOIN case_ratings r ON r.case_id = c.id JOIN case_messages m ON m.case_id = c.id
       WHERE m.author_kind = 'enterprise' LIMIT 1`,
    )) as Array<{ id: string }>;
    const detail = (await t.http.get(`/api/v1/cases/${rated[0].id}`).set(admin.auth)).body as CaseDetailStaff;
    expect(detail.rating).not.toBeNull();
    expect(detail.messages.map((m) => m.content).length).toBeGreaterThanOrEqual(2);
    const supervisor = await signInStaff(t, 'zhuguan', DEMO_STAFF_PASSWORD);
    const followUps = await t.http.get('/api/v1/follow-ups').set(supervisor.auth);
    expect(followUps.status).toBe(200);
    expect(followUps.body.items.length).toBeGreaterThan(0);
    // Complaints hidden from the department, cases addressed to a butler, cases recorded by staff: all present.
    const [mix] = (await t.ds.query(
      `SELECT count(*) FILTER (WHERE anonymous)::int AS anonymous,
              count(*) FILTER (WHERE addressed_butler_id IS NOT NULL)::int AS addressed,
              count(*) FILTER (WHERE source <> 'miniapp' AND recorded_by IS NULL)::int AS unrecorded
       FROM cases`,
    )) as Array<{ anonymous: number; addressed: number; unrecorded: number }>;
    expect(mix.anonymous).toBeGreaterThanOrEqual(1);
    expect(mix.addressed).toBeGreaterThanOrEqual(1);
    expect(mix.unrecorded).toBe(0);
  });

  it('adds nothing when loaded again (a second start)', async () => {
    const before = await Promise.all(TABLES.map(count));
    await t.ds.transaction((m) => seedDemo(m, (p) => new PasswordHasher().hash(p)));
    expect(await t.ds.transaction((m) => seedDemoCases(m))).toBe(0);
    expect(await Promise.all(TABLES.map(count))).toEqual(before);
  });
});

describe('demo cases when SEED_DEMO is off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false', CASE_SWEEP_MS: '3600000' });
  }, 60_000);
  afterAll(() => t?.close());

  it('adds no case at start; loaded by hand it is fast (one transaction, batched inserts)', async () => {
    const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM cases`)) as [{ n: number }];
    expect(n).toBe(0);
    await t.ds.transaction((m) => seedDemo(m, async () => 'not-a-password-hash'));
    // seedDemo above already added the cases: time a fresh run of the case seed on its own.
    await t.ds.query(`DELETE FROM cases`);
    await t.ds.query(`DELETE FROM case_number_counters`);
    // Fast by construction, counted rather than timed: a few batched statements, not one per row.
    let statements = 0;
    const added = await t.ds.transaction(async (m) => {
      const query = jest.spyOn(m.queryRunner!, 'query');
      try {
        return await seedDemoCases(m);
      } finally {
        statements = query.mock.calls.filter(
          ([sql]) => /^\s*INSERT/i.test(sql) && !/case_number_counters/.test(sql),
        ).length;
        query.mockRestore();
      }
    });
    expect(added).toBe(Object.values(DEMO_CASE_STATES).reduce((a, b) => a + b, 0));
    const rows = (await t.ds.query(
      `SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_events) + (SELECT count(*) FROM case_messages)
            + (SELECT count(*) FROM case_ratings) + (SELECT count(*) FROM case_follow_ups) AS n`,
    )) as [{ n: string }];
    console.log(`demo case seed: ${added} cases, ${rows[0].n} rows in ${statements} INSERT statements`);
    // One INSERT per table per batch (the case numbers are counted per day by their own upsert).
    expect(statements).toBeLessThanOrEqual(10);
  });

  it.each([
    ['during Spring Festival', '2026-02-19T10:00:00+08:00'],
    ['during National Day, at night', '2026-10-05T03:00:00+08:00'],
    ['on New Year’s Eve (deadlines into a year without official data)', '2026-12-31T23:30:00+08:00'],
    ['on a Monday just after midnight', '2026-06-01T00:10:00+08:00'],
  ])('fits a demo started %s: every state, nothing after that moment', async (_label, iso) => {
    const now = new Date(iso);
    const rollback = new Error('rollback');
    let seen: Array<{ state: string; n: number; latest: Date; review: string | null }> = [];
    await expect(
      t.ds.transaction(async (m) => {
        await m.query(`DELETE FROM cases`);
        expect(await seedDemoCases(m, now)).toBeGreaterThan(0);
        seen = (await m.query(
          `SELECT c.state, count(*)::int AS n, max(e.at) AS latest, to_char(min(c.next_review_on), 'YYYY-MM-DD') AS review
           FROM cases c JOIN case_events e ON e.case_id = c.id GROUP BY c.state`,
        )) as typeof seen;
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const counts = Object.fromEntries(seen.map((r) => [r.state, r.n]));
    expect(Object.keys(counts).sort()).toEqual(Object.keys(DEMO_CASE_STATES).sort());
    for (const r of seen) expect(new Date(r.latest).getTime()).toBeLessThanOrEqual(now.getTime());
    const longTerm = seen.find((r) => r.state === 'long_term')!;
    expect(longTerm.review! > shanghaiDay(now)).toBe(true);
  });
});
