import { randomUUID } from 'node:crypto';
import type {
  CalendarYearResponse,
  CaseDetail,
  CaseDetailStaff,
  CaseOptionsResponse,
  CaseSummaryStaff,
  Page,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { readClock, shanghaiDay } from '@qsgj/shared/rules';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { onPostgres } from './medium/medium';
import {
  createDepartment,
  createStaff,
  makeCreditCode,
  type SignedIn,
  signInStaff,
  signInWechat,
  staffSession,
} from './utils/factories';
import { png } from './utils/images';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * Cases over HTTP: the happy path with its rows and timeline, who sees what (another enterprise, a butler of
 * another department, a signed-out visitor, the department concerned by an anonymous complaint), refusals, the
 * required Idempotency-Key and the admin's calendar. Deadlines on chosen days: test/medium/cases.medium-spec.ts.
 */
describe('cases (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;
  let other: SignedIn;
  let pending: SignedIn;
  let butler: SignedIn & { entity: { id: string } };
  let otherButler: SignedIn;
  let centre: SignedIn;
  let departmentId: string;
  let enterpriseId: string;
  let enterpriseName: string;

  async function bind(who: SignedIn, creditCode: string, name: string): Promise<void> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name, contactName: '张经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  const submit = (who: SignedIn, body: Record<string, unknown>, key: string | null = randomUUID()) => {
    const req = t.http.post('/api/v1/cases').set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const act = (who: SignedIn, id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/cases/${id}/transitions`).set(who.auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    departmentId = (await createDepartment(t.ds)).id;
    butler = await staffSession(t, Role.BUTLER, departmentId);
    otherButler = await staffSession(t, Role.BUTLER);
    const centreDept = await createDepartment(t.ds, '营商环境协调中心');
    await t.ds.query(`UPDATE departments SET is_centre = true WHERE id = $1`, [centreDept.id]);
    centre = await signInStaff(
      t,
      (await createStaff(t.ds, { role: Role.SUPERVISOR, departmentId: centreDept.id })).username!,
    );

    owner = await signInWechat(t);
    const creditCode = makeCreditCode();
    enterpriseName = '湘潭诉求测试有限公司';
    await bind(owner, creditCode, enterpriseName);
    enterpriseId = (await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode })).id;
    const assigned = await t.http
      .put(`/api/v1/admin/enterprises/${enterpriseId}/butler`)
      .set(admin.auth)
      .send({ butlerId: butler.entity.id });
    if (assigned.status !== 200) throw new Error(`assign failed: ${assigned.status}`);
    pending = await signInWechat(t);
    await bind(pending, creditCode, enterpriseName);
    other = await signInWechat(t);
    await bind(other, makeCreditCode(), '湘潭另一家有限公司');
  }, 90_000);
  afterAll(() => t?.close());

  it('refuses POST /cases without an Idempotency-Key: 400 with a Chinese message, nothing stored', async () => {
    const res = await submit(owner, { type: 'consult', content: '没有请求编号' }, null);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      message: ERROR_MESSAGES.IDEMPOTENCY_KEY_REQUIRED,
    });
    const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE content = '没有请求编号'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('refuses a pending member (404 ENTERPRISE_NOT_BOUND) and staff (403)', async () => {
    expect((await submit(pending, { type: 'consult', content: '待审核成员' })).body.code).toBe('ENTERPRISE_NOT_BOUND');
    expect((await submit(butler, { type: 'consult', content: '管家' })).status).toBe(403);
  });

  describe('the happy path: submit → accept → request_info → supplement → resolve', () => {
    const SECRET = `内部备注-${randomUUID()}`;
    let id: string;
    /** Every answer the enterprise got, to search for the internal note. */
    const enterpriseAnswers: unknown[] = [];
    const asEnterprise = <T extends { body: unknown }>(res: T) => (enterpriseAnswers.push(res.body), res);

    it('runs the whole path, with its rows, timeline, audit and notices', async () => {
      const created = asEnterprise(
        await submit(owner, { type: 'consult', content: '请问高新技术企业认定需要哪些材料？' }),
      );
      expect(created.status).toBe(201);
      const c = created.body as CaseDetail;
      id = c.id;
      expect(c).toMatchObject({ type: 'consult', source: 'miniapp', state: 'submitted', allowedActions: [] });
      expect(c.number).toMatch(/^QS\d{8}-\d{4}$/);
      expect(c.department).toEqual({ id: departmentId, name: expect.any(String) });
      expect(c.expectedBy).not.toBeNull();

      const staffView = await t.http.get(`/api/v1/cases/${id}`).set(butler.auth);
      expect(staffView.status).toBe(200);
      expect((staffView.body as CaseDetailStaff).allowedActions).toEqual(
        expect.arrayContaining(['accept', 'reject', 'transfer', 'convert']),
      );
      expect((staffView.body as CaseDetailStaff).enterprise).toEqual({ id: enterpriseId, name: enterpriseName });
      expect((staffView.body as CaseDetailStaff).contact).toEqual({ name: '张经理', phone: null });

      const accepted = await act(butler, id, { action: 'accept', category: 'policy' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ state: 'accepted', category: 'policy' });

      const noted = await t.http.post(`/api/v1/cases/${id}/notes`).set(butler.auth).send({ content: SECRET });
      expect(noted.status).toBe(201);
      expect((noted.body as CaseDetailStaff).notes.map((n) => n.content)).toEqual([SECRET]);

      const asked = await act(butler, id, { action: 'request_info', reason: '请补充营业执照复印件' });
      expect(asked.body).toMatchObject({ state: 'awaiting_enterprise', paused: true });

      const seen = asEnterprise(await t.http.get(`/api/v1/cases/${id}`).set(owner.auth));
      expect((seen.body as CaseDetail).allowedActions).toEqual(['supplement']);
      const supplied = asEnterprise(await act(owner, id, { action: 'supplement', reason: '已上传，请查收' }));
      expect(supplied.status).toBe(200);
      expect(supplied.body).toMatchObject({ state: 'accepted', paused: false });

      const reply = await t.http
        .post(`/api/v1/cases/${id}/messages`)
        .set(butler.auth)
        .send({ content: '材料齐全，需要提交的清单如下……' });
      expect(reply.status).toBe(201);
      const mine = asEnterprise(
        await t.http.post(`/api/v1/cases/${id}/messages`).set(owner.auth).send({ content: '好的，谢谢' }),
      );
      expect((mine.body as CaseDetail).messages.map((m) => m.author.kind)).toEqual(['staff', 'enterprise']);

      const resolved = await act(butler, id, { action: 'resolve' });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ state: 'resolved', awaitingRating: true });

      const [row] = (await t.ds.query(
        `SELECT state, category, accept_due_at, resolve_due_at, resolve_clock FROM cases WHERE id = $1`,
        [id],
      )) as Array<{
        state: string;
        category: string;
        accept_due_at: Date | null;
        resolve_due_at: Date | null;
        resolve_clock: { stoppedAt: string | null; pauses: unknown[] };
      }>;
      expect(row).toMatchObject({ state: 'resolved', category: 'policy', accept_due_at: null, resolve_due_at: null });
      expect(row.resolve_clock.stoppedAt).not.toBeNull();
      expect(row.resolve_clock.pauses).toHaveLength(1);

      const events = (await t.ds.query(
        `SELECT seq, action, actor_kind, from_state, to_state, payload FROM case_events WHERE case_id = $1 ORDER BY seq`,
        [id],
      )) as Array<{
        seq: number;
        action: string;
        actor_kind: string;
        from_state: string | null;
        to_state: string;
        payload: Record<string, unknown>;
      }>;
      expect(events.map((e) => [e.seq, e.action, e.actor_kind, e.from_state, e.to_state])).toEqual([
        [1, 'create', 'enterprise', null, 'submitted'],
        [2, 'accept', 'butler', 'submitted', 'accepted'],
        [3, 'request_info', 'butler', 'accepted', 'awaiting_enterprise'],
        [4, 'supplement', 'enterprise', 'awaiting_enterprise', 'accepted'],
        [5, 'resolve', 'butler', 'accepted', 'resolved'],
      ]);
      expect(events[2].payload).toEqual({ reason: '请补充营业执照复印件' });

      const timeline = asEnterprise(await t.http.get(`/api/v1/cases/${id}`).set(owner.auth));
      expect((timeline.body as CaseDetail).timeline.map((e) => e.action)).toEqual([
        'create',
        'accept',
        'request_info',
        'supplement',
        'resolve',
      ]);

      const audits = (await t.ds.query(
        `SELECT action, details->>'action' AS step FROM audit_log WHERE target_type = 'case' AND target_id = $1 ORDER BY id`,
        [id],
      )) as Array<{ action: string; step: string | null }>;
      expect(audits.map((a) => a.step ?? a.action)).toEqual([
        'case.created',
        'accept',
        'case.note',
        'request_info',
        'supplement',
        'case.message',
        'case.message',
        'resolve',
      ]);

      // The enterprise was told of every transition but its own supplement, and of the staff reply.
      const notices = (await t.ds.query(
        `SELECT title, link FROM notifications WHERE user_id = $1 ORDER BY created_at`,
        [owner.user.id],
      )) as Array<{ title: string; link: string | null }>;
      // Each opens the case in 我的诉求 (the enterprise's page, never the workbench's).
      const about = notices.filter((n) => n.title.startsWith('诉求'));
      expect(new Set(about.map((n) => n.link))).toEqual(new Set([`/packages/cases/pages/detail/index?id=${id}`]));
      expect(about.map((n) => n.title.split('：')[0])).toEqual([
        '诉求受理',
        '诉求要求补充材料',
        '诉求有新回复',
        '诉求办结',
      ]);
    });

    it('never shows the internal note in an enterprise-facing answer (raw JSON), and shows it to staff', async () => {
      asEnterprise(await t.http.get('/api/v1/cases').set(owner.auth));
      asEnterprise(await t.http.get(`/api/v1/cases/${id}`).set(owner.auth));
      expect(enterpriseAnswers.length).toBeGreaterThanOrEqual(7);
      for (const body of enterpriseAnswers) expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(JSON.stringify((await t.http.get(`/api/v1/cases/${id}`).set(butler.auth)).body)).toContain(SECRET);
    });

    it('refuses what the table refuses: 409 with the shared Chinese message; a missing field 400', async () => {
      const again = await act(butler, id, { action: 'resolve' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'CASE_NOT_IN_THIS_STATE',
        message: '诉求当前为「已办结」，不能「办结」，请刷新后重试',
      });
      const byEnterprise = await act(owner, id, { action: 'close' });
      expect(byEnterprise.status).toBe(409);
      expect(byEnterprise.body).toMatchObject({
        code: 'CASE_ACTOR_NOT_ALLOWED',
        message: '企业不能对该诉求执行「关闭」',
      });

      const complaint = (await submit(owner, { type: 'complaint', content: '审批窗口推诿' })).body as CaseDetail;
      const convert = await act(butler, complaint.id, { action: 'convert', toType: 'appeal' });
      expect(convert.status).toBe(409);
      expect(convert.body).toMatchObject({ code: 'CASE_TYPE_NOT_ALLOWED', message: '只有咨询可以转为投诉或诉求反映' });
      const noReason = await act(butler, complaint.id, { action: 'reject' });
      expect(noReason.status).toBe(400);
      expect(noReason.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '请填写不予受理的理由',
        details: [{ field: 'reason', message: '请填写不予受理的理由' }],
      });
      const extra = await act(butler, complaint.id, { action: 'accept', category: 'tax', reason: '夹带' });
      expect(extra.status).toBe(400);
      expect(extra.body.details).toEqual([{ field: 'reason', message: '「受理」不需要填写理由' }]);
      const [{ state }] = (await t.ds.query(`SELECT state FROM cases WHERE id = $1`, [complaint.id])) as Array<{
        state: string;
      }>;
      expect(state).toBe('submitted');
    });

    it('answers 404 to another enterprise, a pending member and a butler of another department on every case route; 401 signed out', async () => {
      const calls: Array<[string, string, Record<string, unknown>?]> = [
        ['get', `/api/v1/cases/${id}`],
        ['post', `/api/v1/cases/${id}/messages`, { content: '打探' }],
        ['post', `/api/v1/cases/${id}/transitions`, { action: 'supplement', reason: '打探' }],
        ['post', `/api/v1/cases/${id}/notes`, { content: '打探' }],
      ];
      for (const [method, path, body] of calls) {
        const call = (who?: SignedIn) => {
          const req = method === 'get' ? t.http.get(path) : t.http.post(path);
          if (who) req.set(who.auth);
          return body ? req.send(body) : req;
        };
        expect([path, (await call()).status]).toEqual([path, 401]);
        expect([path, (await call(otherButler)).status]).toEqual([path, 404]);
        // Notes are staff-only: enterprise users are refused by role first.
        const enterpriseStatus = path.endsWith('/notes') ? 403 : 404;
        expect([path, (await call(other)).status]).toEqual([path, enterpriseStatus]);
        expect([path, (await call(pending)).status]).toEqual([path, enterpriseStatus]);
      }
      for (const who of [other, otherButler, pending]) {
        const list = await t.http.get('/api/v1/cases').query({ departmentId, unassigned: 'false' }).set(who.auth);
        expect(list.status).toBe(200);
        expect((list.body as Page<{ id: string }>).items.map((c) => c.id)).not.toContain(id);
      }
      expect((await t.http.get('/api/v1/cases')).status).toBe(401);
    });

    it('lists the case for its enterprise, its butler and the centre; filters narrow', async () => {
      for (const who of [owner, butler, centre, admin]) {
        const list = await t.http.get('/api/v1/cases').set(who.auth);
        expect((list.body as Page<{ id: string }>).items.map((c) => c.id)).toContain(id);
      }
      const resolved = await t.http.get('/api/v1/cases').query({ state: 'submitted' }).set(butler.auth);
      expect((resolved.body as Page<{ id: string }>).items.map((c) => c.id)).not.toContain(id);
      const page = await t.http.get('/api/v1/cases').query({ limit: 1 }).set(butler.auth);
      expect((page.body as Page<unknown>).items).toHaveLength(1);
      const next = await t.http
        .get('/api/v1/cases')
        .query({ limit: 1, cursor: (page.body as Page<unknown>).nextCursor })
        .set(butler.auth);
      expect(next.status).toBe(200);
      expect((next.body as Page<{ id: string }>).items[0].id).not.toBe((page.body as Page<{ id: string }>).items[0].id);
    });
  });

  it('hides an anonymous complaint’s enterprise from the department concerned; the centre sees it, audited', async () => {
    const created = await submit(owner, { type: 'complaint', content: '某窗口办事拖延', anonymous: true });
    expect(created.status).toBe(201);
    const id = (created.body as CaseDetail).id;
    const seen = (await t.http.get(`/api/v1/cases/${id}`).set(butler.auth)).body as CaseDetailStaff;
    expect(seen.enterprise).toEqual({ id: null, name: '匿名企业' });
    expect(seen.contact).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(enterpriseName);
    const listed = (await t.http.get('/api/v1/cases').set(butler.auth)).body as Page<CaseSummaryStaff>;
    const item = listed.items.find((c) => c.id === id);
    expect(item?.enterprise).toEqual({ id: null, name: '匿名企业' });
    expect(JSON.stringify(item)).not.toContain(enterpriseName);

    const byCentre = (await t.http.get(`/api/v1/cases/${id}`).set(centre.auth)).body as CaseDetailStaff;
    expect(byCentre.enterprise).toEqual({ id: enterpriseId, name: enterpriseName });
    const audited = (await t.ds.query(
      `SELECT actor_id FROM audit_log WHERE action = 'case.identity_viewed' AND target_id = $1`,
      [id],
    )) as Array<{ actor_id: string }>;
    expect(audited.map((a) => a.actor_id)).toEqual([centre.user.id]);
  });

  it('lets staff record a case on an enterprise’s behalf; its owner is told', async () => {
    const res = await t.http
      .post('/api/v1/cases/record')
      .set(otherButler.auth)
      .send({ source: 'hotline_12345', enterpriseId, type: 'appeal', content: '12345 转来：用电报装进度' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'hotline_12345', type: 'appeal', state: 'submitted' });
    expect((res.body as CaseDetailStaff).department?.id).toBe(departmentId);
    const seenByOwner = await t.http.get(`/api/v1/cases/${(res.body as CaseDetail).id}`).set(owner.auth);
    expect(seenByOwner.status).toBe(200);
    const [notice] = (await t.ds.query(
      `SELECT title FROM notifications WHERE user_id = $1 AND title LIKE '已为您登记%'`,
      [owner.user.id],
    )) as Array<{ title: string }>;
    expect(notice?.title).toContain((res.body as CaseDetail).number);
    const bad = await t.http
      .post('/api/v1/cases/record')
      .set(otherButler.auth)
      .send({ source: 'miniapp', enterpriseId, type: 'appeal', content: 'x' });
    expect(bad.status).toBe(400);
  });

  it('attaches the enterprise’s uploads to its case and serves them only to those who see the case', async () => {
    const upload = await t.http
      .post('/api/v1/files/images')
      .set(owner.auth)
      .attach('file', png(2, 2), { filename: 'a.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    const fileId = (upload.body as { id: string }).id;
    const created = await submit(owner, { type: 'complaint', content: '现场照片见附件', images: [fileId] });
    expect(created.status).toBe(201);
    const c = created.body as CaseDetail;
    expect(c.images).toEqual([{ id: fileId, url: `/api/v1/cases/${c.id}/images/${fileId}` }]);
    const [row] = (await t.ds.query(`SELECT owner_kind, owner_id FROM files WHERE id = $1`, [fileId])) as Array<{
      owner_kind: string;
      owner_id: string;
    }>;
    expect(row).toEqual({ owner_kind: 'case', owner_id: c.id });

    for (const who of [owner, butler, centre]) {
      const res = await t.http.get(c.images[0].url).set(who.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const who of [other, otherButler, pending])
      expect((await t.http.get(c.images[0].url).set(who.auth)).status).toBe(404);
    expect((await t.http.get(c.images[0].url)).status).toBe(401);

    // Used once: another case cannot take the same upload; nothing of that case is stored.
    const reused = await submit(owner, { type: 'complaint', content: '再用一次同一张图', images: [fileId] });
    expect(reused.status).toBe(400);
    expect(reused.body.details).toEqual([{ field: 'images[0]', message: '图片已被使用，请重新上传' }]);
    const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE content = '再用一次同一张图'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('carries images on messages (补充材料 photos): shown on the message, served to whoever sees the case, never reused', async () => {
    const created = (await submit(owner, { type: 'complaint', content: '留言图片测试' })).body as CaseDetail;
    const up = async (who: SignedIn) =>
      (
        (
          await t.http
            .post('/api/v1/files/images')
            .set(who.auth)
            .attach('file', png(3, 3), { filename: 'p.png', contentType: 'image/png' })
        ).body as { id: string }
      ).id;
    const mine = await up(owner);
    const res = await t.http
      .post(`/api/v1/cases/${created.id}/messages`)
      .set(owner.auth)
      .send({ content: '补充现场照片', images: [mine] });
    expect(res.status).toBe(201);
    const msg = (res.body as CaseDetail).messages.find((x) => x.content === '补充现场照片')!;
    const url = `/api/v1/cases/${created.id}/images/${mine}`;
    expect(msg.images).toEqual([{ id: mine, url }]);
    const [row] = (await t.ds.query(`SELECT owner_kind, owner_id FROM files WHERE id = $1`, [mine])) as Array<{
      owner_kind: string;
      owner_id: string;
    }>;
    expect(row).toEqual({ owner_kind: 'case_message', owner_id: msg.id });
    // The case's own images stay the case's; the butler sees the message's image too.
    expect((res.body as CaseDetail).images).toEqual([]);
    const staffView = (await t.http.get(`/api/v1/cases/${created.id}`).set(butler.auth)).body as CaseDetailStaff;
    expect(staffView.messages.find((x) => x.id === msg.id)?.images).toEqual([{ id: mine, url }]);
    for (const who of [owner, butler, centre]) expect((await t.http.get(url).set(who.auth)).status).toBe(200);
    for (const who of [other, otherButler, pending]) expect((await t.http.get(url).set(who.auth)).status).toBe(404);
    // The image under another case's route: 404 (a file is served only under its own case).
    const another = (await submit(owner, { type: 'consult', content: '另一件诉求' })).body as CaseDetail;
    expect((await t.http.get(`/api/v1/cases/${another.id}/images/${mine}`).set(owner.auth)).status).toBe(404);

    // Someone else's upload, or one already used: 400, and no message is stored.
    const theirs = await up(other);
    for (const images of [[theirs], [mine]]) {
      const refused = await t.http
        .post(`/api/v1/cases/${created.id}/messages`)
        .set(owner.auth)
        .send({ content: '不应保存的留言', images });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('images[0]');
    }
    const [{ n }] = (await t.ds.query(
      `SELECT count(*)::int AS n FROM case_messages WHERE content = '不应保存的留言'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  describe('the admin calendar', () => {
    it('has 2026 from the chinese-days data and not 2027', async () => {
      const y2026 = (await t.http.get('/api/v1/admin/calendar/2026').set(admin.auth)).body as CalendarYearResponse;
      expect(y2026.official).toBe(true);
      expect(y2026.holidays).toContain('2026-10-01');
      expect(y2026.workdays).toContain('2026-10-10');
      const y2027 = (await t.http.get('/api/v1/admin/calendar/2027').set(admin.auth)).body as CalendarYearResponse;
      expect(y2027).toMatchObject({ official: false, holidays: [], workdays: [] });
      expect((await t.http.get('/api/v1/admin/calendar/2027').set(butler.auth)).status).toBe(403);
      expect((await t.http.get('/api/v1/admin/calendar/27').set(admin.auth)).status).toBe(400);
    });

    it('refuses a bad year with field messages and stores a good one, audited', async () => {
      const bad = await t.http
        .put('/api/v1/admin/calendar/2027')
        .set(admin.auth)
        .send({ holidays: ['2027-01-01'], workdays: ['2027-01-04'] });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([
        { field: 'workdays', message: '调休上班日「2027-01-04」应为周六或周日（工作日本就上班）' },
      ]);
      const good = await t.http
        .put('/api/v1/admin/calendar/2027')
        .set(admin.auth)
        .send({ holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] });
      expect(good.status).toBe(200);
      expect(good.body).toMatchObject({ year: 2027, official: true, workdays: ['2027-01-09'] });
      const [row] = (await t.ds.query(`SELECT holidays FROM working_calendar WHERE year = 2027`)) as Array<{
        holidays: string[];
      }>;
      expect(row.holidays).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
      const audits = (await t.ds.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'admin.calendar.updated'`,
      )) as [{ n: number }];
      expect(audits[0].n).toBe(1);
    });

    it('re-stamps the ledger’s on-time fact of a stopped clock when the year it ran through is entered', async () => {
      // An accept clock started on 1 Jan 2028 (no official data: weekends only) and stopped an hour after its due
      // time: late. Entering 2028 with its due day as a holiday moves the due day on: in time.
      const clock = {
        startedAt: new Date('2027-12-31T16:00:00.000Z'),
        limitDays: 1,
        extensionDays: 0,
        pauses: [],
        stoppedAt: null,
      };
      const due = readClock(clock, [], clock.startedAt).dueAt;
      const dueDay = shanghaiDay(due);
      expect(dueDay.startsWith('2028-01-')).toBe(true);
      const stoppedAt = new Date(due.getTime() + 3600_000);
      const c = (await submit(owner, { type: 'consult', content: '日历变更后重算台账' })).body as CaseDetail;
      const stored = { ...clock, startedAt: clock.startedAt.toISOString(), stoppedAt: stoppedAt.toISOString() };
      await t.ds.query(`UPDATE cases SET accept_clock = $2, accept_on_time = false WHERE id = $1`, [
        c.id,
        JSON.stringify(stored),
      ]);
      const onTime = async () =>
        (
          (await t.ds.query(`SELECT accept_on_time FROM cases WHERE id = $1`, [c.id])) as [{ accept_on_time: boolean }]
        )[0].accept_on_time;

      const entered = await t.http
        .put('/api/v1/admin/calendar/2028')
        .set(admin.auth)
        .send({ holidays: [dueDay], workdays: [] });
      expect(entered.status).toBe(200);
      expect(await onTime()).toBe(true);
      // Corrected again (the holiday was another day): late again.
      const corrected = await t.http
        .put('/api/v1/admin/calendar/2028')
        .set(admin.auth)
        .send({ holidays: ['2028-10-02'], workdays: [] });
      expect(corrected.status).toBe(200);
      expect(await onTime()).toBe(false);
    });
  });

  it('counts each queue filter exactly as the list filters it, per viewer; an overdue case counts at its due instant, not before', async () => {
    // A case past its accept deadline (created 2 working weeks ago, never accepted) and one fresh one.
    const late = (await submit(owner, { type: 'complaint', content: '计数：超期未受理' })).body as CaseDetail;
    const fresh = (await submit(owner, { type: 'consult', content: '计数：新提交' })).body as CaseDetail;
    const due = new Date(Date.now() - 1000);
    await t.ds.query(`UPDATE cases SET accept_due_at = $2 WHERE id = $1`, [late.id, due]);
    await t.ds.query(`UPDATE cases SET accept_due_at = now() + interval '1 hour' WHERE id = $1`, [fresh.id]);

    const listAll = async (who: SignedIn, query: Record<string, string>) => {
      const ids: Array<{ id: string; state: string }> = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get('/api/v1/cases')
          .query({ ...query, limit: 50, ...(cursor ? { cursor } : {}) })
          .set(who.auth);
        expect(res.status).toBe(200);
        const page = res.body as Page<{ id: string; state: string }>;
        ids.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const FILTERS: Record<string, Record<string, string>> = {
      pendingCheck: { state: 'pending_check' },
      submitted: { state: 'submitted' },
      accepted: { state: 'accepted' },
      awaitingEnterprise: { state: 'awaiting_enterprise' },
      longTerm: { state: 'long_term' },
      resolved: { state: 'resolved' },
      overdue: { overdue: 'true' },
      dueSoon: { dueSoon: 'true' },
    };
    for (const who of [owner, butler, otherButler, centre, admin]) {
      const res = await t.http.get('/api/v1/cases/counts').set(who.auth);
      expect(res.status).toBe(200);
      const counts = res.body as Record<string, number>;
      for (const [key, query] of Object.entries(FILTERS)) {
        expect([key, counts[key]]).toEqual([key, (await listAll(who, query)).length]);
      }
      const all = await listAll(who, {});
      // 办理中 and 已完结 split what is not waiting for a rating.
      const active = await listAll(who, { stage: 'active' });
      const finished = await listAll(who, { stage: 'finished' });
      expect(active.every((c) => !['resolved', 'closed', 'rejected'].includes(c.state))).toBe(true);
      expect(finished.every((c) => ['closed', 'rejected'].includes(c.state))).toBe(true);
      expect(active.length + finished.length + counts.resolved).toBe(all.length);
      const open = all.filter((c) => c.state !== 'closed' && c.state !== 'rejected');
      expect(counts.open).toBe(open.length);
      expect((await listAll(who, { stage: 'open' })).map((c) => c.id).sort()).toEqual(open.map((c) => c.id).sort());
      // 我的 and 未指派 count open cases: the queue lists them with stage=open.
      expect(counts.mine).toBe((await listAll(who, { mine: 'true', stage: 'open' })).length);
      expect(counts.unassigned).toBe((await listAll(who, { unassigned: 'true', stage: 'open' })).length);
    }
    const ownerCounts = (await t.http.get('/api/v1/cases/counts').set(owner.auth)).body as Record<string, number>;
    const otherCounts = (await t.http.get('/api/v1/cases/counts').set(other.auth)).body as Record<string, number>;
    expect(ownerCounts.overdue).toBeGreaterThanOrEqual(1);
    expect(ownerCounts.open).toBeGreaterThanOrEqual(2);
    // Another enterprise's cases never count for this one.
    expect(otherCounts.open).toBe(0);
    expect((await t.http.get('/api/v1/cases/counts')).status).toBe(401);

    // The boundary: due ten seconds from now is not overdue yet (overdue is strictly past the due instant).
    const before = ((await t.http.get('/api/v1/cases/counts').set(owner.auth)).body as Record<string, number>).overdue;
    await t.ds.query(`UPDATE cases SET accept_due_at = now() + interval '10 seconds' WHERE id = $1`, [late.id]);
    const after = ((await t.http.get('/api/v1/cases/counts').set(owner.auth)).body as Record<string, number>).overdue;
    expect(after).toBe(before - 1);
  });

  it('offers staff every department (the centre first) and the active butlers and supervisors; enterprises get 403', async () => {
    const res = await t.http.get('/api/v1/cases/options').set(butler.auth);
    expect(res.status).toBe(200);
    const body = res.body as CaseOptionsResponse;
    expect(body.departments[0].isCentre).toBe(true);
    expect(body.departments.map((d) => d.id)).toContain(departmentId);
    const mine = body.staff.find((s) => s.id === butler.entity.id);
    expect(mine).toMatchObject({ role: 'butler', departmentId });
    expect(body.staff.every((s) => s.role === 'butler' || s.role === 'supervisor')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/phone|password/i);
    // A deactivated butler is not offered.
    const gone = await createStaff(t.ds, { role: Role.BUTLER, departmentId });
    await t.ds.query(`UPDATE users SET active = false WHERE id = $1`, [gone.id]);
    const again = (await t.http.get('/api/v1/cases/options').set(admin.auth)).body as CaseOptionsResponse;
    expect(again.staff.map((s) => s.id)).not.toContain(gone.id);
    expect((await t.http.get('/api/v1/cases/options').set(owner.auth)).status).toBe(403);
    expect((await t.http.get('/api/v1/cases/options')).status).toBe(401);
  });

  it('refuses a category outside the dictionary with a Chinese message, nothing stored', async () => {
    const res = await submit(owner, { type: 'consult', content: '分类不存在', category: 'nope' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('诉求分类不在可选范围内');
    const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE content = '分类不存在'`)) as [
      { n: number },
    ];
    expect(n).toBe(0);
    expect((await submit(owner, { type: 'consult', content: '分类存在', category: 'tax' })).status).toBe(201);
  });

  onPostgres(
    '10 concurrent POST /cases with one key make exactly one case, and every answer is that case',
    async () => {
      const key = randomUUID();
      const body = { type: 'consult', content: `并发提交-${key}` };
      const answers = await Promise.all(Array.from({ length: 10 }, () => submit(owner, body, key)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => (a.body as CaseDetail).id)).size).toBe(1);
      const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE content = $1`, [body.content])) as [
        { n: number },
      ];
      expect(n).toBe(1);
    },
    30_000,
  );
});
