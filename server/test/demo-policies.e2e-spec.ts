import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PolicyInputDto } from '@qsgj/shared/contracts';
import type { DictionaryKind, EnterpriseScale, PolicyLevel } from '@qsgj/shared/enums';
import { evaluateEligibility, type Eligibility, type MatchProfile } from '@qsgj/shared/rules';
import { DEMO_POLICIES, DEMO_POLICY_META, seedDemoPolicies } from '../src/database/seeds/demo-policies';
import { DEMO_ENTERPRISES, seedDemo } from '../src/database/seeds/demo';
import { DEFAULT_DICTIONARIES } from '../src/modules/dictionaries/defaults';
import { indexFields } from '../src/modules/policies/search/index-fields';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import { startTestApp, type TestApp } from './utils/test-app';

interface PolicyRow {
  id: string;
  title: string;
  doc_number: string;
  issuer: string;
  level: PolicyLevel;
  categories: string[];
  industries: string[];
  scales: EnterpriseScale[];
  districts: string[];
  qualifications: string[];
  valid_from: string | null;
  valid_to: string | null;
  summary: string;
  body: string;
  interpretation: string;
  status: 'draft' | 'published' | 'withdrawn';
  published_at: Date | null;
  search_title: string;
  search_doc: string;
  has_vector: boolean;
}

interface EnterpriseRow extends MatchProfile {
  credit_code: string;
  founded_on: string | null;
}

/** The day the demo's matching is pinned to (validity windows are fixed dates, so this never drifts). */
const ON = '2026-11-30';
const DICTIONARY_FIELDS: Array<[keyof PolicyRow & DictionaryKind, DictionaryKind]> = [
  ['categories', 'categories'],
  ['industries', 'industries'],
  ['districts', 'districts'],
  ['qualifications', 'qualifications'],
];

/**
 * The demo policy library (issue 10): loaded at start when SEED_DEMO is on, 200+ policies whose dictionary values
 * are all in the default dictionaries, unique 文号, some expired, drafts and a withdrawn one, search columns from
 * `indexFields`, the five demo enterprises matched differently (with near misses), nothing pushed, and nothing
 * added by a second run.
 */
describe('demo policies (e2e)', () => {
  let t: TestApp;
  let rows: PolicyRow[];
  let enterprises: EnterpriseRow[];

  const count = async (table: string) =>
    Number(((await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n);
  const loadEnterprises = async () =>
    (await t.ds.query(
      `SELECT credit_code, industry, scale, district, qualifications, to_char(founded_on, 'YYYY-MM-DD') AS founded_on
         FROM enterprises WHERE credit_code = ANY($1::text[])`,
      [DEMO_ENTERPRISES.map((e) => e.creditCode)],
    )) as EnterpriseRow[];
  const rowOf = (doc: string) => rows.find((r) => r.doc_number === doc)!;
  const judge = (p: PolicyRow, e: MatchProfile, today = ON): Eligibility =>
    evaluateEligibility(
      {
        level: p.level,
        industries: p.industries,
        scales: p.scales,
        districts: p.districts,
        qualifications: p.qualifications,
        validFrom: p.valid_from,
        validTo: p.valid_to,
      },
      e,
      today,
    );
  const enterpriseOf = (i: number) => enterprises.find((e) => e.credit_code === DEMO_ENTERPRISES[i].creditCode)!;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true', CASE_SWEEP_MS: '3600000' });
    rows = (await t.ds.query(
      `SELECT id, title, doc_number, issuer, level, categories, industries, scales, districts, qualifications,
              to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to,
              summary, body, interpretation, status, published_at, search_title, search_doc,
              search_vector IS NOT NULL AS has_vector
         FROM policies ORDER BY doc_number`,
    )) as PolicyRow[];
    enterprises = await loadEnterprises();
  }, 60_000);
  afterAll(() => t?.close());

  it('loads at least 200 policies at start, each as written in DEMO_POLICIES, with unique 文号', () => {
    expect(DEMO_POLICIES.length).toBeGreaterThanOrEqual(200);
    expect(rows).toHaveLength(DEMO_POLICIES.length);
    expect(new Set(rows.map((r) => r.doc_number)).size).toBe(rows.length);
    expect(new Set(DEMO_POLICIES.map((p) => p.title)).size).toBe(DEMO_POLICIES.length);
    for (const p of DEMO_POLICIES) {
      const r = rowOf(p.docNumber);
      expect({
        title: r.title,
        issuer: r.issuer,
        level: r.level,
        categories: r.categories,
        industries: r.industries,
        scales: r.scales,
        districts: r.districts,
        qualifications: r.qualifications,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        summary: r.summary,
        body: r.body,
        interpretation: r.interpretation,
      }).toEqual({
        title: p.title,
        issuer: p.issuer,
        level: p.level,
        categories: p.categories,
        industries: p.industries,
        scales: p.scales,
        districts: p.districts,
        qualifications: p.qualifications,
        validFrom: p.validFrom,
        validTo: p.validTo,
        summary: p.summary,
        body: p.body,
        interpretation: p.interpretation,
      });
      // 文号 in the official form: 〔year〕 brackets, or a 公告 number of the year.
      expect(p.docNumber).toMatch(/^\S.*(〔20\d\d〕\d+号|公告20\d\d年第\d+号)$/);
      expect(p.categories.length).toBeGreaterThan(0);
      expect(p.body).toMatch(/^<p>.*<\/p>$/s);
      expect((p.body ?? '').replace(/<\/?(p|h3|ol|li|strong)>/g, '')).not.toMatch(/[<>]/);
      expect(p.interpretation).toContain('<h3>');
    }
  });

  it('is in the import shape: every policy passes PolicyInputDto as it is', () => {
    for (const p of DEMO_POLICIES) {
      const errors = validateSync(plainToInstance(PolicyInputDto, p), { whitelist: true, forbidNonWhitelisted: true });
      expect({ doc: p.docNumber, errors: errors.map((e) => e.property) }).toEqual({ doc: p.docNumber, errors: [] });
    }
  });

  it('uses only values of the default dictionaries (and the enterprises too)', () => {
    for (const r of rows)
      for (const [field, kind] of DICTIONARY_FIELDS)
        for (const v of r[field])
          expect({ doc: r.doc_number, kind, value: v, known: DEFAULT_DICTIONARIES[kind].includes(v) }).toMatchObject({
            known: true,
          });
    for (const r of rows) for (const s of r.scales) expect(['micro', 'small', 'medium', 'large']).toContain(s);
    for (const e of enterprises) {
      expect(DEFAULT_DICTIONARIES.industries).toContain(e.industry);
      expect(DEFAULT_DICTIONARIES.districts).toContain(e.district);
      for (const q of e.qualifications) expect(DEFAULT_DICTIONARIES.qualifications).toContain(q);
      expect(e.founded_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Every level, most categories and every district appear.
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['national', 'provincial', 'city', 'district']));
    expect(new Set(rows.flatMap((r) => r.categories))).toEqual(new Set(DEFAULT_DICTIONARIES.categories));
    expect(new Set(rows.flatMap((r) => r.districts))).toEqual(new Set(DEFAULT_DICTIONARIES.districts));
    expect(new Set(rows.map((r) => r.issuer)).size).toBeGreaterThanOrEqual(30);
  });

  it('spreads over states and dates: published in the past, some expired on 2026-11-30, a few not yet in force, drafts, one withdrawn', () => {
    const by = (s: string) => rows.filter((r) => r.status === s);
    expect(by('draft').length).toBeGreaterThanOrEqual(3);
    expect(by('withdrawn')).toHaveLength(1);
    expect(by('published').length).toBeGreaterThanOrEqual(190);
    for (const r of rows) expect(DEMO_POLICY_META.get(r.doc_number)!.status).toBe(r.status);
    const published = by('published');
    const expired = published.filter((r) => r.valid_to !== null && r.valid_to < ON);
    const future = published.filter((r) => r.valid_from !== null && r.valid_from > ON);
    const open = published.filter((r) => r.valid_to === null);
    expect(expired.length).toBeGreaterThanOrEqual(10);
    expect(future.length).toBeGreaterThanOrEqual(3);
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(published.length - expired.length - future.length).toBeGreaterThanOrEqual(140);
    for (const r of rows) {
      if (r.valid_from && r.valid_to) expect(r.valid_from <= r.valid_to).toBe(true);
      if (r.status === 'draft') expect(r.published_at).toBeNull();
      else {
        expect(r.published_at!.getTime()).toBeLessThan(Date.now());
        expect(r.published_at!.getTime()).toBeGreaterThan(Date.parse('2024-01-01T00:00:00+08:00'));
      }
    }
    const days = new Set(published.map((r) => r.published_at!.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(100);
    for (const y of ['2024', '2025', '2026']) expect(rows.some((r) => r.doc_number.includes(y))).toBe(true);
  });

  it('holds the words users search, in titles, bodies, 解读 and 文号', () => {
    const inForce = (r: PolicyRow) =>
      r.status === 'published' && (r.valid_from ?? '') <= ON && (r.valid_to === null || ON <= r.valid_to);
    expect(rows.some((r) => inForce(r) && r.title.includes('留抵退税'))).toBe(true);
    const text = (r: PolicyRow) => [r.title, r.doc_number, r.summary, r.body, r.interpretation].join('\n');
    for (const w of [
      '留抵退税',
      '稳岗返还',
      '专精特新',
      '营商环境',
      '奖补资金',
      '人才公寓',
      'CNAS',
      'ＣＮＡＳ',
      'LPR',
      'ＬＰＲ',
      '2026年',
      '首台（套）',
      '首台(套)',
      '研发费用加计扣除',
      '知识产权质押',
      '跨境电商',
      '〔2026〕',
    ])
      expect({ w, found: rows.some((r) => inForce(r) && text(r).includes(w)) }).toEqual({ w, found: true });
    // Some words live only outside the title: a search that read titles alone would miss them.
    for (const w of ['CNAS', 'LPR', '奖补资金', '人才公寓'])
      expect({ w, onlyInside: rows.some((r) => !r.title.includes(w) && text(r).includes(w)) }).toEqual({
        w,
        onlyInside: true,
      });
    expect(rows.some((r) => r.interpretation.includes('ＣＮＡＳ') && !r.body.includes('ＣＮＡＳ'))).toBe(true);
    expect(rows.some((r) => r.doc_number.includes('2026年') && !r.title.includes('2026年'))).toBe(true);
  });

  it('writes the search columns with indexFields, and the bigram vector finds what the text holds', async () => {
    for (const r of rows) {
      const f = indexFields({
        title: r.title,
        docNumber: r.doc_number,
        summary: r.summary,
        body: r.body,
        interpretation: r.interpretation,
      });
      expect({ doc: r.doc_number, title: r.search_title, text: r.search_doc, vector: r.has_vector }).toEqual({
        doc: r.doc_number,
        title: f.searchTitle,
        text: f.searchDoc,
        vector: true,
      });
    }
    // 留抵退税 → its bigrams; the index returns exactly the policies whose text contains the word.
    const hits = (await t.ds.query(
      `SELECT doc_number FROM policies WHERE search_vector @@ to_tsquery('simple', $1) ORDER BY doc_number`,
      [`'留抵' & '抵退' & '退税'`],
    )) as Array<{ doc_number: string }>;
    const truth = rows.filter((r) => r.search_doc.includes('留抵退税')).map((r) => r.doc_number);
    expect(truth.length).toBeGreaterThanOrEqual(3);
    expect(hits.map((h) => h.doc_number)).toEqual(expect.arrayContaining(truth));
    const stored = (await t.ds.query(`SELECT search_vector::text AS v FROM policies WHERE doc_number = $1`, [
      truth[0],
    ])) as [{ v: string }];
    expect(stored[0].v).toContain(`'留抵'`);
  });

  it('moves the demo enterprises to dictionary values, with founding dates', () => {
    expect(enterprises).toHaveLength(5);
    expect(enterprises.map((e) => [e.district, [...e.qualifications].sort()])).toEqual(
      expect.arrayContaining([
        ['湘潭高新区', ['专精特新中小企业', '高新技术企业'].sort()],
        ['雨湖区', []],
        ['岳塘区', ['规上工业企业', '高新技术企业'].sort()],
        ['湘乡市', ['科技型中小企业']],
        ['湘潭经开区', ['规上工业企业']],
      ]),
    );
    for (const [i, e] of DEMO_ENTERPRISES.entries()) expect(enterpriseOf(i).founded_on).toBe(e.foundedOn);
  });

  /** The policies aimed at the demo enterprises: who is eligible on 2026-11-30, and who misses by one condition. */
  const AIMED: Array<{ doc: string; eligible: number[]; near?: [number, string] }> = [
    { doc: '潭高新管发〔2026〕31号', eligible: [0] },
    { doc: '潭高新管发〔2026〕44号', eligible: [], near: [0, '专精特新“小巨人”企业'] },
    { doc: '潭工信发〔2026〕58号', eligible: [0] },
    { doc: '潭经开管发〔2026〕19号', eligible: [], near: [0, '湘潭经开区'] },
    { doc: '雨政发〔2026〕12号', eligible: [1] },
    { doc: '雨政发〔2026〕27号', eligible: [], near: [1, '规上工业企业'] },
    { doc: '岳政发〔2026〕23号', eligible: [2] },
    { doc: '潭政办发〔2026〕36号', eligible: [2] },
    { doc: '岳政发〔2026〕41号', eligible: [], near: [2, '小型企业或中型企业'] },
    { doc: '岳政发〔2025〕17号', eligible: [] },
    { doc: '湘乡政发〔2026〕9号', eligible: [3] },
    { doc: '湘乡政发〔2026〕22号', eligible: [], near: [3, '外贸进出口企业'] },
    { doc: '潭科发〔2026〕15号', eligible: [3] },
    { doc: '潭经开管发〔2026〕33号', eligible: [4] },
    { doc: '潭经开管发〔2026〕40号', eligible: [], near: [4, '高新技术企业'] },
    { doc: '潭政办发〔2026〕61号', eligible: [] },
  ];

  it.each(AIMED)('matches the demo enterprises to $doc as designed', ({ doc, eligible, near }) => {
    const p = rowOf(doc);
    expect(p.status).toBe('published');
    const who = enterprises
      .map((_e, i) => i)
      .filter((i) => judge(p, enterpriseOf(i)).eligible)
      .sort();
    expect(who).toEqual(eligible);
    if (near) {
      const [i, missing] = near;
      expect(judge(p, enterpriseOf(i))).toMatchObject({ eligible: false, inForce: true, missing: [missing] });
    }
  });

  it('gives the five enterprises different eligible sets on a fixed day, each with near misses', () => {
    const published = rows.filter((r) => r.status === 'published');
    const sets = enterprises.map((e) =>
      published
        .filter((p) => judge(p, e).eligible)
        .map((p) => p.doc_number)
        .sort()
        .join('|'),
    );
    expect(new Set(sets).size).toBe(5);
    for (const e of enterprises) {
      const results = published.map((p) => judge(p, e));
      expect(results.filter((r) => r.eligible).length).toBeGreaterThanOrEqual(10);
      expect(results.filter((r) => r.inForce && r.missing.length === 1).length).toBeGreaterThanOrEqual(5);
    }
    // Expiry: the expired aimed policy met everything while in force; the 2027 one is not in force yet.
    const gone = rowOf('岳政发〔2025〕17号');
    expect(judge(gone, enterpriseOf(2))).toMatchObject({ eligible: false, inForce: false, missing: [] });
    expect(judge(gone, enterpriseOf(2), '2026-02-28').eligible).toBe(true);
    expect(judge(gone, enterpriseOf(2), '2026-03-01').eligible).toBe(false);
    const soon = rowOf('潭政办发〔2026〕61号');
    expect(judge(soon, enterpriseOf(4))).toMatchObject({ eligible: false, inForce: false, missing: [] });
    expect(judge(soon, enterpriseOf(4), '2027-01-01').eligible).toBe(true);
  });

  it('pushes nothing: no notification, outbox row or push job', async () => {
    expect(await count('notifications')).toBe(0);
    expect(await count('notification_outbox')).toBe(0);
    const [{ exists }] = (await t.ds.query(`SELECT to_regclass('policy_pushes') IS NOT NULL AS exists`)) as [
      { exists: boolean },
    ];
    if (exists) expect(await count('policy_pushes')).toBe(0);
  });

  it('adds nothing when loaded again (a second start)', async () => {
    const before = await Promise.all(['policies', 'enterprises'].map(count));
    const updatedBefore = (await t.ds.query(`SELECT max(updated_at) AS at FROM enterprises`)) as [{ at: Date }];
    await t.ds.transaction((m) => seedDemo(m, (p) => new PasswordHasher().hash(p)));
    expect(await t.ds.transaction((m) => seedDemoPolicies(m, null))).toBe(0);
    expect(await Promise.all(['policies', 'enterprises'].map(count))).toEqual(before);
    expect(((await t.ds.query(`SELECT max(updated_at) AS at FROM enterprises`)) as [{ at: Date }])[0].at).toEqual(
      updatedBefore[0].at,
    );
  });

  it('restores a deleted demo policy by its 文号 and leaves an edited one as it is', async () => {
    const [a, b] = [rows[10], rows[11]];
    await t.ds.query(`DELETE FROM policies WHERE doc_number = $1`, [a.doc_number]);
    await t.ds.query(`UPDATE policies SET title = '管理员改过的标题' WHERE doc_number = $1`, [b.doc_number]);
    expect(await t.ds.transaction((m) => seedDemoPolicies(m, null))).toBe(1);
    const after = (await t.ds.query(`SELECT doc_number, title FROM policies WHERE doc_number = ANY($1::text[])`, [
      [a.doc_number, b.doc_number],
    ])) as Array<{ doc_number: string; title: string }>;
    expect(Object.fromEntries(after.map((r) => [r.doc_number, r.title]))).toEqual({
      [a.doc_number]: a.title,
      [b.doc_number]: '管理员改过的标题',
    });
  });

  it('brings an older demo database to the dictionary values once, and leaves profiles edited since alone', async () => {
    const [smart, food, , , auto] = DEMO_ENTERPRISES;
    // As the demo stood before the dictionaries: old values, no founding date.
    await t.ds.query(
      `UPDATE enterprises SET district = '高新区', qualifications = ARRAY['高新技术企业', '专精特新'], founded_on = NULL
        WHERE credit_code = $1`,
      [smart.creditCode],
    );
    await t.ds.query(
      `UPDATE enterprises SET district = '经开区', qualifications = ARRAY['规上工业'], founded_on = NULL WHERE credit_code = $1`,
      [auto.creditCode],
    );
    // An owner edited this one after the move: no old value left, no founding date given.
    await t.ds.query(`UPDATE enterprises SET district = '湘潭县', founded_on = NULL WHERE credit_code = $1`, [
      food.creditCode,
    ]);
    await t.ds.transaction((m) => seedDemo(m, (p) => new PasswordHasher().hash(p)));
    const now = await loadEnterprises();
    const of = (code: string) => now.find((e) => e.credit_code === code)!;
    expect(of(smart.creditCode)).toMatchObject({
      district: '湘潭高新区',
      qualifications: ['高新技术企业', '专精特新中小企业'],
      founded_on: smart.foundedOn,
    });
    expect(of(auto.creditCode)).toMatchObject({
      district: '湘潭经开区',
      qualifications: ['规上工业企业'],
      founded_on: auto.foundedOn,
    });
    expect(of(food.creditCode)).toMatchObject({ district: '湘潭县', qualifications: [], founded_on: null });
  });
});
