import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CreateDictionaryEntryDto,
  DictionaryEntry,
  DictionaryResponse,
  UpdateDictionaryEntryDto,
} from '@qsgj/shared/contracts';
import { AuditAction, DICTIONARY_KIND_LABEL, type DictionaryKind } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { DICTIONARY_ENTRIES_MAX, DICTIONARY_VALUE_MAX, WHOLE_CITY } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { AuditService } from '../audit/audit.service';
import { type ChangeAuthor, Changes } from '../audit/changes';
import { DEFAULT_DICTIONARIES } from './defaults';
import { toDictionaryEntry } from './dictionaries.mapper';
import { DictionariesRepository } from './dictionaries.repository';
import type { DictionaryEntryEntity } from './dictionary-entry.entity';

/** How long one process may answer the public list from memory (scale.md: seconds stale is fine). */
const CACHE_MS = 5_000;

/**
 * The longest value of each kind: a district is also stored in `enterprises.district` (30 characters), the
 * others in columns of DICTIONARY_VALUE_MAX.
 */
const VALUE_MAX: Record<DictionaryKind, number> = {
  categories: DICTIONARY_VALUE_MAX,
  industries: DICTIONARY_VALUE_MAX,
  districts: 30,
  qualifications: DICTIONARY_VALUE_MAX,
};

/** 「“xxx”不在企业资质字典中」: what a value outside the kind's active entries is told. */
export function notInDictionaryMessage(kind: DictionaryKind, value: string): string {
  return `“${value}”不在${DICTIONARY_KIND_LABEL[kind]}字典中`;
}

/** One list of values to check against a dictionary, reported under `field`. */
export interface DictionaryCheck {
  field: string;
  kind: DictionaryKind;
  values: readonly string[];
}

/**
 * The admin-managed dictionaries (政策类别、行业、区域、企业资质): the public lists, the admin's changes, and the
 * checks other domains make (policies, their import, 一企一档) that a value is one of the active entries.
 */
@Injectable()
export class DictionariesService {
  private readonly cache = new Map<DictionaryKind, { until: number; items: DictionaryEntry[] }>();
  /** After a write the kind is read from the database until this moment (its transaction may commit later). */
  private readonly uncachedUntil = new Map<DictionaryKind, number>();

  constructor(
    private readonly entries: DictionariesRepository,
    private readonly changes: Changes,
    private readonly audit: AuditService,
  ) {}

  /** The kind's ACTIVE entries, by sort then value: what pickers offer. May be a few seconds stale in another process. */
  async list(kind: DictionaryKind): Promise<DictionaryEntry[]> {
    const now = Date.now();
    const cached = this.cache.get(kind);
    if (cached && cached.until > now) return cached.items;
    const items = (await this.entries.listOfKind(kind, false)).map(toDictionaryEntry);
    if ((this.uncachedUntil.get(kind) ?? 0) <= now) this.cache.set(kind, { until: now + CACHE_MS, items });
    return items;
  }

  /** `GET /dictionaries/:kind`. */
  async publicList(kind: DictionaryKind): Promise<DictionaryResponse> {
    return { kind, items: await this.list(kind) };
  }

  /** `GET /admin/dictionaries/:kind`: every entry, inactive ones too, never from memory. */
  async adminList(kind: DictionaryKind): Promise<DictionaryResponse> {
    return { kind, items: (await this.entries.listOfKind(kind, true)).map(toDictionaryEntry) };
  }

  /**
   * The values (in the order given, without repeats) that are not ACTIVE entries of the kind. Read from the
   * database, inside `manager`'s transaction when given (so it sees what that transaction added).
   */
  async missing(kind: DictionaryKind, values: readonly string[], manager?: EntityManager): Promise<string[]> {
    const unique = [...new Set(values)];
    const active = await this.entries.activeAmong(kind, unique, manager);
    return unique.filter((v) => !active.has(v));
  }

  /**
   * Adds to the kind the values it lacks (after its last entry) and reactivates inactive ones, in `manager`'s
   * transaction; returns the values added or reactivated. With `author`, each gets its audit row
   * (DICTIONARY_ENTRY_CREATED) in the same transaction. Values with a `dictionaryValueProblem` are the caller's
   * to refuse first.
   */
  async addMissing(
    kind: DictionaryKind,
    values: readonly string[],
    manager: EntityManager,
    author?: ChangeAuthor,
  ): Promise<string[]> {
    const wanted = await this.missing(kind, values, manager);
    const added = await this.entries.addMissing(kind, wanted, manager);
    if (added.length > 0) this.forget(kind);
    if (author) {
      for (const { id, value } of added) {
        await this.audit.record(
          {
            action: AuditAction.DICTIONARY_ENTRY_CREATED,
            actor: author.actor,
            ip: author.meta?.ip ?? null,
            requestId: author.meta?.requestId ?? null,
            targetType: 'dictionary_entry',
            targetId: String(id),
            details: { kind, value, via: 'addMissing' },
          },
          manager,
        );
      }
    }
    return added.map((e) => e.value);
  }

  /**
   * Per-field errors for every value of the checks that is not an active entry of its kind (「“xxx”不在企业资质字典中」),
   * in one list; empty when all are.
   */
  async unknownValues(checks: readonly DictionaryCheck[], manager?: EntityManager): Promise<ErrorDetail[]> {
    const errors: ErrorDetail[] = [];
    for (const check of checks) {
      for (const value of await this.missing(check.kind, check.values, manager)) {
        errors.push({ field: check.field, message: notInDictionaryMessage(check.kind, value) });
      }
    }
    return errors;
  }

  /**
   * Writes the demo city's values into every dictionary that has no entry at all (start-up, every deployment).
   * Idempotent, and safe when several processes start at once.
   */
  async seedDefaults(): Promise<void> {
    for (const [kind, values] of Object.entries(DEFAULT_DICTIONARIES) as Array<[DictionaryKind, readonly string[]]>) {
      await this.entries.seedIfEmpty(kind, values);
      this.forget(kind);
    }
  }

  create(
    actor: Actor,
    kind: DictionaryKind,
    dto: CreateDictionaryEntryDto,
    meta: RequestMeta,
  ): Promise<DictionaryEntry> {
    const value = dto.value.trim();
    checkLength(kind, value);
    return this.written(kind, () =>
      this.changes.run({ actor, meta }, async (change) => {
        const m = change.manager;
        if ((await this.entries.countOfKind(kind, m)) >= DICTIONARY_ENTRIES_MAX) {
          throw fieldError('value', `${DICTIONARY_KIND_LABEL[kind]}字典最多 ${DICTIONARY_ENTRIES_MAX} 项`);
        }
        const sort = dto.sort ?? (await this.entries.nextSort(kind, m));
        const entry = await this.entries.insertIfFree({ kind, value, sort }, m);
        if (!entry) throw valueTaken(kind, value);
        await change.audit(
          AuditAction.DICTIONARY_ENTRY_CREATED,
          { type: 'dictionary_entry', id: String(entry.id) },
          { kind, value, sort },
        );
        return toDictionaryEntry(entry);
      }),
    );
  }

  /**
   * Renames, re-sorts, (de)activates. A rename rewrites the value wherever it is stored (policies, enterprise
   * profiles, subscriptions, FAQ entries, service packages, events, market posts) in the same transaction;
   * deactivating leaves it where it is used. 全市 keeps its name (it is what makes a policy cover every district).
   * Changing nothing changes and records nothing.
   */
  update(
    actor: Actor,
    kind: DictionaryKind,
    id: number,
    dto: UpdateDictionaryEntryDto,
    meta: RequestMeta,
  ): Promise<DictionaryEntry> {
    const value = dto.value?.trim();
    if (value !== undefined) checkLength(kind, value);
    return this.written(kind, () =>
      this.changes.run({ actor, meta }, async (change) => {
        const m = change.manager;
        const before = await this.entries.lockOfKind(kind, id, m);
        if (!before) throw notFound();
        const patch: { value?: string; sort?: number; active?: boolean } = {};
        if (value !== undefined && value !== before.value) patch.value = value;
        if (dto.sort !== undefined && dto.sort !== before.sort) patch.sort = dto.sort;
        if (dto.active !== undefined && dto.active !== before.active) patch.active = dto.active;
        if (Object.keys(patch).length === 0) return toDictionaryEntry(before);

        if (patch.value !== undefined && kind === 'districts' && before.value === WHOLE_CITY) {
          throw fieldError('value', `“${WHOLE_CITY}”表示政策覆盖全市各区域，不能改名`);
        }
        // The check answers the usual case; update() still reports a race the check missed.
        const taken = patch.value !== undefined && (await this.entries.isValueTaken(kind, patch.value, m));
        if (taken || !(await this.entries.update(id, patch, m))) throw valueTaken(kind, patch.value!);
        const rewritten =
          patch.value !== undefined ? await this.entries.renameEverywhere(kind, before.value, patch.value, m) : null;
        const after = await this.entries.findById(id, m);
        if (!after) throw notFound();
        await change.audit(
          AuditAction.DICTIONARY_ENTRY_UPDATED,
          { type: 'dictionary_entry', id: String(id) },
          { kind, before: pick(before, patch), after: pick(after, patch), ...(rewritten ? { rewritten } : {}) },
        );
        return toDictionaryEntry(after);
      }),
    );
  }

  /** Runs a write of the kind; the kind is read from the database meanwhile and for a while after. */
  private async written<T>(kind: DictionaryKind, work: () => Promise<T>): Promise<T> {
    this.forget(kind);
    try {
      return await work();
    } finally {
      this.forget(kind);
    }
  }

  private forget(kind: DictionaryKind): void {
    this.cache.delete(kind);
    this.uncachedUntil.set(kind, Date.now() + CACHE_MS);
  }
}

/** Why a value cannot be an entry of the kind (blank, longer than where it is stored), or null. */
export function dictionaryValueProblem(kind: DictionaryKind, value: string): string | null {
  if (value.trim().length === 0) return '名称不能只有空格';
  const max = VALUE_MAX[kind];
  if ([...value].length > max) return `${DICTIONARY_KIND_LABEL[kind]}名称不能超过 ${max} 个字符`;
  return null;
}

function checkLength(kind: DictionaryKind, value: string): void {
  const problem = dictionaryValueProblem(kind, value);
  if (problem) throw fieldError('value', problem);
}

function valueTaken(kind: DictionaryKind, value: string): AppException {
  const message = `${DICTIONARY_KIND_LABEL[kind]}字典中已有“${value}”`;
  return new AppException('DICTIONARY_VALUE_TAKEN', [{ field: 'value', message }], undefined, message);
}

/** The fields a patch changes, as they are on the entry. */
function pick(e: DictionaryEntryEntity, patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, e[k as keyof DictionaryEntryEntity]]));
}
