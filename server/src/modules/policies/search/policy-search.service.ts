import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { PolicyQueryDto, TextSegment } from '@qsgj/shared/contracts';
import { type Cursor, POLICY_PAGE_MAX, shanghaiDay, WHOLE_CITY } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder, pageLimit, readCursor, toPage } from '../../../common/paging/keyset';
import { PolicyEntity, type StoredPolicyStatus } from '../policy.entity';
import { segments, snippet } from './highlight';
import { normalizeText } from './index-fields';
import { POLICY_TERMS } from './policy-terms';
import { parseQuery, type ParsedQuery } from './query';

export interface PolicySearchOptions {
  /** Staff lists (workbench): every stored status in `statuses`, validity only when `query.status` asks. */
  staff: boolean;
  statuses?: StoredPolicyStatus[];
  /** `YYYY-MM-DD`, Asia/Shanghai; default: today. */
  today?: string;
  /** Up to this many matches a query is ranked by relevance; above, title hits then date (default RANK_LIMIT). */
  rankLimit?: number;
}

export interface PolicySearchHit {
  /** The policy without `searchTitle`/`searchDoc`, and without `body`/`interpretation` unless there was a query. */
  row: PolicyEntity;
  highlight?: { title: TextSegment[]; snippet: TextSegment[] };
}

export interface PolicySearchPage {
  items: PolicySearchHit[];
  nextCursor: string | null;
}

/**
 * A query matching more policies than this is ordered title hits first, then newest (each tier read along the
 * date index, so a word in a quarter of the library costs a page, not a quarter of the library); up to it, title
 * hits, then relevance, then newest. Ranking reads every match; this keeps that work bounded.
 */
export const RANK_LIMIT = 300;

/** How long a public page may be served from this process's memory (scale.md: seconds stale at most). */
const CACHE_TTL_MS = 5_000;
/** Pages kept (the oldest go first). */
const CACHE_MAX = 1_000;

const ALL_STORED: StoredPolicyStatus[] = ['draft', 'published', 'withdrawn'];
/** How many occurrences of a term in the text count towards relevance (a long document does not win by length). */
const OCCURRENCES_CAP = 8;
/** A term in the title or 文号 counts as this many occurrences. */
const TITLE_WEIGHT = 4;
/** Suggestions: at most this many words of the policy dictionary, the rest titles. */
const SUGGEST_MAX = 8;
const SUGGEST_TERMS_MAX = 4;
/** The cursor's `k`: how the list is ordered, so every page of one search keeps the order of its first page. */
const RANKED = 'ranked';
const TIERED = 'tiered';

const EMPTY: PolicySearchPage = { items: [], nextCursor: null };

interface CacheEntry {
  /** When the page was read. */
  at: number;
  /** The newest `updated_at` of the library when it was read. */
  version: string;
  page: Promise<PolicySearchPage>;
  /** A background read of a newer copy is under way. */
  refreshing?: boolean;
}

/**
 * What a row of a list carries: everything but the rich text and the search columns (a body can be 100k
 * characters; a page of 20 does not need them). With a query, also the body and 解读, for the snippet.
 */
const LIST_COLUMNS: ReadonlyArray<keyof PolicyEntity> = [
  'id',
  'title',
  'docNumber',
  'issuer',
  'level',
  'categories',
  'industries',
  'scales',
  'districts',
  'qualifications',
  'validFrom',
  'validTo',
  'summary',
  'attachments',
  'sourceUrl',
  'status',
  'publishedAt',
  'createdBy',
  'createdAt',
  'updatedAt',
];
const HIT_COLUMNS: ReadonlyArray<keyof PolicyEntity> = [...LIST_COLUMNS, 'body', 'interpretation'];

/**
 * Policy search. Candidates come from the GIN index over the character-bigram `tsvector` (every bigram of every
 * query word, or a lone character), and each word is rechecked as a substring of the normalised text — so a
 * policy whose title, 文号, summary, body or 解读 contains every word is found, and nothing else is.
 *
 * Order with a query: title hits (every word in the title or 文号) first, then relevance (occurrences of the
 * query's words and jieba terms, capped, a title occurrence worth more), then the newest, then id — for up to
 * `RANK_LIMIT` matches; above, title hits then the newest. Without a query: the newest first. The same SQL on
 * PostgreSQL and PGlite; the keyset cursor re-reads the anchor row's keys, so pages never repeat or skip.
 */
@Injectable()
export class PolicySearchService {
  /** Public pages by query, with the library's version they were read at (see `search`). */
  private readonly cache = new Map<string, CacheEntry>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the search. Public pages are cached in this process, and served only while no policy has changed
   * since (the newest `updated_at`, one index probe, is checked on every call): a publish, edit or withdraw shows at
   * once. A page older than `CACHE_TTL_MS` is read again in the background, so a change that leaves `updated_at`
   * alone (a dictionary rename) shows within seconds. Staff lists are never cached.
   */
  async search(query: PolicyQueryDto, opts: PolicySearchOptions): Promise<PolicySearchPage> {
    if (opts.staff) return this.read(query, opts);
    const today = opts.today ?? shanghaiDay(new Date());
    const key = JSON.stringify([
      query.q ?? null,
      query.category ?? null,
      query.level ?? null,
      query.industry ?? null,
      query.district ?? null,
      query.status ?? null,
      query.cursor ?? null,
      query.limit ?? null,
      today,
      opts.rankLimit ?? null,
    ]);
    const [{ version }] = (await this.dataSource.query(
      `SELECT COALESCE(max(updated_at)::text, '') AS version FROM policies`,
    )) as Array<{ version: string }>;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.version === version) {
      // Past its seconds, the page is read again in the background while this one is still served: a change
      // that moved `updated_at` never gets here, so what may be stale is at most a few seconds old.
      if (now - cached.at >= CACHE_TTL_MS && !cached.refreshing) {
        cached.refreshing = true;
        this.read(query, { ...opts, today }).then(
          (fresh) => this.remember(key, { at: Date.now(), version, page: Promise.resolve(fresh) }),
          () => (cached.refreshing = false),
        );
      }
      return cached.page;
    }
    // One read per key at a time: the requests that arrive while it runs wait for it.
    const page = this.read(query, { ...opts, today });
    this.remember(key, { at: now, version, page });
    page.catch(() => {
      if (this.cache.get(key)?.page === page) this.cache.delete(key);
    });
    return page;
  }

  private remember(key: string, entry: CacheEntry): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async read(query: PolicyQueryDto, opts: PolicySearchOptions): Promise<PolicySearchPage> {
    const limit = Math.min(pageLimit(query.limit), POLICY_PAGE_MAX);
    const after = readCursor(query.cursor, { idType: 'uuid' });
    const parsed = parseQuery(query.q);
    // Only symbols: nothing can contain "every word" of a query without words.
    if (normalizeText(query.q ?? '') !== '' && parsed.words.length === 0) return EMPTY;
    if ([query.category, query.industry, query.district].some((v) => v?.includes('\u0000'))) return EMPTY;

    let rows: PolicyEntity[];
    let mode = RANKED;
    if (parsed.words.length === 0) {
      const qb = this.filtered(query, opts).select(LIST_COLUMNS.map((c) => `p.${c}`));
      rows = await keyset(qb, this.byDate(opts.staff, []), after, limit).getMany();
    } else {
      mode = after ? (after.k === TIERED ? TIERED : RANKED) : await this.modeFor(query, opts, parsed);
      rows =
        mode === TIERED
          ? await this.tiered(query, opts, parsed, after, limit)
          : await this.ranked(query, opts, parsed, after, limit);
    }
    const page = toPage(
      rows,
      limit,
      (row: PolicyEntity) => row,
      (row) => ({ k: mode, id: row.id }),
    );
    return {
      items: page.items.map((row) => ({ row, highlight: parsed.words.length ? highlight(row, parsed) : undefined })),
      nextCursor: page.nextCursor,
    };
  }

  /** The search box: policy-dictionary words containing what was typed, then titles of policies in force it finds. */
  async suggest(q: string): Promise<{ items: string[] }> {
    const { words } = parseQuery(q);
    if (words.length === 0) return { items: [] };
    const terms = POLICY_TERMS.filter((t) => words.every((w) => normalizeText(t).includes(w))).slice(
      0,
      SUGGEST_TERMS_MAX,
    );
    const page = await this.search({ q, limit: SUGGEST_MAX }, { staff: false });
    const items = [...terms];
    for (const { row } of page.items) if (!items.includes(row.title)) items.push(row.title);
    return { items: items.slice(0, SUGGEST_MAX) };
  }

  /** Ranked when the query matches at most `rankLimit` policies (counted, stopping one past it). */
  private async modeFor(query: PolicyQueryDto, opts: PolicySearchOptions, parsed: ParsedQuery): Promise<string> {
    const rankLimit = opts.rankLimit ?? RANK_LIMIT;
    const n = await this.countUpTo(this.matching(this.filtered(query, opts), parsed), rankLimit);
    return n > rankLimit ? TIERED : RANKED;
  }

  /** How many rows `qb` finds, counting no further than `max + 1`. */
  private async countUpTo(qb: SelectQueryBuilder<PolicyEntity>, max: number): Promise<number> {
    const [sql, params] = qb
      .select('1')
      .limit(max + 1)
      .getQueryAndParameters();
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) matched`, params)) as Array<{
      n: number;
    }>;
    return n;
  }

  /** Every match ordered by title hit, relevance, date, id. */
  private ranked(
    query: PolicyQueryDto,
    opts: PolicySearchOptions,
    parsed: ParsedQuery,
    after: Cursor | undefined,
    limit: number,
  ): Promise<PolicyEntity[]> {
    const qb = this.matching(this.filtered(query, opts), parsed).select(HIT_COLUMNS.map((c) => `p.${c}`));
    const order = this.byDate(opts.staff, [titleHit(parsed), relevance(parsed)]);
    return keyset(qb, order, after, limit).getMany();
  }

  /**
   * Title hits by date, then the other matches by date, the second read only when the first does not fill the
   * page (a cursor in the second tier skips the first). More than `rankLimit` matches means a word in at least
   * that many policies, so reading along the date index (no bigram index: only the substring checks) finds a page
   * within about limit × policies / rankLimit rows. The title hits, when fewer, come from the index and a sort.
   */
  private async tiered(
    query: PolicyQueryDto,
    opts: PolicySearchOptions,
    parsed: ParsedQuery,
    after: Cursor | undefined,
    limit: number,
  ): Promise<PolicyEntity[]> {
    const rankLimit = opts.rankLimit ?? RANK_LIMIT;
    let anchorTier: number | undefined;
    if (after) {
      const anchor = (await this.filtered(query, opts, false)
        .select(titleHit(parsed)('p'), 'tier')
        .where('p.id = :anchorId', { anchorId: after.id })
        .setParameters(titleParams(parsed))
        .getRawOne()) as { tier: number } | undefined;
      if (!anchor) return []; // deleted since the last page: the list ends, as keyset lists do
      anchorTier = Number(anchor.tier);
    }
    const rows: PolicyEntity[] = [];
    if (anchorTier === undefined || anchorTier === 1) {
      const few = (await this.countUpTo(this.titled(this.filtered(query, opts), parsed, true), rankLimit)) <= rankLimit;
      const qb = this.titled(this.filtered(query, opts), parsed, few).select(HIT_COLUMNS.map((c) => `p.${c}`));
      const order = this.byDate(opts.staff, [], few ? 'sort' : 'index');
      rows.push(...(await keyset(qb, order, anchorTier === 1 ? after : undefined, limit).getMany()));
    }
    if (rows.length <= limit) {
      const qb = this.matching(this.filtered(query, opts), parsed, { notInTitle: true, index: false }).select(
        HIT_COLUMNS.map((c) => `p.${c}`),
      );
      const order = this.byDate(opts.staff, [], 'index');
      rows.push(...(await keyset(qb, order, anchorTier === 0 ? after : undefined, limit - rows.length).getMany()));
    }
    return rows;
  }

  /** Policies in the caller's reach, filtered; `where` false: a bare builder (for the anchor row). */
  private filtered(query: PolicyQueryDto, opts: PolicySearchOptions, where = true): SelectQueryBuilder<PolicyEntity> {
    const qb = this.dataSource.getRepository(PolicyEntity).createQueryBuilder('p');
    if (!where) return qb;
    const today = opts.today ?? shanghaiDay(new Date());
    if (opts.staff) {
      const statuses = opts.statuses?.length ? opts.statuses : ALL_STORED;
      qb.where('p.status IN (:...statuses)', { statuses });
    } else {
      qb.where("p.status = 'published'");
    }
    const validity = query.status ?? (opts.staff ? 'all' : 'in_force');
    if (validity === 'in_force') {
      qb.andWhere(
        '(p.valid_from IS NULL OR p.valid_from <= CAST(:today AS date)) AND (p.valid_to IS NULL OR p.valid_to >= CAST(:today AS date))',
        { today },
      );
    } else if (validity === 'expired') {
      qb.andWhere('p.valid_to < CAST(:today AS date)', { today });
    }
    if (query.category !== undefined) {
      qb.andWhere('p.categories @> ARRAY[CAST(:category AS text)]', { category: query.category });
    }
    if (query.level !== undefined) qb.andWhere('p.level = :level', { level: query.level });
    if (query.industry !== undefined) {
      qb.andWhere('(cardinality(p.industries) = 0 OR CAST(:industry AS text) = ANY(p.industries))', {
        industry: query.industry,
      });
    }
    if (query.district !== undefined) {
      qb.andWhere(
        `(p.level IN ('national', 'provincial') OR cardinality(p.districts) = 0 OR p.districts && ARRAY[CAST(:district AS text), CAST(:wholeCity AS text)])`,
        { district: query.district, wholeCity: WHOLE_CITY },
      );
    }
    return qb;
  }

  /**
   * Every word in the text: the substring rechecks, and the bigram query the GIN index answers (`index`, default;
   * without it the rows come along the date index). `notInTitle`: and not every word in the title (tier two).
   */
  private matching(
    qb: SelectQueryBuilder<PolicyEntity>,
    parsed: ParsedQuery,
    { notInTitle = false, index = true } = {},
  ): SelectQueryBuilder<PolicyEntity> {
    qb.setParameters({ ...titleParams(parsed), ...termParams(parsed) });
    const inDoc = parsed.words.map((_, i) => `strpos(p.search_doc, CAST(:w${i} AS text)) > 0`).join(' AND ');
    if (index) {
      qb.andWhere(`(${inDoc})`);
      qb.andWhere('p.search_vector @@ CAST(:tsq AS tsquery)', { tsq: parsed.tsquery });
    } else {
      // One opaque condition: the planner, which cannot estimate substring checks, takes it for half the rows
      // (rather than a product of guesses near zero) and reads along the date index until the page is full.
      qb.andWhere(`${opaque(notInTitle ? `${inDoc} AND NOT (${inTitle(parsed)})` : inDoc)}`);
    }
    if (index && notInTitle) qb.andWhere(`NOT (${inTitle(parsed)})`);
    return qb;
  }

  /** Every word in the title or 文号; `index`: narrowed by the marked title lexemes of the GIN index. */
  private titled(
    qb: SelectQueryBuilder<PolicyEntity>,
    parsed: ParsedQuery,
    index: boolean,
  ): SelectQueryBuilder<PolicyEntity> {
    qb.setParameters(titleParams(parsed));
    if (index) {
      qb.andWhere(`(${inTitle(parsed)})`);
      qb.andWhere('p.search_vector @@ CAST(:tsqTitle AS tsquery)', { tsqTitle: parsed.titleTsquery });
    } else {
      qb.andWhere(opaque(inTitle(parsed)));
    }
    return qb;
  }

  /**
   * `keys`, then the newest (published; staff lists: last changed), then id, all descending. `via`: 'index' lets
   * the planner read along the date index; 'sort' hides it (the same instant, as an expression), so a small set
   * found by the GIN index is sorted rather than searched for along the dates.
   */
  private byDate(staff: boolean, keys: Array<(a: string) => string>, via: 'index' | 'sort' = 'index'): KeysetOrder {
    const column = (a: string) => (staff ? `${a}.updated_at` : `${a}.published_at`);
    const date = via === 'index' ? column : (a: string) => `(${column(a)} + interval '0 seconds')`;
    return { table: 'policies', alias: 'p', keys: [...keys, date], direction: 'DESC', idType: 'uuid' };
  }
}

function titleParams(parsed: ParsedQuery): Record<string, string> {
  return Object.fromEntries(parsed.words.map((w, i) => [`w${i}`, w]));
}
function termParams(parsed: ParsedQuery): Record<string, string> {
  return Object.fromEntries(parsed.terms.map((t, i) => [`t${i}`, t]));
}

/** Every word is in the title or 文号 (a condition on `a`, default the list's alias). */
function inTitle(parsed: ParsedQuery, a = 'p'): string {
  return parsed.words.map((_, i) => `strpos(${a}.search_title, CAST(:w${i} AS text)) > 0`).join(' AND ');
}

/** 1 when every word is in the title or 文号. */
function titleHit(parsed: ParsedQuery): (a: string) => string {
  return (a) => `(CASE WHEN ${inTitle(parsed, a)} THEN 1 ELSE 0 END)`;
}

/** A condition the planner cannot take apart (it estimates an opaque boolean at one half). */
function opaque(condition: string): string {
  return `(CASE WHEN ${condition} THEN true ELSE false END)`;
}

/** Occurrences of each word and jieba term in the text (capped), a title occurrence worth `TITLE_WEIGHT`. */
function relevance(parsed: ParsedQuery): (a: string) => string {
  return (a) =>
    `(${parsed.terms
      .map((term, i) => {
        const t = `CAST(:t${i} AS text)`;
        return (
          `(CASE WHEN strpos(${a}.search_title, ${t}) > 0 THEN ${TITLE_WEIGHT} ELSE 0 END + ` +
          `LEAST((octet_length(${a}.search_doc) - octet_length(replace(${a}.search_doc, ${t}, ''))) / ${bytes(term)}, ${OCCURRENCES_CAP}))`
        );
      })
      .join(' + ')})`;
}

/** A term's length in UTF-8 bytes (octet_length is O(1); length() counts characters). Never 0: terms are non-empty. */
function bytes(term: string): number {
  return Math.max(1, Buffer.byteLength(term, 'utf8'));
}

function highlight(row: PolicyEntity, parsed: ParsedQuery): { title: TextSegment[]; snippet: TextSegment[] } {
  return { title: segments(row.title, parsed.terms), snippet: snippet(row, parsed.words, parsed.terms) };
}
