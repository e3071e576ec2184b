import type {
  FaqDetail,
  FaqListItem,
  FaqPerson,
  PolicyListItem,
  StaffFaqItem,
  TextSegment,
} from '@qsgj/shared/contracts';
import type { FaqEntryEntity } from './faq-entry.entity';

const EXCERPT_CHARS = 80;

/** The first characters of the answer, on one line. */
export function excerpt(answer: string): string {
  const line = answer.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : line;
}

export function toFaqListItem(
  f: FaqEntryEntity,
  highlight?: { question: TextSegment[]; snippet: TextSegment[] },
): FaqListItem {
  return {
    id: f.id,
    question: f.question,
    excerpt: excerpt(f.answer),
    categories: f.categories,
    publishedAt: f.publishedAt?.toISOString() ?? null,
    viewCount: f.viewCount,
    ...(highlight ? { highlight } : {}),
  };
}

export function toFaqDetail(f: FaqEntryEntity, policies: PolicyListItem[]): FaqDetail {
  return {
    id: f.id,
    question: f.question,
    answer: f.answer,
    categories: f.categories,
    status: f.status,
    publishedAt: f.publishedAt?.toISOString() ?? null,
    viewCount: f.viewCount,
    policies,
    updatedAt: f.updatedAt.toISOString(),
  };
}

export function toStaffFaqItem(
  f: FaqEntryEntity,
  names: Map<string, string>,
  caseNumbers: Map<string, string>,
  review: { canPublish: boolean; publishBlocked: string | null },
): StaffFaqItem {
  const person = (id: string | null): FaqPerson | null => (id ? { id, name: names.get(id) ?? '工作人员' } : null);
  return {
    id: f.id,
    question: f.question,
    answer: f.answer,
    categories: f.categories,
    policyIds: f.policyIds,
    status: f.status,
    sourceCaseId: f.sourceCaseId,
    sourceCaseNumber: f.sourceCaseId ? (caseNumbers.get(f.sourceCaseId) ?? null) : null,
    createdBy: person(f.createdBy),
    editedBy: person(f.editedBy),
    reviewedBy: person(f.reviewedBy),
    publishedAt: f.publishedAt?.toISOString() ?? null,
    viewCount: f.viewCount,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    ...review,
  };
}
