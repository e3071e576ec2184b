import { randomUUID } from 'node:crypto';
import { makeCreditCode, signInWechat } from '../../../server/test/utils/factories';
import { waitFor } from '../../../server/test/utils/wait';
import { devSignIn, type Journey, journeyTest, startJourney } from './harness';

/** What the spec's enterprise fills in: a profile the demo policies match on. */
const PROFILE = {
  industry: '电气机械和器材制造业',
  scale: 'medium',
  district: '岳塘区',
  qualifications: ['高新技术企业'],
};

describe('journey: 一企一档 and 政策订阅', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an enterprise completes its profile in 我的 and 为您匹配 on the 政策 tab changes',
    () => j,
    async () => {
      const owner = await signInWechat(j.t, 'owner-profile');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: makeCreditCode(), name: '湘潭档案测试有限公司', contactName: '周一' })
        .expect(201);
      const matched = async () =>
        (await j.t.http.get('/api/v1/policies/matched?limit=20').set(owner.auth).expect(200)).body as {
          thin: boolean;
          gaps: string[];
          items: Array<{ policy: { id: string; title: string } }>;
        };
      const before = await matched();
      expect(before.thin).toBe(true);

      await devSignIn(j, 'owner-profile');
      // 政策 first: the profile is too thin, with the way to complete it.
      await j.page.locator('.weui-tabbar__item', { hasText: '政策' }).click();
      await j.waitForRoute('/pages/policies/index');
      await j.current().getByText('完善一企一档，获取精准匹配').waitFor();

      // 我的 → 一企一档.
      await j.page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
      await j.waitForRoute('/pages/me/index');
      await j.current().locator('.me__entry--profile').click();
      await j.waitForRoute('/packages/me/pages/profile/index');
      const form = j.current();
      await form.getByText('湘潭档案测试有限公司').waitFor();
      await form.getByText(/尚未填写：所属行业、企业规模、所在区域/).waitFor();

      // 行业: searched in the long list.
      await form.locator('.profile__industry .choice__value').click();
      await form.locator('.profile__industry .choice__search input').fill('电气');
      await form.locator(`.profile__industry [data-value="${PROFILE.industry}"]`).click();
      await form.locator('.profile__scale .choice__value').click();
      await form.locator('.profile__scale [data-value="medium"]').click();
      await form.locator('.profile__district .choice__value').click();
      await form.locator(`.profile__district [data-value="${PROFILE.district}"]`).click();
      await form.locator(`.profile__qualifications [data-value="${PROFILE.qualifications[0]}"]`).click();
      await expect(form.getByText(/尚未填写/).count()).resolves.toBe(0);
      await j.audit(); // the form with its choices open and chosen, in standard and 长辈版
      await form.locator('.profile__save').click();
      await form.getByText('已保存，政策匹配已按新的档案更新。').waitFor();

      // Where it lands: the enterprise's row.
      const [row] = await j.t.ds.query(
        `SELECT e.industry, e.scale, e.district, e.qualifications
         FROM enterprises e JOIN enterprise_members m ON m.enterprise_id = e.id WHERE m.user_id = $1`,
        [owner.user.id],
      );
      expect(row).toEqual(PROFILE);
      const after = await matched();
      expect({ thin: after.thin, gaps: after.gaps }).toEqual({ thin: false, gaps: [] });
      // The profile changed what matches (the demo policies restrict on industry, scale, district, qualifications).
      expect(after.items.map((i) => i.policy.id)).not.toEqual(before.items.map((i) => i.policy.id));

      // 查看为您匹配 → the 政策 tab, shown again: the matches of the new profile, in the server's order.
      await form.locator('.profile__matched').click();
      await j.waitForRoute('/pages/policies/index');
      const matches = j.current().locator('.policies__matched');
      const first = after.items[0].policy.title;
      await waitFor(
        'the 政策 tab to show the new matches',
        async () => (await matches.locator('.policy-card__title').first().innerText()) === first,
        5000,
      );
      await expect(j.current().getByText('完善一企一档，获取精准匹配').count()).resolves.toBe(0);
      const shown = await matches.locator('.policy-card__title').allInnerTexts();
      expect(shown).toEqual(after.items.slice(0, shown.length).map((i) => i.policy.title));
    },
  );

  journeyTest(
    'a plain member reads the profile but cannot change it',
    () => j,
    async () => {
      const code = makeCreditCode();
      const owner = await signInWechat(j.t, 'owner-readonly');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: code, name: '湘潭只读测试有限公司', contactName: '周一' })
        .expect(201);
      await j.t.http
        .put('/api/v1/me/enterprise/profile')
        .set(owner.auth)
        .send({ ...PROFILE, foundedOn: '2015-06-01' })
        .expect(200);
      const member = await signInWechat(j.t, 'member-readonly');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(member.auth)
        .send({ creditCode: code, name: '湘潭只读测试有限公司', contactName: '吴二' })
        .expect(201);
      await j.t.http
        .post(`/api/v1/me/enterprise/members/${member.user.id}/decision`)
        .set(owner.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ approve: true })
        .expect(200);

      await devSignIn(j, 'member-readonly');
      await j.current().locator('.me__entry--profile').click();
      await j.waitForRoute('/packages/me/pages/profile/index');
      const page = j.current();
      await page.getByText('2015年6月1日').waitFor();
      await page.getByText(PROFILE.industry).waitFor();
      await page.getByText(/只能由企业管理员修改/).waitFor();
      await expect(page.locator('.profile__save').count()).resolves.toBe(0);
      await expect(page.locator('.choice__value').count()).resolves.toBe(0);
    },
  );

  journeyTest(
    '政策订阅: the settings chosen in 我的 are what the server keeps (no WeChat reminder outside WeChat)',
    () => j,
    async () => {
      const user = await signInWechat(j.t, 'subscriber-h5');
      await devSignIn(j, 'subscriber-h5');
      await j.current().locator('.me__entry--subscriptions').click();
      await j.waitForRoute('/packages/me/pages/subscriptions/index');
      const page = j.current();
      await page.getByText('推送与本企业匹配的政策').waitFor();
      await page.locator('.subscriptions__categories [data-value="科技创新"]').click();
      await page.locator('.subscriptions__districts [data-value="岳塘区"]').click();
      await expect(page.getByText('开启微信提醒').count()).resolves.toBe(0);
      await page.locator('.subscriptions__save').click();
      const rows = await waitFor(
        'the subscription to be saved',
        async () => {
          const found = (await j.t.ds.query(
            'SELECT match_profile, categories, industries, districts FROM policy_subscriptions WHERE user_id = $1',
            [user.user.id],
          )) as unknown[];
          return found.length ? found : null;
        },
        5000,
      );
      expect(rows).toEqual([{ match_profile: true, categories: ['科技创新'], industries: [], districts: ['岳塘区'] }]);
    },
  );
});
