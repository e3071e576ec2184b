import { boundOwner, demoStaff, submitByApi, transitionByApi } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, staffSignIn, startJourney } from './harness';

const DEMO_PASSWORD = 'Qsgj#2026';
/** A demo entry (seeds/demo-faq.ts) the typed question should bring up. */
const DEMO_QUESTION = '在湘潭新开一家公司，办理营业执照需要多长时间？';
const ENTERPRISE = '湘潭常见问题旅程有限公司';

describe('journey: 常见问题 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an enterprise types a consultation, sees a suggestion, opens it, and can still ask its butler',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'faq-h5-owner', ENTERPRISE);
      await devSignIn(j, 'faq-h5-owner');
      await j.open('/packages/cases/pages/new/index?type=consult');
      const form = j.current();
      await form.locator('.case-form__text textarea').fill('我们新开了一家公司，想问营业执照多久能办好');
      const card = form.locator('.case-suggest__card--faq', { hasText: DEMO_QUESTION });
      await card.waitFor();
      await form.getByText('这些可能已经回答了您的问题').waitFor();
      const hits = await card.locator('.policy-hl__hit').allInnerTexts();
      expect(hits.join('|')).toContain('营业执照');
      const faqId = await card.getAttribute('data-id');
      await card.click();
      await j.waitForRoute('/packages/faq/pages/detail/index');
      const detail = j.current();
      await expect(detail.locator('.faq-detail__question').innerText()).resolves.toBe(DEMO_QUESTION);
      await detail.locator('.faq-detail__para').first().waitFor();

      // The open is on record, for this user and enterprise, in one form session.
      const rows = (await j.t.ds.query(`SELECT enterprise_id, opened FROM faq_suggestion_drafts WHERE user_id = $1`, [
        owner.user.id,
      ])) as Array<{ enterprise_id: string; opened: string[] }>;
      expect(rows).toEqual([{ enterprise_id: owner.enterpriseId, opened: [`faq:${faqId}`] }]);

      await detail.locator('.faq-detail__ask-button').click();
      await j.waitForRoute('/packages/cases/pages/new/index');
      await j.current().getByText('提交咨询').waitFor();
    },
  );

  journeyTest(
    'a butler writes up a resolved consultation without the enterprise; another reviews and publishes it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'faq-h5-asker', '湘潭旅程审核测试有限公司');
      const butler = await demoStaff(j.t, 'guanjia');
      const consult = await submitByApi(j.t, owner, {
        type: 'consult',
        content: '湘潭旅程审核测试有限公司想问：仓库改建成车间，规划许可和施工许可能一起办吗？',
        category: 'approval',
      });
      await transitionByApi(j.t, butler, consult.id, { action: 'accept' });

      // The butler answers and resolves it on its page; then the page offers to write it up.
      await j.freshPage();
      await staffSignIn(j, 'guanjia', DEMO_PASSWORD);
      await j.open(`/packages/workbench/pages/case/index?id=${consult.id}`);
      const staffCase = j.current();
      await expect(staffCase.locator('.wb-case-faq').count()).resolves.toBe(0);
      await staffCase
        .locator('.wb-case__reply-input textarea')
        .fill('可以并联办理，通过工程建设项目审批管理系统一次提交即可。');
      await staffCase.locator('.wb-case__reply-send').click();
      await staffCase.locator('.wb-case__action--resolve').click();
      await staffCase.locator('.wb-action__submit').click();
      await staffCase.locator('.wb-case__state', { hasText: '已办结' }).waitFor();
      await staffCase.locator('.wb-case-faq__go', { hasText: '发布为常见问题' }).click();
      await j.waitForRoute('/packages/workbench/pages/faq-edit/index');
      const edit = j.current();
      // Pre-filled from the consultation: the enterprise's name is still in it, and the editor says so.
      await expect(edit.locator('.faq-edit__question textarea').inputValue()).resolves.toContain('仓库改建');
      await expect(edit.locator('.faq-edit__answer textarea').inputValue()).resolves.toContain(
        '工程建设项目审批管理系统',
      );
      await edit.locator('.faq-edit__warning', { hasText: '含有企业名称' }).waitFor();
      await edit.locator('.faq-edit__question textarea').fill('仓库改建成车间，规划许可和施工许可能一起办吗？');
      await edit
        .locator('.faq-edit__answer textarea')
        .fill('可以并联办理：通过工程建设项目审批管理系统一次提交，规划许可与施工许可同步审查。');
      await expect(edit.locator('.faq-edit__warning').count()).resolves.toBe(0);
      await edit.locator('.faq-edit__categories .policy-select__toggle').click();
      await edit.locator('.faq-edit__categories .policy-select__option', { hasText: '工程建设审批' }).click();
      await edit.locator('.faq-edit__save').click();
      await edit.locator('.wb-faq__status--draft').waitFor();
      // A butler cannot publish: no button, and why.
      await edit.getByText('管家撰写的条目需由主管或管理员审核后发布').waitFor();
      await expect(edit.locator('.faq-edit__publish').count()).resolves.toBe(0);
      const [entry] = (await j.t.ds.query(`SELECT id, status FROM faq_entries WHERE source_case_id = $1`, [
        consult.id,
      ])) as Array<{ id: string; status: string }>;
      expect(entry.status).toBe('draft');

      // 周主管 reviews it from the list of drafts.
      await j.freshPage();
      await staffSignIn(j, 'zhuguan', DEMO_PASSWORD);
      await j.open('/packages/workbench/pages/faq/index');
      const list = j.current();
      await list.locator(`.wb-faq__row[data-id="${entry.id}"]`).click();
      await j.waitForRoute('/packages/workbench/pages/faq-edit/index');
      const review = j.current();
      await review.locator('.faq-edit__publish').click();
      await review.locator('.wb-faq__status--published').waitFor();

      // Public now: a visitor finds it by two characters inside a word.
      await j.freshPage();
      await j.open('/packages/faq/pages/list/index');
      const pub = j.current();
      await pub.locator('.faq-list__input input').fill('车间');
      await pub.locator('.faq-list__input input').press('Enter');
      await pub.locator(`.faq-card[data-id="${entry.id}"]`).click();
      await j.waitForRoute('/packages/faq/pages/detail/index');
      await expect(j.current().locator('.faq-detail__question').innerText()).resolves.toBe(
        '仓库改建成车间，规划许可和施工许可能一起办吗？',
      );
      const audit = (await j.t.ds.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [
        entry.id,
      ])) as Array<{ action: string }>;
      expect(audit.map((a) => a.action)).toEqual(['staff.faq.drafted', 'staff.faq.published']);
    },
    90_000,
  );
});
