import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CheckinDto,
  CheckinResult,
  EventAttendance,
  RegistrationCaseDto,
  RegistrationCaseResult,
  StaffRegistrationPage,
  StaffRegistrationQueryDto,
} from '@qsgj/shared/contracts';
import { AuditAction, type CaseState } from '@qsgj/shared/enums';
import { maskPhone } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { CasesService } from '../cases/cases.service';
import { CheckinCodes } from './checkin-codes';
import { EventClock } from './event-clock';
import type { EventEntity } from './event.entity';
import { toEventCard } from './event.mapper';
import { type Attendance, EventsRepository, STAFF_REGISTRATION_ORDER } from './events.repository';

export const NOT_CONFIRMED_MESSAGE = '该报名不是有效名额（候补中或已取消），不能签到';
export const CANCELLED_EVENT_CHECKIN_MESSAGE = '活动已取消，不能签到';

function attendanceOf(e: Pick<EventEntity, 'capacity' | 'endsAt'>, a: Attendance, now: Date): EventAttendance {
  return {
    capacity: e.capacity,
    confirmed: a.confirmed,
    waitlisted: a.waitlisted,
    cancelled: a.cancelled,
    checkedIn: a.checkedIn,
    noShow: e.endsAt.getTime() <= now.getTime() ? a.confirmed - a.checkedIn : null,
  };
}

/**
 * Staff at the door and after it: the registration list (phones masked) with attendance, check-in (a scanned code
 * or a tick in the list), and a 企业接待日 topic turned into a case. Any staff member may; every write audited.
 */
@Injectable()
export class StaffEventsService {
  constructor(
    private readonly repo: EventsRepository,
    private readonly clock: EventClock,
    private readonly codes: CheckinCodes,
    private readonly changes: Changes,
    private readonly cases: CasesService,
  ) {}

  /** `GET /staff/events/:id/registrations`: by arrival, the phones masked; attendance and no-shows. */
  async registrations(eventId: string, query: StaffRegistrationQueryDto): Promise<StaffRegistrationPage> {
    const event = await this.repo.findById(eventId);
    if (!event) throw notFound();
    const now = await this.clock.now();
    const limit = pageLimit(query.limit);
    const rows = await this.repo.listForStaff(
      eventId,
      query.status ?? 'all',
      readCursor(query.cursor, STAFF_REGISTRATION_ORDER),
      limit,
    );
    const page = toPage(
      rows,
      limit,
      (r) => r,
      (r) => ({ k: r.seq, id: r.id }),
    );
    const waitlistBase = await this.waitlistBase(page.items);
    return {
      event: toEventCard(event, now),
      attendance: attendanceOf(event, await this.repo.attendance(eventId), now),
      items: page.items.map((r) => ({
        id: r.id,
        status: r.status,
        seq: r.seq,
        waitlistPosition: r.status === 'waitlisted' ? (waitlistBase.get(r.id) ?? null) : null,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        contactName: r.contactName,
        phone: maskPhone(r.phone),
        topic: r.topic,
        caseId: r.caseId,
        checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Waitlist positions of the page's waitlisted rows (one count for the first, then by order). */
  private async waitlistBase(rows: Array<{ id: string; eventId: string; status: string; seq: number }>) {
    const positions = new Map<string, number>();
    const waitlisted = rows.filter((r) => r.status === 'waitlisted');
    if (waitlisted.length === 0) return positions;
    const first = await this.repo.waitlistPosition(waitlisted[0].eventId, waitlisted[0].seq);
    waitlisted.forEach((r, i) => positions.set(r.id, first + i));
    return positions;
  }

  /**
   * `POST /events/:id/checkins`: a code from 我的报名 (signed, short-lived, this event's) or a registration ticked in
   * the list. Once: a second scan answers 200 with `alreadyCheckedIn` and changes nothing.
   */
  async checkIn(actor: Actor, eventId: string, dto: CheckinDto, meta: RequestMeta): Promise<CheckinResult> {
    const now = await this.clock.now();
    const registrationId =
      typeof dto.code === 'string' ? this.codes.verify(dto.code, eventId, now) : dto.registrationId;
    if (!registrationId) throw fieldError('code', '请扫描或输入签到码');
    const event = await this.repo.findById(eventId);
    if (!event || event.status === 'draft') throw notFound();
    if (event.status === 'cancelled') {
      throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, CANCELLED_EVENT_CHECKIN_MESSAGE);
    }
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const at = await this.repo.checkIn(registrationId, eventId, actor.id, m);
      const reg = await this.repo.registrationWithNames(registrationId, eventId, m);
      if (!reg) throw notFound();
      if (!at && reg.status !== 'confirmed') {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, NOT_CONFIRMED_MESSAGE);
      }
      if (at) {
        await change.audit(
          AuditAction.EVENT_CHECKED_IN,
          { type: 'event_registration', id: registrationId },
          { eventId, enterpriseId: reg.enterpriseId, by: typeof dto.code === 'string' ? 'code' : 'list' },
        );
      }
      return {
        registrationId,
        enterpriseName: reg.enterpriseName,
        contactName: reg.contactName,
        checkedInAt: (at ?? reg.checkedInAt ?? now).toISOString(),
        alreadyCheckedIn: !at,
        attendance: attendanceOf(event, await this.repo.attendance(eventId, m), now),
      };
    });
  }

  /**
   * `POST /staff/events/:eventId/registrations/:id/case`: a 企业接待日 registration's topic becomes a case (source
   * `reception_day`, linked to the event) in the department chosen, else the enterprise's butler's (else the
   * centre's). Under the registration's lock: a second call answers the same case.
   */
  async toCase(
    actor: Actor,
    eventId: string,
    registrationId: string,
    dto: RegistrationCaseDto,
    meta: RequestMeta,
  ): Promise<RegistrationCaseResult> {
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const reg = await this.repo.lockRegistration(registrationId, eventId, m);
      if (!reg) throw notFound();
      if (reg.caseId) return this.caseResult(reg.id, reg.caseId, false, m);
      const event = await this.repo.findById(eventId, m);
      if (!event) throw notFound();
      if (event.kind !== 'reception_day') {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, '只有企业接待日的报名可以转为诉求');
      }
      if (reg.status === 'cancelled') {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, '该报名已取消，不能转为诉求');
      }
      if (!reg.topic) throw fieldError('topic', '该报名没有填写要反映的问题，请通过「登记诉求」手工录入');
      const created = await this.cases.recordFromEvent(change, actor, {
        enterpriseId: reg.enterpriseId,
        type: dto.type ?? 'appeal',
        content: `【企业接待日·${event.title}】${reg.topic}`,
        departmentId: dto.departmentId,
        eventId,
      });
      await this.repo.linkCase(reg.id, eventId, created.id, m);
      await change.audit(
        AuditAction.EVENT_REGISTRATION_TO_CASE,
        { type: 'event_registration', id: reg.id },
        { eventId, caseId: created.id, caseNumber: created.number },
      );
      return this.caseResult(reg.id, created.id, true, m);
    });
  }

  private async caseResult(
    registrationId: string,
    caseId: string,
    created: boolean,
    m: EntityManager,
  ): Promise<RegistrationCaseResult> {
    const c = await this.repo.caseSummary(caseId, m);
    if (!c) throw notFound();
    return {
      registrationId,
      caseId: c.id,
      caseNumber: c.number,
      departmentId: c.departmentId,
      state: c.state as CaseState,
      created,
    };
  }
}
