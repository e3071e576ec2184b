import 'reflect-metadata';
import type { PolicyPage } from '@qsgj/shared/contracts';
import { DEMO_POLICIES, DEMO_POLICY_META, seedDemoPolicies } from '../src/database/seeds/demo-policies';
import { startTestApp, type TestApp } from './utils/test-app';

/** Ground truth, apart from the search: each field NFKC + lower case, tags out, a plain substring test. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
const published = DEMO_POLICIES.filter((p) => DEMO_POLICY_META.get(p.docNumber)?.status === 'published');
function truth(q: string): string[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  return published
    .filter((p) => {
      const fields = [p.title, p.docNumber, p.summary ?? '', textOf(p.body ?? ''), textOf(p.interpretation ?? '')].map(
        fold,
      );
      return words.every((w) => fields.some((f) => f.includes(w)));
    })
    .map((p) => p.docNumber)
    .sort();
}

/** Queries a visitor types, over the demo library (words inside words, Latin, digits, full-width, 文号, none). */
const QUERIES = [
  '留抵退税',
  '奖补',
  '奖补资金',
  '人才',
  '人才公寓',
  '营商环境',
  '专精特新',
  '稳岗返还',
  '2026年',
  '２０２６年',
  '〔2026〕',
  '潭政办发〔2026〕',
  'CNAS',
  'ｃｎａｓ',
  'LPR',
  'lpr',
  '高新技术企业',
  '首台套',
  '贷款 贴息',
  '研发费用 加计扣除',
  '湘潭高新区',
  '个体工商户',
  '跨境电商',
  '技术改造',
  '数字化转型',
  '亲商管家 咨询',
  '区块链',
  '以工代训',
];

/**
 * `GET /api/v1/policies` and `/suggestions` over the demo library (issue 10): every query finds exactly the
 * published policies containing every word (substring truth over DEMO_POLICIES), across pages; hostile input is a
 * normal answer or a 400 with a Chinese message, never a 500.
 */
describe('policy search over the demo library (e2e)', () => {
  let t: TestApp;

  const list = async (query: Record<string, string>) => {
    const res = await t.http.get('/api/v1/policies').query(query);
    expect(res.status).toBe(200);
    return res.body as PolicyPage;
  };
  async function walk(query: Record<string, string>): Promise<PolicyPage['items']> {
    const out: PolicyPage['items'] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.ds.transaction((m) => seedDemoPolicies(m, null));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a library worth searching', () => {
    expect(published.length).toBeGreaterThanOrEqual(200);
    expect(QUERIES.filter((q) => truth(q).length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(QUERIES)('「%s」 finds exactly the published policies containing every word', async (q) => {
    const items = await walk({ q, status: 'all', limit: '50' });
    const docs = items.map((i) => i.docNumber);
    expect(docs.length).toBe(new Set(docs).size);
    expect([...docs].sort()).toEqual(truth(q));
    for (const item of items) expect(item.highlight?.title.map((s) => s.text).join('')).toBe(item.title);
  });

  it('a visitor searching 留抵退税 finds it, highlighted', async () => {
    const page = await list({ q: '留抵退税' });
    expect(page.items.length).toBeGreaterThan(0);
    const first = page.items[0];
    expect(first.title).toContain('留抵退税');
    expect(first.highlight!.title.filter((s) => s.hit).map((s) => s.text)).toContain('留抵退税');
    const suggest = await t.http.get('/api/v1/policies/suggestions').query({ q: '留抵' });
    expect(suggest.status).toBe(200);
    expect(suggest.body.items[0]).toBe('留抵退税');
    expect(suggest.body.items.length).toBeLessThanOrEqual(8);
  });

  it.each([
    "'; DROP TABLE policies; --",
    "' OR '1'='1",
    '%',
    "'",
    '\\',
    '&',
    '!',
    ':*',
    '|',
    '〔〕',
    '   ',
    '!!!???',
    'a:* & !b',
    '<script>alert(1)</script>',
    '奖补\u0000资金',
    '😀',
  ])('hostile %j: a normal answer, never a 500', async (q) => {
    for (const path of ['/api/v1/policies', '/api/v1/policies/suggestions']) {
      const res = await t.http.get(path).query({ q });
      expect([200, 400]).toContain(res.status);
      if (res.status === 400) expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      else expect(Array.isArray(res.body.items)).toBe(true);
    }
    const [{ n }] = (await t.ds.query('SELECT count(*)::int AS n FROM policies')) as Array<{ n: number }>;
    expect(n).toBe(DEMO_POLICIES.length);
  });

  it('refuses a 101- or 2,000-character query, a forged cursor and limit 51 with a 4xx (400 in Chinese)', async () => {
    for (const query of [{ q: '奖'.repeat(101) }, { q: 'a'.repeat(2000) }, { cursor: 'forged' }, { limit: '51' }]) {
      const res = await t.http.get('/api/v1/policies').query(query);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const res = await t.http.get('/api/v1/policies/suggestions').query({ q: 'x'.repeat(2000) });
    expect(res.status).toBe(400);
    // 2,000 Chinese characters are 18 KB of URL: Node refuses the request line itself (431) before any route.
    const long = await t.http.get('/api/v1/policies').query({ q: '奖补'.repeat(1000) });
    expect([400, 414, 431]).toContain(long.status);
  });
});
