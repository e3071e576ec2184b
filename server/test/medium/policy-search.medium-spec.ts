import type { TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { PolicyQueryDto } from '@qsgj/shared/contracts';
import { coversEveryDistrict, shanghaiDay } from '@qsgj/shared/rules';
import { AppException } from '../../src/common/errors/app-exception';
import { indexFields } from '../../src/modules/policies/search/index-fields';
import { PolicySearchModule } from '../../src/modules/policies/search/search.module';
import { type PolicySearchOptions, PolicySearchService } from '../../src/modules/policies/search/policy-search.service';
import { type CorpusPolicy, SEARCH_CASES, SEARCH_CORPUS } from '../fixtures/policy-search-corpus';
import { waitFor } from '../utils/wait';
import { type MediumDatabase, mediumDatabase, mediumModule, SETUP_TIMEOUT_MS } from './medium';

const DAY_MS = 86_400_000;
const TODAY = shanghaiDay(new Date());
const day = (offset: number | null) =>
  offset === null ? null : new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/** Ground truth, written apart from the search: each field NFKC + lower case, tags out, a plain substring test. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const textOf = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&');
function truth(q: string, corpus: CorpusPolicy[]): string[] {
  const words = fold(q)
    .split(/[\s，。“”、,]+/)
    .filter(Boolean);
  return corpus
    .filter((p) => p.status === 'published')
    .filter((p) => {
      const fields = [p.title, p.docNumber, p.summary, textOf(p.body), textOf(p.interpretation)].map(fold);
      return words.every((w) => fields.some((f) => f.includes(w)));
    })
    .map((p) => p.key)
    .sort();
}

/**
 * Policy search on a real database (PGlite here, PostgreSQL with DATABASE_URL — the same expectations on both):
 * every fixture query finds exactly the policies containing every word (checked against substring truth),
 * relevance and date order, filters, validity, paging, hostile input, highlights and suggestions.
 */
describe('policy search (medium)', () => {
  let db: MediumDatabase;
  let ds: DataSource;
  let module: TestingModule;
  let search: PolicySearchService;
  const keyOf = new Map<string, string>();
  const idOf = new Map<string, string>();

  const PUBLIC: PolicySearchOptions = { staff: false };
  const keys = async (query: PolicyQueryDto, opts: PolicySearchOptions = PUBLIC) =>
    (await search.search(query, opts)).items.map((i) => keyOf.get(i.row.id)!);
  /** Every page, in order, `limit` at a time. */
  async function walk(query: PolicyQueryDto, opts: PolicySearchOptions = PUBLIC): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await search.search({ ...query, cursor }, opts);
      out.push(...page.items.map((i) => keyOf.get(i.row.id)!));
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    db = await mediumDatabase();
    ds = db.ds;
    module = await mediumModule(db, { imports: [PolicySearchModule] });
    search = module.get(PolicySearchService);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (const p of SEARCH_CORPUS) {
      const f = indexFields(p);
      const [row] = (await ds.query(
        `INSERT INTO policies (title, doc_number, issuer, level, categories, industries, districts, valid_from, valid_to,
           summary, body, interpretation, status, published_at, search_title, search_doc, search_vector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::tsvector) RETURNING id`,
        [
          p.title,
          p.docNumber,
          p.issuer,
          p.level,
          p.categories,
          p.industries,
          p.districts,
          day(p.validFrom),
          day(p.validTo),
          p.summary,
          p.body,
          p.interpretation,
          p.status,
          p.status === 'draft' ? null : new Date(base + p.published * 3_600_000),
          f.searchTitle,
          f.searchDoc,
          f.searchVector,
        ],
      )) as Array<{ id: string }>;
      keyOf.set(row.id, p.key);
      idOf.set(p.key, row.id);
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await module?.close();
    await db?.close();
  });

  it('has at least 40 query cases', () => {
    expect(SEARCH_CASES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(SEARCH_CASES)('「$q」 ($why)', ({ q, expect: expected }) => {
    it('the fixture agrees with substring truth over the corpus', () => {
      expect([...expected].sort()).toEqual(truth(q, SEARCH_CORPUS));
    });

    it('finds exactly those policies, each once, across pages', async () => {
      const found = await walk({ q, status: 'all', limit: 4 });
      expect(found.length).toBe(new Set(found).size);
      expect([...found].sort()).toEqual([...expected].sort());
    });

    it('finds the same in the order of large result sets (title hits, then date)', async () => {
      const found = await walk({ q, status: 'all', limit: 3 }, { staff: false, rankLimit: 0 });
      expect(found.length).toBe(new Set(found).size);
      expect([...found].sort()).toEqual([...expected].sort());
    });
  });

  describe('order', () => {
    it('puts title hits first, even older ones', async () => {
      expect(await keys({ q: '奖补资金', status: 'all' })).toEqual(['jiangbu-fund', 'old-expired', 'xiangtan-county']);
      const talent = await keys({ q: '人才' });
      expect(talent.slice(0, 3).sort()).toEqual(['small-talent', 'talent-apartment', 'talent-subsidy']);
      expect(talent[3]).toBe('talent-housing-body');
    });

    it('ranks by relevance before date among the others', async () => {
      // jobs-many (oldest) names 稳岗返还 three times, jobs-once (newest) once; stable-jobs has it in the title.
      expect(await keys({ q: '稳岗返还' })).toEqual(['stable-jobs', 'jobs-many', 'jobs-once']);
    });

    it('above the rank limit: title hits by date, then the others by date, across pages', async () => {
      const large: PolicySearchOptions = { staff: false, rankLimit: 3 };
      // Ranked, small-talent (oldest title hit) would not follow the two newer ones by date alone.
      expect(await keys({ q: '人才' }, large)).toEqual([
        'talent-apartment',
        'talent-subsidy',
        'small-talent',
        'talent-housing-body',
      ]);
      expect(await keys({ q: '人才' }, { staff: false, rankLimit: 4 })).toEqual(await keys({ q: '人才' }));
      // 稳岗返还 in the title of stable-jobs only: then jobs-once (newest) before jobs-many, by date.
      expect(await keys({ q: '稳岗返还' }, { staff: false, rankLimit: 2 })).toEqual([
        'stable-jobs',
        'jobs-once',
        'jobs-many',
      ]);
      const onePage = await keys({ q: '〔2026〕', status: 'all', limit: 50 }, large);
      const published = (k: string) => SEARCH_CORPUS.find((p) => p.key === k)!.published;
      const inTitle = onePage.filter((k) => SEARCH_CORPUS.find((p) => p.key === k)!.docNumber.includes('〔2026〕'));
      expect(inTitle).toEqual(onePage.slice(0, inTitle.length));
      expect(onePage.slice(0, inTitle.length).map(published)).toEqual(
        [...inTitle.map(published)].sort((a, b) => b - a),
      );
      for (const limit of [1, 2, 5])
        expect(await walk({ q: '〔2026〕', status: 'all', limit }, large)).toEqual(onePage);
      // A cursor keeps the order of the first page, whatever the options of the next call.
      const first = await search.search({ q: '人才', limit: 2 }, large);
      const next = await search.search({ q: '人才', limit: 2, cursor: first.nextCursor! }, PUBLIC);
      expect(next.items.map((i) => keyOf.get(i.row.id))).toEqual(['small-talent', 'talent-housing-body']);
    });

    it('orders by publication, newest first, without a query', async () => {
      const all = await walk({ limit: 50 });
      const published = (k: string) => SEARCH_CORPUS.find((p) => p.key === k)!.published;
      expect(all.map(published)).toEqual([...all.map(published)].sort((a, b) => b - a));
    });
  });

  describe('validity', () => {
    it('shows only policies in force by default: the last day counts, tomorrow does not', async () => {
      const all = await walk({ limit: 50 });
      expect(all).toContain('ends-today');
      expect(all).toContain('no-bounds');
      expect(all).toContain('national-rd');
      expect(all).not.toContain('expired-yesterday');
      expect(all).not.toContain('old-expired');
      expect(all).not.toContain('starts-tomorrow');
      const inForce = SEARCH_CORPUS.filter(
        (p) =>
          p.status === 'published' &&
          (p.validFrom === null || p.validFrom <= 0) &&
          (p.validTo === null || p.validTo >= 0),
      ).map((p) => p.key);
      expect([...all].sort()).toEqual(inForce.sort());
    });

    it('status=expired: only those past their last day; status=all: every published one', async () => {
      expect((await walk({ status: 'expired' })).sort()).toEqual(['expired-yesterday', 'old-expired']);
      expect((await walk({ status: 'all', limit: 50 })).sort()).toEqual(
        SEARCH_CORPUS.filter((p) => p.status === 'published')
          .map((p) => p.key)
          .sort(),
      );
      expect(await keys({ q: '奖补资金' })).toEqual(['jiangbu-fund', 'xiangtan-county']);
    });

    it('follows the day: tomorrow the policy ending today has expired', async () => {
      const tomorrow = day(1)!;
      const expired = await walk({ status: 'expired' }, { staff: false, today: tomorrow });
      expect(expired).toContain('ends-today');
      const inForce = await walk({ limit: 50 }, { staff: false, today: tomorrow });
      expect(inForce).toContain('starts-tomorrow');
      expect(inForce).not.toContain('ends-today');
    });
  });

  describe('filters', () => {
    const published = SEARCH_CORPUS.filter(
      (p) => p.status === 'published' && (p.validTo === null || p.validTo >= 0) && (p.validFrom ?? 0) <= 0,
    );
    it('category: policies listing it', async () => {
      expect((await walk({ category: '人才' })).sort()).toEqual(
        published
          .filter((p) => p.categories.includes('人才'))
          .map((p) => p.key)
          .sort(),
      );
    });

    it('level', async () => {
      expect((await walk({ level: 'district' })).sort()).toEqual(
        published
          .filter((p) => p.level === 'district')
          .map((p) => p.key)
          .sort(),
      );
    });

    it('industry: policies listing it or naming none', async () => {
      const found = await walk({ industry: '通用设备制造业', limit: 50 });
      expect(found).toEqual(expect.arrayContaining(['digital', 'first-set', 'vat-refund']));
      expect(found).not.toContain('yuhu-consume');
      expect(found.sort()).toEqual(
        published
          .filter((p) => p.industries.length === 0 || p.industries.includes('通用设备制造业'))
          .map((p) => p.key)
          .sort(),
      );
    });

    it('district: policies covering it (listed, 全市, national/provincial, or none)', async () => {
      const found = await walk({ district: '雨湖区', limit: 50 });
      expect(found).toEqual(expect.arrayContaining(['yuhu-consume', 'whole-city', 'national-rd', 'provincial-small']));
      expect(found).not.toContain('talent-apartment');
      expect(found).not.toContain('yuetang-invest');
      expect(found.sort()).toEqual(
        published
          .filter((p) => coversEveryDistrict(p) || p.districts.includes('雨湖区'))
          .map((p) => p.key)
          .sort(),
      );
    });

    it('filters and a query together', async () => {
      expect((await walk({ q: '人才公寓', district: '湘潭经开区' })).sort()).toEqual(['talent-housing-body']);
      expect(await walk({ q: '贴息', category: '金融支持', level: 'city' })).toEqual(['lpr-loan']);
      expect(await walk({ q: '人才', category: '不存在的类别' })).toEqual([]);
    });
  });

  describe('cache', () => {
    it('serves a repeated public query from memory, but a change to the library shows at once', async () => {
      const first = await search.search({ q: '区块链' }, PUBLIC);
      expect(first.items).toEqual([]);
      expect(await search.search({ q: '区块链' }, PUBLIC)).toBe(first); // the cached page itself
      const p = {
        title: '区块链产业扶持办法',
        docNumber: '潭工信发〔2026〕77号',
        summary: '',
        body: '',
        interpretation: '',
      };
      const f = indexFields(p);
      const [row] = (await ds.query(
        `INSERT INTO policies (title, doc_number, issuer, level, status, published_at, search_title, search_doc, search_vector)
         VALUES ($1, $2, '湘潭市人民政府', 'city', 'published', now(), $3, $4, $5::tsvector) RETURNING id`,
        [p.title, p.docNumber, f.searchTitle, f.searchDoc, f.searchVector],
      )) as Array<{ id: string }>;
      try {
        expect((await search.search({ q: '区块链' }, PUBLIC)).items.map((i) => i.row.id)).toEqual([row.id]);
        await ds.query(`UPDATE policies SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [row.id]);
        expect((await search.search({ q: '区块链' }, PUBLIC)).items).toEqual([]);
      } finally {
        await ds.query('DELETE FROM policies WHERE id = $1', [row.id]);
      }
    });
  });

  describe('cache, after its seconds', () => {
    it('reads the page again in the background for a change that leaves updated_at alone', async () => {
      const id = idOf.get('xiangtan-county')!;
      const before = await search.search({ q: '莲' }, PUBLIC);
      expect(before.items.map((i) => i.row.id)).toEqual([id]);
      // As a dictionary rename does: the row changes, its updated_at does not.
      await ds.query(`UPDATE policies SET status = 'draft' WHERE id = $1`, [id]);
      const realNow = Date.now.bind(Date);
      try {
        expect(await search.search({ q: '莲' }, PUBLIC)).toBe(before); // within its seconds: the cached page
        const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 6_000);
        expect(await search.search({ q: '莲' }, PUBLIC)).toBe(before); // stale: served while read again
        await waitFor('the fresh page', async () => (await search.search({ q: '莲' }, PUBLIC)).items.length === 0);
        later.mockRestore();
      } finally {
        jest.restoreAllMocks();
        await ds.query(`UPDATE policies SET status = 'published' WHERE id = $1`, [id]);
      }
    });
  });

  describe('staff', () => {
    it('sees drafts and withdrawn policies in the statuses asked for, public never', async () => {
      expect(await keys({ q: '人才公寓' }, { staff: true })).toContain('draft');
      expect(await keys({ q: '营商环境' }, { staff: true, statuses: ['withdrawn'] })).toEqual(['withdrawn']);
      expect(await walk({}, { staff: true, statuses: ['draft'] })).toEqual(['draft']);
      expect(await keys({ q: '人才公寓', status: 'all' })).not.toContain('draft');
      expect(await keys({ q: '营商环境', status: 'all' })).not.toContain('withdrawn');
    });
  });

  describe('paging', () => {
    it('walks a query across pages without repeats or gaps, in the one-page order', async () => {
      const onePage = await keys({ q: '〔2026〕', status: 'all', limit: 50 });
      expect(onePage.length).toBeGreaterThan(20);
      for (const limit of [1, 3, 7]) expect(await walk({ q: '〔2026〕', status: 'all', limit })).toEqual(onePage);
    });

    it('walks the plain list the same way', async () => {
      const onePage = await keys({ status: 'all', limit: 50 });
      expect(await walk({ status: 'all', limit: 6 })).toEqual(onePage);
    });

    it('refuses a cursor it did not make (400)', async () => {
      for (const cursor of ['nope', 'eyJ4IjoxfQ', Buffer.from('["x","not-a-uuid"]').toString('base64url')]) {
        await expect(search.search({ cursor }, PUBLIC)).rejects.toBeInstanceOf(AppException);
      }
    });
  });

  describe('hostile queries', () => {
    const EMPTY = ['%', "'", '\\', '&', '!', ':*', '|', '(', '〔〕', '()', '&&', "''", '\u0000', '   ', '!!!???', '…'];
    it.each(EMPTY.map((q) => [JSON.stringify(q), q]))(
      '%s: an empty page or the plain list, never an error',
      async (_n, q) => {
        const page = await search.search({ q, status: 'all' }, PUBLIC);
        if (q.trim() === '') expect(page.items.length).toBeGreaterThan(0);
        else expect(page).toEqual({ items: [], nextCursor: null });
      },
    );

    it.each([
      "'; DROP TABLE policies; --",
      "' OR '1'='1",
      'a:* | b',
      "奖补' & '资金",
      '\\x27 OR 1=1',
      '<script>alert(1)</script>',
      '%_%',
      '$1 $2',
      '奖补\u0000资金',
      '𠀀𠀁 emoji 😀',
      '奖补'.repeat(1000),
      Array.from({ length: 60 }, (_, i) => `词${i}`).join(' '),
    ])('%s: answered, the table intact', async (q) => {
      const page = await search.search({ q, status: 'all', category: q.slice(0, 50) }, PUBLIC);
      expect(Array.isArray(page.items)).toBe(true);
      await search.search({ q, status: 'all' }, PUBLIC);
      const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM policies')) as Array<{ n: number }>;
      expect(n).toBe(SEARCH_CORPUS.length);
    });

    it('a symbol inside a real query does not stop the words from being found', async () => {
      expect((await keys({ q: "奖补' & '资金", status: 'all' })).sort()).toEqual(
        ['jiangbu-fund', 'old-expired', 'xiangtan-county'].sort(),
      );
      expect(await keys({ q: '留抵退税:*' })).toEqual(['vat-refund']);
      expect(await keys({ q: '\u0000留抵退税\u0000' })).toEqual(['vat-refund']);
      expect(await search.search({ district: '雨湖区\u0000' }, PUBLIC)).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('highlights', () => {
    const hits = (segments: Array<{ text: string; hit: boolean }>) => segments.filter((s) => s.hit).map((s) => s.text);
    const find = async (q: string, key: string) =>
      (await search.search({ q, status: 'all', limit: 50 }, PUBLIC)).items.find((i) => i.row.id === idOf.get(key))!;

    it('marks the words in the title and a snippet from the summary, text kept as written', async () => {
      const item = await find('人才公寓', 'talent-apartment');
      expect(item.highlight!.title.map((s) => s.text).join('')).toBe('湘潭高新区人才公寓入住管理办法');
      expect(hits(item.highlight!.title)).toEqual(['人才公寓']);
      // 人才公寓 and its jieba term 人才 (in 高层次人才).
      expect(hits(item.highlight!.snippet)).toEqual(['人才', '人才公寓']);
      expect(item.highlight!.snippet.map((s) => s.text).join('')).toContain(
        '园区企业引进的高层次人才可申请入住人才公寓',
      );
    });

    it('marks full-width text found by a half-width query', async () => {
      const item = await find('cnas', 'cnas-fullwidth');
      expect(hits(item.highlight!.snippet)).toEqual(['ＣＮＡＳ']);
      expect(hits(item.highlight!.title)).toEqual([]);
    });

    it('takes the snippet from the body, then the 解读, where the words are', async () => {
      expect(hits((await find('技能', 'talent-housing-body')).highlight!.snippet)).toEqual(['技能']);
      const interp = await find('以工代训', 'interp-only');
      expect(hits(interp.highlight!.snippet)).toEqual(['以工代训']);
      expect(interp.highlight!.snippet.map((s) => s.text).join('')).not.toContain('<');
    });

    it('keeps a snippet to about 80 characters around the first hit', async () => {
      const item = await find('奖补资金', 'jiangbu-fund');
      const text = item.highlight!.snippet.map((s) => s.text).join('');
      expect(text.length).toBeLessThanOrEqual(82);
      expect(hits(item.highlight!.snippet)).toContain('奖补资金');
    });

    it('marks the jieba terms of a query word too', async () => {
      // 稳岗返还政策 is one word; its terms 稳岗返还 and 政策 are marked wherever they occur.
      const item = await find('稳岗返还政策', 'stable-jobs');
      expect(hits(item.highlight!.title)).toEqual(['稳岗返还政策']);
      expect(hits(item.highlight!.snippet)).toContain('稳岗返还');
    });

    it('has no highlight without a query', async () => {
      const page = await search.search({ limit: 3 }, PUBLIC);
      expect(page.items.every((i) => i.highlight === undefined)).toBe(true);
    });
  });

  describe('suggestions', () => {
    it('offers policy words first, then titles of policies in force', async () => {
      const { items } = await search.suggest('人才');
      expect(items.length).toBeLessThanOrEqual(8);
      expect(items.slice(0, 3)).toEqual(['人才公寓', '人才引进', '高层次人才']);
      expect(items).toContain('湘潭高新区人才公寓入住管理办法');
      expect(items).not.toContain('人才公寓租金补贴办法（征求意见稿）');
    });

    it('nothing for symbols', async () => {
      expect(await search.suggest("'%")).toEqual({ items: [] });
      expect((await search.suggest('留抵')).items).toEqual([
        '留抵退税',
        '增值税留抵退税',
        '关于做好增值税留抵退税工作的通知',
      ]);
    });
  });
});
