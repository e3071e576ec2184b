import { randomUUID } from 'node:crypto';
import type {
  CaseDetail,
  CaseDetailStaff,
  CaseFollowUpItem,
  FollowUpListItem,
  Page,
  RatingAppealItem,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { dueAfter } from '@qsgj/shared/rules';
import { CaseCalendarService } from '../src/modules/cases/case-calendar.service';
import { CaseTime } from '../src/modules/cases/case-time';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInStaff,
  signInWechat,
  staffSession,
} from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 评价 over HTTP (docs/cases.md "Ratings"): once per case, only when resolved, only by its enterprise; the rater
 * is never shown to staff; a 差评 opens a follow-up due on the working day the shared rule says; the supervisor
 * records it, the enterprise rates the fix once; the rated butler appeals once and a lead upholds or voids.
 */
describe('case ratings (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;
  let other: SignedIn;
  let pending: SignedIn;
  let butler: SignedIn & { entity: { id: string } };
  let colleague: SignedIn;
  let supervisor: SignedIn & { entity: { id: string } };
  let otherSupervisor: SignedIn;
  let otherButler: SignedIn;
  let centre: SignedIn;
  let departmentId: string;
  /** The moment the case engine sees (CaseTime): the eve of National Day 2026. */
  const now = new Date('2026-09-30T10:00:00+08:00');

  async function bind(who: SignedIn, creditCode: string, name: string): Promise<void> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name, contactName: '张经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const act = (who: SignedIn, id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/cases/${id}/transitions`).set(who.auth).send(body);
  const rate = (who: SignedIn, id: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post(`/api/v1/cases/${id}/rating`).set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const count = async (sql: string, params: unknown[]) => ((await t.ds.query(sql, params)) as [{ n: number }])[0].n;

  /** A consultation of the owner's enterprise, accepted by its butler; resolved unless told otherwise. */
  async function newCase(resolved = true): Promise<string> {
    const created = await t.http
      .post('/api/v1/cases')
      .set(owner.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ type: 'consult', content: `请问评价测试 ${randomUUID()}` });
    if (created.status !== 201) throw new Error(`submit failed: ${created.status} ${JSON.stringify(created.body)}`);
    const id = (created.body as CaseDetail).id;
    const accepted = await act(butler, id, { action: 'accept', category: 'policy' });
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    if (resolved) {
      const done = await act(butler, id, { action: 'resolve' });
      if (done.status !== 200) throw new Error(`resolve failed: ${done.status} ${JSON.stringify(done.body)}`);
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(CaseTime).now = () => now;
    admin = await staffSession(t, Role.ADMIN);
    departmentId = (await createDepartment(t.ds)).id;
    butler = await staffSession(t, Role.BUTLER, departmentId);
    colleague = await staffSession(t, Role.BUTLER, departmentId);
    supervisor = await staffSession(t, Role.SUPERVISOR, departmentId);
    otherSupervisor = await staffSession(t, Role.SUPERVISOR);
    otherButler = await staffSession(t, Role.BUTLER);
    const centreDept = await createDepartment(t.ds, '营商环境协调中心');
    await t.ds.query(`UPDATE departments SET is_centre = true WHERE id = $1`, [centreDept.id]);
    centre = await signInStaff(
      t,
      (await createStaff(t.ds, { role: Role.SUPERVISOR, departmentId: centreDept.id })).username!,
    );
    owner = await signInWechat(t);
    const creditCode = makeCreditCode();
    await bind(owner, creditCode, '湘潭评价测试有限公司');
    const enterpriseId = (await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode })).id;
    const assigned = await t.http
      .put(`/api/v1/admin/enterprises/${enterpriseId}/butler`)
      .set(admin.auth)
      .send({ butlerId: butler.entity.id });
    if (assigned.status !== 200) throw new Error(`assign failed: ${assigned.status}`);
    pending = await signInWechat(t);
    await bind(pending, creditCode, '湘潭评价测试有限公司');
    other = await signInWechat(t);
    await bind(other, makeCreditCode(), '湘潭另一家评价有限公司');
  }, 90_000);
  afterAll(() => t?.close());

  it('refuses a rating before the case is resolved: 409 with a Chinese message, nothing stored', async () => {
    const id = await newCase(false);
    const res = await rate(owner, id, { level: 5 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CASE_NOT_IN_THIS_STATE');
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count(`SELECT count(*)::int AS n FROM case_ratings WHERE case_id = $1`, [id])).toBe(0);
  });

  it('answers 404 to another enterprise and to a pending member, 403 to staff', async () => {
    const id = await newCase();
    expect((await rate(other, id, { level: 5 })).status).toBe(404);
    expect((await rate(pending, id, { level: 5 })).status).toBe(404);
    expect((await rate(butler, id, { level: 5 })).status).toBe(403);
    expect((await rate(admin, id, { level: 5 })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM case_ratings WHERE case_id = $1`, [id])).toBe(0);
  });

  it('refuses a level outside 5..1 and a tag outside the list (400)', async () => {
    const id = await newCase();
    for (const body of [{ level: 0 }, { level: 6 }, { level: '5' }, { level: 5, tags: ['随便写'] }]) {
      const res = await rate(owner, id, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  describe('a good rating', () => {
    let id: string;
    const key = randomUUID();

    it('closes the case once: timeline, audit, rating row; no follow-up', async () => {
      id = await newCase();
      const res = await rate(owner, id, { level: 4, tags: ['响应及时'], comment: '  办得不错  ' }, key);
      expect(res.status).toBe(201);
      const c = res.body as CaseDetail;
      expect(c.state).toBe('closed');
      expect(c.rating).toEqual({
        level: 4,
        tags: ['响应及时'],
        comment: '办得不错',
        at: now.toISOString(),
        voided: false,
      });
      expect(c.followUp).toBeNull();
      expect(c).not.toHaveProperty('appeal');
      expect(c.timeline.at(-1)).toMatchObject({ action: 'rate', from: 'resolved', to: 'closed' });
      const [row] = (await t.ds.query(
        `SELECT level, rated_by, butler_id, voided FROM case_ratings WHERE case_id = $1`,
        [id],
      )) as { level: number; rated_by: string; butler_id: string; voided: boolean }[];
      expect(row).toEqual({ level: 4, rated_by: owner.user.id, butler_id: butler.entity.id, voided: false });
      expect(await count(`SELECT count(*)::int AS n FROM case_follow_ups WHERE case_id = $1`, [id])).toBe(0);
      const audit = (await t.ds.query(
        `SELECT action, details->>'action' AS step FROM audit_log WHERE target_type = 'case' AND target_id = $1 AND action IN ('case.transition', 'case.rated') ORDER BY id`,
        [id],
      )) as { action: string; step: string | null }[];
      expect(audit.slice(-2)).toEqual([
        { action: 'case.transition', step: 'rate' },
        { action: 'case.rated', step: null },
      ]);
    });

    it('replays a retry with the same Idempotency-Key, and refuses a second rating (409)', async () => {
      const retry = await rate(owner, id, { level: 4, tags: ['响应及时'], comment: '  办得不错  ' }, key);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const again = await rate(owner, id, { level: 1 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CASE_ALREADY_RATED', message: ERROR_MESSAGES.CASE_ALREADY_RATED });
      expect(await count(`SELECT count(*)::int AS n FROM case_ratings WHERE case_id = $1`, [id])).toBe(1);
    });

    it('shows staff the rating but never who rated', async () => {
      const res = await t.http.get(`/api/v1/cases/${id}`).set(butler.auth);
      expect(res.status).toBe(200);
      const c = res.body as CaseDetailStaff;
      expect(c.rating).toMatchObject({ level: 4, voided: false });
      expect(c.appeal).toBeNull();
      expect(c.timeline.at(-1)).toMatchObject({ action: 'rate', actor: { kind: 'enterprise', name: null } });
      expect(JSON.stringify(res.body)).not.toContain(owner.user.id);
      const [event] = (await t.ds.query(`SELECT actor_id FROM case_events WHERE case_id = $1 AND action = 'rate'`, [
        id,
      ])) as { actor_id: string | null }[];
      expect(event.actor_id).toBeNull();
    });
  });

  describe('a bad rating: follow-up (回访整改) and appeal (申诉复核)', () => {
    let id: string;
    let followUpId: string;

    it('opens a follow-up due 5 working days later by the shared rule (across National Day), telling the supervisor', async () => {
      id = await newCase();
      const res = await rate(owner, id, { level: 2, tags: ['响应慢'] });
      expect(res.status).toBe(201);
      const c = res.body as CaseDetail;
      const calendar = await t.app.get(CaseCalendarService).calendar();
      const due = dueAfter(now, 5, calendar);
      // 30 Sep + 5 working days: 8, 9, Sat 10 (调休), 12, 13 Oct.
      expect(due.toISOString()).toBe(new Date('2026-10-13T23:59:59.999+08:00').toISOString());
      expect(c.followUp).toMatchObject({ dueAt: due.toISOString(), outcome: null, rating: null });
      followUpId = c.followUp!.id;
      const notices = (await t.ds.query(`SELECT title FROM notifications WHERE user_id = $1`, [
        supervisor.entity.id,
      ])) as { title: string }[];
      expect(notices.map((n) => n.title)).toContainEqual(expect.stringContaining('差评待回访'));
      expect(JSON.stringify(notices)).not.toContain(owner.user.id);
    });

    it('lists it for the department supervisor and the centre, not another department; butlers 403', async () => {
      const mine = await t.http.get('/api/v1/follow-ups').set(supervisor.auth);
      expect(mine.status).toBe(200);
      const item = (mine.body as Page<FollowUpListItem>).items.find((f) => f.id === followUpId);
      expect(item).toMatchObject({ level: 2, case: { id }, overdue: false });
      expect(JSON.stringify(mine.body)).not.toContain(owner.user.id);
      const theirs = await t.http.get('/api/v1/follow-ups').set(otherSupervisor.auth);
      expect((theirs.body as Page<FollowUpListItem>).items.map((f) => f.id)).not.toContain(followUpId);
      const centreList = await t.http.get('/api/v1/follow-ups').set(centre.auth);
      expect((centreList.body as Page<FollowUpListItem>).items.map((f) => f.id)).toContain(followUpId);
      expect((await t.http.get('/api/v1/follow-ups').set(butler.auth)).status).toBe(403);
      expect((await t.http.get('/api/v1/follow-ups').set(owner.auth)).status).toBe(403);
    });

    it('pages the list with the keyset cursor', async () => {
      await rate(owner, await newCase(), { level: 1 });
      const first = await t.http.get('/api/v1/follow-ups?limit=1').set(supervisor.auth);
      const page1 = first.body as Page<FollowUpListItem>;
      expect(page1.items).toHaveLength(1);
      expect(page1.nextCursor).not.toBeNull();
      const second = await t.http.get(`/api/v1/follow-ups?limit=1&cursor=${page1.nextCursor}`).set(supervisor.auth);
      const page2 = second.body as Page<FollowUpListItem>;
      expect(page2.items).toHaveLength(1);
      expect(page2.items[0].id).not.toBe(page1.items[0].id);
    });

    it('lets the enterprise rate the fix only after the supervisor recorded it', async () => {
      const early = await t.http
        .post(`/api/v1/follow-ups/${followUpId}/rating`)
        .set(owner.auth)
        .send({ rating: 'satisfied' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('FOLLOW_UP_NOT_RECORDED');
    });

    it('the supervisor records contact and outcome once; the enterprise is told and sees it', async () => {
      const body = {
        contactMethod: 'phone',
        contactedAt: '2026-09-30T09:30:00+08:00',
        outcome: '已电话回访，说明情况',
      };
      expect((await t.http.post(`/api/v1/follow-ups/${followUpId}`).set(otherSupervisor.auth).send(body)).status).toBe(
        404,
      );
      expect((await t.http.post(`/api/v1/follow-ups/${followUpId}`).set(butler.auth).send(body)).status).toBe(403);
      const future = await t.http
        .post(`/api/v1/follow-ups/${followUpId}`)
        .set(supervisor.auth)
        .send({ ...body, contactedAt: '2026-09-30T11:00:00+08:00' });
      expect(future.status).toBe(400);
      const res = await t.http.post(`/api/v1/follow-ups/${followUpId}`).set(supervisor.auth).send(body);
      expect(res.status).toBe(200);
      expect(res.body as CaseFollowUpItem).toMatchObject({ contactMethod: 'phone', outcome: '已电话回访，说明情况' });
      const again = await t.http.post(`/api/v1/follow-ups/${followUpId}`).set(supervisor.auth).send(body);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FOLLOW_UP_ALREADY_RECORDED');
      const notices = (await t.ds.query(`SELECT title FROM notifications WHERE user_id = $1`, [owner.user.id])) as {
        title: string;
      }[];
      expect(notices.map((n) => n.title)).toContainEqual(expect.stringContaining('回访整改情况'));
      const detail = (await t.http.get(`/api/v1/cases/${id}`).set(owner.auth)).body as CaseDetail;
      expect(detail.followUp).toMatchObject({
        id: followUpId,
        contactMethod: 'phone',
        outcome: '已电话回访，说明情况',
      });
    });

    it('the enterprise rates the fix once; another enterprise 404, staff 403', async () => {
      const path = `/api/v1/follow-ups/${followUpId}/rating`;
      expect((await t.http.post(path).set(other.auth).send({ rating: 'satisfied' })).status).toBe(404);
      expect((await t.http.post(path).set(supervisor.auth).send({ rating: 'satisfied' })).status).toBe(403);
      expect((await t.http.post(path).set(owner.auth).send({ rating: 'great' })).status).toBe(400);
      const res = await t.http.post(path).set(owner.auth).send({ rating: 'basically_satisfied' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rating: 'basically_satisfied' });
      const again = await t.http.post(path).set(owner.auth).send({ rating: 'dissatisfied' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FOLLOW_UP_ALREADY_RATED');
      const [row] = (await t.ds.query(`SELECT fix_rating FROM case_follow_ups WHERE id = $1`, [followUpId])) as {
        fix_rating: string;
      }[];
      expect(row.fix_rating).toBe('basically_satisfied');
    });

    it('the rated butler appeals once; others cannot', async () => {
      const path = `/api/v1/cases/${id}/rating/appeal`;
      const body = { reason: '企业反映的问题已按政策答复' };
      expect((await t.http.post(path).set(otherButler.auth).send(body)).status).toBe(404);
      const notRated = await t.http.post(path).set(colleague.auth).send(body);
      expect(notRated.status).toBe(403);
      expect(notRated.body.code).toBe('RATING_APPEAL_NOT_ALLOWED');
      expect((await t.http.post(path).set(owner.auth).send(body)).status).toBe(403);
      expect((await t.http.post(path).set(admin.auth).send(body)).status).toBe(403);
      const unrated = await t.http
        .post(`/api/v1/cases/${await newCase()}/rating/appeal`)
        .set(butler.auth)
        .send(body);
      expect(unrated.status).toBe(409);
      expect(unrated.body.code).toBe('CASE_NOT_RATED');
      const res = await t.http.post(path).set(butler.auth).send(body);
      expect(res.status).toBe(201);
      expect(res.body as RatingAppealItem).toMatchObject({ caseId: id, reason: body.reason, decision: null });
      const again = await t.http.post(path).set(butler.auth).send(body);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RATING_ALREADY_APPEALED');
    });

    it('the staff view carries the pending appeal; only a lead who may decide it sees canDecide; never the enterprise', async () => {
      const staffView = async (who: SignedIn) => {
        const res = await t.http.get(`/api/v1/cases/${id}`).set(who.auth);
        expect(res.status).toBe(200);
        return (res.body as CaseDetailStaff).appeal;
      };
      const [row] = (await t.ds.query(`SELECT id, created_at FROM rating_appeals WHERE case_id = $1`, [id])) as {
        id: string;
        created_at: Date;
      }[];
      expect(await staffView(supervisor)).toEqual({
        id: row.id,
        caseId: id,
        reason: '企业反映的问题已按政策答复',
        createdAt: new Date(row.created_at).toISOString(),
        decision: null,
        decisionReason: null,
        decidedAt: null,
        canDecide: true,
      });
      expect(await staffView(centre)).toMatchObject({ id: row.id, canDecide: true });
      expect(await staffView(admin)).toMatchObject({ id: row.id, canDecide: true });
      // The appellant and a butler of the same department see it, and may not decide it.
      expect(await staffView(butler)).toMatchObject({ id: row.id, decision: null, canDecide: false });
      expect(await staffView(colleague)).toMatchObject({ id: row.id, canDecide: false });
      expect((await t.http.get(`/api/v1/cases/${id}`).set(otherSupervisor.auth)).status).toBe(404);

      // Every answer the enterprise gets about the case: no "appeal" key, nothing of the appeal.
      const one = await t.http.get(`/api/v1/cases/${id}`).set(owner.auth);
      const list = await t.http.get('/api/v1/cases').set(owner.auth);
      expect(one.status).toBe(200);
      expect(list.status).toBe(200);
      expect(one.body).not.toHaveProperty('appeal');
      expect((one.body as CaseDetail).rating).toMatchObject({ level: 2, voided: false });
      expect((list.body as Page<{ id: string }>).items.map((c) => c.id)).toContain(id);
      for (const res of [one, list]) {
        expect(res.text).not.toContain('"appeal"');
        expect(res.text).not.toContain(row.id);
        expect(res.text).not.toContain('企业反映的问题已按政策答复');
      }
    });

    it('a supervisor of the department voids it once: the rating no longer counts', async () => {
      const [{ id: appealId }] = (await t.ds.query(`SELECT id FROM rating_appeals WHERE case_id = $1`, [id])) as {
        id: string;
      }[];
      const path = `/api/v1/rating-appeals/${appealId}/decision`;
      const body = { uphold: false, reason: '经核实已按时答复' };
      expect((await t.http.post(path).set(otherSupervisor.auth).send(body)).status).toBe(404);
      expect((await t.http.post(path).set(butler.auth).send(body)).status).toBe(403);
      expect((await t.http.post(path).set(owner.auth).send(body)).status).toBe(403);
      expect((await t.http.post(path).set(supervisor.auth).send({ uphold: false, reason: ' ' })).status).toBe(400);
      const res = await t.http.post(path).set(supervisor.auth).send(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ decision: 'void', decisionReason: '经核实已按时答复' });
      const again = await t.http.post(path).set(centre.auth).send({ uphold: true, reason: '改判' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RATING_APPEAL_DECIDED');
      const [row] = (await t.ds.query(`SELECT voided FROM case_ratings WHERE case_id = $1`, [id])) as {
        voided: boolean;
      }[];
      expect(row.voided).toBe(true);
      const detail = (await t.http.get(`/api/v1/cases/${id}`).set(owner.auth)).body as CaseDetail;
      expect(detail.rating).toMatchObject({ level: 2, voided: true });
      expect(detail).not.toHaveProperty('appeal');
      // The decision is on the staff view; nobody may decide it again.
      for (const who of [supervisor, centre, butler]) {
        const staff = (await t.http.get(`/api/v1/cases/${id}`).set(who.auth)).body as CaseDetailStaff;
        expect(staff.rating).toMatchObject({ voided: true });
        expect(staff.appeal).toMatchObject({
          decision: 'void',
          decisionReason: '经核实已按时答复',
          decidedAt: now.toISOString(),
          canDecide: false,
        });
      }
    });

    it('the centre upholds another; a lead never decides their own appeal', async () => {
      // A supervisor serving as the case's butler appeals: they may not decide it themselves.
      const caseId = await newCase();
      await t.ds.query(`UPDATE cases SET butler_id = $1 WHERE id = $2`, [supervisor.entity.id, caseId]);
      expect((await rate(owner, caseId, { level: 1 })).status).toBe(201);
      const appealed = await t.http
        .post(`/api/v1/cases/${caseId}/rating/appeal`)
        .set(supervisor.auth)
        .send({ reason: '请复核' });
      expect(appealed.status).toBe(201);
      const path = `/api/v1/rating-appeals/${(appealed.body as RatingAppealItem).id}/decision`;
      const view = async (who: SignedIn) =>
        ((await t.http.get(`/api/v1/cases/${caseId}`).set(who.auth)).body as CaseDetailStaff).appeal;
      expect(await view(supervisor)).toMatchObject({ decision: null, canDecide: false });
      expect(await view(centre)).toMatchObject({ decision: null, canDecide: true });
      const own = await t.http.post(path).set(supervisor.auth).send({ uphold: false, reason: '自己撤销' });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('RATING_APPEAL_OWN');
      const res = await t.http.post(path).set(centre.auth).send({ uphold: true, reason: '评价属实' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ decision: 'uphold' });
      expect(await view(centre)).toMatchObject({ decision: 'uphold', decisionReason: '评价属实', canDecide: false });
      const [row] = (await t.ds.query(`SELECT voided FROM case_ratings WHERE case_id = $1`, [caseId])) as {
        voided: boolean;
      }[];
      expect(row.voided).toBe(false);
    });
  });
});
