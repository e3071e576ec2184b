import { randomUUID } from 'node:crypto';
import type { CaseDetail, CaseDetailStaff, CaseSummaryStaff, Page } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
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

const SEC = '/wxa/msg_sec_check';

/**
 * The content check of an enterprise's text (WeChat msg_sec_check v2, the fake's words: 「违规测试」 risky,
 * 「待审测试」 review). risky → 400 and nothing stored; review or WeChat failing → the case is kept in
 * `pending_check`, unseen by the department until the centre clears it; pass → submitted as before.
 */
describe('case content check (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;
  let butler: SignedIn & { entity: { id: string } };
  let supervisor: SignedIn;
  let centre: SignedIn;
  let departmentId: string;

  const submit = (who: SignedIn, body: Record<string, unknown>, key = randomUUID()) =>
    t.http.post('/api/v1/cases').set(who.auth).set('Idempotency-Key', key).send(body);
  const say = (who: SignedIn, id: string, content: string) =>
    t.http.post(`/api/v1/cases/${id}/messages`).set(who.auth).send({ content });
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    ((await t.ds.query(sql, params)) as [{ n: number }])[0].n;
  const listIds = async (who: SignedIn, query = ''): Promise<string[]> => {
    const res = await t.http.get(`/api/v1/cases${query}`).set(who.auth);
    expect(res.status).toBe(200);
    return (res.body as Page<CaseSummaryStaff>).items.map((c) => c.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    departmentId = (await createDepartment(t.ds)).id;
    butler = await staffSession(t, Role.BUTLER, departmentId);
    supervisor = await staffSession(t, Role.SUPERVISOR, departmentId);
    const centreDept = await createDepartment(t.ds, '营商环境协调中心');
    await t.ds.query(`UPDATE departments SET is_centre = true WHERE id = $1`, [centreDept.id]);
    centre = await signInStaff(
      t,
      (await createStaff(t.ds, { role: Role.SUPERVISOR, departmentId: centreDept.id })).username!,
    );
    owner = await signInWechat(t);
    const creditCode = makeCreditCode();
    const bound = await t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name: '湘潭内容审核测试有限公司', contactName: '张经理' });
    if (bound.status !== 201) throw new Error(`bind failed: ${bound.status}`);
    const enterpriseId = (await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode })).id;
    const assigned = await t.http
      .put(`/api/v1/admin/enterprises/${enterpriseId}/butler`)
      .set(admin.auth)
      .send({ butlerId: butler.entity.id });
    if (assigned.status !== 200) throw new Error(`assign failed: ${assigned.status}`);
  }, 90_000);
  afterEach(() => t.fake.reset());
  afterAll(() => t?.close());

  it('risky → 400 CONTENT_RISKY in Chinese; no case, timeline, audit, notice or idempotency row', async () => {
    const content = `这里有违规测试-${randomUUID()}`;
    const key = randomUUID();
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log`, []);
    const notices = await count(`SELECT count(*)::int AS n FROM notifications`, []);
    const res = await submit(owner, { type: 'complaint', content }, key);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'CONTENT_RISKY',
      message: '内容含有违规信息，请修改后再提交',
      details: [{ field: 'content', message: ERROR_MESSAGES.CONTENT_RISKY }],
      requestId: expect.any(String),
    });
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE content = $1`, [content])).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.content = $1`,
        [content],
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`, [])).toBe(audits);
    expect(await count(`SELECT count(*)::int AS n FROM notifications`, [])).toBe(notices);
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key])).toBe(0);
    // The same key with the text corrected is a fresh request: it goes through.
    const fixed = await submit(owner, { type: 'complaint', content: content.replace('违规测试', '噪音扰民') }, key);
    expect(fixed.status).toBe(201);
    expect((fixed.body as CaseDetail).state).toBe('submitted');
  });

  it('pass → submitted with its clocks, seen by the department, its butler told', async () => {
    const res = await submit(owner, { type: 'consult', content: '请问创业补贴如何申请？' });
    expect(res.status).toBe(201);
    const c = res.body as CaseDetail;
    expect(c.state).toBe('submitted');
    expect(c.expectedBy).not.toBeNull();
    const [row] = (await t.ds.query(`SELECT state, accept_due_at, resolve_due_at FROM cases WHERE id = $1`, [
      c.id,
    ])) as [{ state: string; accept_due_at: Date | null; resolve_due_at: Date | null }];
    expect(row).toMatchObject({
      state: 'submitted',
      accept_due_at: expect.any(Date),
      resolve_due_at: expect.any(Date),
    });
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set(butler.auth)).status).toBe(200);
    expect(
      await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title LIKE $2`, [
        butler.entity.id,
        `%${c.number}%`,
      ]),
    ).toBe(1);
  });

  describe.each([
    ['review', () => undefined, `待审测试：园区道路问题-${randomUUID()}`],
    ['WeChat failing', () => t.fake.failAlways(SEC, -1), `园区道路问题（微信故障）-${randomUUID()}`],
    ['WeChat unreachable', () => t.fake.dropNext(SEC), `园区道路问题（微信不通）-${randomUUID()}`],
  ])('%s → pending_check', (_label, trouble, content) => {
    it('is kept, never lost: stored in pending_check with no clock; the enterprise sees 审核中', async () => {
      trouble();
      const res = await submit(owner, { type: 'complaint', content });
      expect(res.status).toBe(201);
      const c = res.body as CaseDetail;
      expect(c).toMatchObject({ state: 'pending_check', content, allowedActions: [], expectedBy: null });
      const [row] = (await t.ds.query(
        `SELECT state, accept_due_at, resolve_due_at, resolve_warn_at, accept_clock, resolve_clock FROM cases WHERE id = $1`,
        [c.id],
      )) as [Record<string, unknown>];
      expect(row).toEqual({
        state: 'pending_check',
        accept_due_at: null,
        resolve_due_at: null,
        resolve_warn_at: null,
        accept_clock: null,
        resolve_clock: null,
      });
      const events = (await t.ds.query(`SELECT action, to_state FROM case_events WHERE case_id = $1`, [c.id])) as [];
      expect(events).toEqual([{ action: 'create', to_state: 'pending_check' }]);
      const [audit] = (await t.ds.query(
        `SELECT details->>'pendingCheck' AS held FROM audit_log WHERE target_id = $1 AND action = 'case.created'`,
        [c.id],
      )) as [{ held: string }];
      expect(audit.held).toBe('true');
      // The butler is not told of a case they cannot see.
      expect(
        await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title LIKE $2`, [
          butler.entity.id,
          `%${c.number}%`,
        ]),
      ).toBe(0);
      const mine = await t.http.get(`/api/v1/cases/${c.id}`).set(owner.auth);
      expect(mine.body).toMatchObject({ state: 'pending_check' });
      expect(await listIds(owner)).toContain(c.id);

      // The department: 404 on the detail, absent from every list (a filter cannot widen it), no message.
      for (const who of [butler, supervisor]) {
        expect((await t.http.get(`/api/v1/cases/${c.id}`).set(who.auth)).status).toBe(404);
        expect(await listIds(who)).not.toContain(c.id);
        expect(await listIds(who, '?state=pending_check')).toEqual([]);
        expect((await say(who, c.id, '你好')).status).toBe(404);
      }
      // The centre and admins see it, and only they may clear it.
      expect(await listIds(centre, '?state=pending_check')).toContain(c.id);
      expect((await t.http.get(`/api/v1/cases/${c.id}`).set(admin.auth)).status).toBe(200);
      const seen = await t.http.get(`/api/v1/cases/${c.id}`).set(centre.auth);
      expect((seen.body as CaseDetailStaff).allowedActions).toEqual(expect.arrayContaining(['clear_check', 'reject']));

      t.fake.reset(); // WeChat back: clearing does not ask it again
      const cleared = await t.http
        .post(`/api/v1/cases/${c.id}/transitions`)
        .set(centre.auth)
        .send({ action: 'clear_check' });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ state: 'submitted' });
      const [after] = (await t.ds.query(`SELECT state, accept_due_at, resolve_due_at FROM cases WHERE id = $1`, [
        c.id,
      ])) as [{ state: string; accept_due_at: Date | null; resolve_due_at: Date | null }];
      expect(after).toMatchObject({
        state: 'submitted',
        accept_due_at: expect.any(Date),
        resolve_due_at: expect.any(Date),
      });
      expect((await t.http.get(`/api/v1/cases/${c.id}`).set(butler.auth)).status).toBe(200);
      expect(await listIds(butler)).toContain(c.id);
      expect(
        ((await t.http.get(`/api/v1/cases/${c.id}`).set(owner.auth)).body as CaseDetail).expectedBy,
      ).not.toBeNull();
      // …and now its butler hears of it.
      expect(
        await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title LIKE $2`, [
          butler.entity.id,
          `%${c.number}%`,
        ]),
      ).toBe(1);
    });
  });

  it('the department cannot clear a held case; the centre may reject it with a reason', async () => {
    const c = (await submit(owner, { type: 'consult', content: `待审测试-${randomUUID()}` })).body as CaseDetail;
    expect(c.state).toBe('pending_check');
    const asButler = await t.http
      .post(`/api/v1/cases/${c.id}/transitions`)
      .set(butler.auth)
      .send({ action: 'clear_check' });
    expect(asButler.status).toBe(404);
    const rejected = await t.http
      .post(`/api/v1/cases/${c.id}/transitions`)
      .set(centre.auth)
      .send({ action: 'reject', reason: '内容与营商诉求无关' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected' });
  });

  describe('messages', () => {
    let open: CaseDetail;
    beforeAll(async () => {
      open = (await submit(owner, { type: 'consult', content: '请问社保补贴如何申请？' })).body as CaseDetail;
    });
    const stored = (id: string, content: string) =>
      count(`SELECT count(*)::int AS n FROM case_messages WHERE case_id = $1 AND content = $2`, [id, content]);

    it('the enterprise: risky → 400 CONTENT_RISKY, review → 400, WeChat failing → 503; nothing stored', async () => {
      const risky = await say(owner, open.id, '违规测试的留言');
      expect(risky.status).toBe(400);
      expect(risky.body).toMatchObject({ code: 'CONTENT_RISKY', message: '内容含有违规信息，请修改后再提交' });
      const review = await say(owner, open.id, '待审测试的留言');
      expect(review.status).toBe(400);
      expect(review.body).toMatchObject({ code: 'CONTENT_NEEDS_REVIEW', message: ERROR_MESSAGES.CONTENT_NEEDS_REVIEW });
      t.fake.failAlways(SEC, 45009);
      const down = await say(owner, open.id, '微信故障时的留言');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ code: 'CONTENT_CHECK_UNAVAILABLE' });
      for (const text of ['违规测试的留言', '待审测试的留言', '微信故障时的留言'])
        expect(await stored(open.id, text)).toBe(0);
      t.fake.recover(SEC);
      expect((await say(owner, open.id, '正常的留言')).status).toBe(201);
      expect(await stored(open.id, '正常的留言')).toBe(1);
    });

    it('staff replies are not checked (staff have no openid): stored even while WeChat fails', async () => {
      t.fake.failAlways(SEC, -1);
      expect((await say(butler, open.id, '待审测试：管家的答复')).status).toBe(201);
      expect(await stored(open.id, '待审测试：管家的答复')).toBe(1);
    });

    it('on a held case a review / failed message is kept (the department cannot see it); risky is still refused', async () => {
      const held = (await submit(owner, { type: 'consult', content: `待审测试-${randomUUID()}` })).body as CaseDetail;
      t.fake.failAlways(SEC, -1);
      expect((await say(owner, held.id, '补充一句（微信故障）')).status).toBe(201);
      t.fake.recover(SEC);
      expect((await say(owner, held.id, '待审测试的补充')).status).toBe(201);
      expect((await say(owner, held.id, '违规测试的补充')).status).toBe(400);
      expect(await stored(held.id, '补充一句（微信故障）')).toBe(1);
      expect(await stored(held.id, '违规测试的补充')).toBe(0);
      expect((await t.http.get(`/api/v1/cases/${held.id}`).set(butler.auth)).status).toBe(404);
    });

    it("another enterprise's case answers 404 before WeChat is asked", async () => {
      const stranger = await signInWechat(t);
      // Risky text would be 400 had WeChat been asked first.
      expect((await say(stranger, open.id, '违规测试')).status).toBe(404);
    });
  });

  it('staff-recorded cases are not checked: submitted even while WeChat fails', async () => {
    t.fake.failAlways(SEC, -1);
    const enterpriseId = (
      (await t.ds.query(`SELECT enterprise_id FROM cases LIMIT 1`)) as [{ enterprise_id: string }]
    )[0].enterprise_id;
    const res = await t.http
      .post('/api/v1/cases/record')
      .set(butler.auth)
      .send({ type: 'appeal', source: 'hotline_12345', enterpriseId, content: '待审测试：12345 来电反映' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'submitted' });
  });
});
