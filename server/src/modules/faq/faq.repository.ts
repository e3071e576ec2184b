import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { FaqStatus } from '@qsgj/shared/contracts';
import { FAQ_DEFLECTION_WINDOW_HOURS } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { CaseEntity } from '../cases/case.entity';
import { CaseMessageEntity } from '../cases/case-message.entity';
import { PolicyEntity } from '../policies/policy.entity';
import { indexFields } from '../policies/search/index-fields';
import type { ParsedQuery } from '../policies/search/query';
import { UserEntity } from '../users/user.entity';
import { FaqEntryEntity } from './faq-entry.entity';
import { FaqSuggestionDraftEntity } from './faq-suggestion-draft.entity';

/** What staff write of an entry. */
export type FaqFields = Pick<FaqEntryEntity, 'question' | 'answer' | 'categories' | 'policyIds'>;

/** The workbench's list: the latest change first. */
export const STAFF_FAQ_ORDER: KeysetOrder = {
  table: 'faq_entries',
  alias: 'f',
  keys: [(a) => `${a}.updated_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** The public list without a query: the newest publication first. */
export const PUBLIC_FAQ_ORDER: KeysetOrder = {
  table: 'faq_entries',
  alias: 'f',
  keys: [(a) => `${a}.published_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** The columns a list needs (everything but the search columns). */
const LIST_COLUMNS: ReadonlyArray<keyof FaqEntryEntity> = [
  'id',
  'question',
  'answer',
  'categories',
  'policyIds',
  'status',
  'sourceCaseId',
  'createdBy',
  'editedBy',
  'reviewedBy',
  'publishedAt',
  'viewCount',
  'createdAt',
  'updatedAt',
];

/** The search columns of an entry: the policies' `indexFields` over the question (as title) and the answer. */
export function faqIndex(f: Pick<FaqFields, 'question' | 'answer'>) {
  return indexFields({ title: f.question, docNumber: '', summary: f.answer, body: '', interpretation: '' });
}

/** Every word in the question (a condition on alias `a`). */
function inQuestion(parsed: ParsedQuery, a = 'f'): string {
  return parsed.words.map((_, i) => `strpos(${a}.search_title, CAST(:w${i} AS text)) > 0`).join(' AND ');
}

function wordParams(words: readonly string[], prefix = 'w'): Record<string, string> {
  return Object.fromEntries(words.map((w, i) => [`${prefix}${i}`, w]));
}

/** A tsquery literal of a word's bigrams (or the character), as the policies' query parser writes them. */
function quoted(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The one repository of `faq_entries` and `faq_suggestion_drafts` (and the reads of cases and policies it needs). */
@Injectable()
export class FaqRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private entries(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(FaqEntryEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<FaqEntryEntity | null> {
    return this.entries(manager).findOne({ where: { id } });
  }

  /** The row locked for a change, so two changes of one entry queue up. */
  findForUpdate(id: string, manager: EntityManager): Promise<FaqEntryEntity | null> {
    return this.entries(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findBySourceCase(caseId: string, manager?: EntityManager): Promise<FaqEntryEntity | null> {
    return this.entries(manager).findOne({ where: { sourceCaseId: caseId } });
  }

  /** Inserts a draft with its search columns; its id. */
  async insert(
    fields: FaqFields,
    authorId: string,
    sourceCaseId: string | null,
    manager: EntityManager,
  ): Promise<string> {
    const index = faqIndex(fields);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(FaqEntryEntity)
      .values({
        ...fields,
        status: 'draft',
        sourceCaseId,
        createdBy: authorId,
        editedBy: authorId,
        searchTitle: index.searchTitle,
        searchDoc: index.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', index.searchVector)
      .returning(['id'])
      .execute();
    return (result.identifiers[0] ?? (result.raw as Array<{ id: string }>)[0]).id as string;
  }

  /** Writes the whole text of an entry (and its search columns), its editor and status. */
  async update(
    id: string,
    whole: FaqFields,
    patch: { editedBy: string; status: FaqStatus },
    manager: EntityManager,
  ): Promise<void> {
    const index = faqIndex(whole);
    await manager
      .createQueryBuilder()
      .update(FaqEntryEntity)
      .set({
        ...whole,
        ...patch,
        searchTitle: index.searchTitle,
        searchDoc: index.searchDoc,
        searchVector: () => 'CAST(:searchVector AS tsvector)',
      })
      .setParameter('searchVector', index.searchVector)
      .where('id = :id', { id })
      .execute();
  }

  async setStatus(
    id: string,
    patch: Partial<Pick<FaqEntryEntity, 'status' | 'reviewedBy' | 'publishedAt'>>,
    manager: EntityManager,
  ): Promise<void> {
    await this.entries(manager).update({ id }, patch);
  }

  /** One more view of a published entry (a single UPDATE; no read-modify-write). */
  async countView(id: string): Promise<void> {
    await this.entries()
      .createQueryBuilder()
      .update()
      .set({ viewCount: () => 'view_count + 1', updatedAt: () => 'updated_at' })
      .where("id = :id AND status = 'published'", { id })
      .execute();
  }

  listForStaff(status: FaqStatus | 'all', after: Cursor | undefined, limit: number): Promise<FaqEntryEntity[]> {
    const qb = this.entries()
      .createQueryBuilder('f')
      .select(LIST_COLUMNS.map((c) => `f.${c}`));
    if (status !== 'all') qb.where('f.status = :status', { status });
    return keyset(qb, STAFF_FAQ_ORDER, after, limit).getMany();
  }

  private published(category: string | undefined): SelectQueryBuilder<FaqEntryEntity> {
    const qb = this.entries()
      .createQueryBuilder('f')
      .select(LIST_COLUMNS.map((c) => `f.${c}`))
      .where("f.status = 'published'");
    if (category !== undefined) qb.andWhere('f.categories @> ARRAY[CAST(:category AS text)]', { category });
    return qb;
  }

  /** Published entries, newest first. */
  listPublished(category: string | undefined, after: Cursor | undefined, limit: number): Promise<FaqEntryEntity[]> {
    return keyset(this.published(category), PUBLIC_FAQ_ORDER, after, limit).getMany();
  }

  /**
   * Published entries holding every word of the query: candidates from the bigram GIN index, each word rechecked
   * as a substring of the normalised text (the policies' approach). Entries with every word in the question first,
   * then the newest.
   */
  searchPublished(
    parsed: ParsedQuery,
    category: string | undefined,
    after: Cursor | undefined,
    limit: number,
  ): Promise<FaqEntryEntity[]> {
    const qb = this.published(category).setParameters(wordParams(parsed.words));
    qb.andWhere(`(${parsed.words.map((_, i) => `strpos(f.search_doc, CAST(:w${i} AS text)) > 0`).join(' AND ')})`);
    qb.andWhere('f.search_vector @@ CAST(:tsq AS tsquery)', { tsq: parsed.tsquery });
    const order: KeysetOrder = {
      ...PUBLIC_FAQ_ORDER,
      keys: [(a) => `(CASE WHEN ${inQuestion(parsed, a)} THEN 1 ELSE 0 END)`, (a) => `${a}.published_at`],
    };
    return keyset(qb, order, after, limit).getMany();
  }

  /**
   * Suggestions: published entries holding ANY of `terms` (a typed sentence is not one word), the ones holding the
   * most terms first (a term in the question counts twice), then the most viewed, then the newest. Candidates from
   * the bigram index (an OR of each term's bigrams), rechecked by substring.
   */
  async suggest(terms: readonly string[], grams: readonly string[][], limit: number): Promise<FaqEntryEntity[]> {
    if (terms.length === 0) return [];
    const tsq = grams.map((g) => `(${g.map(quoted).join(' & ')})`).join(' | ');
    const hit = (i: number, column: string) =>
      `(CASE WHEN strpos(f.${column}, CAST(:s${i} AS text)) > 0 THEN 1 ELSE 0 END)`;
    const score = terms.map((_, i) => `${hit(i, 'search_doc')} + ${hit(i, 'search_title')}`).join(' + ');
    const any = terms.map((_, i) => `strpos(f.search_doc, CAST(:s${i} AS text)) > 0`).join(' OR ');
    return this.published(undefined)
      .setParameters(wordParams(terms, 's'))
      .andWhere('f.search_vector @@ CAST(:tsq AS tsquery)', { tsq })
      .andWhere(`(${any})`)
      .orderBy(`(${score})`, 'DESC')
      .addOrderBy('f.view_count', 'DESC')
      .addOrderBy('f.published_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** Staff names by id (authors, editors, reviewers of a page). */
  async names(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.manager
      .getRepository(UserEntity)
      .find({ select: { id: true, name: true, username: true }, where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, u.name ?? u.username ?? '工作人员']));
  }

  /** Case numbers by id. */
  async caseNumbers(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Map();
    const cases = await this.dataSource.manager
      .getRepository(CaseEntity)
      .find({ select: { id: true, number: true }, where: { id: In(wanted) } });
    return new Map(cases.map((c) => [c.id, c.number]));
  }

  /** The linked policies that are published, in the order given. */
  async publishedPolicies(ids: readonly string[]): Promise<PolicyEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.manager
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .select([
        'p.id',
        'p.title',
        'p.docNumber',
        'p.issuer',
        'p.level',
        'p.categories',
        'p.summary',
        'p.validFrom',
        'p.validTo',
        'p.publishedAt',
        'p.status',
      ])
      .where("p.id IN (:...ids) AND p.status = 'published'", { ids: [...ids] })
      .getMany();
    return ids.map((id) => rows.find((r) => r.id === id)).filter((p): p is PolicyEntity => !!p);
  }

  /** The ids among `ids` that name a policy (any status: staff may link a draft they are about to publish). */
  async existingPolicyIds(ids: readonly string[], manager: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.getRepository(PolicyEntity).find({ select: { id: true }, where: { id: In([...ids]) } });
    return new Set(rows.map((r) => r.id));
  }

  isPublishedPolicy(id: string): Promise<boolean> {
    return this.dataSource.manager.getRepository(PolicyEntity).exists({ where: { id, status: 'published' } });
  }

  isPublishedEntry(id: string): Promise<boolean> {
    return this.entries().exists({ where: { id, status: 'published' } });
  }

  /**
   * A case with what an entry needs of it (its scope, type, state, text, result) and its enterprise's name and
   * credit code (what the entry must not hold).
   */
  findCase(id: string, manager?: EntityManager): Promise<CaseEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .leftJoin('c.enterprise', 'e')
      .select([
        'c.id',
        'c.number',
        'c.type',
        'c.state',
        'c.category',
        'c.content',
        'c.result',
        'c.enterpriseId',
        'c.departmentId',
        'c.butlerId',
        'c.addressedButlerId',
        'c.recordedBy',
        'e.id',
        'e.name',
        'e.creditCode',
      ])
      .where('c.id = :id', { id })
      .getOne();
  }

  /** The newest staff reply on a case. */
  lastStaffReply(caseId: string): Promise<CaseMessageEntity | null> {
    return this.dataSource.manager
      .getRepository(CaseMessageEntity)
      .findOne({ where: { caseId, authorKind: 'staff' }, order: { createdAt: 'DESC' } });
  }

  /**
   * Records an opened suggestion of a form session (the first open makes the row). A session id another user
   * already holds is left alone (false).
   */
  async recordOpen(draftId: string, userId: string, enterpriseId: string, target: string): Promise<boolean> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FaqSuggestionDraftEntity)
      .values({ draftId, userId, enterpriseId, opened: [target] })
      .orIgnore()
      .returning(['draftId'])
      .execute();
    if (Array.isArray(inserted.raw) && inserted.raw.length > 0) return true;
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(FaqSuggestionDraftEntity)
      .set({
        opens: () => 'opens + 1',
        lastOpenedAt: () => 'now()',
        opened: () =>
          'CASE WHEN CAST(:target AS text) = ANY(opened) THEN opened ELSE array_append(opened, CAST(:target AS text)) END',
      })
      .where('draft_id = :draftId AND user_id = :userId', { draftId, userId })
      .setParameter('target', target)
      .execute();
    return (updated.affected ?? 0) > 0;
  }

  /**
   * Form sessions whose first suggestion was opened in [from, toExclusive), and how many of them were followed by a
   * case the same user submitted for the same enterprise within 24 hours of that first open (both instants are the
   * database's clock). Reads each session's cases along `idx_cases_enterprise_created`.
   */
  async deflections(from: Date, toExclusive: Date): Promise<{ opened: number; sent: number }> {
    const row = (await this.dataSource.manager
      .getRepository(FaqSuggestionDraftEntity)
      .createQueryBuilder('d')
      .select('count(*)::int', 'opened')
      .addSelect(
        `count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "cases" c WHERE c.enterprise_id = d.enterprise_id
           AND c.submitter_id = d.user_id AND c.created_at >= d.first_opened_at
           AND c.created_at < d.first_opened_at + make_interval(hours => :windowHours)))::int`,
        'sent',
      )
      .where('d.first_opened_at >= :from AND d.first_opened_at < :toExclusive', { from, toExclusive })
      .setParameter('windowHours', FAQ_DEFLECTION_WINDOW_HOURS)
      .getRawOne()) as { opened: number | string; sent: number | string } | undefined;
    return { opened: Number(row?.opened ?? 0), sent: Number(row?.sent ?? 0) };
  }
}
