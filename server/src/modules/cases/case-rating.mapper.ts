import type {
  CaseDetailStaff,
  CaseFollowUpItem,
  CaseRatingItem,
  FollowUpListItem,
  RatingAppealItem,
} from '@qsgj/shared/contracts';
import type { CaseType, RatingLevel } from '@qsgj/shared/enums';
import { type CaseViewer, seesAll } from './case.policy';
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

/** Leads: they follow up 差评 and decide appeals (a supervisor within their department; the centre and admins all). */
export function isLead(viewer: Pick<CaseViewer, 'kind'>): boolean {
  return viewer.kind === 'supervisor' || seesAll(viewer);
}

/** A lead's reach over something of `departmentId`. */
export function leadReaches(viewer: Pick<CaseViewer, 'kind' | 'departmentId'>, departmentId: string | null): boolean {
  if (seesAll(viewer)) return true;
  return viewer.kind === 'supervisor' && departmentId !== null && departmentId === viewer.departmentId;
}

/**
 * Why `viewer` may not decide this appeal of a rating of `departmentId` now, or null when they may: the one rule of
 * `POST /rating-appeals/:id/decision` (its errors, in its order) and of the staff view's `appeal.canDecide`.
 */
export function appealDecisionRefusal(
  viewer: Pick<CaseViewer, 'id' | 'kind' | 'departmentId'>,
  appeal: Pick<RatingAppealEntity, 'appellantId' | 'decision'>,
  departmentId: string | null,
): 'FORBIDDEN' | 'NOT_FOUND' | 'RATING_APPEAL_OWN' | 'RATING_APPEAL_DECIDED' | null {
  if (!isLead(viewer)) return 'FORBIDDEN';
  if (!leadReaches(viewer, departmentId)) return 'NOT_FOUND';
  if (appeal.appellantId === viewer.id) return 'RATING_APPEAL_OWN';
  if (appeal.decision) return 'RATING_APPEAL_DECIDED';
  return null;
}

/** The staff view's appeal of the rating: what it says, and whether this viewer may decide it now. */
export function toStaffAppeal(
  viewer: CaseViewer,
  appeal: RatingAppealEntity | null,
  rating: CaseRatingEntity | null,
): CaseDetailStaff['appeal'] {
  if (!appeal || !rating) return null;
  return { ...toAppealItem(appeal), canDecide: appealDecisionRefusal(viewer, appeal, rating.departmentId) === null };
}
