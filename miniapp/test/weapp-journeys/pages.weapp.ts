import { randomUUID } from 'node:crypto';
import { makeCreditCode, signInWechat as signInByApi } from '../../../server/test/utils/factories';
import { JPEG_3X2 } from '../../../server/test/utils/images';
import type { WeappRuntime } from '../weapp-runtime';
import {
  DEMO_PASSWORD,
  demoStaff,
  rateByApi,
  signInStaff,
  signInWechat,
  startWeappJourney,
  submitByApi,
  transitionByApi,
  uploadByApi,
  type WeappJourney,
  weappTest,
} from './harness';

type Persona = 'visitor' | 'owner' | 'newcomer' | 'staff' | 'supervisor' | 'admin';

/** Ids made in beforeAll, for the queries of the 诉求 pages (`{resolved}` in a query is replaced). */
const ids: Record<'resolved' | 'rated' | 'event' | 'marketPost' | 'marketRequest', string> = {
  resolved: '',
  rated: '',
  event: '',
  marketPost: '',
  marketRequest: '',
};

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
  // 一企一档 and 政策订阅 (issue 10).
  'packages/me/pages/profile/index': { as: 'owner', expect: '湘潭页面测试有限公司' },
  'packages/me/pages/subscriptions/index': { as: 'owner', expect: '推送与本企业匹配的政策' },
  // issue 11 (each helper owns its own lines)
  'packages/services/pages/list/index': { as: 'visitor', expect: '企业法律体检' },
  'packages/services/pages/detail/index': {
    as: 'visitor',
    query: 'id=00000000-0000-4000-8000-000000000000',
    expect: '服务不存在或已下架',
  },
  'packages/butlers/pages/list/index': { as: 'visitor', expect: '全部管家' },
  'packages/butlers/pages/detail/index': {
    as: 'visitor',
    query: 'id=00000000-0000-4000-8000-000000000000',
    expect: '该管家不存在或已不在岗',
  },
  'packages/news/pages/list/index': { as: 'visitor', expect: '“亲商管家”小程序上线：企业诉求一键直达管家' },
  'packages/news/pages/detail/index': {
    as: 'visitor',
    query: 'id=00000000-0000-4000-8000-000000000000',
    expect: '文章不存在或已撤回',
  },
  'packages/faq/pages/list/index': { as: 'visitor', expect: '在湘潭新开一家公司，办理营业执照需要多长时间？' },
  'packages/faq/pages/detail/index': {
    as: 'visitor',
    query: 'id=00000000-0000-4000-8000-000000000000',
    expect: '该问题不存在或已撤回',
  },
  'packages/me/pages/applications/index': { as: 'owner', expect: '您还没有申报过政策' },
  'packages/workbench/pages/service-packages/index': { as: 'admin', expect: '企业法律体检' },
  'packages/workbench/pages/service-package-edit/index': { as: 'admin', expect: '新建服务包' },
  'packages/workbench/pages/news/index': { as: 'admin', expect: '湘潭市优化营商环境“十大行动”全面启动' },
  'packages/workbench/pages/news-edit/index': { as: 'admin', expect: '新建动态' },
  'packages/workbench/pages/faq/index': { as: 'supervisor', expect: '新建常见问题' },
  'packages/workbench/pages/faq-edit/index': { as: 'staff', expect: '保存草稿' },
  'packages/workbench/pages/staff/index': { as: 'admin', expect: '李管家' },
  'packages/workbench/pages/assignments/index': { as: 'admin', expect: '雨湖区莲城食品有限公司' },
  // issue 12 (each helper owns its own lines)
  'packages/market/pages/index/index': { as: 'visitor', expect: '求购食品级瓦楞纸箱' },
  'packages/market/pages/post/index': {
    as: 'visitor',
    query: 'id=7a000000-0000-4000-8000-000000000001',
    expect: '求购食品级瓦楞纸箱',
  },
  'packages/market/pages/request/index': { as: 'owner', query: 'id={marketRequest}', expect: '页面测试：希望对接纸箱' },
  'packages/market/pages/mine/index': { as: 'owner', expect: '页面测试：求购瓦楞纸箱' },
  'packages/events/pages/list/index': { as: 'visitor', expect: '跨境电商出海实务（线上直播）' },
  'packages/events/pages/detail/index': {
    as: 'visitor',
    query: 'id={event}',
    expect: '湘潭综合保税区 跨境电商服务中心',
  },
  'packages/events/pages/mine/index': { as: 'owner', expect: '跨境电商出海实务（线上直播）' },
  'packages/market/pages/edit/index': {
    as: 'owner',
    query: 'id={marketPost}',
    expect: '正在编辑：页面测试：求购瓦楞纸箱',
  },
  // 企业名录入驻: the owner's enterprise, never listed (the state comes from GET /me/enterprise/listing).
  'packages/market/pages/listing/index': { as: 'owner', expect: '尚未加入企业名录' },
  // 活动管理 / 编辑 / 签到: the demo event of {event}, with the owner's registration (made in beforeAll).
  'packages/workbench/pages/events/index': { as: 'admin', expect: '跨境电商出海实务（线上直播）' },
  'packages/workbench/pages/event-edit/index': { as: 'admin', query: 'id={event}', expect: '已发布' },
  'packages/workbench/pages/event-checkin/index': { as: 'staff', query: 'id={event}', expect: '湘潭页面测试有限公司' },
  // 商圈管理: the demo's open report (seeds/demo-market.ts) in 周主管's queue.
  'packages/workbench/pages/market-reports/index': { as: 'supervisor', expect: '价格与服务描述不清，疑似夸大宣传' },
  'packages/workbench/pages/index/index': { as: 'staff', expect: '管家工作台' },
  'packages/workbench/pages/password/index': { as: 'staff', expect: '修改密码' },
  // 诉求 (the owner's enterprise has a resolved complaint with an image, and a consultation rated 2).
  'packages/cases/pages/new/index': { as: 'owner', query: 'type=complaint', expect: '提交投诉' },
  'packages/cases/pages/list/index': { as: 'owner', expect: '页面测试：办事窗口反复要求补材料' },
  'packages/cases/pages/detail/index': {
    as: 'owner',
    query: 'id={resolved}',
    expect: '页面测试：办事窗口反复要求补材料',
  },
  'packages/cases/pages/rate/index': { as: 'owner', query: 'id={resolved}', expect: '您对本次办理是否满意？' },
  'packages/cases/pages/public/index': { as: 'visitor', expect: '全市亲商管家服务情况' },
  'packages/workbench/pages/case/index': {
    as: 'staff',
    query: 'id={resolved}',
    expect: '页面测试：办事窗口反复要求补材料',
  },
  'packages/workbench/pages/follow-ups/index': { as: 'supervisor', expect: '登记回访' },
  'packages/workbench/pages/ledger/index': { as: 'supervisor', expect: '满意率' },
  'packages/workbench/pages/calendar/index': { as: 'admin', expect: '调休上班' },
  'packages/workbench/pages/policies/index': { as: 'admin', expect: '新建政策' },
  'packages/workbench/pages/policy-edit/index': { as: 'admin', expect: '新建政策' },
  'packages/workbench/pages/policy-import/index': { as: 'admin', expect: '或粘贴 JSON' },
  'packages/workbench/pages/dictionaries/index': { as: 'admin', expect: '政策类别' },
  'packages/workbench/pages/push/index': { as: 'admin', expect: '缺少推送编号' },
  'packages/policies/pages/detail/index': {
    as: 'visitor',
    query: 'id=00000000-0000-4000-8000-000000000000',
    expect: '政策不存在或已撤回',
  },
  'packages/policies/pages/favorites/index': { as: 'owner', expect: '您还没有收藏政策' },
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
    await remember('staff', (app) => signInStaff(app, 'guanjia', DEMO_PASSWORD));
    await remember('supervisor', (app) => signInStaff(app, 'zhuguan', DEMO_PASSWORD));
    await remember('admin', (app) => signInStaff(app, 'admin', DEMO_PASSWORD));

    // The owner's cases, handled by 营商中心 (a new enterprise has no butler: the centre takes it).
    const butler = await demoStaff(j.t, 'guanjia');
    const image = await uploadByApi(j.t, owner, JPEG_3X2);
    const complaint = await submitByApi(j.t, owner, {
      type: 'complaint',
      content: '页面测试：办事窗口反复要求补材料',
      category: 'approval',
      images: [image],
    });
    await transitionByApi(j.t, butler, complaint.id, { action: 'accept' });
    await transitionByApi(j.t, butler, complaint.id, { action: 'resolve', result: '已协调窗口一次性告知所需材料' });
    ids.resolved = complaint.id;
    const consult = await submitByApi(j.t, owner, {
      type: 'consult',
      content: '页面测试：研发费用加计扣除怎么申报',
      category: 'tax',
    });
    await transitionByApi(j.t, butler, consult.id, { action: 'accept' });
    await transitionByApi(j.t, butler, consult.id, { action: 'resolve' });
    await rateByApi(j.t, owner, consult.id, 2); // opens a follow-up for 周主管
    ids.rated = consult.id;

    // 潭商讲堂 (events pages): a demo event for the detail, and the owner's registration of it for 我的报名.
    const events = await j.t.http.get('/api/v1/events?when=upcoming&limit=50');
    const online = (events.body.items as Array<{ id: string; title: string }>).find(
      (e) => e.title === '跨境电商出海实务（线上直播）',
    )!;
    ids.event = online.id;
    const signedUp = await j.t.http.post(`/api/v1/events/${online.id}/registrations`).set(owner.auth).send({});
    if (signedUp.status !== 200)
      throw new Error(`event sign-up failed: ${signedUp.status} ${JSON.stringify(signedUp.body)}`);

    // 企业商圈 (market pages): the owner's 需求, and another enterprise's contact request on it.
    const marketPost = await j.t.http
      .post('/api/v1/market/posts')
      .set(owner.auth)
      .set('Idempotency-Key', randomUUID())
      .send({
        kind: 'demand',
        category: '包装印刷',
        district: '雨湖区',
        title: '页面测试：求购瓦楞纸箱',
        description: '每月约两万只',
      });
    if (marketPost.status !== 201)
      throw new Error(`market post failed: ${marketPost.status} ${JSON.stringify(marketPost.body)}`);
    ids.marketPost = marketPost.body.id as string;
    const asker = await signInByApi(j.t, 'market-pages-asker');
    await j.t.http
      .post('/api/v1/me/enterprise')
      .set(asker.auth)
      .send({ creditCode: makeCreditCode(), name: '湘潭页面测试纸业有限公司', contactName: '郑三' });
    const asked = await j.t.http
      .post(`/api/v1/market/posts/${ids.marketPost}/contact-requests`)
      .set(asker.auth)
      .send({ message: '页面测试：希望对接纸箱' });
    if (asked.status !== 201) throw new Error(`contact request failed: ${asked.status} ${JSON.stringify(asked.body)}`);
    ids.marketRequest = asked.body.id as string;
  }, 120_000);

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
        const query = parseQuery(c.query?.replace(/\{(\w+)\}/g, (_, k: keyof typeof ids) => ids[k]));
        const app = await j.launch({ path: route, query, storage: storage[c.as] });
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
