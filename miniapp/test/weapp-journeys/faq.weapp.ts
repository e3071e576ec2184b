import {
  boundOwner,
  demoStaff,
  expectRoute,
  signInStaff,
  signInWechat,
  startWeappJourney,
  submitByApi,
  transitionByApi,
  type WeappJourney,
  weappTest,
} from './harness';

const DEMO_PASSWORD = 'Qsgj#2026';
/** A demo entry (seeds/demo-faq.ts) the typed question should bring up. */
const DEMO_QUESTION = '在湘潭新开一家公司，办理营业执照需要多长时间？';

describe('weapp journey: 常见问题', () => {
  let j: WeappJourney;
  beforeAll(async () => {
    j = await startWeappJourney();
  }, 90_000);
  afterAll(() => j?.close());

  weappTest(
    'an enterprise types a consultation, sees a suggestion and opens it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'faq-weapp-owner', '湘潭常见问题小程序测试有限公司');
      const app = await j.launch();
      await signInWechat(app, 'faq-weapp-owner');
      await app.reLaunch('/packages/cases/pages/new/index?type=consult');
      expectRoute(app, 'packages/cases/pages/new/index');
      await app.input(app.byClass('case-form__text'), '我们新开了一家公司，想问营业执照多久能办好');
      expect(app.has('这些可能已经回答了您的问题')).toBe(true);
      const asked = app.requests.filter((r) => r.path.startsWith('/api/v1/faq/suggestions'));
      expect(asked).toHaveLength(1);
      const card = app.byText(DEMO_QUESTION, { within: app.byClass('case-suggest') });
      const hits = app.allByClass('policy-hl__hit', app.byClass('case-suggest')).map((n) => app.text(n));
      expect(hits.join('|')).toContain('营业执照');
      await app.tap(card);
      expectRoute(app, 'packages/faq/pages/detail/index');
      expect(app.text(app.byClass('faq-detail__question')).trim()).toBe(DEMO_QUESTION);
      const rows = (await j.t.ds.query(`SELECT opens, opened FROM faq_suggestion_drafts WHERE user_id = $1`, [
        owner.user.id,
      ])) as Array<{ opens: number; opened: string[] }>;
      expect(rows).toHaveLength(1);
      expect(rows[0].opens).toBe(1);
      expect(rows[0].opened[0]).toMatch(/^faq:/);
      await app.tap(app.byText('向管家咨询', { within: app.byClass('faq-detail__ask') }));
      expectRoute(app, 'packages/cases/pages/new/index');
      app.assertClean();
    },
  );

  weappTest(
    'a butler writes up a resolved consultation; 周主管 reviews and publishes it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'faq-weapp-asker', '湘潭小程序审核测试有限公司');
      const butler = await demoStaff(j.t, 'guanjia');
      const consult = await submitByApi(j.t, owner, {
        type: 'consult',
        content: '湘潭小程序审核测试有限公司想问：招用应届毕业生有没有补贴？',
        category: 'labour',
      });
      await transitionByApi(j.t, butler, consult.id, { action: 'accept' });

      // The butler answers and resolves it on its page; then the page offers to write it up.
      let app = await j.launch();
      await signInStaff(app, 'guanjia', DEMO_PASSWORD);
      await app.reLaunch(`/packages/workbench/pages/case/index?id=${consult.id}`);
      expect(app.allByText('发布为常见问题')).toHaveLength(0);
      await app.input(app.byClass('wb-case__reply-input'), '可申请一次性扩岗补助，并按规定享受社保补贴。');
      await app.tap(app.byClass('wb-case__reply-send'));
      await app.tap(app.byClass('wb-case__action--resolve'));
      await app.tap(app.byClass('wb-action__submit'));
      expect(app.text(app.byClass('wb-case__state'))).toBe('已办结');
      await app.tap(app.byText('发布为常见问题'));
      expectRoute(app, 'packages/workbench/pages/faq-edit/index');
      expect(app.has('含有企业名称')).toBe(true);
      expect(String(app.byClass('faq-edit__answer').attrs.value)).toContain('一次性扩岗补助');
      await app.input(app.byClass('faq-edit__question'), '招用应届高校毕业生，企业能领哪些补贴？');
      await app.input(
        app.byClass('faq-edit__answer'),
        '签订一年以上劳动合同并缴纳社保的，可申请一次性扩岗补助，并按规定享受社保补贴。',
      );
      expect(app.has('含有企业名称')).toBe(false);
      await app.tap(app.byText('选择', { within: app.byClass('faq-edit__categories') }));
      await app.tap(app.byText('稳岗就业', { within: app.byClass('faq-edit__categories') }));
      await app.tap(app.byText('保存草稿'));
      expect(app.has('管家撰写的条目需由主管或管理员审核后发布')).toBe(true);
      expect(app.allByClass('faq-edit__publish')).toHaveLength(0);
      const [entry] = (await j.t.ds.query(`SELECT id, status FROM faq_entries WHERE source_case_id = $1`, [
        consult.id,
      ])) as Array<{ id: string; status: string }>;
      expect(entry.status).toBe('draft');
      app.assertClean();

      app = await j.launch();
      await signInStaff(app, 'zhuguan', DEMO_PASSWORD);
      await app.reLaunch('/packages/workbench/pages/faq/index');
      await app.tap(app.byText('招用应届高校毕业生，企业能领哪些补贴？'));
      expectRoute(app, 'packages/workbench/pages/faq-edit/index');
      await app.tap(app.byClass('faq-edit__publish'));
      expect(app.has('已发布')).toBe(true);
      const [after] = (await j.t.ds.query(
        `SELECT f.status, u.username FROM faq_entries f JOIN users u ON u.id = f.reviewed_by WHERE f.id = $1`,
        [entry.id],
      )) as Array<{ status: string; username: string }>;
      expect(after).toEqual({ status: 'published', username: 'zhuguan' });
      app.assertClean();
    },
  );
});
