import { Injectable } from '@nestjs/common';
import type {
  CaseApplication,
  CaseDetail,
  CaseDetailStaff,
  CreateCaseDto,
  RecordCaseDto,
} from '@qsgj/shared/contracts';
import { AuditAction, type CaseSource, type CaseType } from '@qsgj/shared/enums';
import { DEFAULT_CASE_LIMITS, openCase, shanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { type Change, Changes } from '../audit/changes';
import { DepartmentsService } from '../departments/departments.service';
import { FilesService } from '../files/files.service';
import { NotificationService } from '../notifications/notification.service';
import { canServeAsButler } from '../staff/staff.policy';
import { UsersService } from '../users/users.service';
import type { CaseViewer } from './case.policy';
import { CaseCalendarService } from './case-calendar.service';
import { CASE_CONTENT_SCENE, CaseContentCheck } from './case-content-check';
import { CaseEventsRepository } from './case-events.repository';
import { caseForButlerNotice, caseRecordedNotice } from './case-notices';
import { CASE_FILE_OWNER, CaseReadsService } from './case-reads.service';
import { recordColumns, toEventRow } from './case-record';
import { CaseTime } from './case-time';
import { CaseViewers } from './case-viewers.service';
import { CasesRepository } from './cases.repository';

/** QS20261130-0007: the Shanghai day and that day's counter (four digits at least). */
export function caseNumber(day: string, n: number): string {
  return `QS${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
}

interface NewCase {
  type: CaseType;
  source: CaseSource;
  content: string;
  category: string | null;
  enterpriseId: string;
  submitterId: string | null;
  recordedBy: string | null;
  departmentId: string | null;
  butlerId: string | null;
  addressedButlerId: string | null;
  anonymous: boolean;
  policyId: string | null;
  /** A case recorded from a 潭商讲堂 registration (企业接待日): its event. */
  eventId?: string | null;
  /** A service application: its package, its snapshot, and its package's resolve limit (working days). */
  servicePackageId?: string | null;
  application?: CaseApplication | null;
  resolveDays?: number;
  /** The content check said `review` or could not be made: the case waits in `pending_check` for the centre. */
  pendingCheck: boolean;
}

/** A `service` case an enterprise applies for: a 惠企服务 package, or a policy it matches (一键申报). */
export interface ServiceApplication {
  /** The case's text, prefilled from 一企一档 by the caller. */
  content: string;
  /** What the enterprise typed itself (checked like any case text); null when it typed nothing. */
  note: string | null;
  /** The handling department; null: the enterprise's butler's, else the coordinating centre. */
  departmentId: string | null;
  /** The package's time limit in working days; undefined: the `service` type's default. */
  resolveDays?: number;
  servicePackageId: string | null;
  policyId: string | null;
  application: CaseApplication;
}

/** New cases: an enterprise's consultation or complaint, and a case staff record on an enterprise's behalf. */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly files: FilesService,
    private readonly notifications: NotificationService,
    private readonly calendars: CaseCalendarService,
    private readonly reads: CaseReadsService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
    private readonly time: CaseTime,
    private readonly contentCheck: CaseContentCheck,
  ) {}

  /**
   * `POST /cases` (Idempotency-Key required): an approved member of an enterprise submits. The case goes to the
   * addressed butler's department (「向TA咨询」), else to the enterprise's butler's, else to the coordinating centre.
   */
  async submit(actor: Actor, dto: CreateCaseDto, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    const enterpriseId = viewer.enterpriseId;
    if (!enterpriseId) throw new AppException('ENTERPRISE_NOT_BOUND');
    // Before anything is stored: risky → 400 CONTENT_RISKY; review or WeChat failing → kept in pending_check.
    const verdict = await this.contentCheck.check(actor.id, dto.content, CASE_CONTENT_SCENE);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const enterprise = await this.cases.enterpriseForCase(enterpriseId, m);
      if (!enterprise) throw notFound();
      let departmentId: string | null;
      let butlerId: string | null = null;
      let addressedButlerId: string | null = null;
      if (dto.butlerId) {
        const butler = await this.users.findStaffById(dto.butlerId, m);
        if (!butler || !canServeAsButler(butler)) throw fieldError('butlerId', '该管家不存在或已不在岗，请重新选择');
        addressedButlerId = butlerId = butler.id;
        departmentId = butler.departmentId;
      } else if (enterprise.butlerId && enterprise.butlerDepartmentId) {
        butlerId = enterprise.butlerId;
        departmentId = enterprise.butlerDepartmentId;
      } else {
        departmentId = await this.cases.centreDepartmentId(m);
      }
      const id = await this.open(
        change,
        viewer,
        {
          type: dto.type,
          source: 'miniapp',
          content: dto.content,
          category: dto.category ?? null,
          enterpriseId,
          submitterId: actor.id,
          recordedBy: null,
          departmentId,
          butlerId,
          addressedButlerId,
          anonymous: dto.anonymous ?? false,
          policyId: dto.policyId ?? null,
          pendingCheck: verdict !== 'pass',
        },
        AuditAction.CASE_CREATED,
      );
      // The submitter's own uploads of the last 24 hours, not used elsewhere (400 naming the image otherwise).
      await this.files.attach(m, dto.images ?? [], { kind: CASE_FILE_OWNER, id }, { id: actor.id });
      return this.reads.describe(viewer, id, m, change);
    });
  }

  /**
   * An approved member of an enterprise applies (惠企服务 package or 一键申报): a `service` case from the miniapp in
   * the department given (else the butler's, else the centre's), held by the enterprise's butler when the butler
   * works there, with the package's resolve limit. The caller checked eligibility; the route requires an
   * Idempotency-Key, so a retry answers with this very case.
   */
  async apply(actor: Actor, input: ServiceApplication, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    const enterpriseId = viewer.enterpriseId;
    if (!enterpriseId) throw new AppException('ENTERPRISE_NOT_BOUND');
    const verdict = input.note
      ? await this.contentCheck.check(actor.id, input.note, CASE_CONTENT_SCENE, 'note')
      : 'pass';
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const enterprise = await this.cases.enterpriseForCase(enterpriseId, m);
      if (!enterprise) throw notFound();
      const departmentId =
        input.departmentId ?? enterprise.butlerDepartmentId ?? (await this.cases.centreDepartmentId(m));
      const butlerId =
        enterprise.butlerId && enterprise.butlerDepartmentId && enterprise.butlerDepartmentId === departmentId
          ? enterprise.butlerId
          : null;
      const id = await this.open(
        change,
        viewer,
        {
          type: 'service',
          source: 'miniapp',
          content: input.content,
          category: null,
          enterpriseId,
          submitterId: actor.id,
          recordedBy: null,
          departmentId,
          butlerId,
          addressedButlerId: null,
          anonymous: false,
          policyId: input.policyId,
          servicePackageId: input.servicePackageId,
          application: input.application,
          resolveDays: input.resolveDays,
          pendingCheck: verdict !== 'pass',
        },
        AuditAction.CASE_CREATED,
      );
      return this.reads.describe(viewer, id, m, change);
    });
  }

  /**
   * `POST /cases/record`: staff record a case from 企业接待日, the 12345 hotline, the entrepreneurs' group or a visit
   * on an enterprise's behalf. It goes to the department named, else the enterprise's butler's, else the centre;
   * the enterprise's owner is told.
   */
  async record(actor: Actor, dto: RecordCaseDto, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const id = await this.recordIn(change, viewer, dto);
      return this.reads.describe(viewer, id, change.manager, change);
    });
  }

  /**
   * A 企业接待日 registration's topic becomes a case (`reception_day`, linked to its event) inside the caller's change
   * (which locks the registration and links the case to it): recorded as `record` records one. Its id and number.
   */
  async recordFromEvent(
    change: Change,
    actor: Actor,
    input: { enterpriseId: string; type: CaseType; content: string; departmentId?: string; eventId: string },
  ): Promise<{ id: string; number: string }> {
    const viewer = await this.viewers.of(actor);
    const dto = { source: 'reception_day' as const, ...input };
    const id = await this.recordIn(change, viewer, dto, input.eventId);
    return { id, number: await this.numberOf(id, change) };
  }

  private async recordIn(change: Change, viewer: CaseViewer, dto: RecordCaseDto, eventId?: string): Promise<string> {
    const m = change.manager;
    const enterprise = await this.cases.enterpriseForCase(dto.enterpriseId, m);
    if (!enterprise) throw fieldError('enterpriseId', '企业不存在');
    let departmentId: string | null;
    if (dto.departmentId) {
      if (!(await this.departments.findById(dto.departmentId, m))) throw fieldError('departmentId', '部门不存在');
      departmentId = dto.departmentId;
    } else {
      departmentId = enterprise.butlerDepartmentId ?? (await this.cases.centreDepartmentId(m));
    }
    const butlerId =
      enterprise.butlerId && enterprise.butlerDepartmentId && enterprise.butlerDepartmentId === departmentId
        ? enterprise.butlerId
        : null;
    const id = await this.open(
      change,
      viewer,
      {
        type: dto.type,
        source: dto.source,
        content: dto.content,
        category: dto.category ?? null,
        enterpriseId: enterprise.id,
        submitterId: null,
        recordedBy: viewer.id,
        departmentId,
        butlerId,
        addressedButlerId: null,
        anonymous: dto.anonymous ?? false,
        policyId: null,
        eventId: eventId ?? null,
        // Staff write down what they heard (no openid to check with; they answer for the wording): not checked.
        pendingCheck: false,
      },
      AuditAction.CASE_RECORDED,
    );
    const owner = await this.cases.enterpriseOwner(enterprise.id, m);
    const number = await this.numberOf(id, change);
    if (owner) {
      await this.notifications.notify(m, caseRecordedNotice(owner, { id, number, type: dto.type }, this.time.now()));
    }
    return id;
  }

  private async numberOf(id: string, change: Change): Promise<string> {
    const c = await this.cases.findWithNames(id, change.manager);
    return c?.number ?? '';
  }

  /** Opens the case (the shared model decides its state and clocks), its first timeline line, audit and notice. */
  private async open(change: Change, viewer: CaseViewer, c: NewCase, audit: AuditAction): Promise<string> {
    const m = change.manager;
    const now = this.time.now();
    const calendar = await this.calendars.calendar(m);
    const record = openCase(
      {
        type: c.type,
        at: now,
        actor: { kind: viewer.kind, id: viewer.id },
        pendingCheck: c.pendingCheck,
        category: c.category,
        departmentId: c.departmentId,
        butlerId: c.butlerId,
        resolveDays: c.resolveDays,
      },
      { calendar, limits: DEFAULT_CASE_LIMITS },
    );
    const day = shanghaiDay(now);
    const number = caseNumber(day, await this.cases.nextNumber(day, m));
    const id = await this.cases.insert(
      {
        number,
        source: c.source,
        content: c.content,
        enterpriseId: c.enterpriseId,
        submitterId: c.submitterId,
        recordedBy: c.recordedBy,
        addressedButlerId: c.addressedButlerId,
        anonymous: c.anonymous,
        policyId: c.policyId,
        eventId: c.eventId ?? null,
        servicePackageId: c.servicePackageId ?? null,
        application: c.application ?? null,
        ...recordColumns(record, calendar, now),
        createdAt: now,
        updatedAt: now,
      },
      m,
    );
    const first = record.history[0];
    await this.events.append(toEventRow(id, first, viewer.id), m);
    await change.audit(
      audit,
      { type: 'case', id },
      {
        number,
        type: c.type,
        source: c.source,
        enterpriseId: c.enterpriseId,
        departmentId: c.departmentId,
        anonymous: c.anonymous,
        ...(c.eventId ? { eventId: c.eventId } : {}),
        ...(c.servicePackageId ? { servicePackageId: c.servicePackageId } : {}),
        ...(c.application?.kind === 'policy' ? { policyId: c.policyId } : {}),
        ...(c.pendingCheck ? { pendingCheck: true } : {}),
      },
    );
    // A case held by the content check is not the department's yet: its butler hears of it when it clears.
    if (c.butlerId && c.butlerId !== viewer.id && !c.pendingCheck) {
      await this.notifications.notify(m, caseForButlerNotice(c.butlerId, { id, number, type: c.type }, 'new', now));
    }
    return id;
  }
}
