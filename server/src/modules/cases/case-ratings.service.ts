import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CaseDetail,
  CaseDetailStaff,
  CaseFollowUpItem,
  CaseRatingDto,
  FollowUpDto,
  FollowUpListItem,
  FollowUpRatingDto,
  Page,
  PageQueryDto,
  RatingAppealDecisionDto,
  RatingAppealDto,
  RatingAppealItem,
} from '@qsgj/shared/contracts';
import { AuditAction, type CaseType, isBadRating } from '@qsgj/shared/enums';
import { applyTransition, DEFAULT_CASE_LIMITS, dueAfter, isCalendarDay, startOfShanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { canSeeCase, seesAll } from './case.policy';
import { CaseCalendarService } from './case-calendar.service';
import { CaseEventsRepository } from './case-events.repository';
import { CaseFollowUpsRepository, FOLLOW_UP_ORDER, type FollowUpScope } from './case-follow-ups.repository';
import { caseTransitionNotice } from './case-notices';
import {
  appealDecisionRefusal,
  isLead,
  leadReaches,
  toAppealItem,
  toFollowUpItem,
  toFollowUpListItem,
} from './case-rating.mapper';
import {
  followUpOpenedNotice,
  followUpRatedNotice,
  followUpRecordedNotice,
  ratingAppealDecidedNotice,
  ratingAppealedNotice,
} from './case-rating-notices';
import { CaseRatingsRepository } from './case-ratings.repository';
import { CaseReadsService } from './case-reads.service';
import { CaseWriter } from './case-writer.service';
import { toRecord } from './case-record';
import { CaseTime } from './case-time';
import { refusalException } from './case-transitions.service';
import { CaseViewers } from './case-viewers.service';
import { CasesRepository } from './cases.repository';
import { RatingAppealsRepository } from './rating-appeals.repository';

/**
 * 评价 (docs/cases.md "Ratings"): the enterprise's rating of a resolved case (the shared `rate` transition), the
 * follow-up (回访整改) a 差评 opens for the department's supervisors, the enterprise's rating of the fix, and the
 * rated butler's appeal (申诉复核) a lead upholds or voids. Each change, its audit row and its notices commit together.
 */
@Injectable()
export class CaseRatingsService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly ratings: CaseRatingsRepository,
    private readonly followUps: CaseFollowUpsRepository,
    private readonly appeals: RatingAppealsRepository,
    private readonly notifications: NotificationService,
    private readonly calendars: CaseCalendarService,
    private readonly reads: CaseReadsService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
    private readonly time: CaseTime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `POST /cases/:id/rating`: once, by the case's enterprise, when resolved; closes the case. */
  async rate(actor: Actor, id: string, dto: CaseRatingDto, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const row = await this.cases.lockById(id, m);
      if (!row || viewer.kind !== 'enterprise' || !canSeeCase(viewer, row)) throw notFound();
      if (await this.ratings.findForCase(id, m)) throw new AppException('CASE_ALREADY_RATED');
      const calendar = await this.calendars.calendar(m);
      const events = await this.events.listForCase(id, m);
      const at = this.time.now();
      const applied = applyTransition(
        toRecord(row, events),
        { action: 'rate', actor: { kind: viewer.kind, id: actor.id }, at, payload: {} },
        { calendar, limits: DEFAULT_CASE_LIMITS },
      );
      if (!applied.ok) throw refusalException(applied);
      const { entry, record } = applied;
      // The timeline says "the enterprise" rated; which member did is not stored on it.
      await this.writer.write(change, row, applied, calendar, { actorId: null });
      const ratingId = await this.ratings.insert(
        {
          caseId: id,
          level: dto.level,
          tags: dto.tags ?? [],
          comment: dto.comment ? dto.comment : null,
          ratedBy: actor.id,
          butlerId: row.butlerId,
          departmentId: row.departmentId,
          createdAt: at,
        },
        m,
      );
      await change.audit(
        AuditAction.CASE_RATED,
        { type: 'case', id },
        { number: row.number, ratingId, level: dto.level },
      );

      const notice = { id, number: row.number, type: record.type };
      if (isBadRating(dto.level)) {
        const dueAt = dueAfter(at, this.config.CASE_FOLLOW_UP_WORKING_DAYS, calendar);
        await this.followUps.insert({ caseId: id, ratingId, departmentId: row.departmentId, dueAt, createdAt: at }, m);
        const supervisors = row.departmentId ? await this.followUps.supervisorsOf(row.departmentId, m) : [];
        for (const s of supervisors) {
          await this.notifications.notify(m, followUpOpenedNotice(s, notice, dto.level, dueAt, at));
        }
      }
      const recipient = row.submitterId ?? (await this.cases.enterpriseOwner(row.enterpriseId, m));
      if (recipient && recipient !== actor.id) {
        await this.notifications.notify(m, caseTransitionNotice(recipient, notice, 'rate', entry.to, entry.at));
      }
      return this.reads.describe(viewer, id, m, change);
    });
  }

  /** `GET /follow-ups`: a supervisor's department's follow-ups (the centre's and admins': all), earliest due first. */
  async listFollowUps(actor: Actor, query: PageQueryDto): Promise<Page<FollowUpListItem>> {
    const viewer = await this.viewers.of(actor);
    if (!isLead(viewer)) throw new AppException('FORBIDDEN');
    const scope: FollowUpScope = seesAll(viewer)
      ? { kind: 'all' }
      : { kind: 'department', departmentId: viewer.departmentId };
    const now = this.time.now();
    return paged(
      query,
      FOLLOW_UP_ORDER,
      (after, limit) => this.followUps.list(scope, after, limit),
      (f) => toFollowUpListItem(f, now),
      (f) => ({ k: f.dueAt.toISOString(), id: f.id }),
    );
  }

  /** `POST /follow-ups/:id`: the supervisor records contact and outcome (once); the enterprise is told. */
  async recordFollowUp(actor: Actor, id: string, dto: FollowUpDto, meta: RequestMeta): Promise<CaseFollowUpItem> {
    const viewer = await this.viewers.of(actor);
    if (!isLead(viewer)) throw new AppException('FORBIDDEN');
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const f = await this.followUps.lockById(id, m);
      if (!f || !leadReaches(viewer, f.departmentId)) throw notFound();
      if (f.recordedAt) throw new AppException('FOLLOW_UP_ALREADY_RECORDED');
      const now = this.time.now();
      const contactedAt = isCalendarDay(dto.contactedAt)
        ? startOfShanghaiDay(dto.contactedAt)
        : new Date(dto.contactedAt);
      if (contactedAt.getTime() > now.getTime()) throw fieldError('contactedAt', '回访时间不能晚于现在');
      await this.followUps.update(
        id,
        {
          contactMethod: dto.contactMethod,
          contactedAt,
          outcome: dto.outcome,
          rectification: dto.rectification ? dto.rectification : null,
          recordedBy: actor.id,
          recordedAt: now,
        },
        m,
      );
      await change.audit(AuditAction.FOLLOW_UP_RECORDED, { type: 'case', id: f.caseId }, { followUpId: id });
      const c = await this.caseOf(f.caseId, m);
      const recipient = c.submitterId ?? (await this.cases.enterpriseOwner(c.enterpriseId, m));
      if (recipient) await this.notifications.notify(m, followUpRecordedNotice(recipient, c, now));
      return toFollowUpItem((await this.followUps.lockById(id, m))!);
    });
  }

  /** `POST /follow-ups/:id/rating`: the enterprise rates the fix once, after the supervisor recorded it. */
  async rateFollowUp(actor: Actor, id: string, dto: FollowUpRatingDto, meta: RequestMeta): Promise<CaseFollowUpItem> {
    const viewer = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const f = await this.followUps.lockById(id, m);
      const c = f && (await this.cases.lockById(f.caseId, m));
      if (!f || !c || viewer.kind !== 'enterprise' || !canSeeCase(viewer, c)) throw notFound();
      if (f.fixRating) throw new AppException('FOLLOW_UP_ALREADY_RATED');
      if (!f.recordedAt) throw new AppException('FOLLOW_UP_NOT_RECORDED');
      const now = this.time.now();
      await this.followUps.update(id, { fixRating: dto.rating, fixRatedAt: now }, m);
      await change.audit(
        AuditAction.FOLLOW_UP_RATED,
        { type: 'case', id: f.caseId },
        { followUpId: id, rating: dto.rating },
      );
      if (f.recordedBy) {
        await this.notifications.notify(
          m,
          followUpRatedNotice(f.recordedBy, { id: c.id, number: c.number, type: c.type as CaseType }, dto.rating, now),
        );
      }
      return toFollowUpItem((await this.followUps.lockById(id, m))!);
    });
  }

  /** `POST /cases/:id/rating/appeal`: the rated butler asks for a review, once per rating. */
  async appeal(actor: Actor, caseId: string, dto: RatingAppealDto, meta: RequestMeta): Promise<RatingAppealItem> {
    const viewer = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const c = await this.cases.lockById(caseId, m);
      if (!c || viewer.kind === 'enterprise' || !canSeeCase(viewer, c)) throw notFound();
      const rating = await this.ratings.findForCase(caseId, m);
      if (!rating) throw new AppException('CASE_NOT_RATED');
      if (rating.butlerId !== actor.id) throw new AppException('RATING_APPEAL_NOT_ALLOWED');
      if (await this.appeals.findForRating(rating.id, m)) throw new AppException('RATING_ALREADY_APPEALED');
      const now = this.time.now();
      const appealId = await this.appeals.insert(
        { ratingId: rating.id, caseId, appellantId: actor.id, reason: dto.reason, createdAt: now },
        m,
      );
      await change.audit(AuditAction.RATING_APPEALED, { type: 'case', id: caseId }, { appealId, ratingId: rating.id });
      const notice = { id: c.id, number: c.number, type: c.type as CaseType };
      const supervisors = rating.departmentId ? await this.followUps.supervisorsOf(rating.departmentId, m) : [];
      for (const s of supervisors.filter((s) => s !== actor.id)) {
        await this.notifications.notify(m, ratingAppealedNotice(s, notice, now));
      }
      return toAppealItem((await this.appeals.findById(appealId, m))!);
    });
  }

  /** `POST /rating-appeals/:id/decision`: a lead upholds or voids the rating (never their own appeal), once. */
  async decide(actor: Actor, id: string, dto: RatingAppealDecisionDto, meta: RequestMeta): Promise<RatingAppealItem> {
    const viewer = await this.viewers.of(actor);
    if (!isLead(viewer)) throw new AppException('FORBIDDEN');
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const a = await this.appeals.lockById(id, m);
      const rating = a && (await this.ratings.findById(a.ratingId, m));
      if (!a || !rating) throw notFound();
      const refusal = appealDecisionRefusal(viewer, a, rating.departmentId);
      if (refusal === 'NOT_FOUND') throw notFound();
      if (refusal) throw new AppException(refusal);
      const now = this.time.now();
      const decision = dto.uphold ? 'uphold' : 'void';
      await this.appeals.decide(id, { decision, decisionReason: dto.reason, decidedBy: actor.id, decidedAt: now }, m);
      if (!dto.uphold) await this.ratings.setVoided(rating.id, m);
      await change.audit(
        AuditAction.RATING_APPEAL_DECIDED,
        { type: 'case', id: a.caseId },
        { appealId: id, ratingId: rating.id, decision },
      );
      if (a.appellantId) {
        const c = await this.caseOf(a.caseId, m);
        await this.notifications.notify(m, ratingAppealDecidedNotice(a.appellantId, c, dto.uphold, now));
      }
      return toAppealItem((await this.appeals.findById(id, m))!);
    });
  }

  private async caseOf(caseId: string, m: EntityManager) {
    const c = await this.cases.lockById(caseId, m);
    if (!c) throw notFound();
    return {
      id: c.id,
      number: c.number,
      type: c.type as CaseType,
      submitterId: c.submitterId,
      enterpriseId: c.enterpriseId,
    };
  }
}
