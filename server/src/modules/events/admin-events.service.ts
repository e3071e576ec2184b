import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type AdminEventItem,
  type AdminEventQueryDto,
  type CancelEventDto,
  EVENT_PAGE_MAX,
  type EventDetail,
  type EventInputDto,
  type Page,
  type UpdateEventDto,
} from '@qsgj/shared/contracts';
import { AuditAction, DictionaryKind } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { Changes } from '../audit/changes';
import { DepartmentsService } from '../departments/departments.service';
import { DictionariesService } from '../dictionaries/dictionaries.service';
import { NotificationService } from '../notifications/notification.service';
import { EventClock } from './event-clock';
import type { EventEntity } from './event.entity';
import { cancelledNotice, promotedNotice } from './event-notices';
import { toAdminEventItem, toEventDetail } from './event.mapper';
import { ADMIN_EVENT_ORDER, type EventFields, EventsRepository, type LockedEvent } from './events.repository';

/** The audit rows' target type of an event. */
export const EVENT_TARGET = 'event';

/** 「已有 N 人报名成功，名额不能少于 N 人」 */
export function capacityBelowConfirmedMessage(confirmed: number): string {
  return `已有 ${confirmed} 人报名成功，名额不能少于 ${confirmed} 人；如需减少名额，请先与报名企业沟通取消报名`;
}

function fieldsOf(dto: EventInputDto): EventFields {
  return {
    kind: dto.kind,
    title: dto.title,
    description: dto.description ?? '',
    speakers: dto.speakers ?? '',
    startsAt: new Date(dto.startsAt),
    endsAt: new Date(dto.endsAt),
    signupDeadline: new Date(dto.signupDeadline),
    place: dto.place || null,
    latitude: dto.latitude ?? null,
    longitude: dto.longitude ?? null,
    onlineUrl: dto.onlineUrl || null,
    capacity: dto.capacity,
    audienceDistricts: dto.audienceDistricts ?? [],
    audienceIndustries: dto.audienceIndustries ?? [],
    departmentId: dto.organizerDepartmentId ?? null,
    materials: (dto.materials ?? []).map((m) => ({ name: m.name, url: m.url })),
    replayUrl: dto.replayUrl || null,
  };
}

function storedFields(e: EventEntity): EventFields {
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    speakers: e.speakers,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    signupDeadline: e.signupDeadline,
    place: e.place,
    latitude: e.latitude,
    longitude: e.longitude,
    onlineUrl: e.onlineUrl,
    capacity: e.capacity,
    audienceDistricts: e.audienceDistricts,
    audienceIndustries: e.audienceIndustries,
    departmentId: e.departmentId,
    materials: e.materials,
    replayUrl: e.replayUrl,
  };
}

function patched(before: EventFields, dto: UpdateEventDto): EventFields {
  const has = (k: keyof UpdateEventDto) => dto[k] !== undefined;
  return {
    kind: dto.kind ?? before.kind,
    title: dto.title ?? before.title,
    description: dto.description ?? before.description,
    speakers: dto.speakers ?? before.speakers,
    startsAt: dto.startsAt ? new Date(dto.startsAt) : before.startsAt,
    endsAt: dto.endsAt ? new Date(dto.endsAt) : before.endsAt,
    signupDeadline: dto.signupDeadline ? new Date(dto.signupDeadline) : before.signupDeadline,
    place: has('place') ? dto.place || null : before.place,
    latitude: has('latitude') ? (dto.latitude ?? null) : before.latitude,
    longitude: has('longitude') ? (dto.longitude ?? null) : before.longitude,
    onlineUrl: has('onlineUrl') ? dto.onlineUrl || null : before.onlineUrl,
    capacity: dto.capacity ?? before.capacity,
    audienceDistricts: dto.audienceDistricts ?? before.audienceDistricts,
    audienceIndustries: dto.audienceIndustries ?? before.audienceIndustries,
    departmentId: has('organizerDepartmentId') ? (dto.organizerDepartmentId ?? null) : before.departmentId,
    materials: dto.materials ? dto.materials.map((m) => ({ name: m.name, url: m.url })) : before.materials,
    replayUrl: has('replayUrl') ? dto.replayUrl || null : before.replayUrl,
  };
}

/** The fields that differ (instants compared by value), as the audit row records them. */
function changed(before: EventFields, after: EventFields): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof EventFields>) {
    const a = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const b = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out[key] = key === 'description' ? { from: String(a).length, to: String(b).length } : { from: a, to: b };
    }
  }
  return out;
}

/** The coherence problems of an event's fields (times in order, a place or a link, both coordinates or none). */
export function fieldProblems(f: EventFields): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (f.endsAt.getTime() <= f.startsAt.getTime()) errors.push({ field: 'endsAt', message: '结束时间须晚于开始时间' });
  if (f.signupDeadline.getTime() > f.startsAt.getTime()) {
    errors.push({ field: 'signupDeadline', message: '报名截止时间不能晚于开始时间' });
  }
  if (!f.place && !f.onlineUrl) errors.push({ field: 'place', message: '请填写活动地点或线上链接' });
  if ((f.latitude === null) !== (f.longitude === null)) {
    errors.push({ field: 'longitude', message: '经度和纬度须同时填写' });
  }
  return errors;
}

/** The workbench's events (admins): list, read, write, publish, cancel. Every change audited. */
@Injectable()
export class AdminEventsService {
  constructor(
    private readonly repo: EventsRepository,
    private readonly clock: EventClock,
    private readonly changes: Changes,
    private readonly dictionaries: DictionariesService,
    private readonly departments: DepartmentsService,
    private readonly notifications: NotificationService,
  ) {}

  /** `GET /admin/events`: every status (or one), the latest change first. */
  async list(query: AdminEventQueryDto): Promise<Page<AdminEventItem>> {
    const now = await this.clock.now();
    const limit = Math.min(pageLimit(query.limit), EVENT_PAGE_MAX);
    const rows = await this.repo.listAdmin(query.status ?? 'all', readCursor(query.cursor, ADMIN_EVENT_ORDER), limit);
    const page = toPage(
      rows,
      limit,
      (e) => e,
      (e) => ({ k: e.updatedAt.toISOString(), id: e.id }),
    );
    const items: AdminEventItem[] = [];
    for (const e of page.items) items.push(toAdminEventItem(e, now, (await this.repo.attendance(e.id)).checkedIn));
    return { items, nextCursor: page.nextCursor };
  }

  /** `GET /admin/events/:id`: any status. */
  async detail(id: string): Promise<EventDetail> {
    const event = await this.repo.findById(id);
    if (!event) throw notFound();
    return toEventDetail(event, await this.clock.now(), null);
  }

  /** `POST /admin/events`: a draft. */
  async create(actor: Actor, dto: EventInputDto, meta: RequestMeta): Promise<EventDetail> {
    const fields = fieldsOf(dto);
    const id = await this.changes.run({ actor, meta }, async (change) => {
      await this.check(fields, null, change.manager);
      const id = await this.repo.insert(fields, actor.id, change.manager);
      await change.audit(AuditAction.EVENT_CREATED, { type: EVENT_TARGET, id }, { fields: auditFields(fields) });
      return id;
    });
    return this.detail(id);
  }

  /**
   * `PATCH /admin/events/:id`, under the event's lock: a capacity below the seats already confirmed is refused
   * (409); a larger one gives the new seats to the waitlist in arrival order (each told).
   */
  async update(actor: Actor, id: string, dto: UpdateEventDto, meta: RequestMeta): Promise<EventDetail> {
    const now = await this.clock.now();
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const locked = await this.repo.lock(id, m);
      const current = locked && (await this.repo.findById(id, m));
      if (!locked || !current) throw notFound();
      const before = storedFields(current);
      const after = patched(before, dto);
      const diff = changed(before, after);
      if (Object.keys(diff).length === 0) return;
      if (after.capacity < locked.confirmedCount) {
        const message = capacityBelowConfirmedMessage(locked.confirmedCount);
        throw new AppException('EVENT_CAPACITY_BELOW_CONFIRMED', [{ field: 'capacity', message }], undefined, message);
      }
      await this.check(after, current, m);
      await this.repo.update(id, after, m);
      // A new start: the day-before and hour-before reminders are due again, for the new time.
      if (diff.startsAt) await this.repo.resetReminders(id, m);
      let promoted = 0;
      if (after.capacity > locked.confirmedCount && locked.status === 'published' && now < after.startsAt) {
        const seats = await this.repo.promote(id, after.capacity - locked.confirmedCount, m);
        if (seats.length > 0) await this.repo.recount(id, m);
        const notice = {
          ...locked,
          title: after.title,
          startsAt: after.startsAt,
          place: after.place,
          onlineUrl: after.onlineUrl,
        };
        await this.notifications.notifyMany(
          m,
          seats.map((p) => promotedNotice(p.userId, notice)),
        );
        promoted = seats.length;
      }
      await change.audit(
        AuditAction.EVENT_UPDATED,
        { type: EVENT_TARGET, id },
        { status: locked.status, changed: diff, ...(promoted ? { promoted } : {}) },
      );
    });
    return this.detail(id);
  }

  /** `POST /admin/events/:id/publish`: a draft whose start is ahead becomes public; publishing twice changes nothing. */
  async publish(actor: Actor, id: string, meta: RequestMeta): Promise<EventDetail> {
    const now = await this.clock.now();
    await this.changes.run({ actor, meta }, async (change) => {
      const e = await this.repo.lock(id, change.manager);
      if (!e) throw notFound();
      if (e.status === 'published') return;
      if (e.status === 'cancelled') {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, '已取消的活动不能再发布，请新建活动');
      }
      if (now.getTime() >= e.startsAt.getTime())
        throw fieldError('startsAt', '活动开始时间已过，不能发布；请修改时间后再发布');
      await this.repo.update(id, { status: 'published', publishedAt: now }, change.manager);
      await change.audit(AuditAction.EVENT_PUBLISHED, { type: EVENT_TARGET, id }, { from: e.status });
    });
    return this.detail(id);
  }

  /**
   * `POST /admin/events/:id/cancel`: everyone holding a seat or a place in the waitlist is told, with the reason.
   * Cancelling twice changes nothing; an event that has ended cannot be cancelled.
   */
  async cancel(actor: Actor, id: string, dto: CancelEventDto, meta: RequestMeta): Promise<EventDetail> {
    const now = await this.clock.now();
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const e = await this.repo.lock(id, m);
      if (!e) throw notFound();
      if (e.status === 'cancelled') return;
      if (now.getTime() >= e.endsAt.getTime()) {
        throw new AppException('EVENT_NOT_IN_THIS_STATE', undefined, undefined, '活动已结束，不能取消');
      }
      await this.repo.update(id, { status: 'cancelled', cancelReason: dto.reason, cancelledAt: now }, m);
      const told = await this.tellCancelled(e, dto.reason, m);
      await change.audit(
        AuditAction.EVENT_CANCELLED,
        { type: EVENT_TARGET, id },
        { from: e.status, reason: dto.reason, notified: told },
      );
    });
    return this.detail(id);
  }

  private async tellCancelled(e: LockedEvent, reason: string, m: EntityManager): Promise<number> {
    if (e.status !== 'published') return 0;
    const users = await this.repo.registrantsOf(e.id, ['confirmed', 'waitlisted'], m);
    await this.notifications.notifyMany(
      m,
      users.map((userId) => cancelledNotice(userId, e, reason)),
    );
    return users.length;
  }

  /** Coherent times and place, a department that exists, and audience values from the dictionaries (new ones). */
  private async check(f: EventFields, current: EventEntity | null, m: EntityManager): Promise<void> {
    const errors = fieldProblems(f);
    if (f.departmentId && f.departmentId !== current?.departmentId) {
      if (!(await this.departments.findById(f.departmentId, m))) {
        errors.push({ field: 'organizerDepartmentId', message: '主办部门不存在' });
      }
    }
    const held = (list: string[] | undefined) => new Set(list ?? []);
    const districts = held(current?.audienceDistricts);
    const industries = held(current?.audienceIndustries);
    errors.push(
      ...(await this.dictionaries.unknownValues(
        [
          {
            field: 'audienceDistricts',
            kind: DictionaryKind.DISTRICTS,
            values: f.audienceDistricts.filter((v) => !districts.has(v)),
          },
          {
            field: 'audienceIndustries',
            kind: DictionaryKind.INDUSTRIES,
            values: f.audienceIndustries.filter((v) => !industries.has(v)),
          },
        ],
        m,
      )),
    );
    if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);
  }
}

/** An event's fields as its audit row records them (the description by its length only). */
function auditFields(f: EventFields): Record<string, unknown> {
  const { description, ...rest } = f;
  return { ...rest, descriptionChars: description.length };
}
