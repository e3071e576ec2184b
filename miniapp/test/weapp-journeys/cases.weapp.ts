import type { LedgerFigures } from '@qsgj/shared/contracts';
import type { WeappRuntime, WxNode } from '../weapp-runtime';
import {
  albumPhotos,
  boundOwner,
  DEMO_PASSWORD,
  demoStaff,
  expectRoute,
  ledgerToday,
  signInStaff,
  signInWechat,
  startWeappJourney,
  type WeappJourney,
  weappTest,
} from './harness';

/** The subscribe-message template of case updates this file's server configures. */
const CASE_TEMPLATE = 'tmpl-case-update-journey-0001';
const CONTENT = '旅程测试：办理施工许可时窗口三次要求补充同一份材料，每次只告知一个问题，耽误开工。';
const REPLY = '您好，已联系审批窗口核实，今天内给您一次性告知清单。';
const RESULT = '已协调窗口出具一次性告知清单，并对窗口人员进行提醒。';
const OUTCOME = '电话联系企业负责人，说明整改情况，企业表示理解。';

/** The ledger's figures that this journey moves. */
const MOVED: Array<keyof LedgerFigures> = ['received', 'accepted', 'resolved', 'closed', 'rated', 'satisfied'];

describe('weapp journey: 诉求', () => {
  let j: WeappJourney;
  let photos: ReturnType<typeof albumPhotos>;
  beforeAll(async () => {
    j = await startWeappJourney({ WECHAT_TEMPLATE_CASE_UPDATE: CASE_TEMPLATE });
    photos = albumPhotos();
  }, 90_000);
  afterAll(async () => {
    photos?.remove();
    await j?.close();
  });

  weappTest(
    'a complaint with an image → the butler accepts, replies and resolves → the enterprise rates 2 → the supervisor follows up → the enterprise rates the fix → the ledger counts it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'case-journey-owner', '湘潭诉求旅程有限公司');
      const supervisorApi = await demoStaff(j.t, 'zhuguan');
      const ledgerBefore = await ledgerToday(j.t, supervisorApi);
      const [{ openid }] = await j.t.ds.query('SELECT openid FROM users WHERE id = $1', [owner.user.id]);

      // ── the supervisor's ledger page before ──
      let app = await j.launch();
      await signInStaff(app, 'zhuguan', DEMO_PASSWORD);
      const pageBefore = await ledgerCards(app);
      expect(pageBefore.received).toBe(String(ledgerBefore.received));

      // ── the enterprise: 开启微信通知, then 投诉 from the home page, with a photo ──
      app = await j.launch();
      await signInWechat(app, 'case-journey-owner');
      await app.tapTab('消息');
      app.script.subscribe = (ids) => Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
      await app.tap('开启微信通知');
      await app.tapTab('首页');
      await app.tap('投诉');
      expectRoute(app, 'packages/cases/pages/new/index');
      expect(app.query).toMatchObject({ type: 'complaint' });
      await app.tap(app.byClass('case-form__category'));
      await app.tap(app.byText('审批办事', { within: app.byClass('case-form__category-options') }));
      await app.input(app.byClass('case-form__text'), CONTENT);
      expect(app.text(app.byClass('case-form__count'))).toBe(`${CONTENT.length}/2000`);

      app.script.media.push([photos.large]);
      await app.tap(app.byClass('image-picker__add'));
      await app.waitFor(() => app.allByClass('image-picker__item--done').length === 1, { what: 'the upload' });
      // WeChat's album for up to 9 images; the 1.2 MB photo compressed first; that copy uploaded with progress.
      const chosen = app.mediaCalls.find((c) => c.api === 'chooseMedia');
      expect(chosen).toMatchObject({ count: 9, cancelled: false, files: [expect.stringMatching(/^wxfile:\/\//)] });
      const compressed = app.mediaCalls.find((c) => c.api === 'compressImage');
      expect(compressed).toMatchObject({ src: (chosen as { files: string[] }).files[0] });
      const upload = app.requests.find((r) => r.api === 'uploadFile')!;
      expect(upload).toMatchObject({ method: 'POST', path: '/api/v1/files/images', status: 201, bytes: 1200 * 1024 });
      expect(app.text(app.byClass('image-picker__item--done'))).toContain('已上传');

      // A tap on the thumbnail previews it full screen.
      await app.tap(app.byClass('image-picker__thumb'));
      expect(app.mediaCalls.at(-1)).toMatchObject({ api: 'previewImage', urls: (chosen as { files: string[] }).files });

      await app.tap(app.byClass('case-form__submit'));
      expectRoute(app, 'packages/cases/pages/detail/index');
      const toast = app.toasts.at(-1)?.title ?? '';
      expect(toast).toMatch(/^已提交，编号 QS\d{8}-\d{4}$/);
      const number = toast.replace('已提交，编号 ', '');
      // Where it lands: the case, its image attached, its first timeline line.
      const [kase] = await j.t.ds.query(
        'SELECT id, type, state, content, category, enterprise_id FROM cases WHERE number = $1',
        [number],
      );
      expect(kase).toMatchObject({
        type: 'complaint',
        state: 'submitted',
        content: CONTENT,
        category: 'approval',
        enterprise_id: owner.enterpriseId,
      });
      expect(app.query.id).toBe(kase.id);
      const files = await j.t.ds.query('SELECT size, owner_kind, uploaded_by FROM files WHERE owner_id = $1', [
        kase.id,
      ]);
      expect(files).toEqual([{ size: 1200 * 1024, owner_kind: 'case', uploaded_by: owner.user.id }]);
      const enterprise = { 'qsgj.session': app.storage('qsgj.session') };

      // ── the butler: queue → case → 受理, reply, 办结 ──
      app = await j.launch();
      await signInStaff(app, 'guanjia', DEMO_PASSWORD);
      expectRoute(app, 'packages/workbench/pages/index/index');
      await app.tap(rowWith(app, 'wb-queue__row', number));
      expectRoute(app, 'packages/workbench/pages/case/index');
      expect(app.text(app.byClass('wb-case__content'))).toBe(CONTENT);
      // The image, downloaded with the butler's sign-in.
      await app.waitFor(() => app.allByClass('qs-authed-image--pending').length === 0, { what: 'the image' });
      const image = app.requests.find((r) => r.api === 'downloadFile')!;
      expect(image).toMatchObject({ path: expect.stringMatching(`^/api/v1/cases/${kase.id}/images/`), status: 200 });

      await app.tap(app.byClass('wb-case__action--accept'));
      await app.tap(app.byClass('wb-action__submit'));
      expect(app.toasts.at(-1)?.title).toBe('已受理');
      await app.input(app.byClass('wb-case__reply-input'), REPLY);
      await app.tap(app.byClass('wb-case__reply-send'));
      expect(app.toasts.at(-1)?.title).toBe('已发送');
      await app.tap(app.byClass('wb-case__action--resolve'));
      await app.input(app.byClass('wb-action__input--result'), RESULT);
      await app.tap(app.byClass('wb-action__submit'));
      expect(app.toasts.at(-1)?.title).toBe('已办结');
      expect(app.text(app.byClass('wb-case__state'))).toBe('已办结');
      expect(await stateOf(j, kase.id)).toBe('resolved');
      expect(await actionsOf(j, kase.id)).toEqual(['create', 'accept', 'resolve']);
      // The enterprise was told in WeChat (it granted case updates): a message opening its case.
      const sent = j.t.fake.messages.filter((m) => m.template_id === CASE_TEMPLATE && m.touser === openid);
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(sent[0].page).toBe(`packages/cases/pages/detail/index?id=${kase.id}`);

      // ── the enterprise: opens the case from the service notification, sees the timeline, rates 2 ──
      const [route, query] = sent[0].page!.split('?');
      app = await j.launch({ path: route, query: Object.fromEntries([query.split('=')]), storage: enterprise });
      expectRoute(app, 'packages/cases/pages/detail/index');
      expect(app.text(app.byClass('case-detail__state'))).toBe('已办结');
      const timeline = app.allByClass('case-timeline__action').map((n) => app.text(n));
      expect(timeline).toEqual(expect.arrayContaining(['受理', '办结']));
      expect(app.text(app.byClass('case-detail__progress'))).toContain(RESULT);
      expect(app.text(app.byClass('case-detail__conversation'))).toContain(REPLY);
      await app.waitFor(() => app.allByClass('qs-authed-image--pending').length === 0, { what: 'the image' });
      const shown = app.byClass('case-detail__image');
      expect(shown.tag).toBe('image');
      // The image the enterprise sees is the bytes it uploaded.
      expect(app.readFile(String(shown.attrs.src)).length).toBe(1200 * 1024);
      await app.tap(shown);
      expect(app.mediaCalls.at(-1)).toMatchObject({ api: 'previewImage', current: shown.attrs.src });

      await app.tap(app.byClass('case-detail__rate-btn'));
      expectRoute(app, 'packages/cases/pages/rate/index');
      await app.tap(app.byClass('case-rate__level--2'));
      await app.tap(app.byText('问题未解决', { within: app.byClass('case-rate__tags') }));
      await app.tap(app.byClass('case-rate__submit'));
      expect(app.toasts.at(-1)?.title).toBe('评价成功，感谢您的反馈');
      expectRoute(app, 'packages/cases/pages/detail/index');
      const [rating] = await j.t.ds.query('SELECT level, tags, rated_by FROM case_ratings WHERE case_id = $1', [
        kase.id,
      ]);
      expect(rating).toEqual({ level: 2, tags: ['问题未解决'], rated_by: owner.user.id });
      expect(await stateOf(j, kase.id)).toBe('closed');
      const [followUp] = await j.t.ds.query('SELECT id, contacted_at FROM case_follow_ups WHERE case_id = $1', [
        kase.id,
      ]);
      expect(followUp.contacted_at).toBeNull();
      expect(app.text(app.byClass('case-detail__follow-up'))).toContain('前与您联系回访');

      // ── the supervisor: 回访整改 → 登记回访 ──
      app = await j.launch();
      await signInStaff(app, 'zhuguan', DEMO_PASSWORD);
      await app.tap(app.byClass('wb-queue__link--follow-ups'));
      expectRoute(app, 'packages/workbench/pages/follow-ups/index');
      const item = rowWith(app, 'followups__item', number);
      expect(app.text(item)).toContain('不满意');
      await app.tap(app.byClass('followups__record-button', item));
      await app.tap(app.byClass('followups__method--phone'));
      await app.input(app.byClass('followups__outcome'), OUTCOME);
      await app.input(app.byClass('followups__rectification'), '窗口实行一次性告知制度');
      await app.tap(app.byClass('followups__submit'));
      expect(app.toasts.at(-1)?.title).toBe('回访已登记');
      const [recorded] = await j.t.ds.query(
        'SELECT contact_method, outcome, contacted_at, recorded_by FROM case_follow_ups WHERE id = $1',
        [followUp.id],
      );
      expect(recorded).toEqual({
        contact_method: 'phone',
        outcome: OUTCOME,
        contacted_at: expect.any(Date),
        recorded_by: supervisorApi.user.id,
      });

      // ── the enterprise rates the fix: 满意 ──
      app = await j.launch({ storage: enterprise });
      await app.tapTab('我的');
      await app.tap(app.byClass('me__cases-entry'));
      expectRoute(app, 'packages/cases/pages/list/index');
      await app.tap(app.byClass('my-cases__link', rowWith(app, 'my-cases__item', number)));
      expectRoute(app, 'packages/cases/pages/detail/index');
      expect(app.text(app.byClass('case-detail__follow-up'))).toContain(OUTCOME);
      await app.tap(app.byClass('case-detail__fix-btn--satisfied'));
      await app.waitFor(() => app.allByClass('case-detail__fix-rated').length === 1, { what: 'the fix rated' });
      expect(app.text(app.byClass('case-detail__fix-rated'))).toBe('您对整改的评价：满意');
      const [fixed] = await j.t.ds.query('SELECT fix_rating FROM case_follow_ups WHERE id = $1', [followUp.id]);
      expect(fixed).toEqual({ fix_rating: 'satisfied' });

      // ── the ledger: one more received, accepted, resolved, closed and rated; not satisfied ──
      const ledgerAfter = await ledgerToday(j.t, supervisorApi);
      const delta = Object.fromEntries(MOVED.map((k) => [k, Number(ledgerAfter[k]) - Number(ledgerBefore[k])]));
      expect(delta).toEqual({ received: 1, accepted: 1, resolved: 1, closed: 1, rated: 1, satisfied: 0 });
      app = await j.launch();
      await signInStaff(app, 'zhuguan', DEMO_PASSWORD);
      const pageAfter = await ledgerCards(app);
      for (const k of ['received', 'accepted', 'resolved', 'closed'] as const)
        expect({ [k]: Number(pageAfter[k]) }).toEqual({ [k]: Number(pageBefore[k]) + 1 });

      // The export in WeChat: downloaded with the sign-in and opened in WeChat's document viewer.
      await app.tap(app.byClass('ledger__export-xlsx'));
      const opened = app.mediaCalls.find((c) => c.api === 'openDocument');
      expect(opened).toMatchObject({ fileType: 'xlsx' });
      const xlsx = app.readFile((opened as { filePath: string }).filePath);
      expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(app.requests.find((r) => r.api === 'downloadFile')).toMatchObject({
        path: expect.stringMatching(/^\/api\/v1\/stats\/ledger\.xlsx\?/),
        status: 200,
      });
    },
    180_000,
  );
});

/** The element of class `cls` whose text holds `text` (a queue row, a follow-up …). */
function rowWith(app: WeappRuntime, cls: string, text: string): WxNode {
  const row = app.allByClass(cls).find((n) => app.text(n).includes(text));
  if (!row) throw new Error(`no .${cls} with "${text}" on ${app.route}\n${app.render()}`);
  return row;
}

/** 工作台账 from the workbench: the totals' cards by key (received, accepted, resolved, closed …). */
async function ledgerCards(app: WeappRuntime): Promise<Record<string, string>> {
  expectRoute(app, 'packages/workbench/pages/index/index');
  await app.tap(app.byClass('wb-queue__link--ledger'));
  expectRoute(app, 'packages/workbench/pages/ledger/index');
  await app.waitFor(() => app.allByClass('ledger__card').length > 0, { what: 'the ledger' });
  const out: Record<string, string> = {};
  for (const card of app.allByClass('ledger__card')) {
    const key = card.classes.find((c) => c.startsWith('ledger__card--'))!.replace('ledger__card--', '');
    out[key] = app.text(app.byClass('ledger__card-value', card));
  }
  return out;
}

async function stateOf(j: WeappJourney, id: string): Promise<string> {
  return (await j.t.ds.query('SELECT state FROM cases WHERE id = $1', [id]))[0].state;
}

/** The case's timeline, as actions in order. */
async function actionsOf(j: WeappJourney, id: string): Promise<string[]> {
  const rows = await j.t.ds.query('SELECT action FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
  return rows.map((r: { action: string }) => r.action);
}
