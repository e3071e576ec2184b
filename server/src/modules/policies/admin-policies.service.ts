import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AdminPolicyItem,
  AdminPolicyQueryDto,
  Page,
  PolicyDetail,
  PolicyInputDto,
  PolicyPublishResponse,
  PushProgress,
  UpdatePolicyDto,
} from '@qsgj/shared/contracts';
import { POLICY_PAGE_MAX } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import type { Change } from '../audit/changes';
import { Changes } from '../audit/changes';
import { type DictionaryCheck, DictionariesService } from '../dictionaries/dictionaries.service';
import { ADMIN_POLICY_ORDER, type PolicyFields, PoliciesRepository } from './policies.repository';
import type { PolicyEntity, StoredPolicyStatus } from './policy.entity';
import {
  changedFields,
  DICTIONARY_FIELDS,
  fieldsOf,
  patchedFields,
  periodProblems,
  toPolicyFields,
} from './policy-input';
import { toAdminPolicyItem, toPolicyDetail } from './policy.mapper';
import { policyToday } from './policy-viewers';
import { PolicyPushService } from './push/policy-push.service';
import { PolicySearchService } from './search/policy-search.service';

/** The audit rows' target type of a policy. */
export const POLICY_TARGET = 'policy';

export const DOC_NUMBER_TAKEN_MESSAGE = '该文号已被另一条政策使用，请核对文号';
export const EXPIRED_PUBLISH_MESSAGE = '该政策的失效日期已过，不能发布；请修改失效日期后再发布';

/** The workbench's policies (admins only): list, read, write, publish, withdraw. Every change audited. */
@Injectable()
export class AdminPoliciesService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly search: PolicySearchService,
    private readonly dictionaries: DictionariesService,
    private readonly pushes: PolicyPushService,
    private readonly changes: Changes,
  ) {}

  /** `GET /admin/policies`: with `q`, searched (every stored status); without, the latest change first. */
  async list(query: AdminPolicyQueryDto): Promise<Page<AdminPolicyItem>> {
    const today = policyToday();
    const status = query.status ?? 'all';
    if (query.q !== undefined && query.q.trim() !== '') {
      const statuses: StoredPolicyStatus[] | undefined =
        status === 'all' ? undefined : status === 'expired' ? ['published'] : [status];
      const validity = status === 'expired' ? 'expired' : status === 'published' ? 'in_force' : 'all';
      const page = await this.search.search(
        { q: query.q, cursor: query.cursor, limit: query.limit, status: validity },
        { staff: true, statuses, today },
      );
      const pushes = await this.pushes.lastPushIdsOf(page.items.map((h) => h.row.id));
      return {
        items: page.items.map((h) => toAdminPolicyItem(h.row, today, pushes.get(h.row.id) ?? null, h.highlight)),
        nextCursor: page.nextCursor,
      };
    }
    const limit = Math.min(pageLimit(query.limit), POLICY_PAGE_MAX);
    const rows = await this.policies.listForAdmin(status, today, readCursor(query.cursor, ADMIN_POLICY_ORDER), limit);
    const page = toPage(
      rows,
      limit,
      (p) => p,
      (p) => ({ k: p.updatedAt.toISOString(), id: p.id }),
    );
    const pushes = await this.pushes.lastPushIdsOf(page.items.map((p) => p.id));
    return {
      items: page.items.map((p) => toAdminPolicyItem(p, today, pushes.get(p.id) ?? null)),
      nextCursor: page.nextCursor,
    };
  }

  /** `GET /admin/policies/:id`: any status (the editor and the preview). */
  async detail(id: string): Promise<PolicyDetail> {
    const policy = await this.policies.findById(id);
    if (!policy) throw notFound();
    return toPolicyDetail(policy, policyToday(), { favorite: false, match: null });
  }

  /** `POST /admin/policies`: a draft. */
  async create(actor: Actor, dto: PolicyInputDto, meta: RequestMeta): Promise<PolicyDetail> {
    const fields = toPolicyFields(dto);
    const id = await this.changes.run({ actor, meta }, async (change) => {
      await this.checkFields(fields, null, change.manager);
      const id = await this.policies.insert(fields, actor.id, change.manager);
      await change.audit(AuditAction.POLICY_CREATED, { type: POLICY_TARGET, id }, { fields: auditFields(fields) });
      return id;
    });
    return this.detail(id);
  }

  /** `PATCH /admin/policies/:id`: a published policy stays published and is not pushed again. */
  async update(actor: Actor, id: string, dto: UpdatePolicyDto, meta: RequestMeta): Promise<PolicyDetail> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const current = await this.policies.findForUpdate(id, m);
      if (!current) throw notFound();
      const before = fieldsOf(current);
      const after = patchedFields(before, dto);
      const changed = changedFields(before, after);
      if (Object.keys(changed).length === 0) return;
      await this.checkFields(after, current, m);
      await this.policies.update(id, after, m);
      await change.audit(AuditAction.POLICY_UPDATED, { type: POLICY_TARGET, id }, { status: current.status, changed });
    });
    return this.detail(id);
  }

  /**
   * `POST /admin/policies/:id/publish`: in one transaction the policy becomes published (its first publication
   * date kept) and its push job is written. Publishing a published policy changes nothing and pushes nothing.
   */
  async publish(actor: Actor, id: string, meta: RequestMeta): Promise<PolicyPublishResponse> {
    const push = await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.policies.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      return this.publishIn(change, current, actor.id);
    });
    return { policy: await this.adminItem(id), push };
  }

  /**
   * Publishes a locked policy inside `change` (the admin's publish and `?publish=true` imports): refused when
   * its dates are wrong or have passed; nothing happens to a policy already published.
   */
  async publishIn(change: Change, current: PolicyEntity, actorId: string): Promise<PushProgress | null> {
    if (current.status === 'published') return null;
    const refusal = publishRefusal(current, policyToday());
    if (refusal) throw fieldError(refusal.field, refusal.message);
    const publishedAt = current.publishedAt ?? new Date();
    await this.policies.setStatus(current.id, { status: 'published', publishedAt }, change.manager);
    const push = await this.pushes.enqueue(change.manager, current.id, actorId);
    await change.audit(
      AuditAction.POLICY_PUBLISHED,
      { type: POLICY_TARGET, id: current.id },
      { from: current.status, firstPublication: current.publishedAt === null, pushId: push?.id ?? null },
    );
    return push;
  }

  /** `POST /admin/policies/:id/withdraw`: out of sight for everyone but staff; withdrawing twice changes nothing. */
  async withdraw(actor: Actor, id: string, meta: RequestMeta): Promise<PolicyPublishResponse> {
    await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.policies.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      if (current.status === 'withdrawn') return;
      if (current.status === 'draft') throw fieldError('status', '该政策尚未发布，无需撤回');
      await this.policies.setStatus(id, { status: 'withdrawn' }, change.manager);
      await change.audit(AuditAction.POLICY_WITHDRAWN, { type: POLICY_TARGET, id }, { from: current.status });
    });
    return { policy: await this.adminItem(id), push: null };
  }

  /**
   * The checks a policy's fields must pass before they are stored: a coherent period, a 文号 of its own, and
   * every list value it adds an active entry of its dictionary (values it already holds stay, even once their
   * entry is deactivated). The problems are thrown together (400), the first one's message on top.
   */
  async checkFields(fields: PolicyFields, current: PolicyEntity | null, manager: EntityManager): Promise<void> {
    const errors: ErrorDetail[] = periodProblems(fields);
    const other = await this.policies.findByDocNumber(fields.docNumber, manager);
    if (other && other.id !== current?.id) errors.push({ field: 'docNumber', message: DOC_NUMBER_TAKEN_MESSAGE });
    errors.push(...(await this.dictionaries.unknownValues(newDictionaryValues(fields, current), manager)));
    if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
  }

  private async adminItem(id: string): Promise<AdminPolicyItem> {
    const policy = await this.policies.findById(id);
    if (!policy) throw notFound();
    const pushes = await this.pushes.lastPushIdsOf([id]);
    return toAdminPolicyItem(policy, policyToday(), pushes.get(id) ?? null);
  }
}

/** The dictionary values of `fields` that `current` (the stored policy, if any) does not hold yet, by list. */
export function newDictionaryValues(fields: PolicyFields, current: PolicyEntity | null): DictionaryCheck[] {
  return DICTIONARY_FIELDS.map(({ field, kind }) => {
    const held = new Set<string>(current ? (current[field] as string[]) : []);
    return { field, kind, values: (fields[field] as string[]).filter((v) => !held.has(v)) };
  });
}

/** Why a policy cannot be published today: its period is inverted, or it ended before today. */
export function publishRefusal(
  p: Pick<PolicyFields, 'validFrom' | 'validTo'>,
  today: string,
): { field: string; message: string } | null {
  const [period] = periodProblems(p);
  if (period) return period;
  if (p.validTo !== null && p.validTo < today) return { field: 'validTo', message: EXPIRED_PUBLISH_MESSAGE };
  return null;
}

/** A policy's fields as its audit row records them (rich text by its length only). */
export function auditFields(f: PolicyFields): Record<string, unknown> {
  const { body, interpretation, ...rest } = f;
  return { ...rest, bodyChars: body.length, interpretationChars: interpretation.length };
}
