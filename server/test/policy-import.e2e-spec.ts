import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { PolicyImportReport } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { addCalendarDays, shanghaiDay } from '@qsgj/shared/rules';
import { type SignedIn, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * Bulk import of policies (JSON rows and .xlsx): each row checked on its own and reported, a known 文号 updated,
 * dictionary values refused or added (`createMissing`), `publish` publishing, and the whole import one
 * transaction — an unexpected failure leaves nothing behind.
 */

const IMPORT = '/api/v1/admin/policies/import';
const today = shanghaiDay(new Date());

function row(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '湘潭市促进专精特新中小企业发展若干措施',
    docNumber: `潭政办发〔2026〕${randomUUID().slice(0, 8)}号`,
    issuer: '湘潭市人民政府办公室',
    level: 'city',
    categories: ['产业发展'],
    industries: ['通用设备制造业'],
    scales: ['small', 'medium'],
    districts: ['全市'],
    qualifications: ['专精特新中小企业'],
    validFrom: '2026-01-01',
    validTo: null,
    summary: '对新认定的专精特新企业给予奖励。',
    body: '<p>第一条</p>',
    interpretation: '<p>解读</p>',
    ...over,
  };
}

describe('policy import', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn;
  let supervisor: SignedIn;

  const importJson = (rows: unknown, query = '', who: SignedIn = admin) =>
    t.http.post(`${IMPORT}${query}`).set(who.auth).send({ rows });
  const importXlsx = (file: Buffer, query = '', name = 'policies.xlsx', field = 'file') =>
    t.http.post(`${IMPORT}${query}`).set(admin.auth).attach(field, file, name);
  const policy = async (docNumber: string) =>
    (
      (await t.ds.query(
        `SELECT id, title, level, status, categories, industries, scales, districts, qualifications,
              valid_from::text AS valid_from, valid_to::text AS valid_to, summary, body, search_title, published_at
         FROM policies WHERE doc_number = $1`,
        [docNumber],
      )) as Array<Record<string, unknown>>
    )[0];
  const count = async (sql: string, params: unknown[] = []) =>
    ((await t.ds.query(sql, params)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await staffSession(t, Role.ADMIN);
    butler = await staffSession(t, Role.BUTLER);
    supervisor = await staffSession(t, Role.SUPERVISOR);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('JSON', () => {
    it('imports the good rows and reports each refused one with why', async () => {
      const good = row();
      const res = await importJson([
        good,
        { ...row(), title: '', level: 'county' },
        row({ industries: ['火星采矿业'], docNumber: 'REFUSED-1' }),
        'not a row',
        row({ validFrom: '2026-06-01', validTo: '2026-05-01', docNumber: 'REFUSED-2' }),
      ]);
      expect(res.status).toBe(200);
      const report = res.body as PolicyImportReport;
      expect(report.created).toBe(1);
      expect(report.updated).toBe(0);
      expect(report.refused.map((r) => r.row)).toEqual([2, 3, 4, 5]);
      expect(report.refused[0].errors).toEqual([
        { field: 'title', message: '政策标题不能只有空格' },
        { field: 'level', message: '政策层级只能是国家级、省级、市级或县区级' },
      ]);
      expect(report.refused[1]).toEqual({
        row: 3,
        docNumber: 'REFUSED-1',
        errors: [{ field: 'industries', message: '“火星采矿业”不在行业字典中' }],
      });
      expect(report.refused[2].docNumber).toBeNull();
      expect(report.refused[2].errors[0].message).toMatch(/JSON 对象/);
      expect(report.refused[3].errors).toEqual([{ field: 'validTo', message: '失效日期不能早于生效日期' }]);
      expect(report.rows.map((r) => r.outcome)).toEqual(['created', 'refused', 'refused', 'refused', 'refused']);

      const stored = await policy(good.docNumber as string);
      expect(report.rows[0].policyId).toBe(stored.id);
      expect(stored).toMatchObject({
        status: 'draft',
        level: 'city',
        industries: ['通用设备制造业'],
        scales: ['small', 'medium'],
        valid_from: '2026-01-01',
        valid_to: null,
      });
      expect(await count(`SELECT count(*)::int AS n FROM policies WHERE doc_number LIKE 'REFUSED-%'`)).toBe(0);
      const [audit] = (await t.ds.query(`SELECT details FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`, [
        AuditAction.POLICIES_IMPORTED,
      ])) as Array<{ details: Record<string, unknown> }>;
      expect(audit.details).toMatchObject({ created: 1, updated: 0, published: 0 });
    });

    it('re-importing a 文号 updates that policy instead of duplicating it', async () => {
      const first = row();
      await importJson([first]);
      const res = await importJson([
        { ...first, title: '（修订）湘潭市促进专精特新中小企业发展若干措施', body: '<p onclick="x">改</p>' },
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 0, updated: 1, refused: [] });
      expect(await count(`SELECT count(*)::int AS n FROM policies WHERE doc_number = $1`, [first.docNumber])).toBe(1);
      const stored = await policy(first.docNumber as string);
      expect(stored.title).toBe('（修订）湘潭市促进专精特新中小企业发展若干措施');
      expect(stored.body).toBe('<p>改</p>');
      expect(stored.search_title).toContain('修订');
      const [updated] = (await t.ds.query(`SELECT details FROM audit_log WHERE action = $1 AND target_id = $2`, [
        AuditAction.POLICY_UPDATED,
        stored.id,
      ])) as Array<{ details: { changed: Record<string, unknown> } }>;
      expect(Object.keys(updated.details.changed).sort()).toEqual(['body', 'title']);
    });

    it('the same 文号 twice in one import: the second row updates the first', async () => {
      const a = row();
      const res = await importJson([a, { ...a, summary: '第二行' }]);
      expect(res.body).toMatchObject({ created: 1, updated: 1 });
      expect((await policy(a.docNumber as string)).summary).toBe('第二行');
    });

    it('createMissing adds the values the dictionaries lack (and audits them)', async () => {
      const r = row({ industries: ['低空经济产业'], categories: ['产业发展', '低空经济'] });
      const refused = await importJson([r]);
      expect((refused.body as PolicyImportReport).refused).toHaveLength(1);
      expect((refused.body as PolicyImportReport).refused[0].errors).toEqual([
        { field: 'categories', message: '“低空经济”不在政策类别字典中' },
        { field: 'industries', message: '“低空经济产业”不在行业字典中' },
      ]);
      const res = await importJson([r], '?createMissing=true');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        created: 1,
        dictionaryAdded: [
          { kind: 'categories', value: '低空经济' },
          { kind: 'industries', value: '低空经济产业' },
        ],
      });
      expect(
        await count(
          `SELECT count(*)::int AS n FROM dictionary_entries WHERE active AND value IN ('低空经济', '低空经济产业')`,
        ),
      ).toBe(2);
      expect(
        await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND details->>'value' = '低空经济'`, [
          AuditAction.DICTIONARY_ENTRY_CREATED,
        ]),
      ).toBe(1);
    });

    it('publish publishes each imported row once; an expired row is refused', async () => {
      const a = row();
      const b = row({ validFrom: '2020-01-01', validTo: today });
      const expired = row({ validFrom: '2020-01-01', validTo: addCalendarDays(today, -1) });
      const res = await importJson([a, b, expired], '?publish=true');
      expect(res.status).toBe(200);
      const report = res.body as PolicyImportReport;
      expect(report).toMatchObject({ created: 2, published: 2 });
      expect(report.refused).toEqual([
        {
          row: 3,
          docNumber: expired.docNumber,
          errors: [{ field: 'validTo', message: '该政策的失效日期已过，不能发布；请修改失效日期后再发布' }],
        },
      ]);
      const stored = await policy(a.docNumber as string);
      expect(stored.status).toBe('published');
      expect(stored.published_at).not.toBeNull();
      expect((await t.http.get(`/api/v1/policies/${stored.id as string}`)).status).toBe(200);
      // Published again by a re-import: nothing new to publish.
      const again = await importJson([a], '?publish=true');
      expect(again.body).toMatchObject({ updated: 1, published: 0 });
      expect(
        await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND target_id = $2`, [
          AuditAction.POLICY_PUBLISHED,
          stored.id,
        ]),
      ).toBe(1);
    });

    it('refuses bodies that are not a list of rows, and more than 1000 rows', async () => {
      expect((await t.http.post(IMPORT).set(admin.auth).send({ rows: 'x' })).status).toBe(400);
      expect((await t.http.post(IMPORT).set(admin.auth).send({})).body.message).toBe('rows 必须是列表');
      const many = await importJson(Array.from({ length: 1001 }, () => ({})));
      expect(many.status).toBe(400);
      expect(many.body.message).toBe('一次最多导入 1000 条');
      expect((await t.http.post(`${IMPORT}?publish=yes`).set(admin.auth).send({ rows: [] })).status).toBe(400);
    });

    it('only admins import', async () => {
      const r = row();
      for (const who of [butler, supervisor]) expect((await importJson([r], '', who)).status).toBe(403);
      expect((await t.http.post(IMPORT).send({ rows: [r] })).status).toBe(401);
      expect(await policy(r.docNumber as string)).toBeUndefined();
    });

    it('an unexpected failure on one row rolls the whole import back', async () => {
      await t.ds.query(
        `ALTER TABLE policies ADD CONSTRAINT test_import_poison CHECK (title <> '触发数据库约束的政策')`,
      );
      try {
        const before = await count(`SELECT count(*)::int AS n FROM policies`);
        const dictionaryBefore = await count(`SELECT count(*)::int AS n FROM dictionary_entries`);
        const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log WHERE outcome = 'success'`);
        const good = row({ industries: ['回滚测试行业'] });
        const poison = row({ title: '触发数据库约束的政策' });
        const res = await importJson([good, poison], '?createMissing=true&publish=true');
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await count(`SELECT count(*)::int AS n FROM policies`)).toBe(before);
        expect(await count(`SELECT count(*)::int AS n FROM dictionary_entries`)).toBe(dictionaryBefore);
        expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE outcome = 'success'`)).toBe(auditBefore);
      } finally {
        await t.ds.query(`ALTER TABLE policies DROP CONSTRAINT test_import_poison`);
      }
    });
  });

  describe('xlsx', () => {
    async function workbook(header: string[], rows: unknown[][]): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('政策');
      sheet.addRow(header);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    const HEADER = [
      '标题',
      '文号',
      '发文单位',
      '层级',
      '类别',
      '适用行业',
      '适用规模',
      '适用区域',
      '资质要求',
      '生效日期',
      '失效日期',
      '摘要',
      '正文',
      '解读',
    ];

    it('reads Chinese headers, list cells, levels and dates; reports bad rows by their sheet row', async () => {
      const doc = `湘发〔2026〕${randomUUID().slice(0, 6)}号`;
      const file = await workbook(HEADER, [
        [
          '湖南省支持农业产业化龙头企业若干政策',
          doc,
          '湖南省人民政府',
          '省级',
          '产业发展、金融支持',
          '农、林、牧、渔业；农副食品加工业',
          '中型、小型企业',
          '全市',
          '',
          new Date(Date.UTC(2026, 0, 1)),
          '2027年12月31日',
          '龙头企业贷款贴息',
          '<p>正文<script>x</script></p>',
          '',
        ],
        ['缺文号的政策', '', '某单位', '国家级', '人才', '', '', '', '', '', '', '', '', ''],
        [],
        [
          '县区政策',
          `${doc}-2`,
          '岳塘区人民政府',
          'district',
          '人才',
          '',
          'micro',
          '岳塘区',
          '高新技术企业，科技型中小企业',
          '2026/3/5',
          '',
          '',
          '',
          '',
        ],
      ]);
      const res = await importXlsx(file);
      expect(res.status).toBe(200);
      const report = res.body as PolicyImportReport;
      expect(report.created).toBe(2);
      expect(report.refused).toEqual([
        { row: 3, docNumber: null, errors: [{ field: 'docNumber', message: '请输入文号' }] },
      ]);
      expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([
        [2, 'created'],
        [3, 'refused'],
        [5, 'created'],
      ]);
      expect(await policy(doc)).toMatchObject({
        level: 'provincial',
        categories: ['产业发展', '金融支持'],
        industries: ['农、林、牧、渔业', '农副食品加工业'],
        scales: ['medium', 'small'],
        districts: ['全市'],
        qualifications: [],
        valid_from: '2026-01-01',
        valid_to: '2027-12-31',
        body: '<p>正文</p>',
      });
      expect(await policy(`${doc}-2`)).toMatchObject({
        level: 'district',
        scales: ['micro'],
        qualifications: ['高新技术企业', '科技型中小企业'],
        valid_from: '2026-03-05',
      });
    });

    it('takes the JSON keys as headers too, and updates by 文号', async () => {
      const doc = `潭财〔2026〕${randomUUID().slice(0, 6)}号`;
      const header = ['title', 'docNumber', 'issuer', 'level', 'categories'];
      await importXlsx(await workbook(header, [['旧标题', doc, '湘潭市财政局', 'city', '减税降费']]));
      const res = await importXlsx(await workbook(header, [['新标题', doc, '湘潭市财政局', '市级', '减税降费']]));
      expect(res.body).toMatchObject({ created: 0, updated: 1 });
      expect((await policy(doc)).title).toBe('新标题');
    });

    it('refuses what is not an .xlsx, a file too large, no file and a sheet without the header', async () => {
      const notXlsx = await importXlsx(Buffer.from('标题,文号\n甲,乙\n'), '', 'policies.csv');
      expect(notXlsx.status).toBe(415);
      expect(notXlsx.body.message).toBe('只能导入 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）');

      const broken = await importXlsx(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]));
      expect(broken.status).toBe(400);
      expect(broken.body.message).toBe('无法读取该 Excel 文件，请确认文件完整且为 .xlsx 格式');

      const big = await importXlsx(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5 * 1024 * 1024)]));
      expect(big.status).toBe(413);
      expect(big.body.message).toBe('导入文件不能超过 5 MB，请分多个文件导入');

      const wrongField = await importXlsx(await workbook(HEADER, [[]]), '', 'a.xlsx', 'upload');
      expect(wrongField.status).toBe(400);
      expect(wrongField.body.message).toBe('请在 file 字段上传一个 .xlsx 文件');

      const noHeader = await importXlsx(await workbook(['名称', '编号'], [['甲', '乙']]));
      expect(noHeader.status).toBe(400);
      expect(noHeader.body.message).toBe('表格第一行须为表头，至少包含「标题」和「文号」两列');

      const empty = await importXlsx(await workbook(HEADER, []));
      expect(empty.status).toBe(400);
      expect(empty.body.message).toBe('表格中没有可导入的政策（第一行为表头，从第二行起每行一条）');
    });
  });
});
