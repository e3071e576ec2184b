import { randomUUID } from 'node:crypto';
import { makeCreditCode, type SignedIn, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import type { WeappRuntime } from '../weapp-runtime';
import { expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

const BOARD = 'packages/market/pages/index/index';
const EDIT = 'packages/market/pages/edit/index';
const POST = 'packages/market/pages/post/index';
const MINE = 'packages/market/pages/mine/index';
const REQUEST = 'packages/market/pages/request/index';

const TITLE = '求购小程序旅程食品级纸箱';
const MESSAGE = '我们是纸箱厂，可按食品包装要求生产，希望与贵司对接';
/** Each side's contact: on nobody's screen and in no answer before acceptance; each side's after it. */
const A = {
  wechat: 'market-weapp-a',
  enterprise: '湘潭商圈旅程甲食品有限公司',
  contact: '甲经理',
  phone: '13744440001',
};
const B = {
  wechat: 'market-weapp-b',
  enterprise: '湘潭商圈旅程乙纸业有限公司',
  contact: '乙经理',
  phone: '13744440002',
};

/** A WeChat user who owns a new enterprise (approved on binding), with a verified phone. */
async function enterprise(t: TestApp, side: typeof A): Promise<SignedIn> {
  const user = await signInByApi(t, side.wechat);
  const res = await t.http
    .post('/api/v1/me/enterprise')
    .set(user.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ creditCode: makeCreditCode(), name: side.enterprise, contactName: side.contact });
  if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  await t.ds.query('UPDATE users SET phone = $1 WHERE id = $2', [side.phone, user.user.id]);
  return user;
}

function firstRequests(app: WeappRuntime, route: string): string[] {
  const visit = app.visits.find((v) => v.route === route && v.firstMeaningfulRender);
  expect(visit).toBeDefined();
  return visit!.firstMeaningfulRender!.requests;
}

/**
 * 企业商圈 on the weapp build (issue 12, ADR 009): enterprise A posts a 需求 through the form; enterprise B finds it
 * on the board and asks for contact (a second tap makes no second request); before A accepts, neither side's phone
 * is on either page nor in any answer; A accepts from 我的供需 → 收到的, and then each side sees the other's contact.
 */
describe('weapp journey: 企业商圈', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'A posts a 需求, B asks for contact, A accepts, and only then each sees the other’s contact',
    () => j,
    async () => {
      const a = await enterprise(j.t, A);
      const b = await enterprise(j.t, B);
      let app = await j.launch();
      await signInWechat(app, A.wechat);
      const aStorage = { 'qsgj.session': app.storage('qsgj.session') };
      app = await j.launch();
      await signInWechat(app, B.wechat);
      const bStorage = { 'qsgj.session': app.storage('qsgj.session') };

      // A publishes a 需求 through the form (opened cold, as from 发布需求).
      app = await j.launch({ path: EDIT, query: { kind: 'demand' }, storage: aStorage });
      expectRoute(app, EDIT);
      expect(firstRequests(app, EDIT).length).toBeLessThanOrEqual(2);
      await app.tap('包装印刷');
      await app.tap('雨湖区');
      await app.input(app.byClass('market-edit__title'), TITLE);
      await app.input(app.byClass('market-edit__description'), '每月约两万只五层瓦楞纸箱，需符合食品包装要求');
      await app.tap(app.byClass('market-edit__submit'));
      expectRoute(app, POST);
      const [post] = (await j.t.ds.query(
        `SELECT p.id, p.kind, p.category, p.district, p.status, e.name AS enterprise
           FROM market_posts p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.title = $1`,
        [TITLE],
      )) as Array<{ id: string; kind: string; category: string; district: string; status: string; enterprise: string }>;
      expect(post).toMatchObject({
        kind: 'demand',
        category: '包装印刷',
        district: '雨湖区',
        status: 'active',
        enterprise: A.enterprise,
      });
      expect(app.query).toEqual({ id: post.id });
      expect(app.has('管理我的信息')).toBe(true);
      expect(app.storage('qsgj.marketDraft')).toBeFalsy();

      // B finds it on the board (cold), opens it, asks for contact; a second tap makes no second request.
      app = await j.launch({ path: BOARD, storage: bStorage });
      expect(firstRequests(app, BOARD).length).toBeLessThanOrEqual(2);
      await app.tap(app.byText(TITLE));
      expectRoute(app, POST);
      expect(app.query).toEqual({ id: post.id });
      await app.tap('我要对接');
      await app.input(app.byClass('market-post__message'), MESSAGE);
      const send = app.byText('发送对接申请');
      await app.tap(send, { settle: false });
      await app.tap(send, { settle: false }).catch(() => undefined); // disabled already, or ignored while busy
      await app.settle();
      expect(app.has('待对方回复')).toBe(true);
      expect(app.has('我要对接')).toBe(false);
      const rows = (await j.t.ds.query(`SELECT id, status FROM market_contact_requests WHERE post_id = $1`, [
        post.id,
      ])) as Array<{ id: string; status: string }>;
      expect(rows).toEqual([{ id: expect.any(String), status: 'pending' }]);
      const requestId = rows[0].id;
      expect(app.text()).not.toContain(A.phone);

      // Before acceptance: neither page shows the other's contact, and the API answers counterpart null to both.
      await app.tap('查看对接详情');
      expectRoute(app, REQUEST);
      expect(app.has('对方接受后，这里会显示对方的联系人和电话')).toBe(true);
      expect(app.text()).not.toContain(A.phone);
      expect(app.text()).not.toContain(A.contact);
      for (const who of [a, b]) {
        const res = await j.t.http.get(`/api/v1/contact-requests/${requestId}`).set(who.auth);
        expect(res.status).toBe(200);
        expect(res.body.counterpart).toBeNull();
        expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${A.phone}|${B.phone}|${A.contact}|${B.contact}`));
      }

      // A: 我的供需 → 收到的 → the request → 接受 (confirmed) → B's contact, 拨打电话.
      app = await j.launch({ path: MINE, storage: aStorage });
      expect(firstRequests(app, MINE).length).toBeLessThanOrEqual(2);
      expect(app.has(TITLE)).toBe(true);
      await app.tap('收到的');
      await app.tap(app.byText(`来自：${B.enterprise}`));
      expectRoute(app, REQUEST);
      expect(app.query).toEqual({ id: requestId });
      expect(app.has(MESSAGE)).toBe(true);
      expect(app.text()).not.toContain(B.phone);
      expect(app.text()).not.toContain(B.contact);
      await app.tap(app.byClass('market-request__accept'));
      await app.tap('确认接受');
      expect(app.has(B.phone)).toBe(true);
      expect(app.has(B.contact)).toBe(true);
      await app.tap('拨打电话');
      expect(app.mediaCalls.at(-1)).toMatchObject({ api: 'makePhoneCall', phoneNumber: B.phone });
      const [decided] = (await j.t.ds.query(`SELECT status FROM market_contact_requests WHERE id = $1`, [
        requestId,
      ])) as Array<{ status: string }>;
      expect(decided.status).toBe('accepted');

      // B: 我的供需 → 我发出的 → the request → A's contact.
      app = await j.launch({ path: MINE, storage: bStorage });
      await app.tap('我发出的');
      await app.tap(app.byText(`发给：${A.enterprise}`));
      expectRoute(app, REQUEST);
      expect(app.has(A.phone)).toBe(true);
      expect(app.has(A.contact)).toBe(true);
      const seen = await j.t.http.get(`/api/v1/contact-requests/${requestId}`).set(b.auth);
      expect(seen.body.counterpart).toEqual({ enterpriseName: A.enterprise, contactName: A.contact, phone: A.phone });
    },
    120_000,
  );

  weappTest(
    'a visitor opens the board and a post cold, and is sent to sign in from 我要对接 and 发布供需',
    () => j,
    async () => {
      const [demo] = (await j.t.ds.query(`SELECT id FROM market_posts WHERE title = '求购食品级瓦楞纸箱'`)) as Array<{
        id: string;
      }>;
      let app = await j.launch({ path: POST, query: { id: demo.id } });
      expect(app.has('求购食品级瓦楞纸箱')).toBe(true);
      expect(firstRequests(app, POST).length).toBeLessThanOrEqual(2);
      await app.tap('登录后对接');
      expectRoute(app, 'packages/account/pages/login/index');

      app = await j.launch({ path: BOARD });
      expect(app.has('求购食品级瓦楞纸箱')).toBe(true);
      await app.tap('发布供需');
      expectRoute(app, 'packages/account/pages/login/index');
    },
  );
});
