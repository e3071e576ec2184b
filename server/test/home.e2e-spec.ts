import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import type { CaseSummary, HomeFeed, MatchedPoliciesResponse, Page, PolicyDetail } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { HOME_PUBLIC_TTL_MS, HomeFeedCache } from '../src/modules/home/home-feed.cache';
import { createDepartment, makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * `GET /home`: the home page's feed in one request. Everyone gets the newest news (public, published, pinned first);
 * an approved member of an enterprise also gets the top of its 为您匹配 (as `GET /policies/matched` orders it) and
 * its cases still being handled with their expected dates (as 我的诉求 shows them) — never another enterprise's, and
 * nothing private for a visitor, staff or a member still pending. The public part is cached per process for a few
 * seconds; the private part never is. The statements one request sends do not grow with what it shows (no N+1).
 */
describe('home: GET /home', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn;
  let ownerA: SignedIn;
  let memberA: SignedIn;
  let pendingA: SignedIn;
  let ownerB: SignedIn;
  let unbound: SignedIn;
  let cache: HomeFeedCache;
  /** The news in the order the feed must show them (pinned first, then newest). */
  const news: Record<string, string> = {};
  /** Enterprise A's policies that match it. */
  const matchedA: PolicyDetail[] = [];
  /** Enterprise A's cases, oldest first. */
  const casesA: string[] = [];
  let caseB: string;
  let resolvedA: string;

  const INDUSTRY = '电气机械和器材制造业';

  async function bind(who: SignedIn, creditCode: string, name: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name, contactName: '王经理' });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
    const [row] = (await t.ds.query(`SELECT id FROM enterprises WHERE credit_code = $1`, [creditCode])) as Array<{
      id: string;
    }>;
    return row.id;
  }

  async function approve(enterpriseId: string, who: SignedIn): Promise<void> {
    await t.ds.query(
      `UPDATE enterprise_members SET status = 'approved', decided_at = now() WHERE enterprise_id = $1 AND user_id = $2`,
      [enterpriseId, who.user.id],
    );
  }

  async function submit(who: SignedIn, content: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/cases')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ type: 'consult', content });
    if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  }

  let seq = 0;
  async function publishedPolicy(over: Record<string, unknown>): Promise<PolicyDetail> {
    seq += 1;
    const created = await t.http
      .post('/api/v1/admin/policies')
      .set(admin.auth)
      .send({
        title: `湘潭市首页测试政策${seq}`,
        docNumber: `潭首〔2026〕${seq}号-${randomUUID().slice(0, 6)}`,
        issuer: '湘潭市人民政府',
        level: 'city',
        categories: ['产业发展'],
        validFrom: null,
        validTo: null,
        summary: '对符合条件的企业给予支持。',
        body: '<p>正文</p>',
        ...over,
      });
    expect(created.status).toBe(201);
    const id = (created.body as PolicyDetail).id;
    expect((await t.http.post(`/api/v1/admin/policies/${id}/publish`).set(admin.auth).send()).status).toBe(200);
    return created.body as PolicyDetail;
  }

  async function article(title: string, opts: { status?: string; publishedAt?: string; pinned?: boolean } = {}) {
    const [{ id }] = (await t.ds.query(
      `INSERT INTO news_articles (title, summary, status, published_at, pinned) VALUES ($1, '摘要', $2, $3, $4) RETURNING id`,
      [title, opts.status ?? 'published', opts.publishedAt ?? null, opts.pinned ?? false],
    )) as Array<{ id: string }>;
    return id;
  }

  const home = async (who?: SignedIn): Promise<HomeFeed> => {
    const req = t.http.get('/api/v1/home');
    const res = await (who ? req.set(who.auth) : req);
    expect(res.status).toBe(200);
    return res.body as HomeFeed;
  };

  beforeAll(async () => {
    // Nothing else reads the database while statements are counted.
    t = await startTestApp({ NOTIFICATION_WORKER: 'off', CASE_SWEEP_MS: String(3_600_000) });
    cache = t.app.get(HomeFeedCache);
    admin = await staffSession(t, Role.ADMIN);
    const centre = await createDepartment(t.ds, '营商环境协调中心');
    await t.ds.query(`UPDATE departments SET is_centre = true WHERE id = $1`, [centre.id]);
    butler = await staffSession(t, Role.BUTLER, centre.id);

    ownerA = await signInWechat(t);
    const codeA = makeCreditCode();
    const enterpriseA = await bind(ownerA, codeA, '湘潭首页甲有限公司');
    memberA = await signInWechat(t);
    await bind(memberA, codeA, '湘潭首页甲有限公司');
    await approve(enterpriseA, memberA);
    pendingA = await signInWechat(t);
    await bind(pendingA, codeA, '湘潭首页甲有限公司');
    ownerB = await signInWechat(t);
    const enterpriseB = await bind(ownerB, makeCreditCode(), '湘潭首页乙有限公司');
    unbound = await signInWechat(t);
    await t.ds.query(
      `UPDATE enterprises SET industry = $1, scale = 'medium', district = '岳塘区', qualifications = '{高新技术企业}' WHERE id = $2`,
      [INDUSTRY, enterpriseA],
    );
    await t.ds.query(
      `UPDATE enterprises SET industry = '食品制造业', scale = 'small', district = '雨湖区' WHERE id = $1`,
      [enterpriseB],
    );

    // News: an old one pinned, four published, a draft, one scheduled for tomorrow, one withdrawn.
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    news.pinned = await article('置顶：湘潭优化营商环境三十条', { publishedAt: day(-30), pinned: true });
    news.newest = await article('最新：湘潭经开区企业服务日', { publishedAt: day(-1) });
    news.second = await article('次新：岳塘区政策宣讲走进园区', { publishedAt: day(-2) });
    await article('较早：雨湖区企业座谈会', { publishedAt: day(-3) });
    await article('草稿：不该出现', { status: 'draft' });
    await article('定时：明天发布', { publishedAt: day(1) });
    await article('撤回：已撤回', { status: 'withdrawn', publishedAt: day(-1) });

    // Enterprise A matches four policies (one by its industry and qualification, first); B matches none of them.
    matchedA.push(await publishedPolicy({ industries: [INDUSTRY], qualifications: ['高新技术企业'] }));
    matchedA.push(await publishedPolicy({ industries: [INDUSTRY] }));
    matchedA.push(await publishedPolicy({ districts: ['岳塘区'] }));
    matchedA.push(await publishedPolicy({ scales: ['medium'] }));

    // A: five cases, one of them resolved; B: one.
    for (const n of [1, 2, 3, 4, 5]) casesA.push(await submit(ownerA, `首页测试：甲企业的第${n}个问题`));
    resolvedA = casesA[4];
    await t.ds.query(`UPDATE cases SET state = 'resolved' WHERE id = $1`, [resolvedA]);
    caseB = await submit(ownerB, '首页测试：乙企业的问题');
  }, 120_000);
  afterAll(() => t?.close());

  beforeEach(() => {
    cache.now = () => Date.now();
    cache.clear();
  });

  it('a visitor gets the newest published news (pinned first), no events while none are coming, and nothing private', async () => {
    const feed = await home();
    expect(feed.news.map((n) => n.id)).toEqual([news.pinned, news.newest, news.second]);
    expect(feed.news[1]).toMatchObject({ title: '最新：湘潭经开区企业服务日', summary: '摘要', pinned: false });
    expect(feed.events).toEqual([]);
    expect(feed.matchedPolicies).toBeNull();
    expect(feed.openCases).toBeNull();
    expect(feed.moreOpenCases).toBe(false);
    // A token that is no longer valid reads as a visitor.
    const stale = await t.http.get('/api/v1/home').set({ Authorization: 'Bearer not-a-token' });
    expect(stale.status).toBe(200);
    expect((stale.body as HomeFeed).matchedPolicies).toBeNull();
  });

  it('everyone gets the next 3 published 潭商讲堂 events, soonest first (drafts, cancelled and ended ones never)', async () => {
    const HOUR = 3_600_000;
    const made: string[] = [];
    const event = async (title: string, startsIn: number, patch: Record<string, unknown> = {}, publish = true) => {
      const startsAt = new Date(Date.now() + startsIn * HOUR);
      const created = await t.http
        .post('/api/v1/admin/events')
        .set(admin.auth)
        .send({
          kind: 'lecture',
          title,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
          signupDeadline: new Date(startsAt.getTime() - HOUR).toISOString(),
          place: '湘潭市民之家三楼报告厅',
          capacity: 30,
          ...patch,
        });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      made.push(id);
      if (publish) expect((await t.http.post(`/api/v1/admin/events/${id}/publish`).set(admin.auth)).status).toBe(200);
      return id;
    };
    try {
      const later = await event('首页测试：第三场', 72);
      const soonest = await event('首页测试：最近一场（线上）', 24, {
        place: null,
        onlineUrl: 'https://meeting.example.com/a',
      });
      await event('首页测试：草稿', 12, {}, false);
      const cancelled = await event('首页测试：已取消', 6);
      await t.http.post(`/api/v1/admin/events/${cancelled}/cancel`).set(admin.auth).send({ reason: '场地调整' });
      const second = await event('首页测试：第二场', 48);
      await event('首页测试：第四场', 96);
      // An event that has ended (moved into the past in the database: the API refuses a start in the past).
      const ended = await event('首页测试：已结束', 30);
      await t.ds.query(
        `UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour', signup_deadline = now() - interval '4 hours' WHERE id = $1`,
        [ended],
      );
      cache.clear();
      for (const who of [undefined, ownerA, butler]) {
        const feed = await home(who);
        expect(feed.events.map((e) => e.title)).toEqual([
          '首页测试：最近一场（线上）',
          '首页测试：第二场',
          '首页测试：第三场',
        ]);
        expect(feed.events.map((e) => e.id)).toEqual([soonest, second, later]);
        expect(feed.events[0]).toMatchObject({ place: '线上', signupOpen: true, seatsLeft: 30 });
        expect(feed.events[1]).toMatchObject({ place: '湘潭市民之家三楼报告厅', signupOpen: true, seatsLeft: 30 });
      }
    } finally {
      await t.ds.query(`DELETE FROM events WHERE id = ANY($1::uuid[])`, [made]);
      cache.clear();
    }
  });

  it("an approved member gets the top 3 of its enterprise's 为您匹配, in that order, with the match explained", async () => {
    const matched = (await t.http.get('/api/v1/policies/matched?limit=3').set(ownerA.auth))
      .body as MatchedPoliciesResponse;
    for (const who of [ownerA, memberA]) {
      const feed = await home(who);
      expect(feed.matchedPolicies).toHaveLength(3);
      expect(feed.matchedPolicies).toEqual(matched.items);
      expect(feed.matchedPolicies![0]).toMatchObject({
        policy: { id: matchedA[0].id },
        match: { eligible: true, met: [INDUSTRY, '高新技术企业'], missing: [] },
      });
      expect(matchedA.map((p) => p.id)).toEqual(expect.arrayContaining(feed.matchedPolicies!.map((m) => m.policy.id)));
    }
    // B's profile meets none of A's policies: none of them, and B's part is B's.
    const feedB = await home(ownerB);
    expect(feedB.matchedPolicies!.filter((m) => m.match.eligible).map((m) => m.policy.id)).toEqual([]);
  });

  it("an approved member gets its enterprise's open cases (newest first, 3, more flagged) with 我的诉求's expected dates", async () => {
    const feed = await home(memberA);
    const open = casesA.filter((id) => id !== resolvedA).reverse();
    expect(feed.openCases!.map((c) => c.id)).toEqual(open.slice(0, 3));
    expect(feed.moreOpenCases).toBe(true);
    // Exactly what 我的诉求's 办理中 shows for them: number, type, state, the expected date the case clock gives.
    const mine = (await t.http.get('/api/v1/cases?stage=active&limit=3').set(ownerA.auth)).body as Page<CaseSummary>;
    expect(feed.openCases).toEqual(mine.items);
    for (const c of feed.openCases!) {
      expect(c).toMatchObject({ type: 'consult', number: expect.stringMatching(/^QS\d{8}-\d{4}$/) });
      expect(c.expectedBy).toEqual(expect.any(String));
      expect(new Date(c.expectedBy!).getTime()).toBeGreaterThan(new Date(c.createdAt).getTime());
    }
    // Never the resolved one, never B's; and B sees its own only.
    expect(feed.openCases!.map((c) => c.id)).not.toContain(resolvedA);
    expect(feed.openCases!.map((c) => c.id)).not.toContain(caseB);
    const feedB = await home(ownerB);
    expect(feedB.openCases!.map((c) => c.id)).toEqual([caseB]);
    expect(feedB.moreOpenCases).toBe(false);
  });

  it('at the boundary: exactly 3 open cases are all shown and not flagged as more', async () => {
    await t.ds.query(`UPDATE cases SET state = 'resolved' WHERE id = $1`, [casesA[0]]);
    try {
      const feed = await home(ownerA);
      expect(feed.openCases!.map((c) => c.id)).toEqual([casesA[3], casesA[2], casesA[1]]);
      expect(feed.moreOpenCases).toBe(false);
    } finally {
      await t.ds.query(`UPDATE cases SET state = 'submitted' WHERE id = $1`, [casesA[0]]);
    }
  });

  it('a pending member, a user not bound, and staff get the public part only', async () => {
    for (const who of [pendingA, unbound, butler, admin]) {
      const feed = await home(who);
      expect(feed.news.map((n) => n.id)).toEqual([news.pinned, news.newest, news.second]);
      expect({ policies: feed.matchedPolicies, cases: feed.openCases, more: feed.moreOpenCases }).toEqual({
        policies: null,
        cases: null,
        more: false,
      });
    }
  });

  it('the public part is reused for a few seconds per process; the private part is read for each caller', async () => {
    let now = 1_000_000;
    cache.now = () => now;
    expect((await home()).news[1].id).toBe(news.newest);
    const fresh = await article('更新：刚刚发布的动态', { publishedAt: new Date(Date.now() - 1000).toISOString() });
    try {
      // Within the TTL: the cached news, for a visitor and a member alike; the member's cases are read afresh.
      now += HOME_PUBLIC_TTL_MS - 1;
      expect((await home()).news.map((n) => n.id)).not.toContain(fresh);
      const caseNow = await submit(ownerB, '首页测试：乙企业缓存期间的新问题');
      const feedB = await home(ownerB);
      expect(feedB.news.map((n) => n.id)).not.toContain(fresh);
      expect(feedB.openCases!.map((c) => c.id)).toEqual([caseNow, caseB]);
      expect((await home(ownerA)).openCases!.map((c) => c.id)).not.toContain(caseNow);
      await t.ds.query(`UPDATE cases SET state = 'resolved' WHERE id = $1`, [caseNow]);
      // At the TTL: loaded again.
      now += 1;
      expect((await home()).news.map((n) => n.id)).toEqual([news.pinned, fresh, news.newest]);
    } finally {
      await t.ds.query(`DELETE FROM news_articles WHERE id = $1`, [fresh]);
    }
  });

  it('one request reads each source once: as many statements for 3 policies and 3 cases as for none', async () => {
    // The public part cached (its one read is the visitor test's): what is counted is the private part.
    cache.now = () => 1;
    await home();
    const countFor = async (who: SignedIn) => {
      const seen = recordStatements(t.ds);
      try {
        await home(who);
      } finally {
        seen.stop();
      }
      return seen.statements;
    };
    const many = await countFor(ownerA);
    const none = await countFor(unbound);
    const few = await countFor(ownerB);
    expect(many.length).toBe(few.length);
    // The session, the caller's membership (matching's and the cases' own look-up), the policy candidates, the
    // calendar, the cases: each source once, all sent at once.
    expect(many.length).toBeLessThanOrEqual(6);
    expect(many.filter((s) => /FROM "cases"/.test(s))).toHaveLength(1);
    expect(many.filter((s) => /FROM "policies"/.test(s))).toHaveLength(1);
    expect(many.filter((s) => /FROM "news_articles"/.test(s))).toHaveLength(0);
    expect(none.length).toBeLessThanOrEqual(many.length);
  });
});

/** Every SQL statement the data source sends from now until `stop()`. */
function recordStatements(ds: DataSource): { statements: string[]; stop: () => void } {
  const statements: string[] = [];
  const original = ds.createQueryRunner.bind(ds);
  const spy = jest.spyOn(ds, 'createQueryRunner').mockImplementation((mode?: ReplicationMode): QueryRunner => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  });
  return { statements, stop: () => spy.mockRestore() };
}
