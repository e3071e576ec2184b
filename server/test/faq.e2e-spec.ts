import { randomUUID } from 'node:crypto';
import type {
  FaqDeflections,
  FaqDetail,
  FaqListItem,
  FaqSuggestions,
  Page,
  StaffFaqItem,
} from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 常见问题: staff write drafts from resolved consultations (without the enterprise's identity: refused with a Chinese
 * 400), a supervisor or admin other than the author and last editor publishes (four eyes), every change audited;
 * the public list and detail (published only), search by two characters inside a word, the consultation form's
 * suggestions (entries and policies), and the count of opened-then-not-sent consultations at its 24 h boundary.
 */

const ENTERPRISE_NAME = '湘潭示范精密机械有限公司';

/** Each test makes a few dozen requests; a busy machine needs more than the default 5 s. */
jest.setTimeout(30_000);

describe('faq', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn & { entity: { id: string; departmentId: string | null } };
  let supervisor: SignedIn;
  let supervisor2: SignedIn;
  let otherButler: SignedIn;
  let owner: SignedIn;
  let pending: SignedIn;
  let enterpriseId: string;
  let creditCode: string;
  let departmentId: string;
  let caseSeq = 0;

  async function bind(who: SignedIn, code: string, name: string): Promise<void> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode: code, name, contactName: '王经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** A case of the enterprise in the butler's department, written directly. */
  async function insertCase(
    over: { type?: string; state?: string; content?: string; createdAt?: Date; submitterId?: string | null } = {},
  ): Promise<string> {
    caseSeq += 1;
    const [{ id }] = (await t.ds.query(
      `INSERT INTO cases (number, type, source, state, content, enterprise_id, department_id, submitter_id,
         resolve_limit_days, result, created_at)
       VALUES ($1, $2, 'miniapp', $3, $4, $5, $6, $7, 10, $8, $9) RETURNING id`,
      [
        `QS20261130-9${String(caseSeq).padStart(3, '0')}${randomUUID().slice(0, 2)}`.slice(0, 20),
        over.type ?? 'consult',
        over.state ?? 'resolved',
        over.content ?? `${ENTERPRISE_NAME}想了解办理营业执照变更需要哪些材料，联系电话 13807311234`,
        enterpriseId,
        departmentId,
        over.submitterId === undefined ? owner.user.id : over.submitterId,
        '已告知企业所需材料',
        over.createdAt ?? new Date(),
      ],
    )) as Array<{ id: string }>;
    return id;
  }

  const entry = (over: Record<string, unknown> = {}) => ({
    question: '办理营业执照变更需要准备哪些材料？',
    answer: '企业办理营业执照变更登记，需提交变更登记申请书、股东会决议及相关证明文件，可在湘潭市政务服务网全程网办。',
    categories: ['市场准入'],
    policyIds: [],
    ...over,
  });
  const draft = async (who: SignedIn, over: Record<string, unknown> = {}): Promise<StaffFaqItem> => {
    const res = await t.http.post('/api/v1/staff/faq').set(who.auth).send(entry(over));
    expect(res.status).toBe(201);
    return res.body as StaffFaqItem;
  };
  const publish = (id: string, who: SignedIn) => t.http.post(`/api/v1/staff/faq/${id}/publish`).set(who.auth).send();
  const published = async (over: Record<string, unknown> = {}): Promise<StaffFaqItem> => {
    const d = await draft(butler, over);
    const res = await publish(d.id, admin);
    expect(res.status).toBe(200);
    return res.body as StaffFaqItem;
  };
  const statusOf = async (id: string) =>
    ((await t.ds.query(`SELECT status FROM faq_entries WHERE id = $1`, [id])) as Array<{ status: string }>)[0]?.status;
  const audits = async (id: string) =>
    (await t.ds.query(`SELECT action, actor_id, details FROM audit_log WHERE target_id = $1 ORDER BY id`, [
      id,
    ])) as Array<{ action: string; actor_id: string; details: Record<string, unknown> }>;
  const faqCount = async () =>
    ((await t.ds.query(`SELECT count(*)::int AS n FROM faq_entries`)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    butler = await staffSession(t, Role.BUTLER);
    departmentId = butler.entity.departmentId!;
    supervisor = await staffSession(t, Role.SUPERVISOR, departmentId);
    supervisor2 = await staffSession(t, Role.SUPERVISOR, departmentId);
    otherButler = await staffSession(t, Role.BUTLER);
    owner = await signInWechat(t);
    creditCode = makeCreditCode();
    await bind(owner, creditCode, ENTERPRISE_NAME);
    pending = await signInWechat(t);
    await bind(pending, creditCode, ENTERPRISE_NAME);
    const [row] = (await t.ds.query(
      `SELECT enterprise_id FROM enterprise_members WHERE user_id = $1 AND status = 'approved'`,
      [owner.user.id],
    )) as Array<{ enterprise_id: string }>;
    enterpriseId = row.enterprise_id;
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('review: draft → publish, four eyes', () => {
    it('a butler drafts from a resolved consultation; only another supervisor or admin publishes it, audited', async () => {
      const caseId = await insertCase();
      const source = await t.http.get(`/api/v1/staff/faq/case-source/${caseId}`).set(butler.auth);
      expect(source.status).toBe(200);
      expect(source.body).toMatchObject({
        caseId,
        question: expect.stringContaining('营业执照'),
        answer: '已告知企业所需材料',
        identity: { enterpriseName: ENTERPRISE_NAME, creditCode },
        existingFaqId: null,
      });

      const res = await t.http.post('/api/v1/staff/faq').set(butler.auth).send(entry({ caseId }));
      expect(res.status).toBe(201);
      const d = res.body as StaffFaqItem;
      expect(d).toMatchObject({ status: 'draft', sourceCaseId: caseId, canPublish: false, reviewedBy: null });
      expect(d.createdBy?.id).toBe(butler.user.id);
      expect(d.editedBy?.id).toBe(butler.user.id);

      // Not public yet; staff read it.
      expect((await t.http.get(`/api/v1/faq/${d.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/faq/${d.id}`).set(owner.auth)).status).toBe(404);
      expect((await t.http.get(`/api/v1/faq/${d.id}`).set(otherButler.auth)).status).toBe(200);

      // A butler cannot publish, not even another's entry.
      const byButler = await publish(d.id, otherButler);
      expect(byButler.status).toBe(403);
      expect(await statusOf(d.id)).toBe('draft');

      // A supervisor who last edited it cannot publish it either.
      const edit = await t.http
        .patch(`/api/v1/staff/faq/${d.id}`)
        .set(supervisor2.auth)
        .send({ answer: `${entry().answer}办理时限为 1 个工作日。` });
      expect(edit.status).toBe(200);
      expect((edit.body as StaffFaqItem).editedBy?.id).toBe(supervisor2.user.id);
      const byEditor = await publish(d.id, supervisor2);
      expect(byEditor.status).toBe(403);
      expect(byEditor.body.message).toBe('不能审核发布自己撰写或最后修改的条目，请由另一位主管或管理员审核');
      expect(await statusOf(d.id)).toBe('draft');

      // Another supervisor reviews it.
      const ok = await publish(d.id, supervisor);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'published', reviewedBy: { id: supervisor.user.id } });
      const pub = await t.http.get(`/api/v1/faq/${d.id}`);
      expect(pub.status).toBe(200);
      expect((pub.body as FaqDetail).answer).toContain('办理时限为 1 个工作日');

      // The case now names its entry.
      const again = await t.http.get(`/api/v1/staff/faq/case-source/${caseId}`).set(butler.auth);
      expect(again.body.existingFaqId).toBe(d.id);

      const rows = await audits(d.id);
      expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
        [AuditAction.FAQ_DRAFTED, butler.user.id],
        [AuditAction.FAQ_UPDATED, supervisor2.user.id],
        [AuditAction.FAQ_PUBLISHED, supervisor.user.id],
      ]);
      expect(rows[0].details).toMatchObject({ caseId });
      expect(rows[2].details).toMatchObject({ from: 'draft', author: butler.user.id, editor: supervisor2.user.id });
    });

    it('the author may not publish their own entry, even as admin', async () => {
      const d = await draft(admin);
      expect(d.canPublish).toBe(false);
      expect(d.publishBlocked).toBe('不能审核发布自己撰写或最后修改的条目，请由另一位主管或管理员审核');
      const res = await publish(d.id, admin);
      expect(res.status).toBe(403);
      expect(await statusOf(d.id)).toBe('draft');
      expect((await audits(d.id)).map((r) => r.action)).toEqual([AuditAction.FAQ_DRAFTED]);
      // Another admin sees it as publishable.
      const other = await staffSession(t, Role.ADMIN);
      const seen = await t.http.get(`/api/v1/staff/faq/${d.id}`).set(other.auth);
      expect(seen.body.canPublish).toBe(true);
    });

    it('editing a published entry sends it back to review; withdraw hides it; both audited', async () => {
      const p = await published();
      const edit = await t.http
        .patch(`/api/v1/staff/faq/${p.id}`)
        .set(butler.auth)
        .send({ question: '营业执照变更登记要带哪些材料？' });
      expect(edit.status).toBe(200);
      expect(edit.body.status).toBe('draft');
      expect((await t.http.get(`/api/v1/faq/${p.id}`)).status).toBe(404);
      // An edit that changes nothing writes nothing.
      const same = await t.http
        .patch(`/api/v1/staff/faq/${p.id}`)
        .set(butler.auth)
        .send({ question: '营业执照变更登记要带哪些材料？' });
      expect(same.status).toBe(200);

      const early = await t.http.post(`/api/v1/staff/faq/${p.id}/withdraw`).set(admin.auth).send();
      expect(early.status).toBe(400);
      expect(early.body.message).toBe('该条目尚未发布，无需撤回');

      expect((await publish(p.id, admin)).status).toBe(200);
      const w = await t.http.post(`/api/v1/staff/faq/${p.id}/withdraw`).set(supervisor.auth).send();
      expect(w.status).toBe(200);
      expect(w.body.status).toBe('withdrawn');
      expect((await t.http.get(`/api/v1/faq/${p.id}`)).status).toBe(404);
      const byButler = await t.http.post(`/api/v1/staff/faq/${p.id}/withdraw`).set(butler.auth).send();
      expect(byButler.status).toBe(403);

      expect((await audits(p.id)).map((r) => [r.action, r.details.from ?? null, r.details.to ?? null])).toEqual([
        [AuditAction.FAQ_DRAFTED, null, null],
        [AuditAction.FAQ_PUBLISHED, 'draft', null],
        [AuditAction.FAQ_UPDATED, 'published', 'draft'],
        [AuditAction.FAQ_PUBLISHED, 'draft', null],
        [AuditAction.FAQ_WITHDRAWN, 'published', null],
      ]);
    });

    it('lists entries for staff by status, the latest change first', async () => {
      const a = await draft(butler, { question: '列表测试：第一条问题' });
      const b = await draft(butler, { question: '列表测试：第二条问题' });
      const res = await t.http.get('/api/v1/staff/faq?status=draft&limit=50').set(otherButler.auth);
      expect(res.status).toBe(200);
      const ids = (res.body as Page<StaffFaqItem>).items.map((i) => i.id);
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
      expect((res.body as Page<StaffFaqItem>).items.every((i) => i.status === 'draft')).toBe(true);
      const bad = await t.http.get('/api/v1/staff/faq?status=live').set(admin.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('状态只能是 draft、published、withdrawn 或 all');
    });
  });

  describe('no identity of the enterprise, and Chinese 400s', () => {
    it.each([
      ['the enterprise name', { question: `${ENTERPRISE_NAME}如何办理营业执照变更？` }, 'question', '名称'],
      [
        'the name without 有限公司',
        { answer: `湘潭示范精密机械可在政务服务网办理营业执照变更登记。` },
        'answer',
        '名称',
      ],
      [
        'a mobile number written with spaces',
        { answer: '详情请拨打 138 0731 1234 咨询，工作日均可办理。' },
        'answer',
        '电话',
      ],
      [
        'a landline with its area code',
        { answer: '详情请拨打 0731-58888888 咨询，工作日均可办理。' },
        'answer',
        '电话',
      ],
    ])('refuses %s (400, nothing written)', async (_what, over, field, word) => {
      const caseId = await insertCase();
      const before = await faqCount();
      const res = await t.http
        .post('/api/v1/staff/faq')
        .set(butler.auth)
        .send(entry({ caseId, ...over }));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([{ field, message: expect.stringContaining(word) }]);
      expect(res.body.message).toMatch(/请.*后再保存/);
      expect(await faqCount()).toBe(before);
    });

    it('refuses the credit code, and an edit that adds the name; ordinary numbers pass', async () => {
      const caseId = await insertCase();
      const code = await t.http
        .post('/api/v1/staff/faq')
        .set(butler.auth)
        .send(entry({ caseId, answer: `统一社会信用代码 ${creditCode} 的企业可在政务服务网办理变更。` }));
      expect(code.status).toBe(400);
      expect(code.body.message).toBe('内容中含有来源企业的统一社会信用代码，请删除后再保存');

      const ok = await t.http
        .post('/api/v1/staff/faq')
        .set(butler.auth)
        .send(
          entry({
            caseId,
            answer: '2026年起，注册资本 500 万元以下的企业办理变更，1 个工作日内办结，可拨打 12345 咨询。',
          }),
        );
      expect(ok.status).toBe(201);
      const edit = await t.http
        .patch(`/api/v1/staff/faq/${ok.body.id}`)
        .set(supervisor.auth)
        .send({ question: `${ENTERPRISE_NAME}的营业执照怎么变更？` });
      expect(edit.status).toBe(400);
      expect(edit.body.details[0].field).toBe('question');
      expect((await t.http.get(`/api/v1/staff/faq/${ok.body.id}`).set(admin.auth)).body.question).toBe(
        entry().question,
      );
    });

    it('takes only a resolved consultation the caller sees, once', async () => {
      const open = await insertCase({ state: 'accepted' });
      const r1 = await t.http
        .post('/api/v1/staff/faq')
        .set(butler.auth)
        .send(entry({ caseId: open }));
      expect(r1.status).toBe(400);
      expect(r1.body.message).toBe('该咨询尚未办结，办结后才能发布为常见问题');
      const complaint = await insertCase({ type: 'complaint' });
      const r2 = await t.http
        .post('/api/v1/staff/faq')
        .set(butler.auth)
        .send(entry({ caseId: complaint }));
      expect(r2.status).toBe(400);
      expect(r2.body.message).toBe('只有咨询可以发布为常见问题');
      const resolved = await insertCase();
      // A butler of another department does not see the case at all.
      const r3 = await t.http
        .post('/api/v1/staff/faq')
        .set(otherButler.auth)
        .send(entry({ caseId: resolved }));
      expect(r3.status).toBe(404);
      expect((await t.http.get(`/api/v1/staff/faq/case-source/${resolved}`).set(otherButler.auth)).status).toBe(404);
      expect(
        (
          await t.http
            .post('/api/v1/staff/faq')
            .set(butler.auth)
            .send(entry({ caseId: resolved }))
        ).status,
      ).toBe(201);
      const twice = await t.http
        .post('/api/v1/staff/faq')
        .set(admin.auth)
        .send(entry({ caseId: resolved }));
      expect(twice.status).toBe(400);
      expect(twice.body.message).toBe('该咨询已生成常见问题条目，请在常见问题列表中修改该条目');
    });

    it.each([
      [{ question: '' }, '请输入问题'],
      [{ question: '营业' }, '问题至少 4 个字'],
      [{ answer: '可以办理。' }, '解答至少 10 个字'],
      [{ categories: ['不存在的类别'] }, '不存在的类别'],
      [{ categories: undefined }, '请选择问题类别'],
      [{ policyIds: [randomUUID()] }, '关联的政策不存在，请重新选择'],
      [{ policyIds: ['x'] }, '关联政策编号格式错误'],
      [{ caseId: 'abc' }, '咨询编号格式错误'],
    ])('refuses %j with a Chinese message', async (over, message) => {
      const before = await faqCount();
      const res = await t.http.post('/api/v1/staff/faq').set(butler.auth).send(entry(over));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
      expect(await faqCount()).toBe(before);
    });
  });

  describe('public list and search', () => {
    let licence: StaffFaqItem;
    let social: StaffFaqItem;
    beforeAll(async () => {
      licence = await published({
        question: '个体工商户怎么办理营业执照注销？',
        answer: '个体工商户注销可通过简易注销程序办理，公示期满后即可申请注销登记。',
        categories: ['市场准入'],
      });
      social = await published({
        question: '新招员工的社保什么时候缴纳？',
        answer: '用人单位应自用工之日起三十日内为职工办理社会保险登记并缴纳社保。',
        categories: ['稳岗就业'],
      });
      await draft(butler, { question: '草稿：营业执照注销不应被搜到', answer: '草稿内容：营业执照注销流程说明文字。' });
    });

    const search = async (q: string, extra = '') =>
      (await t.http.get(`/api/v1/faq?q=${encodeURIComponent(q)}${extra}&limit=50`)).body as Page<FaqListItem>;

    it('finds two characters inside a word (执照 in 营业执照), every word required, drafts never', async () => {
      const hits = await search('执照');
      const ids = hits.items.map((i) => i.id);
      expect(ids).toContain(licence.id);
      expect(ids).not.toContain(social.id);
      expect(hits.items.every((i) => i.question.includes('执照') || i.excerpt.includes('执照'))).toBe(true);
      expect(hits.items.some((i) => i.question.startsWith('草稿'))).toBe(false);
      const item = hits.items.find((i) => i.id === licence.id)!;
      expect(item.highlight?.question.filter((s) => s.hit).map((s) => s.text)).toContain('执照');

      expect((await search('执照 注销')).items.map((i) => i.id)).toContain(licence.id);
      expect((await search('执照 社保')).items).toEqual([]);
      // Full-width and upper case fold as in policies; symbols only find nothing.
      expect((await search('社保')).items.map((i) => i.id)).toContain(social.id);
      expect((await search('%%')).items).toEqual([]);
    });

    it('filters by category and pages without repeats', async () => {
      const jobs = await search('', '&category=%E7%A8%B3%E5%B2%97%E5%B0%B1%E4%B8%9A');
      expect(jobs.items.map((i) => i.id)).toContain(social.id);
      expect(jobs.items.every((i) => i.categories.includes('稳岗就业'))).toBe(true);
      const first = await t.http.get('/api/v1/faq?limit=1');
      expect(first.body.items).toHaveLength(1);
      const second = await t.http.get(`/api/v1/faq?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const bad = await t.http.get('/api/v1/faq?limit=500');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('每页最多 50 条');
    });

    it('counts a public view of a published entry, and shows its published policies only', async () => {
      const policy = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send({
          title: '湘潭市个体工商户简易注销办理指引',
          docNumber: `潭市监〔2026〕${randomUUID().slice(0, 6)}号`,
          issuer: '湘潭市市场监督管理局',
          level: 'city',
          categories: ['市场准入'],
          summary: '个体工商户简易注销的条件与流程。',
        });
      expect(policy.status).toBe(201);
      const draftPolicy = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send({
          title: '未发布的政策草稿',
          docNumber: `潭草〔2026〕${randomUUID().slice(0, 6)}号`,
          issuer: '湘潭市市场监督管理局',
          level: 'city',
          categories: ['市场准入'],
        });
      expect((await t.http.post(`/api/v1/admin/policies/${policy.body.id}/publish`).set(admin.auth)).status).toBe(200);
      const d = await draft(butler, { policyIds: [policy.body.id, draftPolicy.body.id] });
      expect((await publish(d.id, supervisor)).status).toBe(200);
      const a = await t.http.get(`/api/v1/faq/${d.id}`);
      expect(a.body.policies.map((p: { id: string }) => p.id)).toEqual([policy.body.id]);
      expect(a.body.viewCount).toBe(1);
      await t.http.get(`/api/v1/faq/${d.id}`).set(owner.auth);
      // Staff reading it count nothing.
      await t.http.get(`/api/v1/faq/${d.id}`).set(admin.auth);
      const [{ view_count }] = (await t.ds.query(`SELECT view_count FROM faq_entries WHERE id = $1`, [d.id])) as Array<{
        view_count: number;
      }>;
      expect(view_count).toBe(2);
    });
  });

  describe('suggestions', () => {
    let policyId: string;
    let faqId: string;
    beforeAll(async () => {
      const p = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send({
          title: '湘潭市企业开办“一件事一次办”营业执照办理指南',
          docNumber: `潭审批〔2026〕${randomUUID().slice(0, 6)}号`,
          issuer: '湘潭市行政审批服务局',
          level: 'city',
          categories: ['市场准入'],
          summary: '企业开办全流程一日办结。',
        });
      policyId = p.body.id;
      await t.http.post(`/api/v1/admin/policies/${policyId}/publish`).set(admin.auth);
      faqId = (
        await published({
          question: '新开公司办理营业执照要多久？',
          answer: '在湘潭市企业开办专区提交材料齐全的，营业执照一般 1 个工作日内办结。',
        })
      ).id;
    });

    it('answers a typed sentence with entries and policies holding its words, the hits marked', async () => {
      const q = '我们公司想办理营业执照，需要准备什么材料？';
      const res = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const body = res.body as FaqSuggestions;
      expect(body.faq.length).toBeGreaterThan(0);
      expect(body.faq.length).toBeLessThanOrEqual(3);
      expect(body.faq.map((f) => f.id)).toContain(faqId);
      expect(body.policies.map((p) => p.id)).toContain(policyId);
      expect(body.policies.length).toBeLessThanOrEqual(3);
      const f = body.faq.find((x) => x.id === faqId)!;
      expect(
        f.highlight.question
          .filter((s) => s.hit)
          .map((s) => s.text)
          .join('|'),
      ).toContain('营业执照');
      const p = body.policies.find((x) => x.id === policyId)!;
      expect(
        p.highlight.title
          .filter((s) => s.hit)
          .map((s) => s.text)
          .join('|'),
      ).toContain('营业执照');
      // Signed in, the same.
      const signed = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent(q)}`).set(owner.auth);
      expect(signed.body.faq.map((x: { id: string }) => x.id)).toContain(faqId);
    });

    it('finds nothing for words nobody wrote, and refuses 1 or 201 characters in Chinese', async () => {
      const none = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('量子纠缠实验室')}`);
      expect(none.body).toEqual({ faq: [], policies: [] });
      const short = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('照')}`);
      expect(short.status).toBe(400);
      expect(short.body.message).toBe('至少输入 2 个字');
      const two = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('执照')}`);
      expect(two.status).toBe(200);
      const long = await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('营'.repeat(201))}`);
      expect(long.status).toBe(400);
      expect(long.body.message).toBe('内容不能超过 200 个字');
      expect((await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('营'.repeat(200))}`)).status).toBe(200);
    });

    it('records opens per form session: only published targets, only the session owner, a bound enterprise', async () => {
      const draftId = randomUUID();
      const open = (who: SignedIn, body: Record<string, unknown>) =>
        t.http.post('/api/v1/faq/suggestion-opens').set(who.auth).send(body);
      expect((await open(owner, { draftId, kind: 'faq', id: faqId })).status).toBe(204);
      expect((await open(owner, { draftId, kind: 'policy', id: policyId })).status).toBe(204);
      expect((await open(owner, { draftId, kind: 'faq', id: faqId })).status).toBe(204);
      const [row] = (await t.ds.query(
        `SELECT user_id, enterprise_id, opens, opened FROM faq_suggestion_drafts WHERE draft_id = $1`,
        [draftId],
      )) as Array<{ user_id: string; enterprise_id: string; opens: number; opened: string[] }>;
      expect(row).toEqual({
        user_id: owner.user.id,
        enterprise_id: enterpriseId,
        opens: 3,
        opened: [`faq:${faqId}`, `policy:${policyId}`],
      });
      const other = await signInWechat(t);
      await bind(other, makeCreditCode(), '湘潭另一家企业有限公司');
      expect((await open(other, { draftId, kind: 'faq', id: faqId })).status).toBe(404);
      const hidden = await draft(butler);
      expect((await open(owner, { draftId: randomUUID(), kind: 'faq', id: hidden.id })).status).toBe(404);
      expect((await open(pending, { draftId: randomUUID(), kind: 'faq', id: faqId })).status).toBe(404);
      const bad = await open(owner, { draftId: 'x', kind: 'news', id: faqId });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('草稿编号格式错误');
      expect((await open(admin, { draftId: randomUUID(), kind: 'faq', id: faqId })).status).toBe(403);
    });
  });

  describe('the deflection count', () => {
    /** A session whose first open was at `at`, of the owner. */
    async function session(at: Date): Promise<string> {
      const draftId = randomUUID();
      await t.ds.query(
        `INSERT INTO faq_suggestion_drafts (draft_id, user_id, enterprise_id, first_opened_at, last_opened_at, opened)
         VALUES ($1, $2, $3, $4, $4, '{}')`,
        [draftId, owner.user.id, enterpriseId, at],
      );
      return draftId;
    }
    const count = async (from: string, to: string) => {
      const res = await t.http.get(`/api/v1/staff/faq/deflections?from=${from}&to=${to}`).set(supervisor.auth);
      expect(res.status).toBe(200);
      return res.body as FaqDeflections;
    };

    it('a case within 24 h of the first open is sent; at 24 h, before, none, or another user’s is not', async () => {
      // Sessions days apart (2025, far from the other tests' cases), so no case falls in two windows.
      const hour = 3600_000;
      const at = (day: string) => new Date(`${day}T02:00:00.000Z`);
      const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
      await session(at('2025-03-10'));
      await insertCase({ createdAt: plus(at('2025-03-10'), 24 * hour - 1000) }); // sent, one second inside
      await session(at('2025-03-13'));
      await insertCase({ createdAt: plus(at('2025-03-13'), 24 * hour) }); // at 24 h: not sent
      await session(at('2025-03-16')); // nothing sent at all
      await session(at('2025-03-19'));
      await insertCase({ createdAt: plus(at('2025-03-19'), 60_000), submitterId: null }); // recorded by staff
      await session(at('2025-03-22'));
      await insertCase({ createdAt: plus(at('2025-03-22'), -60_000) }); // a minute before the open
      await session(at('2025-03-25'));
      await insertCase({ createdAt: plus(at('2025-03-25'), 60_000), submitterId: pending.user.id }); // another user

      expect(await count('2025-03-10', '2025-03-25')).toEqual({
        from: '2025-03-10',
        to: '2025-03-25',
        opened: 6,
        sent: 1,
        notSent: 5,
      });
      expect(await count('2025-03-10', '2025-03-10')).toMatchObject({ opened: 1, sent: 1, notSent: 0 });
    });

    it('counts a session by the Shanghai day of its first open: the last second of `to` in, the next day out', async () => {
      await session(new Date('2025-04-01T15:59:59.000Z')); // 2025-04-01 23:59:59 Shanghai
      await session(new Date('2025-04-01T16:00:00.000Z')); // 2025-04-02 00:00 Shanghai
      await session(new Date('2025-03-31T16:00:00.000Z')); // 2025-04-01 00:00 Shanghai
      expect((await count('2025-04-01', '2025-04-01')).opened).toBe(2);
      expect((await count('2025-04-02', '2025-04-02')).opened).toBe(1);
    });

    it('refuses a bad period in Chinese; enterprises may not read it', async () => {
      const back = await t.http.get('/api/v1/staff/faq/deflections?from=2025-04-02&to=2025-04-01').set(admin.auth);
      expect(back.status).toBe(400);
      expect(back.body.message).toBe('结束日期不能早于开始日期');
      const bad = await t.http.get('/api/v1/staff/faq/deflections?from=2025-02-30&to=2025-04-01').set(admin.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('开始日期不是有效的日期');
      expect(
        (await t.http.get('/api/v1/staff/faq/deflections?from=2025-04-01&to=2025-04-01').set(owner.auth)).status,
      ).toBe(403);
    });
  });
});
