import type { FaqListItem, FaqSuggestions, Page } from '@qsgj/shared/contracts';
import { DEMO_FAQ, seedDemoFaq } from '../src/database/seeds/demo-faq';
import { DEFAULT_DICTIONARIES } from '../src/modules/dictionaries/defaults';
import { identityProblem } from '../src/modules/faq/faq-identity';
import { faqIndex } from '../src/modules/faq/faq.repository';
import { startTestApp, type TestApp } from './utils/test-app';

interface Row {
  id: string;
  question: string;
  answer: string;
  categories: string[];
  policy_ids: string[];
  status: string;
  created_by: string | null;
  reviewed_by: string | null;
  search_doc: string;
  has_vector: boolean;
}

/**
 * The demo 常见问题 (湘潭): loaded at start with the demo, all published and searchable, categories from the
 * default dictionary, linked only to published demo policies, reviewed by someone other than their author, no
 * phone number in them; a second run adds nothing and changes nothing.
 */
describe('demo faq (e2e)', () => {
  let t: TestApp;
  let rows: Row[];
  const load = async () =>
    (await t.ds.query(
      `SELECT id, question, answer, categories, policy_ids, status, created_by, reviewed_by, search_doc,
              search_vector IS NOT NULL AS has_vector
         FROM faq_entries ORDER BY question`,
    )) as Row[];

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true', CASE_SWEEP_MS: '3600000' });
    rows = await load();
  }, 60_000);
  afterAll(() => t?.close());

  it('loads every demo entry once, published, reviewed by another than its author, with its search columns', () => {
    expect(DEMO_FAQ.length).toBeGreaterThanOrEqual(15);
    expect(rows).toHaveLength(DEMO_FAQ.length);
    for (const r of rows) {
      expect(r.status).toBe('published');
      expect(r.created_by).toBeTruthy();
      expect(r.reviewed_by).toBeTruthy();
      expect(r.reviewed_by).not.toBe(r.created_by);
      expect(r.has_vector).toBe(true);
      expect(r.search_doc).toBe(faqIndex(r).searchDoc);
      expect(r.categories.every((c) => DEFAULT_DICTIONARIES.categories.includes(c))).toBe(true);
      expect(identityProblem(`${r.question}\n${r.answer}`, null)).toBeNull();
    }
  });

  it('links published demo policies where natural', async () => {
    const ids = [...new Set(rows.flatMap((r) => r.policy_ids))];
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const [{ n }] = (await t.ds.query(
      `SELECT count(*)::int AS n FROM policies WHERE id = ANY($1::uuid[]) AND status = 'published'`,
      [ids],
    )) as Array<{ n: number }>;
    expect(n).toBe(ids.length);
  });

  it('is found by the public search and the consultation form’s suggestions', async () => {
    const list = (await t.http.get(`/api/v1/faq?q=${encodeURIComponent('社保')}`)).body as Page<FaqListItem>;
    expect(list.items.map((i) => i.question)).toContain('新招的员工，社保最晚什么时候要缴纳？');
    const s = (
      await t.http.get(`/api/v1/faq/suggestions?q=${encodeURIComponent('我们新开了一家公司，想问营业执照多久能办好')}`)
    ).body as FaqSuggestions;
    expect(s.faq.map((f) => f.question)).toContain('在湘潭新开一家公司，办理营业执照需要多长时间？');
  });

  it('adds nothing and changes nothing on a second run', async () => {
    expect(await seedDemoFaq(t.ds.manager)).toBe(0);
    expect(await load()).toEqual(rows);
  });
});
