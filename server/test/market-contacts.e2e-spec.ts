import { randomUUID } from 'node:crypto';
import type { ContactRequestView, MarketPostDetail, Page } from '@qsgj/shared/contracts';
import { EnterpriseEntity } from '../src/modules/enterprises/enterprise.entity';
import { makeCreditCode, type SignedIn, signInWechat } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/** The flood limit this file runs with (the default is 10; the boundary is the same rule). */
const LIMIT = 3;

/** Each side's contact: what must never reach the other side before acceptance, nor after a decline. */
const OWNER = { name: '周发布人', phone: '13733334444', enterprisePhone: '073155556666' };
const REQUESTER = { name: '钱对接人', phone: '13911112222', enterprisePhone: '073177778888' };
const SECRETS = [
  OWNER.name,
  OWNER.phone,
  OWNER.enterprisePhone,
  REQUESTER.name,
  REQUESTER.phone,
  REQUESTER.enterprisePhone,
];

interface Side {
  session: SignedIn;
  enterpriseId: string;
}

/**
 * 对接 (issue 12): the contacts of each side are revealed to the other only after acceptance — checked over every
 * market route's answer and both sides' inbox, before acceptance and after a decline; the request exists for its two
 * sides only; the flood limit holds at its boundary, counted in the database over a rolling 24 hours.
 */
describe('market contact requests (e2e)', () => {
  let t: TestApp;
  let owner: Side;
  let requester: Side;
  let stranger: Side;

  async function enterprise(contactName: string, phone: string | null, enterprisePhone: string | null): Promise<Side> {
    const session = await signInWechat(t);
    const creditCode = makeCreditCode();
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(session.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode, name: `湘潭${randomUUID().slice(0, 6)}有限公司`, contactName });
    if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
    const e = await t.ds.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode });
    await t.ds.query(`UPDATE users SET phone = $1 WHERE id = $2`, [phone, session.user.id]);
    await t.ds.query(`UPDATE enterprises SET contact_phone = $1 WHERE id = $2`, [enterprisePhone, e.id]);
    return { session, enterpriseId: e.id };
  }

  async function post(who: SignedIn, title = '求购瓦楞纸箱包装'): Promise<MarketPostDetail> {
    const res = await t.http
      .post('/api/v1/market/posts')
      .set(who.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'demand', category: '包装印刷', district: '雨湖区', title, description: '每月约两万只，长期合作' });
    if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as MarketPostDetail;
  }

  const ask = (who: SignedIn, postId: string, message = '我们生产瓦楞纸箱，希望对接') =>
    t.http.post(`/api/v1/market/posts/${postId}/contact-requests`).set(who.auth).send({ message });

  const listing = (who: SignedIn) =>
    t.http
      .put('/api/v1/me/enterprise/listing')
      .set(who.auth)
      .send({ introduction: '湘潭本地企业', products: '瓦楞纸箱、包装印刷', visible: true });

  beforeAll(async () => {
    t = await startTestApp({ MARKET_CONTACT_REQUESTS_PER_DAY: String(LIMIT) });
    owner = await enterprise(OWNER.name, OWNER.phone, OWNER.enterprisePhone);
    requester = await enterprise(REQUESTER.name, REQUESTER.phone, REQUESTER.enterprisePhone);
    stranger = await enterprise('吴旁观', '13600001111', null);
    for (const side of [owner, requester]) expect((await listing(side.session)).status).toBe(200);
  }, 90_000);
  afterAll(() => t?.close());

  /** Every GET route of the market (from the API document), filled with this request's objects. */
  async function marketReads(): Promise<string[]> {
    const doc = await t.http.get('/api/docs/json');
    return Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path, ops]) => 'get' in ops && /market|contact-requests|enterprise\/listing/.test(path))
      .map(([path]) => path);
  }

  /**
   * Calls every market read as `who` (and the inbox) and answers the JSON of each, by route. A route of the document
   * this walk does not know fails the test: a new route must be added here, so it is checked too.
   */
  async function walk(who: Side, ids: { postId: string; requestId: string; enterpriseId: string }) {
    const fill: Record<string, string[]> = {
      '/api/v1/market/enterprises': ['/api/v1/market/enterprises', '/api/v1/market/enterprises?q=纸箱'],
      '/api/v1/market/enterprises/{id}': [
        `/api/v1/market/enterprises/${owner.enterpriseId}`,
        `/api/v1/market/enterprises/${requester.enterpriseId}`,
      ],
      '/api/v1/market/enterprises/{id}/logo': [],
      '/api/v1/market/posts': ['/api/v1/market/posts', '/api/v1/market/posts?q=纸箱&kind=demand'],
      '/api/v1/market/posts/{id}': [`/api/v1/market/posts/${ids.postId}`],
      '/api/v1/market/posts/{id}/images/{fileId}': [],
      '/api/v1/market/posts/{id}/matches': [`/api/v1/market/posts/${ids.postId}/matches`],
      '/api/v1/me/enterprise/listing': ['/api/v1/me/enterprise/listing'],
      '/api/v1/me/market/posts': ['/api/v1/me/market/posts'],
      '/api/v1/me/market/contact-requests': [
        '/api/v1/me/market/contact-requests?direction=incoming',
        '/api/v1/me/market/contact-requests?direction=outgoing',
      ],
      '/api/v1/contact-requests/{id}': [`/api/v1/contact-requests/${ids.requestId}`],
      // Staff only: refused to an enterprise user (what it holds: market.e2e-spec.ts).
      '/api/v1/staff/market/reports': [],
    };
    const routes = await marketReads();
    expect(routes.filter((r) => !(r in fill))).toEqual([]);
    const out: Record<string, string> = {};
    for (const path of [...Object.values(fill).flat(), '/api/v1/notifications?limit=50']) {
      const res = await t.http.get(path).set(who.session.auth);
      expect([path, res.status]).toEqual([path, 200]);
      out[path] = JSON.stringify(res.body);
    }
    return out;
  }

  function leaks(bodies: Record<string, string>): string[] {
    return Object.entries(bodies).flatMap(([path, body]) =>
      SECRETS.filter((s) => body.includes(s)).map((s) => `${path}: ${s}`),
    );
  }

  it('reveals no contact before acceptance nor after a decline, anywhere; both see each other after acceptance', async () => {
    // Declined: a first post.
    const declinedPost = await post(owner.session);
    const sent = await ask(requester.session, declinedPost.id, '您好，我们是纸箱厂，想对接');
    expect(sent.status).toBe(201);
    const request = sent.body as ContactRequestView;
    expect(request).toMatchObject({ status: 'pending', direction: 'outgoing', counterpart: null });
    // A repeat is the same request (idempotent), not a second one.
    const again = await ask(requester.session, declinedPost.id);
    expect((again.body as ContactRequestView).id).toBe(request.id);
    expect(
      (
        (await t.ds.query(`SELECT count(*)::int AS n FROM market_contact_requests WHERE post_id = $1`, [
          declinedPost.id,
        ])) as [{ n: number }]
      )[0].n,
    ).toBe(1);

    const ids = { postId: declinedPost.id, requestId: request.id, enterpriseId: owner.enterpriseId };
    const writes: Record<string, string> = {
      'POST contact-requests': JSON.stringify(sent.body),
      repeat: JSON.stringify(again.body),
    };
    expect(leaks(writes)).toEqual([]);
    expect(leaks(await walk(requester, ids))).toEqual([]);
    expect(leaks(await walk(owner, ids))).toEqual([]);

    const declined = await t.http.post(`/api/v1/contact-requests/${request.id}/decline`).set(owner.session.auth);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', counterpart: null });
    expect(leaks({ decline: JSON.stringify(declined.body) })).toEqual([]);
    expect(leaks(await walk(requester, ids))).toEqual([]);
    expect(leaks(await walk(owner, ids))).toEqual([]);
    // A declined request cannot be accepted afterwards.
    expect((await t.http.post(`/api/v1/contact-requests/${request.id}/accept`).set(owner.session.auth)).status).toBe(
      409,
    );

    // Accepted: a second post.
    const acceptedPost = await post(owner.session, '求购食品包装盒');
    const second = (await ask(requester.session, acceptedPost.id)).body as ContactRequestView;
    // The requester cannot accept their own request; the post's side can.
    expect((await t.http.post(`/api/v1/contact-requests/${second.id}/accept`).set(requester.session.auth)).status).toBe(
      403,
    );
    const accepted = await t.http.post(`/api/v1/contact-requests/${second.id}/accept`).set(owner.session.auth);
    expect(accepted.status).toBe(200);
    expect((accepted.body as ContactRequestView).counterpart).toEqual({
      enterpriseName: expect.any(String),
      contactName: REQUESTER.name,
      phone: REQUESTER.phone,
    });
    const seenByRequester = await t.http.get(`/api/v1/contact-requests/${second.id}`).set(requester.session.auth);
    expect((seenByRequester.body as ContactRequestView).counterpart).toMatchObject({
      contactName: OWNER.name,
      phone: OWNER.phone,
    });
    const outgoing = await t.http
      .get('/api/v1/me/market/contact-requests?direction=outgoing')
      .set(requester.session.auth);
    const row = (outgoing.body as Page<ContactRequestView>).items.find((r) => r.id === second.id)!;
    expect(row.counterpart).toMatchObject({ contactName: OWNER.name, phone: OWNER.phone });
    const incoming = await t.http.get('/api/v1/me/market/contact-requests?direction=incoming').set(owner.session.auth);
    const inRow = (incoming.body as Page<ContactRequestView>).items.find((r) => r.id === second.id)!;
    expect(inRow.counterpart).toMatchObject({ contactName: REQUESTER.name, phone: REQUESTER.phone });
    // The declined one stays closed, even now.
    expect((incoming.body as Page<ContactRequestView>).items.find((r) => r.id === request.id)!.counterpart).toBeNull();

    // Both sides were told at each step (request, decline, accept), and no notice ever carries a contact.
    const inbox = async (who: Side) =>
      (await t.ds.query(`SELECT kind, title, body FROM notifications WHERE user_id = $1 ORDER BY created_at`, [
        who.session.user.id,
      ])) as Array<{
        kind: string;
        title: string;
        body: string;
      }>;
    const ownerInbox = (await inbox(owner)).map((n) => n.title);
    const requesterInbox = (await inbox(requester)).map((n) => n.title);
    expect(ownerInbox.filter((n) => n === '收到新的对接申请')).toHaveLength(2);
    expect(ownerInbox).toEqual(expect.arrayContaining(['您已婉拒对接申请', '您已接受对接申请']));
    expect(requesterInbox.filter((n) => n === '对接申请已发送')).toHaveLength(2);
    expect(requesterInbox).toEqual(expect.arrayContaining(['对方婉拒了您的对接申请', '对方已接受您的对接申请']));
    // Under their own kind (商圈对接 in 消息, the market template in WeChat), not 企业成员.
    const kinds = new Set([...(await inbox(owner)), ...(await inbox(requester))].map((n) => n.kind));
    expect([...kinds].filter((k) => k !== 'membership')).toEqual(['market']);
    const allNotices = JSON.stringify([...(await inbox(owner)), ...(await inbox(requester))]);
    expect(SECRETS.filter((s) => allNotices.includes(s))).toEqual([]);
  });

  it('masks a phone number typed in the message until the request is accepted', async () => {
    const p = await post(owner.session, '求购包装胶带');
    const sent = (await ask(requester.session, p.id, `请致电 ${REQUESTER.phone} 联系`)).body as ContactRequestView;
    expect(sent.message).toBe('请致电 139****2222 联系');
    const seen = await t.http.get(`/api/v1/contact-requests/${sent.id}`).set(owner.session.auth);
    expect(JSON.stringify(seen.body)).not.toContain(REQUESTER.phone);
    await t.http.post(`/api/v1/contact-requests/${sent.id}/accept`).set(owner.session.auth);
    expect(
      ((await t.http.get(`/api/v1/contact-requests/${sent.id}`).set(owner.session.auth)).body as ContactRequestView)
        .message,
    ).toBe(`请致电 ${REQUESTER.phone} 联系`);
  });

  it('another enterprise cannot read or answer a request (404, as if it did not exist); not on its own post', async () => {
    const p = await post(owner.session, '求购托盘');
    const asker = await enterprise('冯对接', '13800005555', null);
    const sent = await ask(asker.session, p.id);
    expect(sent.status).toBe(201);
    const r = sent.body as ContactRequestView;
    for (const path of [`/api/v1/contact-requests/${r.id}`, `/api/v1/contact-requests/${randomUUID()}`]) {
      const res = await t.http.get(path).set(stranger.session.auth);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await t.http.post(`/api/v1/contact-requests/${r.id}/accept`).set(stranger.session.auth)).status).toBe(404);
    expect((await t.http.post(`/api/v1/contact-requests/${r.id}/decline`).set(stranger.session.auth)).status).toBe(404);
    const strangerIn = await t.http
      .get('/api/v1/me/market/contact-requests?direction=incoming')
      .set(stranger.session.auth);
    expect((strangerIn.body as Page<ContactRequestView>).items).toEqual([]);
    const own = await ask(owner.session, p.id);
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ code: 'MARKET_OWN_POST', message: '不能向本企业发布的信息发起对接' });
    const [{ status }] = (await t.ds.query(`SELECT status FROM market_contact_requests WHERE id = $1`, [r.id])) as [
      { status: string },
    ];
    expect(status).toBe('pending');
  });

  it(`allows ${LIMIT} requests per user in 24 hours and refuses the next in Chinese, until the oldest leaves the window`, async () => {
    const asker = await enterprise('郑频繁', '13500002222', null);
    const posts = [];
    for (let i = 0; i <= LIMIT; i++) posts.push(await post(owner.session, `求购包装材料${i}`));
    for (let i = 0; i < LIMIT; i++) expect((await ask(asker.session, posts[i].id)).status).toBe(201);
    // A repeat of an open request is not a new one: still answered at the limit.
    expect((await ask(asker.session, posts[0].id)).status).toBe(201);
    const refused = await ask(asker.session, posts[LIMIT].id);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('MARKET_CONTACT_LIMIT');
    expect(refused.body.message).toMatch(
      new RegExp(`^24 小时内最多发起 ${LIMIT} 次对接申请，您已达到上限，请于 .+ 后再试$`),
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const count = async () =>
      (
        (await t.ds.query(`SELECT count(*)::int AS n FROM market_contact_requests WHERE requester_id = $1`, [
          asker.session.user.id,
        ])) as [{ n: number }]
      )[0].n;
    expect(await count()).toBe(LIMIT);
    // The oldest request just left the rolling window: one more is allowed, then the limit holds again.
    await t.ds.query(
      `UPDATE market_contact_requests SET created_at = now() - interval '24 hours 1 second'
        WHERE id = (SELECT id FROM market_contact_requests WHERE requester_id = $1 ORDER BY created_at LIMIT 1)`,
      [asker.session.user.id],
    );
    expect((await ask(asker.session, posts[LIMIT].id)).status).toBe(201);
    expect(await count()).toBe(LIMIT + 1);
    const another = await post(owner.session, '求购包装辅料');
    expect((await ask(asker.session, another.id)).status).toBe(429);
  });
});
