import { randomUUID } from 'node:crypto';
import { makeCreditCode, type SignedIn, signInWechat } from '../../../server/test/utils/factories';
import type { TestApp } from '../../../server/test/utils/test-app';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

const BOARD = '/packages/market/pages/index/index';
const EDIT = '/packages/market/pages/edit/index';
const POST = '/packages/market/pages/post/index';
const MINE = '/packages/market/pages/mine/index';
const REQUEST = '/packages/market/pages/request/index';

const TITLE = '求购H5旅程食品级纸箱';
const MESSAGE = '我们是纸箱厂，可按食品包装要求生产，希望对接';
/** Each side's contact: on nobody's screen and in no answer before acceptance; each side's after it. */
const A = { wechat: 'market-h5-a', enterprise: '湘潭商圈H5甲食品有限公司', contact: '甲联系人', phone: '13733330001' };
const B = { wechat: 'market-h5-b', enterprise: '湘潭商圈H5乙纸业有限公司', contact: '乙联系人', phone: '13733330002' };

/** A WeChat user who owns a new enterprise (approved on binding), with a verified phone. */
async function enterprise(t: TestApp, side: typeof A): Promise<SignedIn> {
  const user = await signInWechat(t, side.wechat);
  const res = await t.http
    .post('/api/v1/me/enterprise')
    .set(user.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ creditCode: makeCreditCode(), name: side.enterprise, contactName: side.contact });
  if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
  await t.ds.query('UPDATE users SET phone = $1 WHERE id = $2', [side.phone, user.user.id]);
  return user;
}

/**
 * 企业商圈 on H5 (issue 12, ADR 009): enterprise A posts a 需求 through the form; enterprise B finds it on the board
 * and asks for contact (a second tap makes no second request); before A accepts, neither side's phone is on either
 * page nor in any answer; A accepts from 我的供需 → 收到的, and then each side sees the other's contact.
 */
describe('journey: 企业商圈 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'A posts a 需求, B asks for contact, A accepts, and only then each sees the other’s contact',
    () => j,
    async () => {
      const a = await enterprise(j.t, A);
      const b = await enterprise(j.t, B);

      // A publishes a 需求 through the form.
      await devSignIn(j, A.wechat);
      await j.open(`${EDIT}?kind=demand`);
      let page = j.current();
      await page.getByText('包装印刷', { exact: true }).click();
      await page.getByText('雨湖区', { exact: true }).click();
      await page.locator('.market-edit__title input').fill(TITLE);
      await page.locator('.market-edit__description textarea').fill('每月约两万只五层瓦楞纸箱，需符合食品包装要求');
      await page.locator('.market-edit__submit').click();
      await j.waitForRoute(POST);
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
      expect(new URL(j.page.url()).hash).toContain(`id=${post.id}`);
      await j.current().getByText('管理我的信息').waitFor();

      // B finds it on the board, opens it and asks for contact; the second tap makes no second request.
      await j.freshPage();
      await devSignIn(j, B.wechat);
      await j.open(BOARD);
      page = j.current();
      await page.locator('.market-board__input input').fill('H5旅程');
      await page.locator('.market-board__submit').click();
      await page.locator(`.market-post-card[data-id="${post.id}"] .market-post-card__main`).click();
      await j.waitForRoute(POST);
      page = j.current();
      await page.getByText(TITLE).first().waitFor();
      await page.locator('.market-post__ask').click();
      await page.locator('.market-post__message textarea').fill(MESSAGE);
      await page.locator('.market-post__message-submit').dblclick();
      await page.getByText('待对方回复').waitFor();
      await j.audit();
      const rows = (await j.t.ds.query(`SELECT id, status FROM market_contact_requests WHERE post_id = $1`, [
        post.id,
      ])) as Array<{ id: string; status: string }>;
      expect(rows).toEqual([{ id: expect.any(String), status: 'pending' }]);
      const requestId = rows[0].id;
      expect(await page.textContent()).not.toContain(A.phone);

      // Before acceptance: no phone on B's request page, and no counterpart in either side's answer.
      await page.getByText('查看对接详情').click();
      await j.waitForRoute(REQUEST);
      page = j.current();
      await page.getByText(/对方接受后，这里会显示对方的联系人和电话/).waitFor();
      expect(await page.textContent()).not.toContain(A.phone);
      expect(await page.textContent()).not.toContain(A.contact);
      for (const who of [a, b]) {
        const res = await j.t.http.get(`/api/v1/contact-requests/${requestId}`).set(who.auth);
        expect(res.status).toBe(200);
        expect(res.body.counterpart).toBeNull();
        expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${A.phone}|${B.phone}|${A.contact}|${B.contact}`));
      }

      // A: 我的供需 → 收到的 → the request; no contact of B yet; 接受 (confirmed).
      await j.freshPage();
      await devSignIn(j, A.wechat);
      await j.open(MINE);
      page = j.current();
      await page.getByText(TITLE).first().waitFor();
      await page.getByText('收到的', { exact: true }).click();
      await page.locator(`.market-mine__request[data-id="${requestId}"]`).click();
      await j.waitForRoute(REQUEST);
      page = j.current();
      await page.getByText(MESSAGE).waitFor();
      expect(await page.textContent()).not.toContain(B.phone);
      expect(await page.textContent()).not.toContain(B.contact);
      await page.locator('.market-request__accept').click();
      await page.locator('.market-request__confirm-accept').click();
      await page.getByText(B.phone).waitFor();
      await page.getByText(B.contact).waitFor();
      await page.getByText('拨打电话').waitFor();
      await j.audit();
      const [decided] = (await j.t.ds.query(`SELECT status FROM market_contact_requests WHERE id = $1`, [
        requestId,
      ])) as Array<{ status: string }>;
      expect(decided.status).toBe('accepted');

      // B: 我发出的 → the request → A's contact.
      await j.freshPage();
      await devSignIn(j, B.wechat);
      await j.open(MINE);
      page = j.current();
      await page.getByText('我发出的', { exact: true }).click();
      await page.locator(`.market-mine__request[data-id="${requestId}"]`).click();
      await j.waitForRoute(REQUEST);
      page = j.current();
      await page.getByText(A.phone).waitFor();
      await page.getByText(A.contact).waitFor();
      await page.getByText(A.enterprise).first().waitFor();
      const seen = await j.t.http.get(`/api/v1/contact-requests/${requestId}`).set(b.auth);
      expect(seen.body.counterpart).toEqual({ enterpriseName: A.enterprise, contactName: A.contact, phone: A.phone });
    },
    120_000,
  );
});
