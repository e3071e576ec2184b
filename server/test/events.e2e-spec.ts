import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type {
  CheckinResult,
  EventCard,
  EventDetail,
  MyRegistrationItem,
  Page,
  RegistrationCaseResult,
  RegistrationResult,
  StaffRegistrationPage,
} from '@qsgj/shared/contracts';
import { CHECKIN_CODE_TTL_SECONDS } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { EventClock } from '../src/modules/events/event-clock';
import { EventRemindersService } from '../src/modules/events/event-reminders.service';
import { createDepartment, makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { waitFor } from './utils/wait';

const TPL_LECTURE = 'tplLecture-0000000000001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Registrant extends SignedIn {
  enterpriseId: string;
}

/**
 * 潭商讲堂 over HTTP: the admin's events (audited; a capacity below the seats taken refused), sign-up with a waitlist
 * in arrival order that never exceeds the capacity under 200 concurrent requests (on PostgreSQL: real concurrency),
 * cancellations that promote in order and notify, the deadline to the second, the audience, QR check-in (forged,
 * expired, another event's, a second scan), a 接待日 topic turned into a case in the right queue, the calendar file,
 * and another enterprise's registration out of reach.
 */
describe('events: 潭商讲堂', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn & { entity: { id: string } };
  let deptId: string;
  let homeDept: string;
  /** The instant the event rules see (EventClock); null: the database's now(). */
  let clockAt: Date | null = null;

  const now = () => clockAt ?? new Date();

  async function registrants(n: number, profile: { district?: string; industry?: string; butlerId?: string } = {}) {
    const users = await Promise.all(Array.from({ length: n }, () => signInWechat(t)));
    const codes = users.map(() => makeCreditCode());
    const ids = (await t.ds.query(
      `INSERT INTO enterprises (credit_code, name, district, industry, butler_id)
       SELECT c, '湘潭测试企业' || i, $2, $3, $4 FROM unnest($1::text[]) WITH ORDINALITY AS x(c, i)
       RETURNING id, credit_code`,
      [codes, profile.district ?? '雨湖区', profile.industry ?? '制造业', profile.butlerId ?? null],
    )) as Array<{ id: string; credit_code: string }>;
    const byCode = new Map(ids.map((r) => [r.credit_code, r.id]));
    const enterpriseIds = codes.map((c) => byCode.get(c)!);
    await t.ds.query(
      `INSERT INTO enterprise_members (enterprise_id, user_id, role, status, contact_name)
       SELECT e, u, 'owner', 'approved', '联系人' FROM unnest($1::uuid[], $2::uuid[]) AS x(e, u)`,
      [enterpriseIds, users.map((u) => u.user.id)],
    );
    return users.map((u, i): Registrant => ({ ...u, enterpriseId: enterpriseIds[i] }));
  }

  const eventInput = (patch: Record<string, unknown> = {}) => {
    const start = new Date(now().getTime() + 3 * DAY);
    return {
      kind: 'lecture',
      title: '增值税留抵退税政策解读',
      description: '市税务局专家解读最新留抵退税政策，现场答疑。',
      speakers: '市税务局 王科长',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      signupDeadline: new Date(start.getTime() - DAY).toISOString(),
      place: '湘潭市民之家三楼报告厅',
      latitude: 27.8297,
      longitude: 112.944,
      capacity: 50,
      ...patch,
    };
  };

  async function publishedEvent(patch: Record<string, unknown> = {}): Promise<EventDetail> {
    const created = await t.http.post('/api/v1/admin/events').set(admin.auth).send(eventInput(patch));
    expect(created.status).toBe(201);
    const published = await t.http
      .post(`/api/v1/admin/events/${(created.body as EventDetail).id}/publish`)
      .set(admin.auth);
    expect(published.status).toBe(200);
    return published.body as EventDetail;
  }

  const register = (who: SignedIn, eventId: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/events/${eventId}/registrations`).set(who.auth).send(body);
  const cancel = (who: SignedIn, eventId: string) =>
    t.http.delete(`/api/v1/events/${eventId}/registrations/me`).set(who.auth);
  const checkin = (who: SignedIn, eventId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/events/${eventId}/checkins`).set(who.auth).send(body);
  const rows = async <T>(sql: string, params: unknown[] = []) => (await t.ds.query(sql, params)) as T[];
  const registrationsOf = (eventId: string) =>
    rows<{ user_id: string; status: string; seq: number; id: string }>(
      `SELECT id, user_id, status, seq FROM event_registrations WHERE event_id = $1 ORDER BY seq`,
      [eventId],
    );
  const eventRow = async (id: string) =>
    (
      await rows<{ confirmed_count: number; waitlist_count: number; capacity: number }>(
        `SELECT confirmed_count, waitlist_count, capacity FROM events WHERE id = $1`,
        [id],
      )
    )[0];
  const myCode = async (who: SignedIn, eventId: string) => {
    const res = await t.http.get('/api/v1/me/registrations').set(who.auth);
    expect(res.status).toBe(200);
    const item = (res.body as Page<MyRegistrationItem>).items.find((i) => i.eventId === eventId);
    return item!;
  };
  const auditRows = (action: string, targetId: string) =>
    rows<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
      [action, targetId],
    );

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_TEMPLATE_LECTURE: TPL_LECTURE, NOTIFICATION_POLL_MS: '600000' });
    t.app.get(EventClock).now = () => Promise.resolve(now());
    admin = await staffSession(t, Role.ADMIN);
    deptId = (await createDepartment(t.ds, '湘潭市营商环境服务中心')).id;
    homeDept = (await createDepartment(t.ds, '雨湖区营商办')).id;
    butler = await staffSession(t, Role.BUTLER, homeDept);
  }, 90_000);
  afterAll(() => t?.close());
  afterEach(() => {
    clockAt = null;
  });

  describe('admin: write, publish, cancel (audited)', () => {
    it('creates a draft (visible to staff only), publishes it (audited), and lists it for everyone', async () => {
      const created = await t.http
        .post('/api/v1/admin/events')
        .set(admin.auth)
        .send(eventInput({ title: '草稿讲座' }));
      expect(created.status).toBe(201);
      const draft = created.body as EventDetail;
      expect(draft).toMatchObject({ status: 'draft', capacity: 50, seatsLeft: 50, kind: 'lecture', online: false });
      expect((await t.http.get(`/api/v1/events/${draft.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/events/${draft.id}`).set(butler.auth)).status).toBe(200);
      expect(await auditRows('admin.event.created', draft.id)).toHaveLength(1);

      const published = await t.http.post(`/api/v1/admin/events/${draft.id}/publish`).set(admin.auth);
      expect(published.status).toBe(200);
      expect((published.body as EventDetail).status).toBe('published');
      expect(await auditRows('admin.event.published', draft.id)).toHaveLength(1);
      const again = await t.http.post(`/api/v1/admin/events/${draft.id}/publish`).set(admin.auth);
      expect(again.status).toBe(200);
      expect(await auditRows('admin.event.published', draft.id)).toHaveLength(1);

      const list = await t.http.get('/api/v1/events?when=upcoming&kind=lecture');
      expect(list.status).toBe(200);
      expect((list.body as Page<EventCard>).items.map((e) => e.id)).toContain(draft.id);
      const past = await t.http.get('/api/v1/events?when=past');
      expect((past.body as Page<EventCard>).items.map((e) => e.id)).not.toContain(draft.id);
    });

    it('refuses incoherent input whole, in Chinese, and writes nothing', async () => {
      const before = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM events`))[0].n;
      const bad = await t.http
        .post('/api/v1/admin/events')
        .set(admin.auth)
        .send(eventInput({ endsAt: eventInput().startsAt, place: null, audienceDistricts: ['火星区'] }));
      expect(bad.status).toBe(400);
      const fields = (bad.body as { details: Array<{ field: string; message: string }> }).details;
      expect(fields).toEqual(
        expect.arrayContaining([
          { field: 'endsAt', message: '结束时间须晚于开始时间' },
          { field: 'place', message: '请填写活动地点或线上链接' },
          { field: 'audienceDistricts', message: '“火星区”不在区域字典中' },
        ]),
      );
      const missing = await t.http.post('/api/v1/admin/events').set(admin.auth).send({ title: '缺字段' });
      expect(missing.status).toBe(400);
      expect((missing.body as { message: string }).message).toMatch(/活动类型|开始时间|名额/);
      expect((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
    });

    it('refuses a capacity below the seats taken (409, a clear message) and gives added seats to the waitlist', async () => {
      const e = await publishedEvent({ capacity: 3 });
      const people = await registrants(5);
      for (const p of people) expect((await register(p, e.id)).status).toBe(200);
      const lower = await t.http.patch(`/api/v1/admin/events/${e.id}`).set(admin.auth).send({ capacity: 2 });
      expect(lower.status).toBe(409);
      expect(lower.body).toMatchObject({
        code: 'EVENT_CAPACITY_BELOW_CONFIRMED',
        message: expect.stringContaining('已有 3 人报名成功，名额不能少于 3 人'),
      });
      expect(await eventRow(e.id)).toMatchObject({ capacity: 3, confirmed_count: 3 });
      // The boundary: exactly the seats taken is fine.
      expect((await t.http.patch(`/api/v1/admin/events/${e.id}`).set(admin.auth).send({ capacity: 3 })).status).toBe(
        200,
      );

      const raise = await t.http.patch(`/api/v1/admin/events/${e.id}`).set(admin.auth).send({ capacity: 4 });
      expect(raise.status).toBe(200);
      expect((raise.body as EventDetail).seatsLeft).toBe(0);
      const regs = await registrationsOf(e.id);
      expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'waitlisted']);
      const [audit] = await auditRows('admin.event.updated', e.id);
      expect(audit.details).toMatchObject({ changed: { capacity: { from: 3, to: 4 } }, promoted: 1 });
      const told = await rows<{ user_id: string }>(
        `SELECT user_id FROM notifications WHERE kind = 'lecture' AND title LIKE '候补成功%' AND user_id = $1`,
        [people[3].user.id],
      );
      expect(told).toHaveLength(1);
    });

    it('cancels an event: every registrant is told with the reason, sign-up refused, audited', async () => {
      const e = await publishedEvent({ capacity: 1 });
      const [a, b] = await registrants(2);
      await register(a, e.id);
      await register(b, e.id);
      const res = await t.http
        .post(`/api/v1/admin/events/${e.id}/cancel`)
        .set(admin.auth)
        .send({ reason: '主讲专家临时出差' });
      expect(res.status).toBe(200);
      expect((res.body as EventDetail).status).toBe('cancelled');
      const notices = await rows<{ user_id: string; body: string }>(
        `SELECT user_id, body FROM notifications WHERE kind = 'lecture' AND title LIKE '活动取消%' AND user_id = ANY ($1::uuid[])`,
        [[a.user.id, b.user.id]],
      );
      expect(notices.map((n) => n.user_id).sort()).toEqual([a.user.id, b.user.id].sort());
      expect(notices[0].body).toContain('主讲专家临时出差');
      const [audit] = await auditRows('admin.event.cancelled', e.id);
      expect(audit.details).toMatchObject({ reason: '主讲专家临时出差', notified: 2 });
      const [c] = await registrants(1);
      const refused = await register(c, e.id);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'EVENT_SIGNUP_CLOSED', message: '该活动已取消，不能报名' });
    });
  });

  describe('sign-up and waitlist', () => {
    it('200 concurrent sign-ups for 50 seats: exactly 50 confirmed, 150 waitlisted in arrival order', async () => {
      const e = await publishedEvent({ capacity: 50 });
      const people = await registrants(200);
      // All 200 in flight at once (on PostgreSQL they race for the event's row over the connection pool).
      const answers = await Promise.all(people.map((p) => register(p, e.id)));
      expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
      const results = answers.map((a) => a.body as RegistrationResult);
      expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(50);
      expect(results.filter((r) => r.registration.status === 'waitlisted')).toHaveLength(150);

      const regs = await registrationsOf(e.id);
      expect(regs).toHaveLength(200);
      // Arrival numbers 1..200, each once; the first 50 to arrive hold the seats, the rest wait in that order.
      expect(regs.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(regs.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true);
      expect(regs.slice(50).every((r) => r.status === 'waitlisted')).toBe(true);
      // Each waitlisted answer named its place: arrival number − 50.
      const seqOf = new Map(regs.map((r) => [r.id, r.seq]));
      for (const r of results.filter((x) => x.registration.status === 'waitlisted')) {
        expect(r.registration.waitlistPosition).toBe(seqOf.get(r.registration.id)! - 50);
      }
      expect(await eventRow(e.id)).toMatchObject({ confirmed_count: 50, waitlist_count: 150, capacity: 50 });
      const detail = (await t.http.get(`/api/v1/events/${e.id}`)).body as EventDetail;
      expect(detail).toMatchObject({ seatsLeft: 0, waitlisted: 150 });
    }, 120_000);

    it('a repeat sign-up answers the same registration (also when sent twice at once)', async () => {
      const e = await publishedEvent({ capacity: 5 });
      const [p] = await registrants(1);
      const [first, second] = await Promise.all([register(p, e.id), register(p, e.id)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const a = first.body as RegistrationResult;
      const b = second.body as RegistrationResult;
      expect(a.registration.id).toBe(b.registration.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      const third = (await register(p, e.id)).body as RegistrationResult;
      expect(third).toMatchObject({ created: false, registration: { id: a.registration.id, status: 'confirmed' } });
      expect(await registrationsOf(e.id)).toHaveLength(1);
      expect(await eventRow(e.id)).toMatchObject({ confirmed_count: 1 });
    });

    it('cancellations promote the waitlist in arrival order, and the promoted are told (inbox and WeChat)', async () => {
      const e = await publishedEvent({ capacity: 2 });
      const people = await registrants(5);
      for (const p of people) expect((await register(p, e.id)).status).toBe(200);
      // The first waitlisted grants the lecture template: the promotion reaches WeChat too.
      const granted = await t.http
        .post('/api/v1/notifications/grants')
        .set(people[2].auth)
        .send({ results: { [TPL_LECTURE]: 'accept' } });
      expect(granted.status).toBe(200);

      const res = await cancel(people[0], e.id);
      expect(res.status).toBe(200);
      expect((res.body as RegistrationResult).registration.status).toBe('cancelled');
      let regs = await registrationsOf(e.id);
      expect(regs.map((r) => [r.user_id, r.status])).toEqual([
        [people[0].user.id, 'cancelled'],
        [people[1].user.id, 'confirmed'],
        [people[2].user.id, 'confirmed'],
        [people[3].user.id, 'waitlisted'],
        [people[4].user.id, 'waitlisted'],
      ]);
      const inbox = await rows<{ link: string }>(
        `SELECT link FROM notifications WHERE user_id = $1 AND kind = 'lecture' AND title LIKE '候补成功%'`,
        [people[2].user.id],
      );
      expect(inbox).toEqual([{ link: `/packages/events/pages/detail/index?id=${e.id}` }]);
      const [{ openid }] = await rows<{ openid: string }>(`SELECT openid FROM users WHERE id = $1`, [
        people[2].user.id,
      ]);
      await waitFor('the promotion on WeChat', () =>
        t.fake.messages.some((m) => m.touser === openid && m.template_id === TPL_LECTURE),
      );
      // Nobody else was told.
      const others = await rows(
        `SELECT 1 FROM notifications WHERE kind = 'lecture' AND title LIKE '候补成功%' AND user_id = ANY ($1::uuid[])`,
        [[people[0].user.id, people[1].user.id, people[3].user.id, people[4].user.id]],
      );
      expect(others).toHaveLength(0);

      // A waitlisted one leaving frees no seat: the one behind moves up a place.
      expect((await cancel(people[3], e.id)).status).toBe(200);
      const detail = (await t.http.get(`/api/v1/events/${e.id}`).set(people[4].auth)).body as EventDetail;
      expect(detail.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      regs = await registrationsOf(e.id);
      expect(regs.filter((r) => r.status === 'confirmed')).toHaveLength(2);
      // Cancelling again is idempotent.
      expect((await cancel(people[0], e.id)).status).toBe(200);
      expect(await eventRow(e.id)).toMatchObject({ confirmed_count: 2, waitlist_count: 1 });
      // Signing up again after cancelling: the back of the queue.
      const back = (await register(people[0], e.id)).body as RegistrationResult;
      expect(back).toMatchObject({ created: true, registration: { status: 'waitlisted', waitlistPosition: 2 } });
    });

    it('is refused after the deadline: open at the deadline itself, closed one second after', async () => {
      const e = await publishedEvent({ capacity: 10 });
      const [atDeadline, late] = await registrants(2);
      const deadline = new Date(e.signupDeadline);
      clockAt = deadline;
      expect((await register(atDeadline, e.id)).status).toBe(200);
      clockAt = new Date(deadline.getTime() + 1000);
      const refused = await register(late, e.id);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'EVENT_SIGNUP_CLOSED' });
      expect((refused.body as { message: string }).message).toMatch(/^报名已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止$/);
      expect(await registrationsOf(e.id)).toHaveLength(1);
    });

    it('tells an enterprise outside the audience why, and an unbound user to bind first', async () => {
      const e = await publishedEvent({ audienceDistricts: ['岳塘区'], audienceIndustries: [] });
      const [outside] = await registrants(1, { district: '雨湖区' });
      const res = await register(outside, e.id);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'EVENT_AUDIENCE_MISMATCH',
        message: '本活动面向岳塘区的企业，贵企业所在区域为雨湖区，暂不能报名',
      });
      const [inside] = await registrants(1, { district: '岳塘区' });
      expect((await register(inside, e.id)).status).toBe(200);
      const unbound = await signInWechat(t);
      expect((await register(unbound, e.id)).status).toBe(404);
      expect(await registrationsOf(e.id)).toHaveLength(1);
    });
  });

  describe('check-in', () => {
    let e: EventDetail;
    let other: EventDetail;
    let guest: Registrant;
    let waiting: Registrant;

    beforeAll(async () => {
      e = await publishedEvent({ capacity: 1 });
      other = await publishedEvent({ capacity: 5 });
      [guest, waiting] = await registrants(2);
      await register(guest, e.id);
      await register(waiting, e.id);
      await register(guest, other.id);
    });

    it('checks in by the code of 我的报名 once; a second scan answers 200 and changes nothing; audited once', async () => {
      const item = await myCode(guest, e.id);
      expect(item.status).toBe('confirmed');
      expect(item.checkin!.code).toMatch(/^QSE1\./);
      const first = await checkin(butler, e.id, { code: item.checkin!.code });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ alreadyCheckedIn: false, attendance: { confirmed: 1, checkedIn: 1 } });
      const second = await checkin(butler, e.id, { code: item.checkin!.code });
      expect(second.status).toBe(200);
      expect(second.body as CheckinResult).toMatchObject({
        alreadyCheckedIn: true,
        checkedInAt: (first.body as CheckinResult).checkedInAt,
      });
      expect(await auditRows('staff.event.checked_in', item.id)).toHaveLength(1);
      // The waitlisted registrant has no code at all.
      expect((await myCode(waiting, e.id)).checkin).toBeNull();
    });

    it('refuses a forged code, another event’s code and an expired one, in Chinese', async () => {
      const item = await myCode(guest, other.id);
      const code = item.checkin!.code;
      const parts = code.split('.');
      const forged = [...parts.slice(0, 4), 'AAAAAAAAAAAAAAAAAAAAAA'].join('.');
      const res = await checkin(butler, other.id, { code: forged });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'CHECKIN_CODE_INVALID', message: expect.stringContaining('签到码无效') });
      // Someone else's registration id under a valid-looking but unsigned code.
      const swapped = [parts[0], randomUUID(), ...parts.slice(2)].join('.');
      expect((await checkin(butler, other.id, { code: swapped })).status).toBe(400);
      expect((await checkin(butler, other.id, { code: 'hello' })).status).toBe(400);
      expect((await checkin(butler, other.id, {})).status).toBe(400);
      expect((await checkin(butler, other.id, { code: null, registrationId: randomUUID() })).status).toBe(400);

      const wrongEvent = await checkin(butler, e.id, { code });
      expect(wrongEvent.status).toBe(400);
      expect(wrongEvent.body).toMatchObject({
        code: 'CHECKIN_CODE_INVALID',
        message: '该签到码不属于本场活动，请核对活动后重新扫描',
      });

      // Minted at a chosen instant: valid up to its expiry, refused one second after.
      const minted = new Date(Date.now());
      clockAt = minted;
      const fresh = (await myCode(guest, other.id)).checkin!;
      expect(new Date(fresh.expiresAt).getTime()).toBe(
        Math.floor(minted.getTime() / 1000) * 1000 + CHECKIN_CODE_TTL_SECONDS * 1000,
      );
      clockAt = new Date(new Date(fresh.expiresAt).getTime() + 1000);
      const expired = await checkin(butler, other.id, { code: fresh.code });
      expect(expired.status).toBe(400);
      expect(expired.body).toMatchObject({ code: 'CHECKIN_CODE_EXPIRED', message: expect.stringContaining('已过期') });
      clockAt = new Date(fresh.expiresAt);
      expect((await checkin(butler, other.id, { code: fresh.code })).status).toBe(200);
      const regs = await rows<{ checked_in_at: Date | null }>(
        `SELECT checked_in_at FROM event_registrations WHERE event_id = $1`,
        [other.id],
      );
      expect(regs.filter((r) => r.checked_in_at)).toHaveLength(1);
    });

    it('ticks the list: a waitlisted registration cannot be checked in; another event’s registration is 404', async () => {
      const [w] = await registrationsOf(e.id).then((r) => r.filter((x) => x.status === 'waitlisted'));
      const res = await checkin(butler, e.id, { registrationId: w.id });
      expect(res.status).toBe(409);
      expect((res.body as { message: string }).message).toContain('不能签到');
      const [g] = await registrationsOf(other.id);
      expect((await checkin(butler, e.id, { registrationId: g.id })).status).toBe(404);
    });

    it('lists registrations for staff with phones masked, attendance and no-shows once ended', async () => {
      await t.ds.query(`UPDATE users SET phone = '13812345678' WHERE id = $1`, [guest.user.id]);
      const res = await t.http.get(`/api/v1/staff/events/${e.id}/registrations`).set(butler.auth);
      expect(res.status).toBe(200);
      const page = res.body as StaffRegistrationPage;
      expect(page.items.map((i) => i.status)).toEqual(['confirmed', 'waitlisted']);
      expect(page.items[0]).toMatchObject({ phone: '138****5678', contactName: '联系人' });
      expect(page.items[1].waitlistPosition).toBe(1);
      expect(JSON.stringify(page)).not.toContain('13812345678');
      expect(page.attendance).toMatchObject({ confirmed: 1, waitlisted: 1, checkedIn: 1, noShow: null });
      clockAt = new Date(new Date(e.endsAt).getTime() + 1000);
      const after = (await t.http.get(`/api/v1/staff/events/${e.id}/registrations`).set(butler.auth))
        .body as StaffRegistrationPage;
      expect(after.attendance.noShow).toBe(0);
    });
  });

  describe('企业接待日', () => {
    it('turns a registration’s topic into a reception_day case in the right department’s queue, once', async () => {
      const e = await publishedEvent({
        kind: 'reception_day',
        title: '十二月企业接待日',
        speakers: '市长、市营商办主任',
      });
      const [p] = await registrants(1, { butlerId: butler.entity.id });
      const reg = await register(p, e.id, { topic: '厂房消防验收迟迟未办结，影响投产' });
      expect(reg.status).toBe(200);
      const regId = (reg.body as RegistrationResult).registration.id;
      const url = `/api/v1/staff/events/${e.id}/registrations/${regId}/case`;
      const first = await t.http.post(url).set(admin.auth).send({ departmentId: deptId });
      expect(first.status).toBe(201);
      const made = first.body as RegistrationCaseResult;
      expect(made).toMatchObject({ created: true, departmentId: deptId, state: 'submitted' });
      const [row] = await rows<{
        source: string;
        event_id: string;
        department_id: string;
        content: string;
        enterprise_id: string;
      }>(`SELECT source, event_id, department_id, content, enterprise_id FROM cases WHERE id = $1`, [made.caseId]);
      expect(row).toMatchObject({
        source: 'reception_day',
        event_id: e.id,
        department_id: deptId,
        enterprise_id: p.enterpriseId,
      });
      expect(row.content).toContain('厂房消防验收迟迟未办结');
      const again = await t.http.post(url).set(admin.auth).send({ departmentId: deptId });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ created: false, caseId: made.caseId });
      expect(await rows(`SELECT 1 FROM cases WHERE event_id = $1`, [e.id])).toHaveLength(1);
      expect(await auditRows('staff.event.registration_to_case', regId)).toHaveLength(1);

      // In the department's queue: a supervisor of that department sees it.
      const supervisor = await staffSession(t, Role.SUPERVISOR, deptId);
      const queue = await t.http.get('/api/v1/cases').set(supervisor.auth);
      expect(queue.status).toBe(200);
      expect((queue.body as Page<{ id: string }>).items.map((c) => c.id)).toContain(made.caseId);

      // Without a department: the enterprise's butler's department.
      const [q] = await registrants(1, { butlerId: butler.entity.id });
      const r2 = (await register(q, e.id, { topic: '希望协调用电增容' })).body as RegistrationResult;
      const byButler = await t.http
        .post(`/api/v1/staff/events/${e.id}/registrations/${r2.registration.id}/case`)
        .set(butler.auth)
        .send({});
      expect(byButler.status).toBe(201);
      expect(byButler.body).toMatchObject({ departmentId: homeDept });
    });

    it('refuses a lecture’s registration or one without a topic; another event’s registration is 404', async () => {
      const lecture = await publishedEvent();
      const [p] = await registrants(1);
      const r = (await register(p, lecture.id, { topic: '问题' })).body as RegistrationResult;
      const res = await t.http
        .post(`/api/v1/staff/events/${lecture.id}/registrations/${r.registration.id}/case`)
        .set(admin.auth)
        .send({});
      expect(res.status).toBe(409);
      expect((res.body as { message: string }).message).toBe('只有企业接待日的报名可以转为诉求');
      const day = await publishedEvent({ kind: 'reception_day' });
      const [q] = await registrants(1);
      const r2 = (await register(q, day.id)).body as RegistrationResult;
      const none = await t.http
        .post(`/api/v1/staff/events/${day.id}/registrations/${r2.registration.id}/case`)
        .set(admin.auth)
        .send({});
      expect(none.status).toBe(400);
      expect(
        (
          await t.http
            .post(`/api/v1/staff/events/${day.id}/registrations/${r.registration.id}/case`)
            .set(admin.auth)
            .send({})
        ).status,
      ).toBe(404);
    });
  });

  describe('我的报名, calendar, privacy', () => {
    it('serves a correct .ics (UTC times, escaped text); another enterprise’s registration is 404', async () => {
      const e = await publishedEvent({ title: '培训：财务,税务;合规', place: '湘潭经开区\n创业服务中心' });
      const [p, stranger] = await registrants(2);
      const r = (await register(p, e.id)).body as RegistrationResult;
      const res = await t.http.get(`/api/v1/me/registrations/${r.registration.id}/calendar.ics`).set(p.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const text = res.text;
      const start = new Date(e.startsAt)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      expect(text).toContain(`DTSTART:${start}`);
      expect(text).toMatch(/DTEND:\d{8}T\d{6}Z\r\n/);
      expect(text).toContain('SUMMARY:培训：财务\\,税务\\;合规');
      expect(text).toContain('LOCATION:湘潭经开区\\n创业服务中心');
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(
        (await t.http.get(`/api/v1/me/registrations/${r.registration.id}/calendar.ics`).set(stranger.auth)).status,
      ).toBe(404);
      // Another enterprise cannot cancel it either: they have none of their own here.
      expect((await cancel(stranger, e.id)).status).toBe(404);
      expect((await registrationsOf(e.id))[0].status).toBe('confirmed');
    });
  });

  describe('reminders', () => {
    it('sends the day-before and the hour-before reminder once each, however often it polls', async () => {
      const e = await publishedEvent({ capacity: 3 });
      const [a, b] = await registrants(2);
      await register(a, e.id);
      await register(b, e.id);
      await cancel(b, e.id);
      const reminders = t.app.get(EventRemindersService);
      const start = new Date(e.startsAt).getTime();
      clockAt = new Date(start - DAY - 60_000);
      expect(await reminders.sendDue()).toMatchObject({ day: 0, hour: 0 });
      clockAt = new Date(start - DAY);
      expect((await reminders.sendDue()).day).toBeGreaterThanOrEqual(1);
      await reminders.sendDue();
      clockAt = new Date(start - HOUR);
      expect((await reminders.sendDue()).hour).toBeGreaterThanOrEqual(1);
      await reminders.sendDue();
      const notices = await rows<{ user_id: string; body: string }>(
        `SELECT user_id, body FROM notifications WHERE kind = 'lecture' AND title = $1 ORDER BY created_at`,
        [`活动提醒：${e.title}`],
      );
      const mine = notices.filter((n) => n.user_id === a.user.id);
      expect(mine.map((n) => n.body.includes('明天'))).toEqual([true, false]);
      expect(mine[1].body).toContain('一小时后');
      // The cancelled registrant is not reminded.
      expect(notices.filter((n) => n.user_id === b.user.id)).toHaveLength(0);

      // The start moves a day later: the reminders are due again, for the new time.
      const later = new Date(start + DAY);
      const moved = await t.http
        .patch(`/api/v1/admin/events/${e.id}`)
        .set(admin.auth)
        .send({ startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 2 * HOUR).toISOString() });
      expect(moved.status).toBe(200);
      clockAt = new Date(later.getTime() - DAY);
      await reminders.sendDue();
      const afterMove = await rows<{ user_id: string }>(
        `SELECT user_id FROM notifications WHERE kind = 'lecture' AND title = $1 AND user_id = $2`,
        [`活动提醒：${e.title}`, a.user.id],
      );
      expect(afterMove).toHaveLength(3);
    });
  });
});
