import { makeCreditCode, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import type { WeappRuntime } from '../weapp-runtime';
import { expectRoute, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

const POLICY_TEMPLATE = 'tmpl-policy-weapp-0001';
const PROFILE = {
  industry: '电气机械和器材制造业',
  scale: 'medium',
  district: '岳塘区',
  qualifications: ['高新技术企业'],
};

/** Taps `text` inside the field whose class is `field` (options and chips are found by what they say). */
async function choose(app: WeappRuntime, field: string, text: string) {
  await app.tap(app.byText(text, { within: app.byClass(field) }));
}

describe('weapp journey: 一企一档 and 政策订阅', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney({ WECHAT_TEMPLATE_POLICY: POLICY_TEMPLATE });
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'an enterprise completes its profile in 我的 and 为您匹配 on the 政策 tab changes',
    () => j,
    async () => {
      const owner = await signInByApi(j.t, 'owner-profile-weapp');
      await j.t.http
        .post('/api/v1/me/enterprise')
        .set(owner.auth)
        .send({ creditCode: makeCreditCode(), name: '湘潭档案微信测试有限公司', contactName: '周一' })
        .expect(201);
      const matched = async () =>
        (await j.t.http.get('/api/v1/policies/matched?limit=20').set(owner.auth).expect(200)).body as {
          thin: boolean;
          gaps: string[];
          items: Array<{ policy: { id: string; title: string } }>;
        };
      const before = await matched();
      expect(before.thin).toBe(true);

      const app = await j.launch();
      await signInWechat(app, 'owner-profile-weapp');
      await app.tapTab('政策');
      expect(app.has('完善一企一档，获取精准匹配')).toBe(true);

      await app.tapTab('我的');
      await app.tap(app.byClass('me__entry--profile'));
      expectRoute(app, 'packages/me/pages/profile/index');
      expect(app.has('湘潭档案微信测试有限公司')).toBe(true);
      expect(app.has(/尚未填写：所属行业、企业规模、所在区域/)).toBe(true);

      await app.tap(app.byClass('choice__value', app.byClass('profile__industry')));
      await app.input(app.byClass('choice__search'), '电气');
      await choose(app, 'profile__industry', PROFILE.industry);
      await app.tap(app.byClass('choice__value', app.byClass('profile__scale')));
      await choose(app, 'profile__scale', '中型企业');
      await app.tap(app.byClass('choice__value', app.byClass('profile__district')));
      await choose(app, 'profile__district', PROFILE.district);
      await choose(app, 'profile__qualifications', PROFILE.qualifications[0]);
      // WeChat's date wheel answers with the chosen day.
      await app.trigger(app.byClass('profile__founded-picker'), 'change', { value: '2015-06-01' });
      expect(app.has('2015年6月1日')).toBe(true);
      expect(app.has(/尚未填写/)).toBe(false);

      await app.tap(app.byClass('profile__save'));
      expect(app.toasts.at(-1)?.title).toBe('已保存');
      const [row] = await j.t.ds.query(
        `SELECT e.industry, e.scale, e.district, e.qualifications, to_char(e.founded_on, 'YYYY-MM-DD') AS founded_on
         FROM enterprises e JOIN enterprise_members m ON m.enterprise_id = e.id WHERE m.user_id = $1`,
        [owner.user.id],
      );
      expect(row).toEqual({ ...PROFILE, founded_on: '2015-06-01' });
      const after = await matched();
      expect({ thin: after.thin, gaps: after.gaps }).toEqual({ thin: false, gaps: [] });
      // The profile changed what matches (the demo policies restrict on industry, scale, district, qualifications).
      expect(after.items.map((i) => i.policy.id)).not.toEqual(before.items.map((i) => i.policy.id));

      // 查看为您匹配: the 政策 tab, shown again, lists the new profile's matches.
      await app.tap(app.byClass('profile__matched'));
      expectRoute(app, 'pages/policies/index');
      expect(app.has('完善一企一档，获取精准匹配')).toBe(false);
      const shown = app.allByClass('policy-card__title', app.byClass('policies__matched')).map((n) => app.text(n));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual(after.items.slice(0, shown.length).map((i) => i.policy.title));
    },
  );

  weappTest(
    '政策订阅: 保存 asks WeChat for the policy template within the tap; the grant and the settings land on the server',
    () => j,
    async () => {
      const app = await j.launch();
      await signInWechat(app, 'subscriber-weapp');
      const user = await signInByApi(j.t, 'subscriber-weapp');
      await app.tap(app.byClass('me__entry--subscriptions'));
      expectRoute(app, 'packages/me/pages/subscriptions/index');
      await choose(app, 'subscriptions__categories', '科技创新');
      const asked: string[][] = [];
      app.script.subscribe = (ids) => {
        asked.push(ids);
        return Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
      };
      await app.tap(app.byClass('subscriptions__save'));
      expect(asked).toEqual([[POLICY_TEMPLATE]]);
      expect(app.toasts.at(-1)?.title).toBe('已保存，已开启微信提醒');
      expect(
        await j.t.ds.query(
          'SELECT match_profile, categories, industries, districts FROM policy_subscriptions WHERE user_id = $1',
          [user.user.id],
        ),
      ).toEqual([{ match_profile: true, categories: ['科技创新'], industries: [], districts: [] }]);
      expect(
        await j.t.ds.query('SELECT template_id, credits FROM subscription_grants WHERE user_id = $1', [user.user.id]),
      ).toEqual([{ template_id: POLICY_TEMPLATE, credits: 1 }]);
    },
  );
});
