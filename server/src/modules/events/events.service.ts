import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EVENT_PAGE_MAX,
  type EventCard,
  type EventDetail,
  type EventQueryDto,
  type MyRegistrationItem,
  type Page,
  type PageQueryDto,
  type RegisterEventDto,
  type RegistrationResult,
} from '@qsgj/shared/contracts';
import { isStaffRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { WHOLE_CITY } from '@qsgj/shared/rules';
import type { Actor } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged, pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { NotificationService } from '../notifications/notification.service';
import { CheckinCodes } from './checkin-codes';
import { EventClock } from './event-clock';
import type { EventEntity } from './event.entity';
import { promotedNotice } from './event-notices';
import { toEventCard, toEventDetail, toMyRegistration } from './event.mapper';
import {
  type LockedEvent,
  MY_REGISTRATION_ORDER,
  PAST_ORDER,
  type RegistrationRow,
  EventsRepository,
} from './events.repository';
import { formatShanghai, icsCalendar } from './ics';

/** The enterprise a registrant signs up for, as the audience rule reads it. */
interface Registrant {
  enterpriseId: string;
  district: string | null;
  industry: string | null;
}

/**
 * Why `e` is not open for sign-up at `now` (a Chinese sentence), or null when it is. The deadline instant itself
 * is still open; one millisecond after, closed.
 */
export function signupRefusal(
  e: Pick<LockedEvent, 'status' | 'signupDeadline' | 'startsAt'>,
  now: Date,
): string | null {
  if (e.status === 'cancelled') return '该活动已取消，不能报名';
  if (e.status !== 'published') return '该活动尚未发布，不能报名';
  if (now.getTime() >= e.startsAt.getTime()) return '活动已开始，报名已结束';
  if (now.getTime() > e.signupDeadline.getTime()) return `报名已于 ${formatShanghai(e.signupDeadline)} 截止`;
  return null;
}

/** Why the registrant's enterprise is not in the event's audience, or null when it is. */
export function audienceRefusal(
  e: Pick<LockedEvent, 'audienceDistricts' | 'audienceIndustries'>,
  r: Pick<Registrant, 'district' | 'industry'>,
): string | null {
  const districts = e.audienceDistricts;
  if (districts.length > 0 && !districts.includes(WHOLE_CITY) && !(r.district && districts.includes(r.district))) {
    return `本活动面向${districts.join('、')}的企业，贵企业所在区域为${r.district || '未填写'}，暂不能报名`;
  }
  const industries = e.audienceIndustries;
  if (industries.length > 0 && !(r.industry && industries.includes(r.industry))) {
    return `本活动面向${industries.join('、')}行业的企业，贵企业所属行业为${r.industry || '未填写'}，暂不能报名`;
  }
  return null;
}

/** The enterprise side of 潭商讲堂: the list, the detail, signing up and cancelling, 我的报名 and its calendar file. */
@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: EventsRepository,
    private readonly clock: EventClock,
    private readonly codes: CheckinCodes,
    private readonly enterprises: EnterprisesService,
    private readonly notifications: NotificationService,
  ) {}

  /** `GET /events`: published events, upcoming (soonest first) or past (latest first). */
  async list(query: EventQueryDto): Promise<Page<EventCard>> {
    const now = await this.clock.now();
    const when = query.when ?? 'upcoming';
    const limit = Math.min(pageLimit(query.limit), EVENT_PAGE_MAX);
    const rows = await this.repo.listPublic(
      { when, kind: query.kind, now },
      readCursor(query.cursor, PAST_ORDER),
      limit,
    );
    return toPage(
      rows,
      limit,
      (e) => toEventCard(e, now),
      (e) => ({ k: e.startsAt.toISOString(), id: e.id }),
    );
  }

  /** `GET /events/:id`: drafts exist for staff only; an enterprise user also hears of their registration. */
  async detail(actor: Actor | undefined, id: string): Promise<EventDetail> {
    const event = await this.repo.findById(id);
    if (!event || (event.status === 'draft' && !(actor && isStaffRole(actor.role)))) throw notFound();
    const now = await this.clock.now();
    let mine = null;
    if (actor?.role === Role.ENTERPRISE) {
      const r = await this.repo.findRegistration(id, actor.id);
      if (r) mine = toMyRegistration(r, r.status === 'waitlisted' ? await this.repo.waitlistPosition(id, r.seq) : null);
    }
    return toEventDetail(event, now, mine);
  }

  /**
   * `POST /events/:id/registrations`. A live registration of mine is answered again; otherwise one statement, under
   * the event's row lock, gives me a seat while confirmed < capacity, else the next place in the waitlist, numbered
   * in arrival order (EVENTS_SQL.signUp). The checks before it give the reasons; the statement re-checks what may
   * have changed meanwhile (a cancellation, the deadline) and the unique (event, user) index settles a repeat racing
   * itself.
   */
  async register(actor: Actor, eventId: string, dto: RegisterEventDto): Promise<RegistrationResult> {
    const now = await this.clock.now();
    const event = await this.repo.findById(eventId);
    if (!event || event.status === 'draft') throw notFound();
    const registrant = await this.registrant(actor);
    const live = await this.liveRegistration(event, actor.id);
    if (live) return live;
    const closed = signupRefusal(event, now);
    if (closed) throw new AppException('EVENT_SIGNUP_CLOSED', undefined, undefined, closed);
    const outside = audienceRefusal(event, registrant);
    if (outside) throw new AppException('EVENT_AUDIENCE_MISMATCH', undefined, undefined, outside);
    const signed = await this.repo.signUp({
      eventId,
      userId: actor.id,
      enterpriseId: registrant.enterpriseId,
      topic: dto.topic ? dto.topic : null,
      now,
    });
    if (signed) {
      const { registration, capacity, confirmed, waitlisted } = signed;
      // Every waitlisted registration before this one has a smaller arrival number: my place is the count.
      const position = registration.status === 'waitlisted' ? waitlisted : null;
      return { registration: toMyRegistration(registration, position), created: true, seatsLeft: capacity - confirmed };
    }
    // Nothing written: my other request got there first, or the event closed meanwhile.
    const again = await this.repo.findById(eventId);
    if (!again) throw notFound();
    const mine = await this.liveRegistration(again, actor.id);
    if (mine) return mine;
    const refusal = signupRefusal(again, now);
    throw refusal
      ? new AppException('EVENT_SIGNUP_CLOSED', undefined, undefined, refusal)
      : new AppException('CONCURRENT_CHANGE');
  }

  /** My registration of the event when it is live (confirmed or waitlisted), as a repeat sign-up answers it. */
  private async liveRegistration(e: EventEntity, userId: string): Promise<RegistrationResult | null> {
    const r = await this.repo.findRegistration(e.id, userId);
    if (!r || r.status === 'cancelled') return null;
    const position = r.status === 'waitlisted' ? await this.repo.waitlistPosition(e.id, r.seq) : null;
    return {
      registration: toMyRegistration(r, position),
      created: false,
      seatsLeft: Math.max(0, e.capacity - e.confirmedCount),
    };
  }

  /**
   * `DELETE /events/:id/registrations/me`: my seat (or my place in the waitlist) is given up; a freed seat goes to
   * the first waitlisted by arrival, in the same transaction, and they are told. Idempotent once cancelled.
   */
  async cancel(actor: Actor, eventId: string): Promise<RegistrationResult> {
    const now = await this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const e = await this.repo.lock(eventId, m);
      if (!e || e.status === 'draft') throw notFound();
      const reg = await this.repo.registrationOf(eventId, actor.id, m);
      if (!reg) throw notFound();
      if (reg.status === 'cancelled') return this.result(reg, e, e.confirmedCount, false, m);
      if (e.status === 'published' && now.getTime() >= e.startsAt.getTime()) {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, '活动已开始，不能取消报名');
      }
      await this.repo.cancelRegistration(reg.id, m);
      let counts = await this.repo.recount(eventId, m);
      if (reg.status === 'confirmed' && e.status === 'published') {
        const promoted = await this.repo.promote(eventId, e.capacity - counts.confirmed, m);
        if (promoted.length > 0) counts = await this.repo.recount(eventId, m);
        for (const p of promoted) await this.notifications.notify(m, promotedNotice(p.userId, { ...e }));
      }
      const cancelled = { ...reg, status: 'cancelled' as const };
      return {
        registration: toMyRegistration(cancelled, null),
        created: false,
        seatsLeft: e.capacity - counts.confirmed,
      };
    });
  }

  /** `GET /me/registrations`: mine, the latest first; a check-in code for each seat of an event not over. */
  async mine(actor: Actor, query: PageQueryDto): Promise<Page<MyRegistrationItem>> {
    const now = await this.clock.now();
    const page = await paged(
      query,
      MY_REGISTRATION_ORDER,
      (after, limit) => this.repo.listMine(actor.id, after, limit),
      (r) => r,
      (r) => ({ k: r.createdAt.toISOString(), id: r.id }),
    );
    const items: MyRegistrationItem[] = [];
    for (const r of page.items) {
      const position = r.status === 'waitlisted' ? await this.repo.waitlistPosition(r.eventId, r.seq) : null;
      const live = r.status === 'confirmed' && r.event.status === 'published' && r.event.endsAt > now;
      items.push({
        ...toMyRegistration(r, position),
        event: toEventCard(r.event, now),
        checkin: live ? this.codes.mint(r.id, r.eventId, now) : null,
      });
    }
    return { items, nextCursor: page.nextCursor };
  }

  /** `GET /me/registrations/:id/calendar.ics`: one VEVENT (UTC times); another user's registration: 404. */
  async calendar(actor: Actor, id: string): Promise<{ body: string; filename: string }> {
    const r = await this.repo.findMine(id, actor.id);
    if (!r) throw notFound();
    const e: EventEntity = r.event;
    const body = icsCalendar({
      uid: `${r.id}@qsgj`,
      title: e.title,
      description: [e.speakers ? `主讲/出席：${e.speakers}` : '', e.description].filter(Boolean).join('\n'),
      location: e.place ?? (e.onlineUrl ? '线上' : null),
      url: e.onlineUrl,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      stamp: e.updatedAt,
      cancelled: e.status === 'cancelled' || r.status === 'cancelled',
    });
    return { body, filename: `event-${e.id}.ics` };
  }

  /** An approved member's enterprise (district and industry for the audience rule). */
  private async registrant(actor: Actor): Promise<Registrant> {
    const membership = await this.enterprises.membershipOf(actor.id);
    if (!membership || membership.status !== MembershipStatus.APPROVED) throw new AppException('ENTERPRISE_NOT_BOUND');
    const e = membership.enterprise;
    return { enterpriseId: e.id, district: e.district || null, industry: e.industry || null };
  }

  private async result(
    reg: RegistrationRow,
    e: LockedEvent,
    confirmed: number,
    created: boolean,
    m: Parameters<EventsRepository['waitlistPosition']>[2],
  ): Promise<RegistrationResult> {
    const position = reg.status === 'waitlisted' ? await this.repo.waitlistPosition(e.id, reg.seq, m) : null;
    return { registration: toMyRegistration(reg, position), created, seatsLeft: Math.max(0, e.capacity - confirmed) };
  }
}
