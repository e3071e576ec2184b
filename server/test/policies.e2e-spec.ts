import { randomUUID } from 'node:crypto';
import type {
  AdminPolicyItem,
  MatchedPoliciesResponse,
  Page,
  PolicyDetail,
  PolicyListItem,
  PolicyPublishResponse,
  SubscriptionSettings,
} from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { addCalendarDays, shanghaiDay } from '@qsgj/shared/rules';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * 涉企政策, the core: the admin's create / edit / publish / withdraw (admins only, every change audited), what
 * the public and enterprises see (drafts and withdrawn → 404), 为您匹配 (each eligibility rule, met and missing,
 * a thin profile, validity today and yesterday), favourites and subscriptions.
 */

const today = shanghaiDay(new Date());
const yesterday = addCalendarDays(today, -1);
const tomorrow = addCalendarDays(today, 1);

const INDUSTRY = '电气机械和器材制造业';
const OTHER_INDUSTRY = '食品制造业';

let seq = 0;
/** A valid policy body; `docNumber` unique unless given. */
function policyInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    title: `湘潭市支持制造业高质量发展若干措施${seq}`,
    docNumber: `潭政发〔2026〕${seq}号-${randomUUID().slice(0, 6)}`,
    issuer: '湘潭市人民政府',
    level: 'city',
    categories: ['产业发展'],
    validFrom: null,
    validTo: null,
    summary: '对符合条件的企业给予奖补资金支持。',
    body: '<p>第一条 奖补资金</p>',
    ...over,
  };
}

describe('policies', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn;
  let supervisor: SignedIn;
  let owner: SignedIn;
  let pending: SignedIn;
  let thinOwner: SignedIn;
  let enterpriseId: string;

  async function bind(who: SignedIn, creditCode: string): Promise<void> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name: '湘潭电机配套有限公司', contactName: '王经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  const create = async (over: Record<string, unknown> = {}): Promise<PolicyDetail> => {
    const res = await t.http.post('/api/v1/admin/policies').set(admin.auth).send(policyInput(over));
    expect(res.status).toBe(201);
    return res.body as PolicyDetail;
  };
  const publish = (id: string, who: SignedIn = admin) =>
    t.http.post(`/api/v1/admin/policies/${id}/publish`).set(who.auth).send();
  const published = async (over: Record<string, unknown> = {}): Promise<PolicyDetail> => {
    const p = await create(over);
    const res = await publish(p.id);
    expect(res.status).toBe(200);
    return p;
  };
  const audits = async (id: string) =>
    (await t.ds.query(`SELECT action, details FROM audit_log WHERE target_id = $1 ORDER BY id`, [id])) as Array<{
      action: string;
      details: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    butler = await staffSession(t, Role.BUTLER);
    supervisor = await staffSession(t, Role.SUPERVISOR);
    owner = await signInWechat(t);
    const code = makeCreditCode();
    await bind(owner, code);
    pending = await signInWechat(t);
    await bind(pending, code);
    thinOwner = await signInWechat(t);
    await bind(thinOwner, makeCreditCode());
    const [row] = (await t.ds.query(
      `SELECT enterprise_id FROM enterprise_members WHERE user_id = $1 AND status = 'approved'`,
      [owner.user.id],
    )) as Array<{ enterprise_id: string }>;
    enterpriseId = row.enterprise_id;
    await t.ds.query(
      `UPDATE enterprises SET industry = $1, scale = 'medium', district = '岳塘区', qualifications = '{高新技术企业}' WHERE id = $2`,
      [INDUSTRY, enterpriseId],
    );
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('the admin writes', () => {
    it('creates a draft with sanitised rich text and its search columns, audited', async () => {
      const p = await create({
        title: '关于ＣＮＡＳ认可奖补的通知',
        body: '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
        interpretation: '<h2>解读</h2><img src="x" onerror="alert(1)">',
      });
      expect(p.status).toBe('draft');
      expect(p.publishedAt).toBeNull();
      expect(p.body).toBe('<p>正文<a>链接</a></p>');
      expect(p.interpretation).toBe('<h2>解读</h2>');
      const [row] = (await t.ds.query(
        `SELECT search_title, search_doc, search_vector::text AS v, created_by FROM policies WHERE id = $1`,
        [p.id],
      )) as Array<{ search_title: string; search_doc: string; v: string; created_by: string }>;
      expect(row.search_title).toContain('关于cnas认可奖补的通知');
      expect(row.search_doc).toContain('正文');
      expect(row.search_doc).not.toContain('alert');
      expect(row.v).toContain("'奖补'");
      expect(row.created_by).toBe(admin.user.id);
      const [audit] = await audits(p.id);
      expect(audit.action).toBe(AuditAction.POLICY_CREATED);
      expect((audit.details.fields as Record<string, unknown>).docNumber).toBe(p.docNumber);
    });

    it('edits: what changed is audited, the search columns follow, a no-op writes nothing', async () => {
      const p = await create();
      const res = await t.http
        .patch(`/api/v1/admin/policies/${p.id}`)
        .set(admin.auth)
        .send({ title: '留抵退税政策解读', industries: [INDUSTRY] });
      expect(res.status).toBe(200);
      expect((res.body as PolicyDetail).title).toBe('留抵退税政策解读');
      expect((res.body as PolicyDetail).eligibility.industries).toEqual([INDUSTRY]);
      const [row] = (await t.ds.query(`SELECT search_title, search_vector::text AS v FROM policies WHERE id = $1`, [
        p.id,
      ])) as Array<{ search_title: string; v: string }>;
      expect(row.search_title).toContain('留抵退税政策解读');
      expect(row.v).toContain("'留抵'");
      const updated = (await audits(p.id)).filter((a) => a.action === AuditAction.POLICY_UPDATED);
      expect(updated).toHaveLength(1);
      expect(updated[0].details.changed).toEqual({
        title: { before: p.title, after: '留抵退税政策解读' },
        industries: { before: [], after: [INDUSTRY] },
      });
      const again = await t.http
        .patch(`/api/v1/admin/policies/${p.id}`)
        .set(admin.auth)
        .send({ title: '留抵退税政策解读' });
      expect(again.status).toBe(200);
      expect((await audits(p.id)).filter((a) => a.action === AuditAction.POLICY_UPDATED)).toHaveLength(1);
    });

    it('refuses a 文号 of another policy, values outside the dictionaries and an inverted period, in Chinese', async () => {
      const a = await create();
      const b = await create();
      const taken = await t.http
        .patch(`/api/v1/admin/policies/${b.id}`)
        .set(admin.auth)
        .send({ docNumber: a.docNumber });
      expect(taken.status).toBe(400);
      expect(taken.body.message).toBe('该文号已被另一条政策使用，请核对文号');
      const dup = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send(policyInput({ docNumber: a.docNumber }));
      expect(dup.status).toBe(400);

      const unknown = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send(policyInput({ industries: ['火星采矿业'], categories: ['产业发展'] }));
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([{ field: 'industries', message: '“火星采矿业”不在行业字典中' }]);

      const inverted = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send(policyInput({ validFrom: '2026-06-01', validTo: '2026-05-31' }));
      expect(inverted.status).toBe(400);
      expect(inverted.body.message).toBe('失效日期不能早于生效日期');
      const edge = await t.http
        .post('/api/v1/admin/policies')
        .set(admin.auth)
        .send(policyInput({ validFrom: '2026-06-01', validTo: '2026-06-01' }));
      expect(edge.status).toBe(201);

      const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM policies WHERE doc_number = $1`, [
        a.docNumber,
      ])) as Array<{
        n: number;
      }>;
      expect(n).toBe(1);
    });

    it('with an Idempotency-Key (as the workbench sends): a retry creates and publishes nothing more', async () => {
      const key = randomUUID();
      const body = policyInput();
      const first = await t.http.post('/api/v1/admin/policies').set(admin.auth).set('Idempotency-Key', key).send(body);
      expect(first.status).toBe(201);
      const retry = await t.http.post('/api/v1/admin/policies').set(admin.auth).set('Idempotency-Key', key).send(body);
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      const id = (first.body as PolicyDetail).id;
      const publishKey = randomUUID();
      const published = await t.http
        .post(`/api/v1/admin/policies/${id}/publish`)
        .set(admin.auth)
        .set('Idempotency-Key', publishKey)
        .send();
      expect(published.status).toBe(200);
      expect((published.body as PolicyPublishResponse).policy.status).toBe('published');
      await t.http
        .post(`/api/v1/admin/policies/${id}/publish`)
        .set(admin.auth)
        .set('Idempotency-Key', publishKey)
        .send();
      expect((await audits(id)).map((a) => a.action)).toEqual([
        AuditAction.POLICY_CREATED,
        AuditAction.POLICY_PUBLISHED,
      ]);
    });

    it('a value whose dictionary entry was deactivated stays on the policy, but cannot be added anew', async () => {
      await t.ds.query(`INSERT INTO dictionary_entries (kind, value, sort) VALUES ('districts', '旧开发区', 900)`);
      const p = await create({ districts: ['旧开发区'] });
      const other = await create();
      await t.ds.query(`UPDATE dictionary_entries SET active = false WHERE kind = 'districts' AND value = '旧开发区'`);
      const edit = await t.http
        .patch(`/api/v1/admin/policies/${p.id}`)
        .set(admin.auth)
        .send({ title: '改了标题的政策' });
      expect(edit.status).toBe(200);
      expect((edit.body as PolicyDetail).eligibility.districts).toEqual(['旧开发区']);
      const added = await t.http
        .patch(`/api/v1/admin/policies/${other.id}`)
        .set(admin.auth)
        .send({ districts: ['岳塘区', '旧开发区'] });
      expect(added.status).toBe(400);
      expect(added.body.details).toEqual([{ field: 'districts', message: '“旧开发区”不在区域字典中' }]);
    });

    it('only admins write, publish and withdraw', async () => {
      const p = await create();
      for (const who of [butler, supervisor, owner]) {
        expect((await t.http.post('/api/v1/admin/policies').set(who.auth).send(policyInput())).status).toBe(403);
        expect((await t.http.patch(`/api/v1/admin/policies/${p.id}`).set(who.auth).send({ title: 'x' })).status).toBe(
          403,
        );
        expect((await publish(p.id, who)).status).toBe(403);
        expect((await t.http.post(`/api/v1/admin/policies/${p.id}/withdraw`).set(who.auth).send()).status).toBe(403);
        expect((await t.http.get(`/api/v1/admin/policies/${p.id}`).set(who.auth)).status).toBe(403);
      }
      const [row] = (await t.ds.query(`SELECT status, title FROM policies WHERE id = $1`, [p.id])) as Array<{
        status: string;
        title: string;
      }>;
      expect(row).toEqual({ status: 'draft', title: p.title });
    });
  });

  describe('visibility, publish and withdraw', () => {
    it('a draft is 404 to visitors and enterprises, visible to staff', async () => {
      const p = await create();
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(owner.auth)).status).toBe(404);
      expect((await t.http.post(`/api/v1/policies/${p.id}/favorite`).set(owner.auth)).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(butler.auth)).status).toBe(200);
      // A token that is no longer valid reads anonymously: no 401 on a public page, and no draft either.
      const stale = { Authorization: 'Bearer not-a-token' };
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(stale)).status).toBe(404);
      await publish(p.id);
      const anonymous = await t.http.get(`/api/v1/policies/${p.id}`).set(stale);
      expect(anonymous.status).toBe(200);
      expect((anonymous.body as PolicyDetail).favorite).toBe(false);
      await t.ds.query(`UPDATE policies SET status = 'draft' WHERE id = $1`, [p.id]);
      const adminView = await t.http.get(`/api/v1/admin/policies/${p.id}`).set(admin.auth);
      expect(adminView.status).toBe(200);
      expect((adminView.body as PolicyDetail).status).toBe('draft');
      const list = await t.http.get('/api/v1/admin/policies?status=draft&limit=50').set(admin.auth);
      expect((list.body as Page<AdminPolicyItem>).items.map((i) => i.id)).toContain(p.id);
    });

    it('the admin searches every status; the public only what is published', async () => {
      const draft = await create({ title: '草稿检索专用词条的政策' });
      const admins = await t.http.get(`/api/v1/admin/policies?q=${encodeURIComponent('检索专用')}`).set(admin.auth);
      expect(admins.status).toBe(200);
      const [hit] = (admins.body as Page<AdminPolicyItem>).items;
      expect(hit.id).toBe(draft.id);
      expect(hit.status).toBe('draft');
      expect(hit.highlight?.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['检索专用']);
      const drafts = await t.http
        .get(`/api/v1/admin/policies?q=${encodeURIComponent('检索专用')}&status=published`)
        .set(admin.auth);
      expect(drafts.body.items).toEqual([]);
      expect((await t.http.get(`/api/v1/policies?q=${encodeURIComponent('检索专用')}`)).body.items).toEqual([]);
      await publish(draft.id);
      const pub = await t.http.get(`/api/v1/policies?q=${encodeURIComponent('检索专用')}`);
      expect((pub.body as Page<PolicyListItem>).items.map((i) => [i.id, i.status])).toEqual([[draft.id, 'published']]);
      expect((pub.body as Page<PolicyListItem>).items[0].highlight?.title.some((s) => s.hit)).toBe(true);
    });

    it('publishes once: the first publication date stays, a second click pushes nothing, withdraw hides it', async () => {
      const p = await create();
      const first = await publish(p.id);
      expect(first.status).toBe(200);
      const firstBody = first.body as PolicyPublishResponse;
      expect(firstBody.policy.status).toBe('published');
      expect(firstBody.policy.lastPushId).toBe(firstBody.push?.id ?? null);
      const publishedAt = firstBody.policy.publishedAt;
      expect(publishedAt).not.toBeNull();
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).status).toBe(200);

      const second = await publish(p.id);
      expect(second.status).toBe(200);
      expect((second.body as PolicyPublishResponse).push).toBeNull();
      expect((second.body as PolicyPublishResponse).policy.publishedAt).toBe(publishedAt);
      expect((await audits(p.id)).filter((a) => a.action === AuditAction.POLICY_PUBLISHED)).toHaveLength(1);

      const withdrawn = await t.http.post(`/api/v1/admin/policies/${p.id}/withdraw`).set(admin.auth).send();
      expect(withdrawn.status).toBe(200);
      expect((withdrawn.body as PolicyPublishResponse).policy.status).toBe('withdrawn');
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(owner.auth)).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(supervisor.auth)).status).toBe(200);

      const again = await publish(p.id);
      expect(again.status).toBe(200);
      expect((again.body as PolicyPublishResponse).policy.publishedAt).toBe(publishedAt);
      const actions = (await audits(p.id)).map((a) => a.action);
      expect(actions).toEqual([
        AuditAction.POLICY_CREATED,
        AuditAction.POLICY_PUBLISHED,
        AuditAction.POLICY_WITHDRAWN,
        AuditAction.POLICY_PUBLISHED,
      ]);
    });

    it('withdrawing a draft is refused; withdrawing twice changes nothing', async () => {
      const p = await create();
      const res = await t.http.post(`/api/v1/admin/policies/${p.id}/withdraw`).set(admin.auth).send();
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('该政策尚未发布，无需撤回');
      await publish(p.id);
      await t.http.post(`/api/v1/admin/policies/${p.id}/withdraw`).set(admin.auth).send();
      const twice = await t.http.post(`/api/v1/admin/policies/${p.id}/withdraw`).set(admin.auth).send();
      expect(twice.status).toBe(200);
      expect((await audits(p.id)).filter((a) => a.action === AuditAction.POLICY_WITHDRAWN)).toHaveLength(1);
    });

    it('refuses to publish an expired policy (yesterday) but publishes one ending today; an inverted period too', async () => {
      const expired = await create({ validFrom: '2020-01-01', validTo: yesterday });
      const res = await publish(expired.id);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('该政策的失效日期已过，不能发布；请修改失效日期后再发布');
      const [row] = (await t.ds.query(`SELECT status FROM policies WHERE id = $1`, [expired.id])) as Array<{
        status: string;
      }>;
      expect(row.status).toBe('draft');

      const endsToday = await create({ validFrom: '2020-01-01', validTo: today });
      expect((await publish(endsToday.id)).status).toBe(200);

      const inverted = await create();
      await t.ds.query(`UPDATE policies SET valid_from = $1, valid_to = $2 WHERE id = $3`, [
        tomorrow,
        today,
        inverted.id,
      ]);
      const refused = await publish(inverted.id);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('失效日期不能早于生效日期');
    });

    it('a published policy whose end has passed reads expired', async () => {
      const p = await published({ validFrom: '2020-01-01', validTo: today });
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).body.status).toBe('published');
      await t.ds.query(`UPDATE policies SET valid_to = $1 WHERE id = $2`, [yesterday, p.id]);
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).body.status).toBe('expired');
      const list = await t.http.get('/api/v1/admin/policies?status=expired&limit=50').set(admin.auth);
      const item = (list.body as Page<AdminPolicyItem>).items.find((i) => i.id === p.id);
      expect(item?.status).toBe('expired');
      const live = await t.http.get('/api/v1/admin/policies?status=published&limit=50').set(admin.auth);
      expect((live.body as Page<AdminPolicyItem>).items.map((i) => i.id)).not.toContain(p.id);
    });

    it('the public list shows published policies only', async () => {
      const draft = await create({ title: '草稿政策甲乙丙' });
      const live = await published({ title: '公开政策甲乙丙' });
      const res = await t.http.get('/api/v1/policies?limit=50');
      expect(res.status).toBe(200);
      const ids = (res.body as Page<PolicyListItem>).items.map((i) => i.id);
      expect(ids).toContain(live.id);
      expect(ids).not.toContain(draft.id);
    });

    it('the admin list pages by the latest change, without repeats', async () => {
      for (let i = 0; i < 3; i++) await create();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.http
          .get(`/api/v1/admin/policies?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(admin.auth);
        expect(res.status).toBe(200);
        const page = res.body as Page<AdminPolicyItem>;
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM policies`)) as Array<{ n: number }>;
      expect(new Set(seen).size).toBe(n);
      expect(seen).toHaveLength(n);
    });
  });

  describe('为您匹配', () => {
    const matched = async (who: SignedIn) => {
      const res = await t.http.get('/api/v1/policies/matched?limit=50').set(who.auth);
      expect(res.status).toBe(200);
      return res.body as MatchedPoliciesResponse;
    };

    beforeAll(async () => {
      // Only this block's policies are in force.
      await t.ds.query(`UPDATE policies SET status = 'withdrawn' WHERE status = 'published'`);
    });

    it('each rule: met, missing by one, missing by two; in force today only; best first', async () => {
      const open = await published({ title: '无限制' });
      const industry = await published({ industries: [INDUSTRY, OTHER_INDUSTRY] });
      const two = await published({ industries: [INDUSTRY], qualifications: ['专精特新中小企业', '高新技术企业'] });
      const wrongIndustry = await published({ industries: [OTHER_INDUSTRY] });
      const wrongScale = await published({ scales: ['small', 'micro'] });
      const otherDistrict = await published({ districts: ['雨湖区'] });
      const nationalOtherDistrict = await published({ level: 'national', districts: ['雨湖区'] });
      const wholeCity = await published({ districts: ['全市'] });
      const wrongQualification = await published({ qualifications: ['个体工商户'] });
      const twoMissing = await published({ industries: [OTHER_INDUSTRY], scales: ['large'] });
      const endsToday = await published({ validFrom: '2020-01-01', validTo: today });
      const endedYesterday = await published({ validFrom: '2020-01-01', validTo: today });
      await t.ds.query(`UPDATE policies SET valid_to = $1 WHERE id = $2`, [yesterday, endedYesterday.id]);
      const startsTomorrow = await published({ validFrom: tomorrow });
      const startsToday = await published({ validFrom: today });
      const draft = await create({ industries: [INDUSTRY] });

      const body = await matched(owner);
      expect(body.gaps).toEqual([]);
      expect(body.thin).toBe(false);
      const byId = new Map(body.items.map((i, n) => [i.policy.id, { ...i, n }]));
      const at = (p: PolicyDetail) => byId.get(p.id);

      expect(at(open)?.match).toEqual({ eligible: true, met: [], missing: [] });
      expect(at(industry)?.match).toEqual({ eligible: true, met: [INDUSTRY], missing: [] });
      expect(at(two)?.match).toEqual({ eligible: true, met: [INDUSTRY, '高新技术企业'], missing: [] });
      expect(at(nationalOtherDistrict)?.match.eligible).toBe(true);
      expect(at(wholeCity)?.match.eligible).toBe(true);
      expect(at(endsToday)?.match.eligible).toBe(true);
      expect(at(startsToday)?.match.eligible).toBe(true);

      expect(at(wrongIndustry)?.match).toEqual({ eligible: false, met: [], missing: [OTHER_INDUSTRY] });
      expect(at(wrongScale)?.match).toEqual({ eligible: false, met: [], missing: ['小型企业或微型企业'] });
      expect(at(otherDistrict)?.match).toEqual({ eligible: false, met: [], missing: ['雨湖区'] });
      expect(at(wrongQualification)?.match).toEqual({ eligible: false, met: [], missing: ['个体工商户'] });

      for (const absent of [twoMissing, endedYesterday, startsTomorrow, draft]) expect(at(absent)).toBeUndefined();

      // Eligible before near misses; more conditions met first; then the newest.
      const order = body.items.map((i) => i.match);
      const firstMiss = order.findIndex((m) => !m.eligible);
      expect(order.slice(firstMiss).every((m) => !m.eligible)).toBe(true);
      expect(at(two)!.n).toBe(0);
      expect(at(industry)!.n).toBeLessThan(at(open)!.n);
      expect(at(startsToday)!.n).toBeLessThan(at(open)!.n);
      expect(body.items).toHaveLength(11);
    }, 60_000);

    it('a thin profile says so; conditions it cannot judge ask for the profile', async () => {
      const body = await matched(thinOwner);
      expect(body.thin).toBe(true);
      expect(body.gaps).toEqual(['industry', 'scale', 'district']);
      const industryItem = body.items.find(
        (i) =>
          i.policy.title.startsWith('湘潭') &&
          i.match.missing.length === 1 &&
          i.match.missing[0].startsWith('所属行业'),
      );
      expect(industryItem?.match.missing).toEqual(['所属行业（请完善一企一档）']);
    });

    it('the detail explains the match to an enterprise, and to nobody else', async () => {
      const p = await published({ scales: ['small'] });
      const mine = await t.http.get(`/api/v1/policies/${p.id}`).set(owner.auth);
      expect((mine.body as PolicyDetail).match).toEqual({ eligible: false, met: [], missing: ['小型企业'] });
      expect((await t.http.get(`/api/v1/policies/${p.id}`)).body.match).toBeNull();
      expect((await t.http.get(`/api/v1/policies/${p.id}`).set(pending.auth)).body.match).toBeNull();
    });

    it('only members of an approved enterprise', async () => {
      expect((await t.http.get('/api/v1/policies/matched')).status).toBe(401);
      expect((await t.http.get('/api/v1/policies/matched').set(butler.auth)).status).toBe(403);
      const res = await t.http.get('/api/v1/policies/matched').set(pending.auth);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ENTERPRISE_NOT_BOUND');
    });
  });

  describe('favourites', () => {
    it('adds and removes idempotently; lists published ones, the latest first; withdrawn ones drop out', async () => {
      const a = await published();
      const b = await published();
      const fav = (id: string) => t.http.post(`/api/v1/policies/${id}/favorite`).set(owner.auth);
      expect((await fav(a.id)).body).toEqual({ favorite: true });
      expect((await fav(a.id)).status).toBe(200);
      await fav(b.id);
      const [{ n }] = (await t.ds.query(`SELECT count(*)::int AS n FROM policy_favorites WHERE user_id = $1`, [
        owner.user.id,
      ])) as Array<{ n: number }>;
      expect(n).toBe(2);
      expect((await t.http.get(`/api/v1/policies/${a.id}`).set(owner.auth)).body.favorite).toBe(true);
      expect((await t.http.get(`/api/v1/policies/${a.id}`).set(pending.auth)).body.favorite).toBe(false);

      const page1 = await t.http.get('/api/v1/policies/favorites?limit=1').set(owner.auth);
      expect(page1.status).toBe(200);
      expect((page1.body as Page<PolicyListItem>).items.map((i) => i.id)).toEqual([b.id]);
      const page2 = await t.http
        .get(`/api/v1/policies/favorites?limit=1&cursor=${encodeURIComponent(page1.body.nextCursor as string)}`)
        .set(owner.auth);
      expect((page2.body as Page<PolicyListItem>).items.map((i) => i.id)).toEqual([a.id]);
      expect(page2.body.nextCursor).toBeNull();

      await t.http.post(`/api/v1/admin/policies/${b.id}/withdraw`).set(admin.auth).send();
      const after = await t.http.get('/api/v1/policies/favorites').set(owner.auth);
      expect((after.body as Page<PolicyListItem>).items.map((i) => i.id)).toEqual([a.id]);
      // Someone else's list is their own.
      expect((await t.http.get('/api/v1/policies/favorites').set(pending.auth)).body.items).toEqual([]);

      expect((await t.http.delete(`/api/v1/policies/${a.id}/favorite`).set(owner.auth)).body).toEqual({
        favorite: false,
      });
      expect((await t.http.delete(`/api/v1/policies/${a.id}/favorite`).set(owner.auth)).status).toBe(200);
      expect((await t.http.get('/api/v1/policies/favorites').set(owner.auth)).body.items).toEqual([]);
      expect((await t.http.post(`/api/v1/policies/${randomUUID()}/favorite`).set(owner.auth)).status).toBe(404);
      expect((await t.http.post(`/api/v1/policies/${a.id}/favorite`).set(butler.auth)).status).toBe(403);
      expect((await t.http.post(`/api/v1/policies/${a.id}/favorite`)).status).toBe(401);
    });
  });

  describe('subscriptions', () => {
    const put = (who: SignedIn, body: Record<string, unknown>) =>
      t.http.put('/api/v1/me/subscriptions').set(who.auth).send(body);

    it('defaults to matching the profile; saves dictionary values; refuses others', async () => {
      const first = await t.http.get('/api/v1/me/subscriptions').set(owner.auth);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ matchProfile: true, categories: [], industries: [], districts: [] });

      const settings: SubscriptionSettings = {
        matchProfile: false,
        categories: ['减税降费', '人才'],
        industries: [INDUSTRY],
        districts: ['岳塘区'],
      };
      const saved = await put(owner, settings);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual(settings);
      expect((await t.http.get('/api/v1/me/subscriptions').set(owner.auth)).body).toEqual(settings);

      const bad = await put(owner, { ...settings, districts: ['火星区'] });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'districts', message: '“火星区”不在区域字典中' }]);
      const missing = await put(owner, { matchProfile: true, categories: [] });
      expect(missing.status).toBe(400);
      expect((await t.http.get('/api/v1/me/subscriptions').set(owner.auth)).body).toEqual(settings);

      // An inactive entry is no longer offered.
      await t.ds.query(`UPDATE dictionary_entries SET active = false WHERE kind = 'categories' AND value = '人才'`);
      expect((await put(owner, settings)).status).toBe(400);
      await t.ds.query(`UPDATE dictionary_entries SET active = true WHERE kind = 'categories' AND value = '人才'`);

      expect((await t.http.get('/api/v1/me/subscriptions').set(butler.auth)).status).toBe(403);
      expect((await t.http.get('/api/v1/me/subscriptions')).status).toBe(401);
    });
  });
});
