import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CaseCountsResponse,
  CaseDetail,
  CaseDetailStaff,
  CaseListQueryDto,
  CaseOptionsResponse,
  CaseSummary,
  Page,
} from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import { allowedActions, type WorkingCalendar, viewOf } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { type Change, Changes } from '../audit/changes';
import { DepartmentsService } from '../departments/departments.service';
import type { OpenedFile } from '../files/file-response';
import { FilesService } from '../files/files.service';
import { type MapContext, toCaseDetail, toCaseDetailStaff, toCaseSummary, toCaseSummaryStaff } from './case.mapper';
import { canSeeCase, type CaseViewer, caseScope, hidesEnterprise, isStaffViewer, seesAll } from './case.policy';
import { CaseCalendarService } from './case-calendar.service';
import { CaseEventsRepository } from './case-events.repository';
import { CaseMessagesRepository } from './case-messages.repository';
import { CaseNotesRepository } from './case-notes.repository';
import { ratingParts, toStaffAppeal } from './case-rating.mapper';
import { CaseFollowUpsRepository } from './case-follow-ups.repository';
import { CaseRatingsRepository } from './case-ratings.repository';
import { toRecord } from './case-record';
import { CaseTime } from './case-time';
import { CaseViewers } from './case-viewers.service';
import { RatingAppealsRepository } from './rating-appeals.repository';
import { CASE_ORDER, CasesRepository, type CaseWithNames } from './cases.repository';

/** The owner kind of a case's images in `files`. */
export const CASE_FILE_OWNER = 'case';
/** The owner kind of a message's images (served under the case's image route too). */
export const CASE_MESSAGE_FILE_OWNER = 'case_message';

/** Where a case's image is served: only to those who may see the case. */
export function caseImageUrl(caseId: string, fileId: string): string {
  return `/api/v1/cases/${caseId}/images/${fileId}`;
}

/** Reading cases: the list of the caller's scope and one case in the caller's view (enterprise or staff). */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly messages: CaseMessagesRepository,
    private readonly notes: CaseNotesRepository,
    private readonly departments: DepartmentsService,
    private readonly files: FilesService,
    private readonly calendars: CaseCalendarService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
    private readonly time: CaseTime,
    private readonly ratings: CaseRatingsRepository,
    private readonly followUps: CaseFollowUpsRepository,
    private readonly appeals: RatingAppealsRepository,
  ) {}

  /** The caller's scope, filtered (filters only narrow it), newest first, keyset-paged. */
  async list(actor: Actor, query: CaseListQueryDto): Promise<Page<CaseSummary>> {
    const viewer = await this.viewers.of(actor);
    const now = this.time.now();
    const calendar = await this.calendars.calendar();
    const staff = isStaffViewer(viewer);
    return paged(
      query,
      CASE_ORDER,
      (after, limit) => this.cases.list(caseScope(viewer), query, viewer.id, now, after, limit),
      (c) => {
        const ctx: MapContext = { calendar, now, hideEnterprise: hidesEnterprise(viewer, c) };
        return staff ? toCaseSummaryStaff(c, ctx) : toCaseSummary(c, ctx);
      },
      (c) => ({ k: c.createdAt.toISOString(), id: c.id }),
    );
  }

  /** `GET /cases/counts`: the caller's scope, counted per queue filter. */
  async counts(actor: Actor): Promise<CaseCountsResponse> {
    const viewer = await this.viewers.of(actor);
    return this.cases.counts(caseScope(viewer), viewer.id, this.time.now());
  }

  /** `GET /cases/options` (staff): transfer and assignment targets. */
  async options(): Promise<CaseOptionsResponse> {
    const [departments, staff] = await Promise.all([this.cases.departmentOptions(), this.cases.staffOptions()]);
    return { departments, staff };
  }

  /** `GET /cases/:id`: 404 outside the caller's scope. */
  async detail(actor: Actor, id: string, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    const c = await this.cases.findWithNames(id);
    if (!c || !canSeeCase(viewer, c)) throw notFound();
    if (revealsAnonymous(viewer, c)) {
      return this.changes.run({ actor, meta }, (change) => this.describe(viewer, id, change.manager, change));
    }
    return this.describe(viewer, id);
  }

  /** `GET /cases/:id/images/:fileId`: an image of a case the caller may see; 404 otherwise, exactly as if absent. */
  async openImage(actor: Actor, id: string, fileId: string): Promise<OpenedFile> {
    const viewer = await this.viewers.of(actor);
    const c = await this.cases.findWithNames(id);
    if (!c || !canSeeCase(viewer, c)) throw notFound();
    const ownerIds = [id, ...(await this.messages.listForCase(id)).map((msg) => msg.id)];
    const row = await this.files.findAttachedTo(fileId, [
      { kind: CASE_FILE_OWNER, ids: [id] },
      { kind: CASE_MESSAGE_FILE_OWNER, ids: ownerIds.slice(1) },
    ]);
    if (!row) throw notFound();
    return this.files.open(row);
  }

  /**
   * One case in the viewer's view, read inside `manager`'s transaction when given (the answer of a change).
   * The centre or an admin looking at an anonymous complaint's enterprise is audited (`change` when in one).
   */
  async describe(
    viewer: CaseViewer,
    id: string,
    manager?: EntityManager,
    change?: Change,
  ): Promise<CaseDetail | CaseDetailStaff> {
    const c = await this.cases.findWithNames(id, manager);
    if (!c || !canSeeCase(viewer, c)) throw notFound();
    const now = this.time.now();
    const calendar: WorkingCalendar = await this.calendars.calendar(manager);
    const events = await this.events.listForCase(id, manager);
    const messages = await this.messages.listForCase(id, manager);
    const transferredTo = [
      ...new Set(
        events.flatMap((e) => (e.action === 'transfer' && e.payload.departmentId ? [e.payload.departmentId] : [])),
      ),
    ];
    const departments = new Map<string, string>();
    for (const depId of transferredTo) {
      const d = await this.departments.findById(depId, manager);
      if (d) departments.set(d.id, d.name);
    }
    const view = viewOf(toRecord(c, events), calendar, now);
    const images = (await this.files.listForOwner({ kind: CASE_FILE_OWNER, id }, manager)).map((f) => ({
      id: f.id,
      url: caseImageUrl(id, f.id),
    }));
    const messageImages = new Map(
      [
        ...(await this.files.listForOwners(
          CASE_MESSAGE_FILE_OWNER,
          messages.map((msg) => msg.id),
          manager,
        )),
      ].map(([messageId, files]) => [messageId, files.map((f) => ({ id: f.id, url: caseImageUrl(id, f.id) }))]),
    );
    const rating = await this.ratings.findForCase(id, manager);
    const parts = {
      images,
      events,
      messages,
      messageImages,
      departments,
      allowedActions: allowedActions(view, { kind: viewer.kind, id: viewer.id }),
      ...ratingParts(rating, await this.followUps.findForCase(id, manager)),
    };
    const ctx: MapContext = { calendar, now, hideEnterprise: hidesEnterprise(viewer, c) };
    if (!isStaffViewer(viewer)) return toCaseDetail(c, parts, ctx);
    if (change && revealsAnonymous(viewer, c)) {
      await change.audit(AuditAction.CASE_IDENTITY_VIEWED, { type: 'case', id }, { enterpriseId: c.enterpriseId });
    }
    const notes = await this.notes.listForCase(id, manager);
    const contact = ctx.hideEnterprise || !c.submitterId ? null : await this.cases.contactOf(c.submitterId, manager);
    // The appeal (申诉复核) is staff business: read for the staff view only.
    const appeal = rating && toStaffAppeal(viewer, await this.appeals.findForRating(rating.id, manager), rating);
    return toCaseDetailStaff(c, { ...parts, notes, contact, appeal }, ctx);
  }
}

/** The centre or an admin sees an anonymous complaint's enterprise: each such view is audited. */
export function revealsAnonymous(viewer: CaseViewer, c: Pick<CaseWithNames, 'anonymous'>): boolean {
  return c.anonymous && isStaffViewer(viewer) && seesAll(viewer);
}
