import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  FAQ_DEFLECTION_MAX_DAYS,
  FAQ_PAGE_MAX,
  FAQ_SUGGEST_EACH,
  type FaqCaseSource,
  type FaqDeflectionQueryDto,
  type FaqDeflections,
  type FaqDetail,
  type FaqInputDto,
  type FaqListItem,
  type FaqQueryDto,
  type FaqStatus,
  type FaqSuggestionOpenDto,
  type FaqSuggestions,
  type Page,
  type StaffFaqItem,
  type StaffFaqQueryDto,
  type UpdateFaqDto,
} from '@qsgj/shared/contracts';
import { AuditAction, CaseState, CaseType, Role } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { addCalendarDays, calendarDaysBetween, startOfShanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { canSeeCase } from '../cases/case.policy';
import type { CaseEntity } from '../cases/case.entity';
import { CaseViewers } from '../cases/case-viewers.service';
import { DictionariesService } from '../dictionaries/dictionaries.service';
import { toPolicyListItem } from '../policies/policy.mapper';
import { policyToday } from '../policies/policy-viewers';
import { segments, snippet } from '../policies/search/highlight';
import { normalizeText } from '../policies/search/index-fields';
import { PolicySearchService } from '../policies/search/policy-search.service';
import { parseQuery } from '../policies/search/query';
import type { FaqEntryEntity } from './faq-entry.entity';
import { type FaqIdentity, IDENTITY_MESSAGES, identityProblem } from './faq-identity';
import { toFaqDetail, toFaqListItem, toStaffFaqItem } from './faq.mapper';
import { type FaqFields, FaqRepository, PUBLIC_FAQ_ORDER, STAFF_FAQ_ORDER } from './faq.repository';
import { suggestionTerms } from './suggestion-terms';

/** The audit rows' target type of an entry. */
export const FAQ_TARGET = 'faq';

export const FOUR_EYES_MESSAGE = '不能审核发布自己撰写或最后修改的条目，请由另一位主管或管理员审核';
export const BUTLER_PUBLISH_MESSAGE = '管家撰写的条目需由主管或管理员审核后发布';
export const CASE_NOT_CONSULT_MESSAGE = '只有咨询可以发布为常见问题';
export const CASE_NOT_RESOLVED_MESSAGE = '该咨询尚未办结，办结后才能发布为常见问题';
export const CASE_ALREADY_USED_MESSAGE = '该咨询已生成常见问题条目，请在常见问题列表中修改该条目';
export const UNKNOWN_POLICY_MESSAGE = '关联的政策不存在，请重新选择';
export const NOT_PUBLISHED_WITHDRAW_MESSAGE = '该条目尚未发布，无需撤回';
export const EDIT_PUBLISHED_NOTE = '已发布的条目修改后需重新审核';

/** The consultation states an entry may come from. */
const RESOLVED_STATES: readonly string[] = [CaseState.RESOLVED, CaseState.CLOSED];
/** Policy searches tried for suggestions (the two best terms together, then each of the best). */
const POLICY_SEARCHES_MAX = 4;

/** Who may publish an entry now, and why not. */
export function reviewOf(actor: Actor, f: FaqEntryEntity): { canPublish: boolean; publishBlocked: string | null } {
  if (f.status === 'published') return { canPublish: false, publishBlocked: null };
  if (actor.role !== Role.SUPERVISOR && actor.role !== Role.ADMIN) {
    return { canPublish: false, publishBlocked: BUTLER_PUBLISH_MESSAGE };
  }
  if (actor.id === f.createdBy || actor.id === f.editedBy)
    return { canPublish: false, publishBlocked: FOUR_EYES_MESSAGE };
  return { canPublish: true, publishBlocked: null };
}

function clean(fields: Partial<FaqFields>): Partial<FaqFields> {
  const out: Partial<FaqFields> = {};
  if (fields.question !== undefined) out.question = fields.question.trim();
  if (fields.answer !== undefined) out.answer = fields.answer.replace(/\r\n?/g, '\n').trim();
  if (fields.categories !== undefined) out.categories = fields.categories.map((c) => c.trim());
  if (fields.policyIds !== undefined) out.policyIds = fields.policyIds.map((id) => id.toLowerCase());
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * 常见问题: staff write drafts (from a resolved consultation, rewritten without the enterprise's identity), a
 * supervisor or admin other than the author and last editor publishes them (four eyes); everyone reads and searches
 * the published ones; the consultation form's suggestions and the count of questions they answered.
 */
@Injectable()
export class FaqService {
  constructor(
    private readonly faq: FaqRepository,
    private readonly policySearch: PolicySearchService,
    private readonly dictionaries: DictionariesService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
  ) {}

  // ───────────── public ─────────────

  /** `GET /faq`: published entries, searched (every word, as policies are) and filtered by category. */
  async list(query: FaqQueryDto): Promise<Page<FaqListItem>> {
    const limit = Math.min(pageLimit(query.limit), FAQ_PAGE_MAX);
    const after = readCursor(query.cursor, PUBLIC_FAQ_ORDER);
    if (query.category?.includes('\u0000')) return { items: [], nextCursor: null };
    const key = (f: FaqEntryEntity) => ({ k: f.publishedAt?.toISOString() ?? '', id: f.id });
    const parsed = parseQuery(query.q);
    if (parsed.words.length === 0) {
      // Only symbols: nothing holds "every word" of a query without words.
      if (normalizeText(query.q ?? '') !== '') return { items: [], nextCursor: null };
      const rows = await this.faq.listPublished(query.category, after, limit);
      return toPage(rows, limit, (f) => toFaqListItem(f), key);
    }
    const rows = await this.faq.searchPublished(parsed, query.category, after, limit);
    return toPage(
      rows,
      limit,
      (f) =>
        toFaqListItem(f, {
          question: segments(f.question, parsed.terms),
          snippet: snippet({ summary: f.answer, body: '', interpretation: '' }, parsed.words, parsed.terms),
        }),
      key,
    );
  }

  /** `GET /faq/:id`: published (staff: any status), with its published policies; a public read counts a view. */
  async detail(actor: Actor | undefined, id: string): Promise<FaqDetail> {
    const entry = await this.faq.findById(id);
    const staff = !!actor && actor.role !== Role.ENTERPRISE;
    if (!entry || (entry.status !== 'published' && !staff)) throw notFound();
    if (entry.status === 'published' && !staff) {
      await this.faq.countView(id);
      entry.viewCount += 1;
    }
    const today = policyToday();
    const policies = (await this.faq.publishedPolicies(entry.policyIds)).map((p) => toPolicyListItem(p, today));
    return toFaqDetail(entry, policies);
  }

  /**
   * `GET /faq/suggestions?q=`: up to 3 published entries holding the most of the typed terms, and up to 3 policies
   * in force found by the policies' own search (the two best terms together, then each best term alone).
   */
  async suggestions(q: string): Promise<FaqSuggestions> {
    const { terms, grams } = suggestionTerms(q);
    if (terms.length === 0) return { faq: [], policies: [] };
    const rows = await this.faq.suggest(terms, grams, FAQ_SUGGEST_EACH);
    const faq = rows.map((f) => ({
      id: f.id,
      question: f.question,
      highlight: {
        question: segments(f.question, terms),
        snippet: snippet({ summary: f.answer, body: '', interpretation: '' }, terms, terms),
      },
    }));
    const searches = [...(terms.length > 1 ? [`${terms[0]} ${terms[1]}`] : []), ...terms].slice(0, POLICY_SEARCHES_MAX);
    const policies: FaqSuggestions['policies'] = [];
    for (const text of searches) {
      if (policies.length >= FAQ_SUGGEST_EACH) break;
      const page = await this.policySearch.search({ q: text, limit: FAQ_SUGGEST_EACH }, { staff: false });
      for (const hit of page.items) {
        if (policies.length >= FAQ_SUGGEST_EACH || policies.some((p) => p.id === hit.row.id)) continue;
        policies.push({
          id: hit.row.id,
          title: hit.row.title,
          highlight: { title: segments(hit.row.title, terms), snippet: snippet(hit.row, terms, terms) },
        });
      }
    }
    return { faq, policies };
  }

  /**
   * `POST /faq/suggestion-opens`: an enterprise user opened a suggestion in a form session. The session's first
   * open makes its row; later ones count. A session id another user holds, or a target that is not published: 404.
   */
  async recordOpen(actor: Actor, dto: FaqSuggestionOpenDto): Promise<void> {
    const viewer = await this.viewers.of(actor);
    if (!viewer.enterpriseId) throw new AppException('ENTERPRISE_NOT_BOUND');
    const exists = dto.kind === 'faq' ? this.faq.isPublishedEntry(dto.id) : this.faq.isPublishedPolicy(dto.id);
    if (!(await exists)) throw notFound();
    const target = `${dto.kind}:${dto.id.toLowerCase()}`;
    if (!(await this.faq.recordOpen(dto.draftId.toLowerCase(), actor.id, viewer.enterpriseId, target))) {
      throw notFound();
    }
  }

  // ───────────── staff ─────────────

  /** `GET /staff/faq?status=`: the latest change first. */
  async staffList(actor: Actor, query: StaffFaqQueryDto): Promise<Page<StaffFaqItem>> {
    const limit = Math.min(pageLimit(query.limit), FAQ_PAGE_MAX);
    const rows = await this.faq.listForStaff(query.status ?? 'all', readCursor(query.cursor, STAFF_FAQ_ORDER), limit);
    const page = toPage(
      rows,
      limit,
      (f) => f,
      (f) => ({ k: f.updatedAt.toISOString(), id: f.id }),
    );
    return { items: await this.staffItems(actor, page.items), nextCursor: page.nextCursor };
  }

  async staffDetail(actor: Actor, id: string): Promise<StaffFaqItem> {
    const entry = await this.faq.findById(id);
    if (!entry) throw notFound();
    return (await this.staffItems(actor, [entry]))[0];
  }

  private async staffItems(actor: Actor, rows: FaqEntryEntity[]): Promise<StaffFaqItem[]> {
    const names = await this.faq.names(rows.flatMap((f) => [f.createdBy, f.editedBy, f.reviewedBy]));
    const numbers = await this.faq.caseNumbers(rows.map((f) => f.sourceCaseId));
    return rows.map((f) => toStaffFaqItem(f, names, numbers, reviewOf(actor, f)));
  }

  /** `GET /staff/faq/case-source/:caseId`: what the editor pre-fills from a resolved consultation the caller sees. */
  async caseSource(actor: Actor, caseId: string): Promise<FaqCaseSource> {
    const c = await this.sourceCase(actor, caseId);
    const reply = await this.faq.lastStaffReply(caseId);
    const existing = await this.faq.findBySourceCase(caseId);
    return {
      caseId: c.id,
      caseNumber: c.number,
      question: c.content,
      answer: reply?.content ?? c.result ?? '',
      category: c.category,
      identity: { enterpriseName: c.enterprise?.name ?? '', creditCode: c.enterprise?.creditCode ?? '' },
      existingFaqId: existing?.id ?? null,
    };
  }

  /** `POST /staff/faq`: a draft (from a resolved consultation the caller sees, when `caseId` is given). */
  async create(actor: Actor, dto: FaqInputDto, meta: RequestMeta): Promise<StaffFaqItem> {
    const fields = clean({
      question: dto.question,
      answer: dto.answer,
      categories: dto.categories,
      policyIds: dto.policyIds ?? [],
    }) as FaqFields;
    const caseId = dto.caseId?.toLowerCase() ?? null;
    const id = await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      let identity: FaqIdentity | null = null;
      if (caseId) {
        const c = await this.sourceCase(actor, caseId, m);
        if (await this.faq.findBySourceCase(caseId, m)) throw fieldError('caseId', CASE_ALREADY_USED_MESSAGE);
        identity = identityOf(c);
      }
      await this.checkFields(fields, null, identity, m);
      const id = await this.faq.insert(fields, actor.id, caseId, m);
      await change.audit(
        AuditAction.FAQ_DRAFTED,
        { type: FAQ_TARGET, id },
        { caseId, question: fields.question, answerChars: fields.answer.length, categories: fields.categories },
      );
      return id;
    });
    return this.staffDetail(actor, id);
  }

  /** `PATCH /staff/faq/:id`: the text; a published entry goes back to review (draft). The editor may not publish it. */
  async update(actor: Actor, id: string, dto: UpdateFaqDto, meta: RequestMeta): Promise<StaffFaqItem> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const current = await this.faq.findForUpdate(id, m);
      if (!current) throw notFound();
      const before: FaqFields = {
        question: current.question,
        answer: current.answer,
        categories: current.categories,
        policyIds: current.policyIds,
      };
      const after: FaqFields = { ...before, ...clean(dto) };
      const changed = (Object.keys(after) as Array<keyof FaqFields>).filter((k) =>
        Array.isArray(after[k]) ? !sameList(after[k] as string[], before[k] as string[]) : after[k] !== before[k],
      );
      if (changed.length === 0) return;
      const identity = current.sourceCaseId ? await this.identityOfCase(current.sourceCaseId, m) : null;
      await this.checkFields(after, current, identity, m);
      const status: FaqStatus = current.status === 'published' ? 'draft' : current.status;
      await this.faq.update(id, after, { editedBy: actor.id, status }, m);
      await change.audit(
        AuditAction.FAQ_UPDATED,
        { type: FAQ_TARGET, id },
        { from: current.status, to: status, changed },
      );
    });
    return this.staffDetail(actor, id);
  }

  /**
   * `POST /staff/faq/:id/publish`: a supervisor or admin who neither wrote nor last edited it (four eyes). Its text
   * is checked once more. Publishing a published entry changes nothing.
   */
  async publish(actor: Actor, id: string, meta: RequestMeta): Promise<StaffFaqItem> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const current = await this.faq.findForUpdate(id, m);
      if (!current) throw notFound();
      if (current.status === 'published') return;
      const review = reviewOf(actor, current);
      if (!review.canPublish) {
        const message = review.publishBlocked ?? FOUR_EYES_MESSAGE;
        throw new AppException('FORBIDDEN', [{ field: 'id', message }], undefined, message);
      }
      const identity = current.sourceCaseId ? await this.identityOfCase(current.sourceCaseId, m) : null;
      this.checkIdentity(current, identity);
      await this.faq.setStatus(id, { status: 'published', reviewedBy: actor.id, publishedAt: new Date() }, m);
      await change.audit(
        AuditAction.FAQ_PUBLISHED,
        { type: FAQ_TARGET, id },
        { from: current.status, author: current.createdBy, editor: current.editedBy },
      );
    });
    return this.staffDetail(actor, id);
  }

  /** `POST /staff/faq/:id/withdraw`: out of public sight; withdrawing twice changes nothing. */
  async withdraw(actor: Actor, id: string, meta: RequestMeta): Promise<StaffFaqItem> {
    await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.faq.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      if (current.status === 'withdrawn') return;
      if (current.status === 'draft') throw fieldError('status', NOT_PUBLISHED_WITHDRAW_MESSAGE);
      await this.faq.setStatus(id, { status: 'withdrawn' }, change.manager);
      await change.audit(AuditAction.FAQ_WITHDRAWN, { type: FAQ_TARGET, id }, { from: current.status });
    });
    return this.staffDetail(actor, id);
  }

  /**
   * `GET /staff/faq/deflections?from=&to=`: form sessions whose first suggestion was opened on those days
   * (Asia/Shanghai), and how many were followed by a case of the same user within 24 h — the rest are questions
   * a suggestion answered before they were asked (as far as can be known when read).
   */
  async deflections(query: FaqDeflectionQueryDto): Promise<FaqDeflections> {
    const span = calendarDaysBetween(query.from, query.to) + 1;
    if (span < 1) throw fieldError('to', '结束日期不能早于开始日期');
    if (span > FAQ_DEFLECTION_MAX_DAYS) throw fieldError('to', `统计区间不能超过${FAQ_DEFLECTION_MAX_DAYS}天`);
    const { opened, sent } = await this.faq.deflections(
      startOfShanghaiDay(query.from),
      startOfShanghaiDay(addCalendarDays(query.to, 1)),
    );
    return { from: query.from, to: query.to, opened, sent, notSent: opened - sent };
  }

  // ───────────── rules ─────────────

  /** A consultation the caller sees, resolved: the source of an entry. Unseen: 404; another type or state: 400. */
  private async sourceCase(actor: Actor, caseId: string, manager?: EntityManager): Promise<CaseEntity> {
    const c = await this.faq.findCase(caseId, manager);
    if (!c || !canSeeCase(await this.viewers.of(actor), c)) throw notFound();
    if (c.type !== CaseType.CONSULT) throw fieldError('caseId', CASE_NOT_CONSULT_MESSAGE);
    if (!RESOLVED_STATES.includes(c.state)) throw fieldError('caseId', CASE_NOT_RESOLVED_MESSAGE);
    return c;
  }

  private async identityOfCase(caseId: string, m: EntityManager): Promise<FaqIdentity | null> {
    const c = await this.faq.findCase(caseId, m);
    return c ? identityOf(c) : null;
  }

  private checkIdentity(fields: Pick<FaqFields, 'question' | 'answer'>, identity: FaqIdentity | null): void {
    for (const field of ['question', 'answer'] as const) {
      const problem = identityProblem(fields[field], identity);
      if (problem) throw fieldError(field, IDENTITY_MESSAGES[problem]);
    }
  }

  /**
   * The checks an entry's text must pass: no identity of the source enterprise and no phone number; categories
   * it adds active entries of the 政策类别 dictionary; linked policies that exist.
   */
  private async checkFields(
    fields: FaqFields,
    current: FaqEntryEntity | null,
    identity: FaqIdentity | null,
    m: EntityManager,
  ): Promise<void> {
    this.checkIdentity(fields, identity);
    const held = new Set(current?.categories ?? []);
    const errors: ErrorDetail[] = await this.dictionaries.unknownValues(
      [{ field: 'categories', kind: 'categories', values: fields.categories.filter((c) => !held.has(c)) }],
      m,
    );
    const known = await this.faq.existingPolicyIds(fields.policyIds, m);
    if (fields.policyIds.some((id) => !known.has(id)))
      errors.push({ field: 'policyIds', message: UNKNOWN_POLICY_MESSAGE });
    if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
  }
}

function identityOf(c: CaseEntity): FaqIdentity | null {
  return c.enterprise ? { enterpriseName: c.enterprise.name, creditCode: c.enterprise.creditCode } : null;
}
