import type { PolicyInputDto, UpdatePolicyDto } from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { isCalendarDay } from '@qsgj/shared/rules';
import { sanitizePolicyHtml } from './policy-html';
import type { PolicyEntity } from './policy.entity';
import type { PolicyFields } from './policies.repository';

/** The policy lists whose values come from a dictionary, by the dictionary they come from. */
export const DICTIONARY_FIELDS: ReadonlyArray<{ field: keyof PolicyFields; kind: DictionaryKind; label: string }> = [
  { field: 'categories', kind: 'categories', label: '政策类别' },
  { field: 'industries', kind: 'industries', label: '适用行业' },
  { field: 'districts', kind: 'districts', label: '适用区域' },
  { field: 'qualifications', kind: 'qualifications', label: '资质要求' },
];

const trimmedOrNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/** A validated input as the fields stored: trimmed texts, rich text sanitised, lists defaulting to no restriction. */
export function toPolicyFields(dto: PolicyInputDto): PolicyFields {
  return {
    title: dto.title.trim(),
    docNumber: dto.docNumber.trim(),
    issuer: dto.issuer.trim(),
    level: dto.level,
    categories: dto.categories.map((v) => v.trim()),
    industries: (dto.industries ?? []).map((v) => v.trim()),
    scales: dto.scales ?? [],
    districts: (dto.districts ?? []).map((v) => v.trim()),
    qualifications: (dto.qualifications ?? []).map((v) => v.trim()),
    validFrom: dto.validFrom ?? null,
    validTo: dto.validTo ?? null,
    summary: (dto.summary ?? '').trim(),
    body: sanitizePolicyHtml(dto.body ?? ''),
    interpretation: sanitizePolicyHtml(dto.interpretation ?? ''),
    attachments: (dto.attachments ?? []).map((a) => ({ name: a.name.trim(), url: a.url })),
    sourceUrl: trimmedOrNull(dto.sourceUrl),
  };
}

/** A stored policy's fields. */
export function fieldsOf(p: PolicyEntity): PolicyFields {
  return {
    title: p.title,
    docNumber: p.docNumber,
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
    attachments: p.attachments,
    sourceUrl: p.sourceUrl,
  };
}

/** The fields after a PATCH: what it names replaces, the rest stays. */
export function patchedFields(current: PolicyFields, dto: UpdatePolicyDto): PolicyFields {
  const next: PolicyFields = { ...current };
  if (dto.title !== undefined) next.title = dto.title.trim();
  if (dto.docNumber !== undefined) next.docNumber = dto.docNumber.trim();
  if (dto.issuer !== undefined) next.issuer = dto.issuer.trim();
  if (dto.level !== undefined) next.level = dto.level;
  if (dto.categories !== undefined) next.categories = dto.categories.map((v) => v.trim());
  if (dto.industries !== undefined) next.industries = dto.industries.map((v) => v.trim());
  if (dto.scales !== undefined) next.scales = dto.scales;
  if (dto.districts !== undefined) next.districts = dto.districts.map((v) => v.trim());
  if (dto.qualifications !== undefined) next.qualifications = dto.qualifications.map((v) => v.trim());
  if (dto.validFrom !== undefined) next.validFrom = dto.validFrom;
  if (dto.validTo !== undefined) next.validTo = dto.validTo;
  if (dto.summary !== undefined) next.summary = dto.summary.trim();
  if (dto.body !== undefined) next.body = sanitizePolicyHtml(dto.body);
  if (dto.interpretation !== undefined) next.interpretation = sanitizePolicyHtml(dto.interpretation);
  if (dto.attachments !== undefined)
    next.attachments = dto.attachments.map((a) => ({ name: a.name.trim(), url: a.url }));
  if (dto.sourceUrl !== undefined) next.sourceUrl = trimmedOrNull(dto.sourceUrl);
  return next;
}

const RICH = new Set<keyof PolicyFields>(['body', 'interpretation']);

/** What a change changed, for its audit row: each field's before and after (rich text: only that it changed). */
export function changedFields(before: PolicyFields, after: PolicyFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof PolicyFields>) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out[key] = RICH.has(key) ? { changed: true } : { before: before[key], after: after[key] };
  }
  return out;
}

/** What is wrong with a policy's period: a day that does not exist (2026-02-30), or the end before the start. */
export function periodProblems(f: Pick<PolicyFields, 'validFrom' | 'validTo'>): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (f.validFrom !== null && !isCalendarDay(f.validFrom))
    errors.push({ field: 'validFrom', message: '生效日期不是有效的日期' });
  if (f.validTo !== null && !isCalendarDay(f.validTo))
    errors.push({ field: 'validTo', message: '失效日期不是有效的日期' });
  if (errors.length === 0 && f.validFrom !== null && f.validTo !== null && f.validTo < f.validFrom) {
    errors.push({ field: 'validTo', message: '失效日期不能早于生效日期' });
  }
  return errors;
}
