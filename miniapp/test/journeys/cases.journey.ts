import type { LedgerFigures } from '@qsgj/shared/contracts';
import { waitFor } from '../../../server/test/utils/wait';
import { albumPhotos, boundOwner, DEMO_PASSWORD, demoStaff, ledgerToday } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, staffSignIn, startJourney } from './harness';

const CONTENT = 'H5旅程：办理施工许可时窗口三次要求补充同一份材料，每次只告知一个问题。';
const REPLY = '您好，已联系审批窗口核实，今天内给您一次性告知清单。';
const RESULT = '已协调窗口出具一次性告知清单。';
const OUTCOME = '电话联系企业负责人，说明整改情况，企业表示理解。';
const MOVED: Array<keyof LedgerFigures> = ['received', 'accepted', 'resolved', 'closed', 'rated', 'satisfied'];

describe('journey: 诉求 (H5)', () => {
  let j: Journey;
  let photos: ReturnType<typeof albumPhotos>;
  beforeAll(async () => {
    j = await startJourney();
    photos = albumPhotos();
  }, 90_000);
  afterAll(async () => {
    photos?.remove();
    await j?.close();
  });

  journeyTest(
    'a complaint with an image → the butler accepts, replies and resolves → the enterprise rates 2 → the supervisor follows up → the enterprise rates the fix → the ledger counts it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'case-h5-owner', '湘潭H5诉求旅程有限公司');
      const supervisorApi = await demoStaff(j.t, 'zhuguan');
      const ledgerBefore = await ledgerToday(j.t, supervisorApi);

      // ── the enterprise: 投诉 from the home page, with a photo from the file chooser ──
      await devSignIn(j, 'case-h5-owner');
      await j.open('/pages/index/index');
      await j.current().locator('.home__channel', { hasText: '投诉' }).click();
      await j.waitForRoute('/packages/cases/pages/new/index');
      const form = j.current();
      await form.locator('.case-form__category').click();
      await form.locator('.case-form__category-option', { hasText: '审批办事' }).click();
      await form.locator('.case-form__text textarea').fill(CONTENT);
      await expect(form.locator('.case-form__count').innerText()).resolves.toBe(`${CONTENT.length}/2000`);
      const chooser = j.page.waitForEvent('filechooser');
      await form.locator('.image-picker__add').click();
      await (await chooser).setFiles(photos.small);
      await form.locator('.image-picker__item--done').waitFor();
      await form.locator('.case-form__submit').click();
      await j.waitForRoute('/packages/cases/pages/detail/index');

      // Where it lands: the case and its image.
      const [kase] = await waitFor(
        'the case to be stored',
        async () => {
          const rows = await j.t.ds.query(
            'SELECT id, number, type, state, content, category FROM cases WHERE enterprise_id = $1',
            [owner.enterpriseId],
          );
          return rows.length ? rows : null;
        },
        5000,
      );
      expect(kase).toMatchObject({ type: 'complaint', state: 'submitted', content: CONTENT, category: 'approval' });
      const files = await j.t.ds.query('SELECT owner_kind, uploaded_by FROM files WHERE owner_id = $1', [kase.id]);
      expect(files).toEqual([{ owner_kind: 'case', uploaded_by: owner.user.id }]);
      expect(new URL(j.page.url()).hash).toContain(`id=${kase.id}`);

      // ── the butler: queue → case → 受理, reply, 办结 ──
      await j.freshPage();
      await staffSignIn(j, 'guanjia', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__row', { hasText: kase.number }).click();
      await j.waitForRoute('/packages/workbench/pages/case/index');
      const staffCase = j.current();
      await expect(staffCase.locator('.wb-case__content').innerText()).resolves.toBe(CONTENT);
      // The image, fetched with the butler's sign-in, shows as a local (blob) picture.
      await expect(staffCase.locator('img.wb-case__image').getAttribute('src')).resolves.toMatch(/^blob:/);
      await staffCase.locator('.wb-case__action--accept').click();
      await staffCase.locator('.wb-action__submit').click();
      await staffCase.locator('.wb-case__state', { hasText: '办理中' }).waitFor();
      await staffCase.locator('.wb-case__reply-input textarea').fill(REPLY);
      await staffCase.locator('.wb-case__reply-send').click();
      await staffCase.locator('.wb-case__conversation', { hasText: REPLY }).waitFor();
      await staffCase.locator('.wb-case__action--resolve').click();
      await staffCase.locator('.wb-action__input--result textarea').fill(RESULT);
      await staffCase.locator('.wb-action__submit').click();
      await staffCase.locator('.wb-case__state', { hasText: '已办结' }).waitFor();
      expect(await stateOf(j, kase.id)).toBe('resolved');

      // ── the enterprise: the timeline, the reply, the image; rates 2 ──
      await j.freshPage();
      await devSignIn(j, 'case-h5-owner');
      await j.current().locator('.me__cases-entry').click();
      await j.waitForRoute('/packages/cases/pages/list/index');
      await j.current().locator('.my-cases__item', { hasText: kase.number }).locator('.my-cases__link').click();
      await j.waitForRoute('/packages/cases/pages/detail/index');
      let detail = j.current();
      await expect(detail.locator('.case-detail__state').innerText()).resolves.toBe('已办结');
      const timeline = await detail.locator('.case-timeline__action').allInnerTexts();
      expect(timeline).toEqual(expect.arrayContaining(['受理', '办结']));
      await expect(detail.locator('.case-detail__progress').innerText()).resolves.toContain(RESULT);
      await expect(detail.locator('.case-detail__conversation').innerText()).resolves.toContain(REPLY);
      await expect(detail.locator('img.case-detail__image').getAttribute('src')).resolves.toMatch(/^blob:/);
      await detail.locator('.case-detail__rate-btn').click();
      await j.waitForRoute('/packages/cases/pages/rate/index');
      await j.current().locator('.case-rate__level--2').click();
      await j.current().locator('.case-rate__tag', { hasText: '问题未解决' }).click();
      await j.current().locator('.case-rate__submit').click();
      await j.waitForRoute('/packages/cases/pages/detail/index');
      const [rating] = await j.t.ds.query('SELECT level, tags, rated_by FROM case_ratings WHERE case_id = $1', [
        kase.id,
      ]);
      expect(rating).toEqual({ level: 2, tags: ['问题未解决'], rated_by: owner.user.id });
      expect(await stateOf(j, kase.id)).toBe('closed');
      const [followUp] = await j.t.ds.query('SELECT id FROM case_follow_ups WHERE case_id = $1', [kase.id]);

      // ── the supervisor: 回访整改 → 登记回访 ──
      await j.freshPage();
      await staffSignIn(j, 'zhuguan', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__link--follow-ups').click();
      await j.waitForRoute('/packages/workbench/pages/follow-ups/index');
      const item = j.current().locator('.followups__item', { hasText: kase.number });
      await item.locator('.followups__record-button').click();
      await item.locator('.followups__method--phone').click();
      await item.locator('.followups__outcome textarea').fill(OUTCOME);
      await item.locator('.followups__submit').click();
      await item.locator('.followups__state', { hasText: '已回访' }).waitFor();
      const [recorded] = await j.t.ds.query(
        'SELECT contact_method, outcome, recorded_by FROM case_follow_ups WHERE id = $1',
        [followUp.id],
      );
      expect(recorded).toEqual({ contact_method: 'phone', outcome: OUTCOME, recorded_by: supervisorApi.user.id });

      // ── the enterprise rates the fix: 基本满意 ──
      await j.freshPage();
      await devSignIn(j, 'case-h5-owner');
      await j.open(`/packages/cases/pages/detail/index?id=${kase.id}`);
      detail = j.current();
      await expect(detail.locator('.case-detail__follow-up').innerText()).resolves.toContain(OUTCOME);
      await detail.locator('.case-detail__fix-btn--basically_satisfied').click();
      await detail.locator('.case-detail__fix-rated').waitFor();
      await expect(detail.locator('.case-detail__fix-rated').innerText()).resolves.toBe('您对整改的评价：基本满意');
      const [fixed] = await j.t.ds.query('SELECT fix_rating FROM case_follow_ups WHERE id = $1', [followUp.id]);
      expect(fixed).toEqual({ fix_rating: 'basically_satisfied' });

      // ── the ledger: one more received, accepted, resolved, closed and rated; not satisfied ──
      const ledgerAfter = await ledgerToday(j.t, supervisorApi);
      const delta = Object.fromEntries(MOVED.map((k) => [k, Number(ledgerAfter[k]) - Number(ledgerBefore[k])]));
      expect(delta).toEqual({ received: 1, accepted: 1, resolved: 1, closed: 1, rated: 1, satisfied: 0 });
      await j.freshPage();
      await staffSignIn(j, 'zhuguan', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__link--ledger').click();
      await j.waitForRoute('/packages/workbench/pages/ledger/index');
      const card = (key: string) => j.current().locator(`.ledger__card--${key} .ledger__card-value`).innerText();
      await expect(card('received')).resolves.toBe(String(ledgerAfter.received));
      await expect(card('closed')).resolves.toBe(String(ledgerAfter.closed));
    },
    180_000,
  );
});

async function stateOf(j: Journey, id: string): Promise<string> {
  return (await j.t.ds.query('SELECT state FROM cases WHERE id = $1', [id]))[0].state;
}
