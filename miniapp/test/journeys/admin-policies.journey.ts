import ExcelJS from '../../../server/node_modules/exceljs';
import { waitFor } from '../../../server/test/utils/wait';
import { boundOwner, DEMO_PASSWORD } from '../weapp-journeys/harness';
import { devSignIn, type Journey, journeyTest, staffSignIn, startJourney } from './harness';

/*
 * 涉企政策, the admin's side in H5: import (pasted JSON, and an .xlsx through the browser's file picker), publish
 * with the audience named, watch the push; then the subscribed enterprise user finds it in 消息, opens and
 * favourites it. The category and qualification are new (added by 自动补充字典), so the audience is exactly the
 * one subscriber: no demo enterprise holds the qualification, and nobody else subscribes to the category.
 */
const CATEGORY = 'H5旅程专项';
const QUALIFICATION = 'H5旅程认证企业';
const TITLE = 'H5旅程：湘潭市专精特新企业培育奖补办法';
const DOC = '潭工信发〔2026〕H5号';
const XLSX_TITLE = 'H5旅程：湘潭市外贸企业出口信保补贴细则';
const XLSX_DOC = '潭商务发〔2026〕H5号';

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('政策');
  sheet.addRow(['标题', '文号', '发文单位', '层级', '类别', '资质要求', '摘要']);
  sheet.addRow([XLSX_TITLE, XLSX_DOC, '湘潭市商务局', '市级', CATEGORY, QUALIFICATION, '对出口信用保险保费给予补贴。']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('journey: 政策管理 (H5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  }, 90_000);
  afterAll(() => j?.close());

  journeyTest(
    'an admin imports (JSON and .xlsx) and publishes a policy → the push completes → a subscribed enterprise user sees it in 消息, opens it and favourites it',
    () => j,
    async () => {
      const owner = await boundOwner(j.t, 'policy-h5-owner', '湘潭H5政策旅程有限公司');

      // ── the admin: 工作台 → 政策管理 → 导入 ──
      await staffSignIn(j, 'admin', DEMO_PASSWORD);
      await j.current().locator('.wb-queue__admin-link--policies').click();
      await j.waitForRoute('/packages/workbench/pages/policies/index');
      await j.current().locator('.wb-policies__import').click();
      await j.waitForRoute('/packages/workbench/pages/policy-import/index');
      const page = j.current();
      await page.locator('.wb-import__create-missing').click();
      // ── an .xlsx through the browser's file picker (自动补充字典 on: its category and qualification are new) ──
      const chooser = j.page.waitForEvent('filechooser');
      await page.locator('.wb-import__pick').click();
      await (
        await chooser
      ).setFiles({
        name: '政策导入.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await workbook(),
      });
      await page.locator('.wb-import__source', { hasText: '来源：政策导入.xlsx' }).waitFor();
      await expect(page.locator('.wb-import__summary').innerText()).resolves.toBe('新增 1 条，更新 0 条，未导入 0 条');
      await expect(page.locator('.wb-import__added').innerText()).resolves.toContain(`政策类别「${CATEGORY}」`);
      const [fromXlsx] = await j.t.ds.query('SELECT status, title FROM policies WHERE doc_number = $1', [XLSX_DOC]);
      expect(fromXlsx).toEqual({ status: 'draft', title: XLSX_TITLE });

      // ── then pasted JSON: one good row, one refused ──
      const row = {
        title: TITLE,
        docNumber: DOC,
        issuer: '湘潭市工业和信息化局',
        level: 'city',
        categories: [CATEGORY],
        qualifications: [QUALIFICATION],
        summary: '对新认定的专精特新企业给予一次性奖补。',
        body: '<p>第一条 对新认定的国家级专精特新“小巨人”企业给予奖补。</p>',
      };
      await page.locator('.wb-import__json textarea').fill(JSON.stringify([row, { title: '缺文号的行' }]));
      await page.locator('.wb-import__paste-go').click();
      await page.locator('.wb-import__source', { hasText: '来源：粘贴的 JSON' }).waitFor();
      await expect(page.locator('.wb-import__summary').innerText()).resolves.toBe('新增 1 条，更新 0 条，未导入 1 条');
      await expect(page.locator('.wb-import__row--refused .wb-import__reason').first().innerText()).resolves.toMatch(
        /文号/,
      );
      await j.audit();
      const [draft] = await j.t.ds.query('SELECT id, status, categories FROM policies WHERE doc_number = $1', [DOC]);
      expect(draft).toMatchObject({ status: 'draft', categories: [CATEGORY] });

      // The enterprise user subscribes to the new category (it exists now).
      const subscribed = await j.t.http
        .put('/api/v1/me/subscriptions')
        .set(owner.auth)
        .send({ matchProfile: false, categories: [CATEGORY], industries: [], districts: [] });
      expect(subscribed.status).toBe(200);

      // ── open the imported policy from the report, publish it with the audience named ──
      await page.locator('.wb-import__row--created', { hasText: DOC }).click();
      await j.waitForRoute('/packages/workbench/pages/policy-edit/index');
      const editor = j.current();
      await expect(editor.locator('.wb-policy__title input').inputValue()).resolves.toBe(TITLE);
      await editor.locator('.wb-policy__publish').click();
      await editor.locator('.wb-policy__confirm-text').waitFor();
      await expect(editor.locator('.wb-policy__confirm-text').innerText()).resolves.toBe(
        '将推送给 1 家企业（1 位用户），发布后不能撤销推送。确定发布吗？',
      );
      await j.audit();
      await editor.locator('.wb-policy__publish-confirm').click();
      await j.waitForRoute('/packages/workbench/pages/push/index');
      const progress = j.current();
      await progress.locator('.wb-push__status--done').waitFor({ timeout: 20_000 });
      const figure = (k: string) => progress.locator(`.wb-push__figure--${k} .wb-push__figure-value`).innerText();
      await expect(figure('targeted')).resolves.toBe('1');
      await expect(figure('inbox')).resolves.toBe('1');
      await expect(figure('pending')).resolves.toBe('0');
      await expect(progress.locator('.wb-push__bar').getAttribute('aria-valuenow')).resolves.toBe('100');
      await j.audit();

      // Where it landed: published, one inbox row for the subscriber and nobody else.
      const [published] = await j.t.ds.query('SELECT status FROM policies WHERE id = $1', [draft.id]);
      expect(published.status).toBe('published');
      const inbox = await j.t.ds.query(
        `SELECT user_id, kind, title, link FROM notifications WHERE kind = 'policy' AND link LIKE $1`,
        [`%id=${draft.id}`],
      );
      expect(inbox).toEqual([
        {
          user_id: owner.user.id,
          kind: 'policy',
          title: `新政策：${TITLE}`,
          link: `/packages/policies/pages/detail/index?id=${draft.id}`,
        },
      ]);

      // ── the enterprise user: 消息 → the policy → 收藏 ──
      await j.freshPage();
      await devSignIn(j, 'policy-h5-owner');
      await j.page.locator('.weui-tabbar__item', { hasText: '消息' }).click();
      await j.waitForRoute('/pages/messages/index');
      await j.current().getByText(`新政策：${TITLE}`).click();
      await j.waitForRoute('/packages/policies/pages/detail/index');
      const detail = j.current();
      await detail.getByText(TITLE).first().waitFor();
      await detail.locator('.policy-detail__favorite').click();
      await detail.locator('.policy-detail__favorite', { hasText: '已收藏' }).waitFor();
      const favorites = await waitFor('the favourite to be stored', async () => {
        const rows = await j.t.ds.query('SELECT policy_id FROM policy_favorites WHERE user_id = $1', [owner.user.id]);
        return rows.length ? rows : null;
      });
      expect(favorites).toEqual([{ policy_id: draft.id }]);
    },
    180_000,
  );
});
