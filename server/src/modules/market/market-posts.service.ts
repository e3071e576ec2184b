import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CreateMarketPostDto,
  MarketMatch,
  MarketMatchesResponse,
  MarketPostCard,
  MarketPostDetail,
  MarketPostQueryDto,
  MarketReportReceipt,
  Page,
  PageQueryDto,
  UpdateMarketPostDto,
} from '@qsgj/shared/contracts';
import { MARKET_MATCHES_MAX, MARKET_VALID_DAYS_DEFAULT } from '@qsgj/shared/contracts';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { CASE_CONTENT_SCENE, CaseContentCheck, type ContentVerdict } from '../cases/case-content-check';
import { DictionariesService } from '../dictionaries/dictionaries.service';
import type { OpenedFile } from '../files/file-response';
import { type FileSummary, FilesService } from '../files/files.service';
import { normalizeText } from '../policies/search/index-fields';
import { policyJieba } from '../policies/search/jieba';
import { MarketContactRequestsRepository } from './market-contact-requests.repository';
import { MarketListingsRepository } from './market-listings.repository';
import { POST_FILE_OWNER, toEnterpriseCard, toImages, toPostCard } from './market.mapper';
import type { StoredMarketPostStatus } from './market-post.entity';
import { BOARD_ORDER, type MarketPostFields, MarketPostsRepository, type PostRow } from './market-posts.repository';
import { MarketReportsRepository } from './market-reports.repository';
import { type MarketViewer, MarketViewers } from './market-viewers';

/** Why a post the content check did not pass waits for staff (the automatic report's reason). */
export const HELD_REASON: Record<Exclude<ContentVerdict, 'pass'>, string> = {
  review: '内容安全检查建议人工复核',
  unavailable: '内容安全检查暂不可用，待人工复核',
};

/** Words that say nothing about what is offered or sought. */
const NOT_KEYWORDS = new Set([
  '供应',
  '需求',
  '求购',
  '采购',
  '提供',
  '寻找',
  '长期',
  '大量',
  '批量',
  '合作',
  '承接',
  '优质',
  '专业',
  '服务',
  '公司',
  '企业',
  '湘潭',
  '需要',
  '寻求',
  '欢迎',
]);
const KEYWORDS_MAX = 6;

/** The words of a title that matching looks for in other posts and in the directory. */
export function keywordsOf(title: string): string[] {
  const out: string[] = [];
  for (const t of policyJieba().cutForSearch(normalizeText(title), false)) {
    if (
      [...t].length < 2 ||
      !/^[\p{L}\p{N}]+$/u.test(t) ||
      /^\p{N}+$/u.test(t) ||
      NOT_KEYWORDS.has(t) ||
      out.includes(t)
    )
      continue;
    out.push(t);
  }
  // A word inside a longer one adds nothing.
  return out.filter((w) => !out.some((o) => o !== w && o.includes(w))).slice(0, KEYWORDS_MAX);
}

/** 供需信息: the board, a post, its owners' changes, reports, suggested matches. */
@Injectable()
export class MarketPostsService {
  constructor(
    private readonly posts: MarketPostsRepository,
    private readonly listings: MarketListingsRepository,
    private readonly requests: MarketContactRequestsRepository,
    private readonly reports: MarketReportsRepository,
    private readonly viewers: MarketViewers,
    private readonly files: FilesService,
    private readonly dictionaries: DictionariesService,
    private readonly contentCheck: CaseContentCheck,
    private readonly changes: Changes,
  ) {}

  private async covers(rows: PostRow[]): Promise<Map<string, FileSummary[]>> {
    return rows.length
      ? this.files.listForOwners(
          POST_FILE_OWNER,
          rows.map((r) => r.id),
        )
      : new Map();
  }

  private async cards(rows: PostRow[]): Promise<MarketPostCard[]> {
    const images = await this.covers(rows);
    return rows.map((r) => toPostCard(r, images.get(r.id) ?? []));
  }

  /** `GET /market/posts`: on the board (active, unexpired), filtered, searched, newest first. */
  async board(query: MarketPostQueryDto): Promise<Page<MarketPostCard>> {
    const page = await paged(
      query,
      BOARD_ORDER,
      (after, limit) => this.posts.listBoard(query, after, limit),
      (r) => r,
      (r) => ({ k: r.createdAt.toISOString(), id: r.id }),
    );
    return { items: await this.cards(page.items), nextCursor: page.nextCursor };
  }

  /** `GET /me/market/posts`: my enterprise's posts, every status, newest first. */
  async mine(actor: Actor, query: PageQueryDto): Promise<Page<MarketPostCard>> {
    const v = await this.viewers.member(actor);
    const page = await paged(
      query,
      BOARD_ORDER,
      (after, limit) => this.posts.listOfEnterprise(v.enterpriseId, after, limit),
      (r) => r,
      (r) => ({ k: r.createdAt.toISOString(), id: r.id }),
    );
    return { items: await this.cards(page.items), nextCursor: page.nextCursor };
  }

  /** The post if the viewer may see it: on the board for everyone; otherwise its enterprise's members and staff. */
  private async visible(v: MarketViewer, id: string): Promise<PostRow> {
    const row = await this.posts.findById(id);
    if (!row) throw notFound();
    if (v.staff || MarketViewers.ofEnterprise(v, row.enterpriseId)) return row;
    if (!(await this.posts.isOnBoard(id))) throw notFound();
    return row;
  }

  /** `GET /market/posts/:id`. */
  async detail(actor: Actor | undefined, id: string): Promise<MarketPostDetail> {
    const v = await this.viewers.of(actor);
    const row = await this.visible(v, id);
    return this.describe(v, row);
  }

  private async describe(v: MarketViewer, row: PostRow, manager?: EntityManager): Promise<MarketPostDetail> {
    const images = await this.files.listForOwner({ kind: POST_FILE_OWNER, id: row.id }, manager);
    const own = v.staff || MarketViewers.ofEnterprise(v, row.enterpriseId);
    const mine = v.enterpriseId && !own ? await this.requests.findOpen(row.id, v.enterpriseId, manager) : null;
    return {
      ...toPostCard(row, images),
      description: row.description,
      images: toImages(row.id, images),
      canManage: MarketViewers.manages(v, row),
      takedownReason: own ? row.takedownReason : null,
      myRequest: mine ? { id: mine.id, status: mine.status } : null,
    };
  }

  /** `GET /market/posts/:id/images/:fileId`: an image of a post the caller may see. */
  async openImage(actor: Actor | undefined, id: string, fileId: string): Promise<OpenedFile> {
    await this.visible(await this.viewers.of(actor), id);
    return this.files.openForOwner(fileId, { kind: POST_FILE_OWNER, id });
  }

  /** Industry and district must be active entries of their dictionaries: 400 naming the field otherwise. */
  private async checkDictionaries(fields: MarketPostFields, manager?: EntityManager): Promise<void> {
    const errors = await this.dictionaries.unknownValues(
      [
        { field: 'industry', kind: 'industries', values: fields.industry ? [fields.industry] : [] },
        { field: 'district', kind: 'districts', values: [fields.district] },
      ],
      manager,
    );
    if (errors.length) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
  }

  /** The content check of a post's text (risky → 400 CONTENT_RISKY, nothing written). */
  private check(userId: string, fields: MarketPostFields): Promise<ContentVerdict> {
    return this.contentCheck.check(userId, `${fields.title}\n${fields.description}`, CASE_CONTENT_SCENE, 'description');
  }

  /**
   * `POST /market/posts` (Idempotency-Key): an approved member publishes for their enterprise. A text the content
   * check wants a person to read (or could not check) is kept `held`, with a report in the staff queue.
   */
  async create(actor: Actor, dto: CreateMarketPostDto, meta: RequestMeta): Promise<MarketPostDetail> {
    const v = await this.viewers.member(actor);
    const fields: MarketPostFields = {
      kind: dto.kind,
      category: dto.category,
      industry: dto.industry?.trim() || null,
      district: dto.district.trim(),
      title: dto.title,
      description: dto.description,
    };
    await this.checkDictionaries(fields);
    const verdict = await this.check(actor.id, fields);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const status: StoredMarketPostStatus = verdict === 'pass' ? 'active' : 'held';
      const id = await this.posts.insert(
        fields,
        { enterpriseId: v.enterpriseId, authorId: v.userId },
        status,
        dto.validDays ?? MARKET_VALID_DAYS_DEFAULT,
        m,
      );
      if (verdict !== 'pass') await this.reports.openOnce(id, null, HELD_REASON[verdict], m);
      await this.files.attach(m, dto.images ?? [], { kind: POST_FILE_OWNER, id }, { id: actor.id });
      return this.describe(v, (await this.posts.findById(id, m))!, m);
    });
  }

  /** The post for a change by one of its managers: 404 to outsiders, 403 to its other members, 409 once taken down. */
  private async managed(v: MarketViewer, id: string, m: EntityManager) {
    const row = await this.posts.findForUpdate(id, m);
    if (!row || !MarketViewers.ofEnterprise(v, row.enterpriseId)) throw notFound();
    if (!MarketViewers.manages(v, row)) throw new AppException('FORBIDDEN');
    if (row.status === 'taken_down') throw new AppException('MARKET_POST_NOT_OPEN');
    return row;
  }

  /** `PATCH /market/posts/:id`: the text is checked again; `images` replaces the set. */
  async update(actor: Actor, id: string, dto: UpdateMarketPostDto, meta: RequestMeta): Promise<MarketPostDetail> {
    const v = await this.viewers.member(actor);
    const current = await this.posts.findById(id);
    if (!current || !MarketViewers.ofEnterprise(v, current.enterpriseId)) throw notFound();
    const fields: MarketPostFields = {
      kind: dto.kind ?? current.kind,
      category: dto.category ?? current.category,
      industry: dto.industry === undefined ? current.industry : dto.industry?.trim() || null,
      district: dto.district?.trim() ?? current.district,
      title: dto.title ?? current.title,
      description: dto.description ?? current.description,
    };
    await this.checkDictionaries(fields);
    const textChanged = fields.title !== current.title || fields.description !== current.description;
    const verdict: ContentVerdict = textChanged ? await this.check(actor.id, fields) : 'pass';
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const row = await this.managed(v, id, m);
      const status: StoredMarketPostStatus = verdict === 'pass' ? row.status : 'held';
      await this.posts.update(id, fields, status, m);
      if (verdict !== 'pass') await this.reports.openOnce(id, null, HELD_REASON[verdict], m);
      if (dto.images) {
        const owner = { kind: POST_FILE_OWNER, id };
        const had = new Set((await this.files.listForOwner(owner, m)).map((f) => f.id));
        await this.files.detachOthers(
          m,
          owner,
          dto.images.filter((f) => had.has(f)),
        );
        await this.files.attach(
          m,
          dto.images.filter((f) => !had.has(f)),
          owner,
          { id: actor.id },
        );
      }
      return this.describe(v, (await this.posts.findById(id, m))!, m);
    });
  }

  /** `POST /market/posts/:id/close`: off the board (closing a closed post changes nothing). */
  async close(actor: Actor, id: string, meta: RequestMeta): Promise<MarketPostDetail> {
    const v = await this.viewers.member(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const row = await this.managed(v, id, change.manager);
      if (row.status !== 'closed') await this.posts.setStatus(id, 'closed', change.manager);
      return this.describe(v, (await this.posts.findById(id, change.manager))!, change.manager);
    });
  }

  /**
   * `POST /market/posts/:id/renew`: shown for `validDays` from now; a closed post is active again. A held post stays
   * held (renewing never skips the review).
   */
  async renew(actor: Actor, id: string, validDays: number, meta: RequestMeta): Promise<MarketPostDetail> {
    const v = await this.viewers.member(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const row = await this.managed(v, id, change.manager);
      await this.posts.renew(id, validDays, change.manager);
      if (row.status === 'held') await this.posts.setStatus(id, 'held', change.manager);
      return this.describe(v, (await this.posts.findById(id, change.manager))!, change.manager);
    });
  }

  /** `POST /market/posts/:id/reports`: one open report per user and post (a repeat answers the open one). */
  async report(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<MarketReportReceipt> {
    const v = await this.viewers.of(actor);
    await this.visible(v, id);
    return this.changes.run({ actor, meta }, async (change) => {
      const r = await this.reports.openOnce(id, actor.id, reason, change.manager);
      return { id: r.id, status: r.status, createdAt: r.createdAt.toISOString() };
    });
  }

  /**
   * `GET /market/posts/:id/matches`: for a 需求, 供应 posts and directory enterprises that fit; for a 供应, 需求 posts
   * and directory enterprises — each with why (same category, industry, district; shared keywords), best first.
   */
  async matches(actor: Actor | undefined, id: string): Promise<MarketMatchesResponse> {
    const row = await this.visible(await this.viewers.of(actor), id);
    const keywords = keywordsOf(row.title);
    const fit = { category: row.category, industry: row.industry, district: row.district, keywords };
    const other = row.kind === 'demand' ? 'supply' : 'demand';
    const [posts, enterprises] = await Promise.all([
      this.posts.matchCandidates(other, fit, row.enterpriseId, MARKET_MATCHES_MAX),
      this.listings.matchCandidates(fit, row.enterpriseId, MARKET_MATCHES_MAX),
    ]);
    const images = await this.covers(posts.map((p) => p.row));
    const why = (c: { category?: string; industry: string | null; district: string | null; doc: string }) => {
      const out: string[] = [];
      if (c.category === row.category) out.push(`同一类别：${row.category}`);
      if (row.industry && c.industry === row.industry) out.push(`同一行业：${row.industry}`);
      if (c.district === row.district) out.push(`同区域：${row.district}`);
      const shared = keywords.filter((k) => c.doc.includes(k));
      if (shared.length) out.push(`关键词：${shared.join('、')}`);
      return out;
    };
    const items: MarketMatch[] = [
      ...posts.map(({ row: p, score }): MarketMatch => ({
        type: 'post',
        post: toPostCard(p, images.get(p.id) ?? []),
        why: why({ category: p.category, industry: p.industry, district: p.district, doc: p.searchDoc }),
        score,
      })),
      ...enterprises.map(({ row: l, score }): MarketMatch => ({
        type: 'enterprise',
        enterprise: toEnterpriseCard(l),
        why: why({ industry: l.enterprise.industry, district: l.enterprise.district, doc: l.searchDoc }),
        score,
      })),
    ];
    items.sort((a, b) => b.score - a.score);
    return { items: items.slice(0, MARKET_MATCHES_MAX) };
  }
}
