import type { CaseFollowUpItem, CaseRatingItem, FollowUpListItem, RatingAppealItem } from '@qsgj/shared/contracts';
import type { CaseType, RatingLevel } from '@qsgj/shared/enums';
import type { CaseFollowUpEntity } from './case-follow-up.entity';
import type { CaseRatingEntity } from './case-rating.entity';
import type { FollowUpWithCase } from './case-follow-ups.repository';
import type { RatingAppealEntity } from './rating-appeal.entity';

/**
 * A rating as both sides see it. "Who rated" is the enterprise member who sent it (`case_ratings.rated_by`):
 * it is never part of any response — the enterprise is known on the case, the member is not shown to staff.
 */
export function toRatingItem(r: CaseRatingEntity): CaseRatingItem {
  return {
    level: r.level,
    tags: r.tags,
    comment: r.comment,
    at: r.createdAt.toISOString(),
    voided: r.voided,
  };
}

export function toFollowUpItem(f: CaseFollowUpEntity): CaseFollowUpItem {
  return {
    id: f.id,
    dueAt: f.dueAt.toISOString(),
    contactMethod: f.contactMethod,
    contactedAt: f.contactedAt?.toISOString() ?? null,
    outcome: f.outcome,
    rectification: f.rectification,
    rating: f.fixRating,
  };
}

/** The rating and the follow-up of a case detail (both views), where they exist. */
export function ratingParts(
  rating: CaseRatingEntity | null,
  followUp: CaseFollowUpEntity | null,
): { rating: CaseRatingItem | null; followUp: CaseFollowUpItem | null } {
  return { rating: rating && toRatingItem(rating), followUp: followUp && toFollowUpItem(followUp) };
}

export function toFollowUpListItem(f: FollowUpWithCase, now: Date): FollowUpListItem {
  return {
    ...toFollowUpItem(f),
    case: { id: f.case.id, number: f.case.number, type: f.case.type as CaseType },
    department: f.department ? { id: f.department.id, name: f.department.name } : null,
    level: f.rating.level as RatingLevel,
    createdAt: f.createdAt.toISOString(),
    overdue: f.recordedAt === null && now.getTime() > f.dueAt.getTime(),
  };
}

export function toAppealItem(a: RatingAppealEntity): RatingAppealItem {
  return {
    id: a.id,
    caseId: a.caseId,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
    decision: a.decision,
    decisionReason: a.decisionReason,
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}
