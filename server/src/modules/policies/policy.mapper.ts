import type { AdminPolicyItem, PolicyDetail, PolicyListItem, PolicyMatch, TextSegment } from '@qsgj/shared/contracts';
import type { PolicyStatus } from '@qsgj/shared/enums';
import type { Eligibility } from '@qsgj/shared/rules';
import type { PolicyEntity, StoredPolicyStatus } from './policy.entity';

/** `published` whose `validTo` is before today reads `expired`; the stored status otherwise. */
export function policyStatus(p: { status: StoredPolicyStatus; validTo: string | null }, today: string): PolicyStatus {
  return p.status === 'published' && p.validTo !== null && p.validTo < today ? 'expired' : p.status;
}

export function toPolicyListItem(
  p: PolicyEntity,
  today: string,
  highlight?: { title: TextSegment[]; snippet: TextSegment[] },
): PolicyListItem {
  return {
    id: p.id,
    title: p.title,
    docNumber: p.docNumber,
    issuer: p.issuer,
    level: p.level,
    categories: p.categories,
    summary: p.summary,
    validFrom: p.validFrom,
    validTo: p.validTo,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    status: policyStatus(p, today),
    ...(highlight ? { highlight } : {}),
  };
}

export function toPolicyMatch(e: Eligibility): PolicyMatch {
  return { eligible: e.eligible, met: e.met, missing: e.missing };
}

export function toPolicyDetail(
  p: PolicyEntity,
  today: string,
  viewer: { favorite: boolean; match: PolicyMatch | null },
): PolicyDetail {
  return {
    ...toPolicyListItem(p, today),
    eligibility: {
      industries: p.industries,
      scales: p.scales,
      districts: p.districts,
      qualifications: p.qualifications,
    },
    body: p.body,
    interpretation: p.interpretation,
    attachments: p.attachments,
    sourceUrl: p.sourceUrl,
    favorite: viewer.favorite,
    match: viewer.match,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toAdminPolicyItem(
  p: PolicyEntity,
  today: string,
  lastPushId: string | null,
  highlight?: { title: TextSegment[]; snippet: TextSegment[] },
): AdminPolicyItem {
  return { ...toPolicyListItem(p, today, highlight), updatedAt: p.updatedAt.toISOString(), lastPushId };
}
