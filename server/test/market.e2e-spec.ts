import { randomUUID } from 'node:crypto';
import type {
  MarketEnterpriseCard,
  MarketMatchesResponse,
  MarketPostCard,
  MarketPostDetail,
  MarketReportItem,
  MyMarketListing,
  Page,
} from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { png } from './utils/images';
import { startTestApp, type TestApp } from './utils/test-app';

interface Side {
  session: SignedIn;
  enterpriseId: string;
  name: string;
}

const demand = (over: Record<string, unknown> = {}) => ({
  kind: 'demand',
  category: '包装印刷',
  industry: '食品制造业',
  district: '雨湖区',
  title: '求购瓦楞纸箱包装',
  description: '每月约两万只五层瓦楞纸箱，长期合作',
  ...over,
});

/**
 * 企业商圈 (issue 12): the opt-in directory, the board (filters, search, expiry by the database's clock), the owners'
 * edits, the content check, suggested matches with their reasons, reports and take-downs (audited, the owner told).
 * The contact requests: market-contacts.e2e-spec.ts.
 */
describe('market (e2e)', () => {
  let t: TestApp;
  let owner: Side;
  let member: SignedIn;
  let other: Side;
  let supervisor: SignedIn;
  let butler: SignedIn;

  async function enterprise(name: string, contactName = '联系人'): Promise<Side> {
    const session = await signInWechat(t);
    const creditCode = makeCreditCode();
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(session.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name, contactName });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
    const e = await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode });
    return { session, enterpriseId: e.id, name };
  }

  const publish = (who: SignedIn, body: Record<string, unknown>, key = randomUUID()) =>
    t.http.post('/api/v1/market/posts').set(who.auth).set('Idempotency-Key', key).send(body);
  async function created(who: SignedIn, body: Record<string, unknown>): Promise<MarketPostDetail> {
    const res = await publish(who, body);
    if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as MarketPostDetail;
  }
  const board = async (query = ''): Promise<string[]> => {
    const res = await t.http.get(`/api/v1/market/posts${query}`);
    expect(res.status).toBe(200);
    return (res.body as Page<MarketPostCard>).items.map((p) => p.id);
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await t.ds.query(sql, params)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await enterprise('湘潭市雨湖食品有限公司', '周经理');
    other = await enterprise('湘潭岳塘纸业有限公司', '吴经理');
    // A second, approved member of the owner's enterprise.
    member = await signInWechat(t);
    const code = (await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ id: owner.enterpriseId })).creditCode;
    await t.http
      .post('/api/v1/me/enterprise')
      .set(member.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode: code, name: owner.name, contactName: '成员' });
    const approved = await t.http
      .post(`/api/v1/me/enterprise/members/${member.user.id}/decision`)
      .set(owner.session.auth)
      .send({ approve: true });
    if (approved.status !== 200) throw new Error(`approve failed: ${approved.status}`);
    supervisor = await staffSession(t, Role.SUPERVISOR);
    butler = await staffSession(t, Role.BUTLER);
  }, 90_000);
  afterEach(() => t.fake.reset());
  afterAll(() => t?.close());

  describe('directory', () => {
    it('lists an enterprise only after its owner opts in, searchable in Chinese, without contacts; leaving is at once', async () => {
      await t.ds.query(
        `UPDATE enterprises SET contact_phone = '13700009999', district = '岳塘区', industry = '造纸和纸制品业' WHERE id = $1`,
        [other.enterpriseId],
      );
      const ids = async (q = '') =>
        ((await t.http.get(`/api/v1/market/enterprises${q}`)).body as Page<MarketEnterpriseCard>).items.map(
          (e) => e.id,
        );
      expect(await ids()).not.toContain(other.enterpriseId);
      expect((await t.http.get(`/api/v1/market/enterprises/${other.enterpriseId}`)).status).toBe(404);

      const put = await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(other.session.auth)
        .send({ introduction: '专业生产各类纸制品', products: '五层瓦楞纸箱、彩印包装盒', visible: true });
      expect(put.status).toBe(200);
      expect(put.body as MyMarketListing).toMatchObject({
        visible: true,
        district: '岳塘区',
        industry: '造纸和纸制品业',
      });
      expect(await ids()).toContain(other.enterpriseId);
      // Any two or more characters inside the text, in the name too; every word must be there.
      expect(await ids('?q=瓦楞')).toContain(other.enterpriseId);
      expect(await ids('?q=岳塘纸业')).toContain(other.enterpriseId);
      expect(await ids('?q=瓦楞 钢材')).not.toContain(other.enterpriseId);
      expect(await ids('?district=岳塘区')).toContain(other.enterpriseId);
      expect(await ids('?district=雨湖区')).not.toContain(other.enterpriseId);
      const detail = await t.http.get(`/api/v1/market/enterprises/${other.enterpriseId}`);
      expect(detail.body).toEqual({
        id: other.enterpriseId,
        name: other.name,
        introduction: '专业生产各类纸制品',
        products: '五层瓦楞纸箱、彩印包装盒',
        district: '岳塘区',
        industry: '造纸和纸制品业',
        logo: null,
      });
      expect(JSON.stringify((await t.http.get('/api/v1/market/enterprises')).body)).not.toContain('13700009999');

      const leave = await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(other.session.auth)
        .send({ introduction: '专业生产各类纸制品', products: '五层瓦楞纸箱', visible: false });
      expect(leave.status).toBe(200);
      expect(await ids()).not.toContain(other.enterpriseId);
      expect(await ids('?q=瓦楞')).not.toContain(other.enterpriseId);
      expect((await t.http.get(`/api/v1/market/enterprises/${other.enterpriseId}`)).status).toBe(404);
    });

    it('takes a logo uploaded by the owner; only the owner writes the listing; Chinese 400s', async () => {
      const up = await t.http
        .post('/api/v1/files/images')
        .set(owner.session.auth)
        .attach('file', png(4, 4), { filename: 'logo.png', contentType: 'image/png' });
      expect(up.status).toBe(201);
      const res = await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(owner.session.auth)
        .send({ introduction: '食品加工', products: '月饼、糕点', logoFileId: up.body.id, visible: true });
      expect(res.status).toBe(200);
      expect((res.body as MyMarketListing).logo).toBe(`/api/v1/market/enterprises/${owner.enterpriseId}/logo`);
      const logo = await t.http.get(`/api/v1/market/enterprises/${owner.enterpriseId}/logo`);
      expect(logo.status).toBe(200);
      expect(logo.headers['content-type']).toBe('image/png');

      expect((await t.http.get('/api/v1/me/enterprise/listing').set(member.auth)).status).toBe(403);
      const blank = await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(owner.session.auth)
        .send({ introduction: '  ', products: '月饼', visible: true });
      expect(blank.status).toBe(400);
      expect(blank.body.message).toBe('请填写企业简介');
      const noVisible = await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(owner.session.auth)
        .send({ introduction: '食品', products: '月饼' });
      expect(noVisible.status).toBe(400);
      expect(noVisible.body.message).toBe('请选择是否在企业名录中展示');
      // The refused writes changed nothing.
      expect((await t.http.get('/api/v1/me/enterprise/listing').set(owner.session.auth)).body).toMatchObject({
        introduction: '食品加工',
        visible: true,
      });
    });
  });

  describe('posts', () => {
    it('publishes once per Idempotency-Key; on the board with filters and search; images public with it', async () => {
      const up = await t.http
        .post('/api/v1/files/images')
        .set(owner.session.auth)
        .attach('file', png(2, 2), { filename: 'a.png', contentType: 'image/png' });
      const key = randomUUID();
      const first = await publish(owner.session, demand({ images: [up.body.id], validDays: 10 }), key);
      expect(first.status).toBe(201);
      const again = await publish(owner.session, demand({ images: [up.body.id], validDays: 10 }), key);
      expect(again.body.id).toBe(first.body.id);
      const p = first.body as MarketPostDetail;
      expect(p).toMatchObject({
        kind: 'demand',
        status: 'active',
        enterprise: { id: owner.enterpriseId, name: owner.name },
        canManage: true,
        images: [{ id: up.body.id, url: `/api/v1/market/posts/${p.id}/images/${up.body.id}` }],
      });
      const days = (new Date(p.expiresAt).getTime() - new Date(p.createdAt).getTime()) / 86_400_000;
      expect(Math.round(days)).toBe(10);
      expect(await count(`SELECT count(*)::int AS n FROM market_posts WHERE title = '求购瓦楞纸箱包装'`)).toBe(1);

      expect(await board()).toContain(p.id);
      expect(await board('?kind=demand&category=包装印刷&district=雨湖区&industry=食品制造业&q=纸箱')).toContain(p.id);
      expect(await board('?kind=supply')).not.toContain(p.id);
      expect(await board('?q=钢材')).not.toContain(p.id);
      expect(await board('?q=%25%25')).toEqual([]);
      expect((await t.http.get(p.images[0].url)).status).toBe(200);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`)).body).toMatchObject({
        canManage: false,
        takedownReason: null,
      });
    });

    it('refuses bad input in Chinese (400) and writes nothing', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM market_posts`);
      const cases: Array<[Record<string, unknown>, string]> = [
        [demand({ title: '长'.repeat(51) }), '标题不能超过 50 个字'],
        [demand({ description: '长'.repeat(1001) }), '详细描述不能超过 1000 个字'],
        [demand({ title: '   ' }), '请填写标题'],
        [demand({ kind: 'sell' }), '请选择供应或需求'],
        [demand({ category: '减税降费' }), '请从列表中选择类别'],
        [demand({ district: '火星区' }), '“火星区”不在区域字典中'],
        [demand({ industry: '炼丹业' }), '“炼丹业”不在行业字典中'],
        [demand({ validDays: 91 }), '有效期最长 90 天'],
        [demand({ validDays: 0 }), '有效期至少 1 天'],
        [demand({ images: Array.from({ length: 10 }, () => randomUUID()) }), '最多上传 9 张图片'],
        [demand({ images: [randomUUID()] }), '图片不存在，请重新上传'],
      ];
      for (const [body, message] of cases) {
        const res = await publish(owner.session, body);
        expect([message, res.status, res.body.message]).toEqual([message, 400, message]);
      }
      expect(await count(`SELECT count(*)::int AS n FROM market_posts`)).toBe(before);
      const renew = await t.http
        .post(`/api/v1/market/posts/${randomUUID()}/renew`)
        .set(owner.session.auth)
        .send({ validDays: 120 });
      expect([renew.status, renew.body.message]).toEqual([400, '有效期最长 90 天']);
    });

    it('an expired post leaves the board at its expiry, by the database clock; its owners still see it', async () => {
      const p = await created(owner.session, demand({ title: '求购冷链运输服务', category: '物流运输' }));
      await t.ds.query(`UPDATE market_posts SET expires_at = now() + interval '1 minute' WHERE id = $1`, [p.id]);
      expect(await board()).toContain(p.id);
      await t.ds.query(`UPDATE market_posts SET expires_at = now() - interval '1 millisecond' WHERE id = $1`, [p.id]);
      expect(await board()).not.toContain(p.id);
      expect(await board('?q=冷链')).not.toContain(p.id);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`).set(other.session.auth)).status).toBe(404);
      const mine = await t.http.get(`/api/v1/market/posts/${p.id}`).set(member.auth);
      expect(mine.body).toMatchObject({ status: 'expired', canManage: false });
      const list = await t.http.get('/api/v1/me/market/posts').set(owner.session.auth);
      expect((list.body as Page<MarketPostCard>).items.find((x) => x.id === p.id)?.status).toBe('expired');
      // Renewed: on the board again for the days asked.
      const renewed = await t.http
        .post(`/api/v1/market/posts/${p.id}/renew`)
        .set(owner.session.auth)
        .send({ validDays: 7 });
      expect(renewed.status).toBe(200);
      expect((renewed.body as MarketPostDetail).status).toBe('active');
      expect(await board()).toContain(p.id);
    });

    it('the author and the owner edit and close; another member may not (403), another enterprise sees nothing (404)', async () => {
      const p = await created(member, demand({ title: '求购食品包装盒' }));
      expect(p.canManage).toBe(true);
      const edit = await t.http
        .patch(`/api/v1/market/posts/${p.id}`)
        .set(member.auth)
        .send({ title: '求购彩印食品包装盒' });
      expect([edit.status, edit.body.title]).toEqual([200, '求购彩印食品包装盒']);
      expect(await board('?q=彩印')).toContain(p.id);
      const byOwner = await t.http
        .patch(`/api/v1/market/posts/${p.id}`)
        .set(owner.session.auth)
        .send({ district: '岳塘区' });
      expect(byOwner.body.district).toBe('岳塘区');
      const mine = await created(owner.session, demand({ title: '求购封箱胶带' }));
      expect(
        (await t.http.patch(`/api/v1/market/posts/${mine.id}`).set(member.auth).send({ title: '改' })).status,
      ).toBe(403);
      expect(
        (await t.http.patch(`/api/v1/market/posts/${p.id}`).set(other.session.auth).send({ title: '改' })).status,
      ).toBe(404);
      expect((await t.http.post(`/api/v1/market/posts/${p.id}/close`).set(other.session.auth)).status).toBe(404);
      const closed = await t.http.post(`/api/v1/market/posts/${p.id}/close`).set(member.auth);
      expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
      expect(await board()).not.toContain(p.id);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`)).status).toBe(404);
    });

    it('content check: risky → 400 CONTENT_RISKY and nothing written; review → held, off the board, until staff release it', async () => {
      const posts = await count(`SELECT count(*)::int AS n FROM market_posts`);
      const reports = await count(`SELECT count(*)::int AS n FROM market_reports`);
      const audits = await count(`SELECT count(*)::int AS n FROM audit_log`);
      const key = randomUUID();
      const risky = await publish(owner.session, demand({ description: '这里有违规测试内容' }), key);
      expect(risky.status).toBe(400);
      expect(risky.body).toMatchObject({ code: 'CONTENT_RISKY', message: '内容含有违规信息，请修改后再提交' });
      expect(await count(`SELECT count(*)::int AS n FROM market_posts`)).toBe(posts);
      expect(await count(`SELECT count(*)::int AS n FROM market_reports`)).toBe(reports);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(audits);
      expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key])).toBe(0);

      const held = await created(owner.session, demand({ title: '求购印刷服务', description: '待审测试的内容' }));
      expect(held.status).toBe('held');
      expect(await board()).not.toContain(held.id);
      expect((await t.http.get(`/api/v1/market/posts/${held.id}`).set(other.session.auth)).status).toBe(404);
      const queue = await t.http.get('/api/v1/staff/market/reports').set(supervisor.auth);
      const report = (queue.body as Page<MarketReportItem>).items.find((r) => r.post.id === held.id)!;
      expect(report).toMatchObject({ source: 'content_check', status: 'open', reason: '内容安全检查建议人工复核' });
      // Renewing never skips the review.
      await t.http.post(`/api/v1/market/posts/${held.id}/renew`).set(owner.session.auth).send({ validDays: 5 });
      expect(await board()).not.toContain(held.id);
      const released = await t.http
        .post(`/api/v1/staff/market/reports/${report.id}/decision`)
        .set(supervisor.auth)
        .send({ takeDown: false, note: '内容无问题' });
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ status: 'dismissed', post: { status: 'active' } });
      expect(await board()).toContain(held.id);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title = '您发布的信息已通过审核'`,
          [owner.session.user.id],
        ),
      ).toBe(1);
    });
  });

  describe('matches', () => {
    it('suggests the other kind and directory enterprises that fit, best first, each with why', async () => {
      const need = await created(owner.session, demand({ title: '求购瓦楞纸箱包装', description: '五层瓦楞纸箱' }));
      const best = await created(other.session, {
        kind: 'supply',
        category: '包装印刷',
        district: '雨湖区',
        title: '供应瓦楞纸箱',
        description: '工厂直供',
      });
      const districtOnly = await created(other.session, {
        kind: 'supply',
        category: '物流运输',
        district: '雨湖区',
        title: '城区货运配送',
        description: '当日达',
      });
      const sameKind = await created(other.session, demand({ title: '求购瓦楞纸箱' }));
      const own = await created(member, { ...demand(), kind: 'supply', title: '供应瓦楞纸箱包装' });
      const unrelated = await created(other.session, {
        kind: 'supply',
        category: '人才用工',
        district: '韶山市',
        title: '劳务派遣焊工',
        description: '持证上岗',
      });
      await t.http
        .put('/api/v1/me/enterprise/listing')
        .set(other.session.auth)
        .send({ introduction: '纸制品', products: '瓦楞纸箱、彩印包装盒', visible: true });

      const res = await t.http.get(`/api/v1/market/posts/${need.id}/matches`);
      expect(res.status).toBe(200);
      const items = (res.body as MarketMatchesResponse).items;
      const ids = items.map((m) => (m.type === 'post' ? m.post.id : `enterprise:${m.enterprise.id}`));
      expect(ids[0]).toBe(best.id);
      expect(items[0].why).toEqual(['同一类别：包装印刷', '同区域：雨湖区', '关键词：瓦楞纸箱']);
      const company = items.find((m) => m.type === 'enterprise' && m.enterprise.id === other.enterpriseId)!;
      expect(company.why).toEqual(['关键词：瓦楞纸箱、包装']);
      expect(items.find((m) => m.type === 'post' && m.post.id === districtOnly.id)!.why).toEqual(['同区域：雨湖区']);
      // Best first: category 3, industry 2, district 2, each keyword 1.
      expect(items[0].score).toBe(3 + 2 + 1);
      expect(items.map((m) => m.score)).toEqual([...items.map((m) => m.score)].sort((a, b) => b - a));
      expect(ids).not.toContain(sameKind.id);
      expect(ids).not.toContain(own.id);
      expect(ids).not.toContain(unrelated.id);
      // The other way round: a 供应 finds the 需求.
      const back = (await t.http.get(`/api/v1/market/posts/${best.id}/matches`)).body as MarketMatchesResponse;
      expect(back.items.map((m) => (m.type === 'post' ? m.post.id : null))).toContain(need.id);
    });
  });

  describe('moderation', () => {
    it('staff take a post down with a reason: hidden, the owner told, audited; butlers and enterprises may not', async () => {
      const p = await created(member, demand({ title: '求购二手叉车' }));
      expect(
        (await t.http.post(`/api/v1/staff/market/posts/${p.id}/takedown`).set(butler.auth).send({ reason: 'x' }))
          .status,
      ).toBe(403);
      const blank = await t.http
        .post(`/api/v1/staff/market/posts/${p.id}/takedown`)
        .set(supervisor.auth)
        .send({ reason: ' ' });
      expect([blank.status, blank.body.message]).toEqual([400, '请填写下架理由']);
      const res = await t.http
        .post(`/api/v1/staff/market/posts/${p.id}/takedown`)
        .set(supervisor.auth)
        .send({ reason: '信息与实际经营不符' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'taken_down', takedownReason: '信息与实际经营不符' });
      expect(await board()).not.toContain(p.id);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`).set(other.session.auth)).status).toBe(404);
      expect((await t.http.get(`/api/v1/market/posts/${p.id}`).set(member.auth)).body).toMatchObject({
        status: 'taken_down',
        takedownReason: '信息与实际经营不符',
      });
      // Its author and its enterprise's owner are told, with the reason.
      const notices = (await t.ds.query(
        `SELECT user_id, body, link FROM notifications WHERE title = '您发布的信息已被下架' AND body LIKE $1`,
        [`%求购二手叉车%`],
      )) as Array<{ user_id: string; body: string; link: string }>;
      expect(notices.map((n) => n.user_id).sort()).toEqual([member.user.id, owner.session.user.id].sort());
      expect(notices[0].body).toContain('原因：信息与实际经营不符');
      const [audit] = (await t.ds.query(
        `SELECT actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2`,
        [AuditAction.MARKET_POST_TAKEN_DOWN, p.id],
      )) as Array<{ actor_id: string; details: Record<string, unknown> }>;
      expect(audit).toMatchObject({
        actor_id: supervisor.user.id,
        details: { reason: '信息与实际经营不符', from: 'active' },
      });
      // Down is down: not twice, and its owners cannot edit or renew it back.
      expect(
        (await t.http.post(`/api/v1/staff/market/posts/${p.id}/takedown`).set(supervisor.auth).send({ reason: '再' }))
          .status,
      ).toBe(409);
      expect(
        (await t.http.post(`/api/v1/market/posts/${p.id}/renew`).set(member.auth).send({ validDays: 5 })).status,
      ).toBe(409);
    });

    it('reports: one open per user and post; staff review them, taking the post down when upheld (audited)', async () => {
      const p = await created(owner.session, demand({ title: '求购钢材边角料' }));
      const first = await t.http
        .post(`/api/v1/market/posts/${p.id}/reports`)
        .set(other.session.auth)
        .send({ reason: '疑似虚假信息' });
      expect(first.status).toBe(201);
      const again = await t.http
        .post(`/api/v1/market/posts/${p.id}/reports`)
        .set(other.session.auth)
        .send({ reason: '再次举报' });
      expect(again.body.id).toBe(first.body.id);
      expect(await count(`SELECT count(*)::int AS n FROM market_reports WHERE post_id = $1`, [p.id])).toBe(1);
      const empty = await t.http.post(`/api/v1/market/posts/${p.id}/reports`).set(other.session.auth).send({});
      expect([empty.status, empty.body.message]).toEqual([400, '举报理由必须是文本']);

      const queue = (await t.http.get('/api/v1/staff/market/reports').set(supervisor.auth))
        .body as Page<MarketReportItem>;
      expect(queue.items.find((r) => r.id === first.body.id)).toMatchObject({ source: 'user', reason: '疑似虚假信息' });
      expect((await t.http.get('/api/v1/staff/market/reports').set(butler.auth)).status).toBe(403);
      const decided = await t.http
        .post(`/api/v1/staff/market/reports/${first.body.id}/decision`)
        .set(supervisor.auth)
        .send({ takeDown: true, note: '经核实为虚假信息' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'upheld', post: { status: 'taken_down' } });
      expect(await board()).not.toContain(p.id);
      const actions = (await t.ds.query(`SELECT action FROM audit_log WHERE target_id IN ($1, $2) ORDER BY id`, [
        first.body.id,
        p.id,
      ])) as Array<{ action: string }>;
      expect(actions.map((a) => a.action).sort()).toEqual(
        [AuditAction.MARKET_POST_TAKEN_DOWN, AuditAction.MARKET_REPORT_REVIEWED].sort(),
      );
      const twice = await t.http
        .post(`/api/v1/staff/market/reports/${first.body.id}/decision`)
        .set(supervisor.auth)
        .send({ takeDown: false, note: '再' });
      expect([twice.status, twice.body.code]).toEqual([409, 'MARKET_REPORT_DECIDED']);
      // A post no longer on the board cannot be reported by outsiders: it does not exist for them.
      expect(
        (await t.http.post(`/api/v1/market/posts/${p.id}/reports`).set(other.session.auth).send({ reason: 'x' }))
          .status,
      ).toBe(404);
    });
  });
});
