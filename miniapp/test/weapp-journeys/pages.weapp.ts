import { makeCreditCode, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import type { WeappRuntime } from '../weapp-runtime';
import { signInStaff, signInWechat, startWeappJourney, type WeappJourney, weappTest } from './harness';

type Persona = 'visitor' | 'owner' | 'newcomer' | 'staff';

/**
 * How to open each page of app.json: who is signed in, a valid query, and a text that proves it
 * rendered. A page added to app.json without a case here fails the first test: add it.
 */
const PAGES: Record<string, { as: Persona; query?: string; expect: string }> = {
  'pages/index/index': { as: 'visitor', expect: '六大服务' },
  'pages/policies/index': { as: 'visitor', expect: '涉企政策' },
  'pages/messages/index': { as: 'owner', expect: '申请加入' },
  'pages/me/index': { as: 'owner', expect: '湘潭页面测试有限公司' },
  'packages/account/pages/login/index': {
    as: 'visitor',
    query: 'redirect=%2Fpages%2Fmessages%2Findex',
    expect: '微信一键登录',
  },
  'packages/account/pages/staff-login/index': { as: 'visitor', expect: '工作人员登录' },
  'packages/account/pages/privacy/index': { as: 'owner', query: 'view=1', expect: '亲商管家隐私政策' },
  'packages/me/pages/bind/index': { as: 'newcomer', expect: '提交绑定' },
  'packages/me/pages/members/index': { as: 'owner', expect: '吴二' },
  'packages/me/pages/data/index': { as: 'owner', expect: '导出我的数据' },
  'packages/workbench/pages/index/index': { as: 'staff', expect: '管家工作台' },
  'packages/workbench/pages/password/index': { as: 'staff', expect: '修改密码' },
};

describe('weapp journey: every page of app.json', () => {
  let j: WeappJourney;
  /** Storage of a signed-in WeChat per persona, so each page opens as a fresh start of that user. */
  const storage: Partial<Record<Persona, Record<string, unknown>>> = { visitor: {} };

  beforeAll(async () => {
    j = await startWeappJourney();
    const code = makeCreditCode();
    const owner = await signInByApi(j.t, 'owner-pages');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .send({ creditCode: code, name: '湘潭页面测试有限公司', contactName: '周一' });
    const joiner = await signInByApi(j.t, 'joiner-pages');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(joiner.auth)
      .send({ creditCode: code, name: '湘潭页面测试有限公司', contactName: '吴二' });
    const remember = async (persona: Persona, signIn: (app: WeappRuntime) => Promise<void>) => {
      const app = await j.launch();
      await signIn(app);
      storage[persona] = { 'qsgj.session': app.storage('qsgj.session') };
      app.assertClean();
    };
    await remember('owner', (app) => signInWechat(app, 'owner-pages'));
    await remember('newcomer', (app) => signInWechat(app, 'newcomer-pages'));
    await remember('staff', (app) => signInStaff(app, 'guanjia', 'Qsgj#2026'));
  }, 90_000);

  afterAll(() => j?.close());

  it('has a case for every page in app.json', async () => {
    const app = await j.launch();
    expect(Object.keys(PAGES).sort()).toEqual([...app.routes].sort());
  });

  for (const [route, c] of Object.entries(PAGES)) {
    weappTest(
      `${route}${c.query ? `?${c.query}` : ''} opens (as ${c.as}) and renders without an uncaught error or an unimplemented wx call`,
      () => j,
      async () => {
        // A cold start straight into the page, as from a share card or a service notification.
        const app = await j.launch({ path: route, query: parseQuery(c.query), storage: storage[c.as] });
        expect(app.route).toBe(route);
        expect(app.has(c.expect)).toBe(true);
        const visit = app.visits.find((v) => v.route === route)!;
        expect(visit.firstMeaningfulRender).toBeDefined();
      },
    );
  }

  weappTest(
    '我的 of an approved owner needs at most 2 requests before its first meaningful render on a cold start',
    () => j,
    async () => {
      const app = await j.launch({ path: 'pages/me/index', storage: storage.owner });
      expect(app.has('湘潭页面测试有限公司')).toBe(true);
    },
  );
});

function parseQuery(query?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (query ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    out[k] = v;
  }
  return out;
}
