import { Injectable } from '@nestjs/common';
import type { CaseDetail, CaseDetailStaff, CaseTransitionDto } from '@qsgj/shared/contracts';
import type { ErrorCode } from '@qsgj/shared/errors';
import {
  applyTransition,
  type CaseRefusal,
  type CaseRefusalCode,
  type CaseTransitionPayload,
  DEFAULT_CASE_LIMITS,
} from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { DepartmentsService } from '../departments/departments.service';
import { NotificationService } from '../notifications/notification.service';
import { canServeAsButler } from '../staff/staff.policy';
import { UsersService } from '../users/users.service';
import { canSeeCase } from './case.policy';
import { CaseCalendarService } from './case-calendar.service';
import { CaseEventsRepository } from './case-events.repository';
import { caseForButlerNotice, caseTransitionNotice } from './case-notices';
import { CaseReadsService } from './case-reads.service';
import { CaseWriter } from './case-writer.service';
import { toRecord } from './case-record';
import { CaseTime } from './case-time';
import { CaseViewers } from './case-viewers.service';
import { CasesRepository } from './cases.repository';

/** The rules' refusals as API errors: 409 with the rule's Chinese message (payload problems: 400 with details). */
const REFUSAL_CODE: Record<Exclude<CaseRefusalCode, 'INVALID_PAYLOAD'>, ErrorCode> = {
  NOT_IN_THIS_STATE: 'CASE_NOT_IN_THIS_STATE',
  ACTOR_NOT_ALLOWED: 'CASE_ACTOR_NOT_ALLOWED',
  TYPE_NOT_ALLOWED: 'CASE_TYPE_NOT_ALLOWED',
  ALREADY_OVERDUE: 'CASE_ALREADY_OVERDUE',
  UNKNOWN_ACTION: 'CASE_NOT_IN_THIS_STATE',
  UNKNOWN_STATE: 'CASE_NOT_IN_THIS_STATE',
};

export function refusalException(r: CaseRefusal): AppException {
  if (r.code === 'INVALID_PAYLOAD') return new AppException('VALIDATION_FAILED', r.details, undefined, r.message);
  return new AppException(REFUSAL_CODE[r.code], undefined, undefined, r.message);
}

/**
 * `POST /cases/:id/transitions`: one action of the shared transition table, by staff (or the enterprise's
 * 补充材料). The case row is locked, the shared model (`applyTransition`) decides the new state and clocks; the
 * row, its timeline line, the audit row and the enterprise's notice commit together.
 */
@Injectable()
export class CaseTransitionsService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly cases: CasesRepository,
    private readonly events: CaseEventsRepository,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly notifications: NotificationService,
    private readonly calendars: CaseCalendarService,
    private readonly reads: CaseReadsService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
    private readonly time: CaseTime,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    dto: CaseTransitionDto,
    meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    const { action, ...fields } = dto;
    const payload: CaseTransitionPayload = fields;
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const row = await this.cases.lockById(id, m);
      if (!row || !canSeeCase(viewer, row)) throw notFound();
      const calendar = await this.calendars.calendar(m);
      const events = await this.events.listForCase(id, m);
      const applied = applyTransition(
        toRecord(row, events),
        { action, actor: { kind: viewer.kind, id: actor.id }, at: this.time.now(), payload },
        { calendar, limits: DEFAULT_CASE_LIMITS },
      );
      if (!applied.ok) throw refusalException(applied);
      const { entry, record } = applied;

      // What the table cannot know: that the department and the butler named exist and may take the case.
      if (action === 'transfer' && !(await this.departments.findById(entry.payload.departmentId ?? '', m))) {
        throw fieldError('departmentId', '转办部门不存在');
      }
      if (action === 'assign') {
        const butler = await this.users.findStaffById(entry.payload.butlerId ?? '', m);
        if (!butler || !canServeAsButler(butler)) {
          throw new AppException('BUTLER_REQUIRED', [{ field: 'butlerId', message: '只能指派在岗的管家或主管' }]);
        }
      }

      await this.writer.write(change, row, applied, calendar, {
        actorId: actor.id,
        columns: action === 'resolve' ? { result: entry.payload.result ?? null } : {},
      });

      const notice = { id, number: row.number, type: record.type };
      // The enterprise hears of every transition but its own (the submitter, or the owner of a recorded case).
      const recipient = row.submitterId ?? (await this.cases.enterpriseOwner(row.enterpriseId, m));
      if (recipient && recipient !== actor.id) {
        await this.notifications.notify(m, caseTransitionNotice(recipient, notice, action, entry.to, entry.at));
      }
      // The enterprise's answer (补充材料) and a newly assigned butler: the butler hears of it.
      if (action === 'supplement' && record.butlerId) {
        await this.notifications.notify(m, caseForButlerNotice(record.butlerId, notice, 'message', entry.at));
      }
      // A case the content check held reaches its department now: its butler hears of it as a new case.
      if (action === 'clear_check' && record.butlerId && record.butlerId !== actor.id) {
        await this.notifications.notify(m, caseForButlerNotice(record.butlerId, notice, 'new', entry.at));
      }
      if (action === 'assign' && record.butlerId && record.butlerId !== actor.id) {
        await this.notifications.notify(m, caseForButlerNotice(record.butlerId, notice, 'new', entry.at));
      }
      return this.reads.describe(viewer, id, m, change);
    });
  }
}
