import {
  boundOwner,
  DEMO_PASSWORD,
  demoStaff,
  expectRoute,
  signInStaff,
  signInWechat,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

/*
 * 涉企政策, the admin's side on the real weapp build: import (pasted JSON: WeChat's file picker,
 * chooseMessageFile, is not in the harness), publish with the audience named, watch the push to the end; the
 * subscribed enterprise user finds it in 消息, opens and favourites it. Then every admin page opens cold within
 * the budgets. The category and qualification are new (自动补充字典), so the audience is exactly the subscriber.
 */
const CATEGORY = '小程序旅程专项';
const QUALIFICATION = '小程序旅程认证企业';
const TITLE = '小程序旅程：湘潭市中小企业数字化改造补助办法';
const DOC = '潭工信发〔2026〕WX号';

describe('weapp journey: 政策管理', () => {
  let j: WeappJourney;
  let adminStorage: Record<string, unknown> = {};
  const ids = { policy: '', push: '' };

  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'an admin imports and publishes a policy → the push completes → a subscribed enterprise user sees it in 消息, opens it and favourites it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'policy-weapp-owner', '湘潭小程序政策旅程有限公司');

      // ── the admin: 工作台 → 政策管理 → 导入 ──
      const admin = await j.launch();
      await signInStaff(admin, 'admin', DEMO_PASSWORD);
      expectRoute(admin, 'packages/workbench/pages/index/index');
      adminStorage = { 'qsgj.session': admin.storage('qsgj.session') };
      await admin.tap('政策管理');
      expectRoute(admin, 'packages/workbench/pages/policies/index');
      await admin.tap(admin.byClass('wb-policies__import'));
      expectRoute(admin, 'packages/workbench/pages/policy-import/index');
      await admin.tap(admin.byClass('wb-import__create-missing'));
      const row = {
        title: TITLE,
        docNumber: DOC,
        issuer: '湘潭市工业和信息化局',
        level: 'city',
        categories: [CATEGORY],
        qualifications: [QUALIFICATION],
        summary: '对完成数字化改造的中小企业给予补助。',
        body: '<p>第一条 对通过验收的数字化改造项目给予补助。</p>',
      };
      await admin.input(admin.byClass('wb-import__json'), JSON.stringify({ rows: [row] }));
      await admin.tap(admin.byClass('wb-import__paste-go'));
      await admin.waitFor(() => admin.has('新增 1 条，更新 0 条，未导入 0 条'), { what: 'the import report' });
      expect(admin.text(admin.byClass('wb-import__added'))).toContain(`政策类别「${CATEGORY}」`);
      const [draft] = await j.t.ds.query('SELECT id, status FROM policies WHERE doc_number = $1', [DOC]);
      expect(draft.status).toBe('draft');
      ids.policy = draft.id;

      const subscribed = await j.t.http
        .put('/api/v1/me/subscriptions')
        .set(owner.auth)
        .send({ matchProfile: false, categories: [CATEGORY], industries: [], districts: [] });
      expect(subscribed.status).toBe(200);

      // ── publish from the report's row, with the audience named ──
      await admin.tap(admin.byClass('wb-import__row--created'));
      expectRoute(admin, 'packages/workbench/pages/policy-edit/index');
      await admin.tap(admin.byClass('wb-policy__publish'));
      await admin.waitFor(() => admin.has('确定发布'), { what: 'the confirmation' });
      expect(admin.text(admin.byClass('wb-policy__confirm-text'))).toBe(
        '将推送给 1 家企业（1 位用户），发布后不能撤销推送。确定发布吗？',
      );
      await admin.tap(admin.byClass('wb-policy__publish-confirm'));
      expectRoute(admin, 'packages/workbench/pages/push/index');
      await admin.waitFor(() => admin.has('已完成'), { what: 'the push to finish', timeoutMs: 20_000 });
      const figure = (k: string) => admin.text(admin.byClass(`wb-push__figure--${k}`));
      expect(figure('targeted')).toBe('1推送对象');
      expect(figure('inbox')).toBe('1已写入消息');
      expect(figure('pending')).toBe('0排队中');
      ids.push = String(admin.query.id ?? '');
      const asked = admin.requests.filter((r) => r.path === `/api/v1/admin/pushes/${ids.push}`).length;
      // Done: the page stops asking.
      await new Promise((r) => setTimeout(r, 2500));
      await admin.settle();
      expect(admin.requests.filter((r) => r.path === `/api/v1/admin/pushes/${ids.push}`).length).toBe(asked);

      const inbox = await j.t.ds.query(
        `SELECT user_id, title FROM notifications WHERE kind = 'policy' AND link LIKE $1`,
        [`%id=${draft.id}`],
      );
      expect(inbox).toEqual([{ user_id: owner.user.id, title: `新政策：${TITLE}` }]);

      // ── the enterprise user: 消息 → the policy → 收藏 ──
      const app = await j.launch();
      await signInWechat(app, 'policy-weapp-owner');
      await app.tapTab('消息');
      expectRoute(app, 'pages/messages/index');
      await app.tap(app.byText(`新政策：${TITLE}`));
      expectRoute(app, 'packages/policies/pages/detail/index');
      expect(app.has(TITLE)).toBe(true);
      await app.tap(app.byClass('policy-detail__favorite'));
      await app.waitFor(() => app.has('已收藏'), { what: '已收藏' });
      const favorites = await j.t.ds.query('SELECT policy_id FROM policy_favorites WHERE user_id = $1', [
        owner.user.id,
      ]);
      expect(favorites).toEqual([{ policy_id: draft.id }]);
    },
    120_000,
  );

  // Every admin page of 涉企政策, cold (as from a notification), within the budgets (weappTest checks them).
  const COLD: Array<{ route: string; query?: () => Record<string, string>; expect: string }> = [
    { route: 'packages/workbench/pages/policies/index', expect: '新建政策' },
    { route: 'packages/workbench/pages/policy-edit/index', expect: '新建政策' },
    {
      route: 'packages/workbench/pages/policy-edit/index',
      query: () => ({ id: ids.policy }),
      expect: `具备${QUALIFICATION}资质的企业可适用`,
    },
    { route: 'packages/workbench/pages/policy-import/index', expect: '或粘贴 JSON' },
    { route: 'packages/workbench/pages/push/index', query: () => ({ id: ids.push }), expect: '已写入消息' },
    { route: 'packages/workbench/pages/dictionaries/index', expect: CATEGORY },
  ];
  for (const c of COLD) {
    weappTest(
      `${c.route}${c.query ? ' (with an id)' : ''} opens cold for an admin within the budgets`,
      () => j,
      async () => {
        if (!adminStorage['qsgj.session']) {
          const signIn = await j.launch();
          await signInStaff(signIn, 'admin', DEMO_PASSWORD);
          adminStorage = { 'qsgj.session': signIn.storage('qsgj.session') };
        }
        if (c.query && !Object.values(c.query()).every(Boolean)) throw new Error('the journey above made no policy');
        const app = await j.launch({ path: c.route, query: c.query?.(), storage: adminStorage });
        expect(app.route).toBe(c.route);
        await app.waitFor(() => app.has(c.expect), { what: c.expect });
        const visit = app.visits.find((v) => v.route === c.route)!;
        expect(visit.firstMeaningfulRender).toBeDefined();
      },
    );
  }

  weappTest(
    'a butler opening the admin pages is told they are for admins',
    () => j,
    async () => {
      await demoStaff(j.t, 'guanjia');
      const butler = await j.launch();
      await signInStaff(butler, 'guanjia', DEMO_PASSWORD);
      const app = await j.launch({
        path: 'packages/workbench/pages/policies/index',
        storage: { 'qsgj.session': butler.storage('qsgj.session') },
      });
      expect(app.has('涉企政策由管理员维护，您的账号无此权限。')).toBe(true);
      expect(app.requests.filter((r) => r.path.startsWith('/api/v1/admin/'))).toEqual([]);
    },
  );
});
