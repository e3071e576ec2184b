import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventKind, EventStatus, EventWhen, RegistrationStatus } from '@qsgj/shared/contracts';
import type { Cursor } from '@qsgj/shared/rules';
import { keyset, type KeysetOrder } from '../../common/paging/keyset';
import { CaseEntity } from '../cases/case.entity';
import { rowsOf } from '../notifications/sql-rows';
import { EventRegistrationEntity } from './event-registration.entity';
import { EventEntity } from './event.entity';
import { EVENTS_SQL } from './events.sql';

/** The public list: upcoming soonest first. */
export const UPCOMING_ORDER: KeysetOrder = {
  table: 'events',
  alias: 'e',
  keys: [(a) => `${a}.starts_at`],
  direction: 'ASC',
  idType: 'uuid',
};

/** The public list: past events, the latest first. */
export const PAST_ORDER: KeysetOrder = { ...UPCOMING_ORDER, direction: 'DESC' };

/** The workbench's list: the latest change first. */
export const ADMIN_EVENT_ORDER: KeysetOrder = {
  table: 'events',
  alias: 'e',
  keys: [(a) => `${a}.updated_at`],
  direction: 'DESC',
  idType: 'uuid',
};

/** 我的报名: the latest first. */
export const MY_REGISTRATION_ORDER: KeysetOrder = {
  table: 'event_registrations',
  alias: 'r',
  keys: [(a) => `${a}.created_at`],
  direction: 'DESC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.user_id = :userId`,
};

/** The staff list of one event: by arrival. */
export const STAFF_REGISTRATION_ORDER: KeysetOrder = {
  table: 'event_registrations',
  alias: 'r',
  keys: [(a) => `${a}.seq`],
  direction: 'ASC',
  idType: 'uuid',
  anchorScope: (a) => `${a}.event_id = :eventId`,
};

/** What an admin writes of an event. */
export type EventFields = Pick<
  EventEntity,
  | 'kind'
  | 'title'
  | 'description'
  | 'speakers'
  | 'startsAt'
  | 'endsAt'
  | 'signupDeadline'
  | 'place'
  | 'latitude'
  | 'longitude'
  | 'onlineUrl'
  | 'capacity'
  | 'audienceDistricts'
  | 'audienceIndustries'
  | 'departmentId'
  | 'materials'
  | 'replayUrl'
>;

/** An event's row as `lockEvent` reads it. */
export interface LockedEvent {
  id: string;
  kind: EventKind;
  title: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  signupDeadline: Date;
  place: string | null;
  onlineUrl: string | null;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  signupSeq: number;
  audienceDistricts: string[];
  audienceIndustries: string[];
}

/** A registration as the hand-written statements read it. */
export interface RegistrationRow {
  id: string;
  eventId: string;
  userId: string;
  enterpriseId: string;
  status: RegistrationStatus;
  seq: number;
  topic: string | null;
  caseId: string | null;
  checkedInAt: Date | null;
  createdAt: Date;
}

export interface RegistrationWithNames extends RegistrationRow {
  enterpriseName: string;
  contactName: string | null;
}

/** A reminder claimed for sending. */
export interface ClaimedReminder {
  registrationId: string;
  userId: string;
  eventId: string;
  title: string;
  startsAt: Date;
  place: string | null;
  onlineUrl: string | null;
}

export interface Attendance {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
}

/** A row of the staff list. */
export interface StaffRegistrationRow extends RegistrationWithNames {
  phone: string | null;
}

/** A row of 我的报名: the registration and its event. */
export type MyRegistrationRow = EventRegistrationEntity & { event: EventEntity };

type Raw = Record<string, unknown>;
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

function toRegistration(r: Raw): RegistrationRow {
  return {
    id: r.id as string,
    eventId: r.event_id as string,
    userId: r.user_id as string,
    enterpriseId: r.enterprise_id as string,
    status: r.status as RegistrationStatus,
    seq: Number(r.seq),
    topic: (r.topic as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
    checkedInAt: dateOrNull(r.checked_in_at),
    createdAt: date(r.created_at),
  };
}

/** The one repository of `events` and `event_registrations`. */
@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  private async run<T = Raw>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return rowsOf<T>(await this.manager(manager).query(sql, params));
  }

  private events(manager?: EntityManager) {
    return this.manager(manager).getRepository(EventEntity);
  }

  /** The database's now(). */
  async databaseNow(): Promise<Date> {
    const [row] = await this.run<{ now: unknown }>(EVENTS_SQL.now.text, []);
    return date(row.now);
  }

  // ───────────── events ─────────────

  async insert(fields: EventFields, createdBy: string, manager: EntityManager): Promise<string> {
    const result = await this.events(manager).insert({ ...fields, createdBy, status: 'draft' });
    return (result.identifiers[0] as { id: string }).id;
  }

  async update(id: string, patch: Partial<EventEntity>, manager: EntityManager): Promise<void> {
    await this.events(manager).update({ id }, patch);
  }

  /** The event with its organiser department's name. */
  findById(id: string, manager?: EntityManager): Promise<EventEntity | null> {
    return this.events(manager)
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.department', 'd')
      .where('e.id = :id', { id })
      .getOne();
  }

  /** The event's row, locked until the transaction ends (every change of its seats or status takes it first). */
  async lock(id: string, manager: EntityManager): Promise<LockedEvent | null> {
    const [r] = await this.run(EVENTS_SQL.lockEvent.text, [id], manager);
    if (!r) return null;
    return {
      id: r.id as string,
      kind: r.kind as EventKind,
      title: r.title as string,
      status: r.status as EventStatus,
      startsAt: date(r.starts_at),
      endsAt: date(r.ends_at),
      signupDeadline: date(r.signup_deadline),
      place: (r.place as string | null) ?? null,
      onlineUrl: (r.online_url as string | null) ?? null,
      capacity: Number(r.capacity),
      confirmedCount: Number(r.confirmed_count),
      waitlistCount: Number(r.waitlist_count),
      signupSeq: Number(r.signup_seq),
      audienceDistricts: (r.audience_districts as string[]) ?? [],
      audienceIndustries: (r.audience_industries as string[]) ?? [],
    };
  }

  /** Published events, upcoming (not ended at `now`) or past, by kind. */
  listPublic(
    filter: { when: EventWhen; kind?: EventKind; now: Date },
    after: Cursor | undefined,
    limit: number,
  ): Promise<EventEntity[]> {
    const qb = this.events()
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.department', 'd')
      .where(`e.status = 'published'`);
    if (filter.when === 'upcoming') qb.andWhere('e.ends_at > :now', { now: filter.now });
    else qb.andWhere('e.ends_at <= :now', { now: filter.now });
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    return keyset(qb, filter.when === 'upcoming' ? UPCOMING_ORDER : PAST_ORDER, after, limit).getMany();
  }

  listAdmin(status: EventStatus | 'all', after: Cursor | undefined, limit: number): Promise<EventEntity[]> {
    const qb = this.events().createQueryBuilder('e').leftJoinAndSelect('e.department', 'd');
    if (status !== 'all') qb.where('e.status = :status', { status });
    return keyset(qb, ADMIN_EVENT_ORDER, after, limit).getMany();
  }

  // ───────────── registrations ─────────────

  async registrationOf(eventId: string, userId: string, manager: EntityManager): Promise<RegistrationRow | null> {
    const [r] = await this.run(EVENTS_SQL.registrationOf.text, [eventId, userId], manager);
    return r ? toRegistration(r) : null;
  }

  /** The caller's registration of the event, read without a lock (the detail page). */
  findRegistration(eventId: string, userId: string): Promise<EventRegistrationEntity | null> {
    return this.manager().getRepository(EventRegistrationEntity).findOne({ where: { eventId, userId } });
  }

  /**
   * The sign-up statement (see EVENTS_SQL.signUp): the registration and the event's counters after it; null when the
   * event was not open at `now` or the user already holds a live registration.
   */
  async signUp(
    input: { eventId: string; userId: string; enterpriseId: string; topic: string | null; now: Date },
    manager?: EntityManager,
  ): Promise<{ registration: RegistrationRow; capacity: number; confirmed: number; waitlisted: number } | null> {
    const [r] = await this.run(
      EVENTS_SQL.signUp.text,
      [input.eventId, input.userId, input.enterpriseId, input.topic, input.now],
      manager,
    );
    if (!r) return null;
    return {
      registration: toRegistration(r),
      capacity: Number(r.event_capacity),
      confirmed: Number(r.event_confirmed),
      waitlisted: Number(r.event_waitlisted),
    };
  }

  async cancelRegistration(id: string, manager: EntityManager): Promise<boolean> {
    return (await this.run(EVENTS_SQL.cancelRegistration.text, [id], manager)).length > 0;
  }

  /** The first `seats` waitlisted by arrival get a seat; who they are, in arrival order. */
  async promote(
    eventId: string,
    seats: number,
    manager: EntityManager,
  ): Promise<Array<{ id: string; userId: string }>> {
    if (seats <= 0) return [];
    const rows = await this.run<{ id: string; user_id: string; seq: number }>(
      EVENTS_SQL.promote.text,
      [eventId, seats],
      manager,
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => ({ id: r.id, userId: r.user_id }));
  }

  async recount(eventId: string, manager: EntityManager): Promise<{ confirmed: number; waitlisted: number }> {
    const [r] = await this.run<{ confirmed_count: number; waitlist_count: number }>(
      EVENTS_SQL.recount.text,
      [eventId],
      manager,
    );
    return { confirmed: Number(r.confirmed_count), waitlisted: Number(r.waitlist_count) };
  }

  async waitlistPosition(eventId: string, seq: number, manager?: EntityManager): Promise<number> {
    const [r] = await this.run<{ position: number }>(EVENTS_SQL.waitlistPosition.text, [eventId, seq], manager);
    return Number(r.position);
  }

  async attendance(eventId: string, manager?: EntityManager): Promise<Attendance> {
    const [r] = await this.run<Record<string, number>>(EVENTS_SQL.attendance.text, [eventId], manager);
    return {
      confirmed: Number(r.confirmed),
      waitlisted: Number(r.waitlisted),
      cancelled: Number(r.cancelled),
      checkedIn: Number(r.checked_in),
    };
  }

  async registrantsOf(eventId: string, statuses: RegistrationStatus[], manager: EntityManager): Promise<string[]> {
    const rows = await this.run<{ user_id: string }>(EVENTS_SQL.registrantsOf.text, [eventId, statuses], manager);
    return rows.map((r) => r.user_id);
  }

  /** The check-in instant, or null when nothing changed (not this event's, not confirmed, or already in). */
  async checkIn(id: string, eventId: string, staffId: string, manager: EntityManager): Promise<Date | null> {
    const [r] = await this.run<{ checked_in_at: unknown }>(EVENTS_SQL.checkIn.text, [id, eventId, staffId], manager);
    return r ? date(r.checked_in_at) : null;
  }

  async registrationWithNames(
    id: string,
    eventId: string,
    manager?: EntityManager,
  ): Promise<RegistrationWithNames | null> {
    const [r] = await this.run(EVENTS_SQL.registrationWithNames.text, [id, eventId], manager);
    if (!r) return null;
    return {
      ...toRegistration(r),
      enterpriseName: r.enterprise_name as string,
      contactName: (r.contact_name as string | null) ?? null,
    };
  }

  async lockRegistration(id: string, eventId: string, manager: EntityManager): Promise<RegistrationRow | null> {
    const [r] = await this.run(EVENTS_SQL.lockRegistration.text, [id, eventId], manager);
    return r ? toRegistration(r) : null;
  }

  async linkCase(id: string, eventId: string, caseId: string, manager: EntityManager): Promise<void> {
    await this.run(EVENTS_SQL.linkCase.text, [id, eventId, caseId], manager);
  }

  /** 我的报名: my registrations (any status) with their events, the latest first. */
  listMine(userId: string, after: Cursor | undefined, limit: number): Promise<MyRegistrationRow[]> {
    const qb = this.manager()
      .getRepository(EventRegistrationEntity)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.event', 'e')
      .leftJoinAndSelect('e.department', 'd')
      .where('r.user_id = :userId', { userId });
    return keyset(qb, MY_REGISTRATION_ORDER, after, limit).getMany() as Promise<MyRegistrationRow[]>;
  }

  /** One registration of mine (the calendar file): null when it is not mine. */
  findMine(id: string, userId: string): Promise<MyRegistrationRow | null> {
    return this.manager()
      .getRepository(EventRegistrationEntity)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.event', 'e')
      .where('r.id = :id AND r.user_id = :userId', { id, userId })
      .getOne() as Promise<MyRegistrationRow | null>;
  }

  /** The staff list of one event, by arrival, with the enterprise, the contact name and the phone (unmasked). */
  async listForStaff(
    eventId: string,
    status: RegistrationStatus | 'all',
    after: Cursor | undefined,
    limit: number,
  ): Promise<StaffRegistrationRow[]> {
    const qb = this.manager()
      .getRepository(EventRegistrationEntity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.eventId', 'r.userId', 'r.enterpriseId', 'r.status', 'r.seq', 'r.topic', 'r.caseId'])
      .addSelect(['r.checkedInAt', 'r.createdAt'])
      .innerJoin('r.enterprise', 'en')
      .addSelect(['en.id', 'en.name'])
      .innerJoin('r.user', 'u')
      .addSelect(['u.id', 'u.phone'])
      .leftJoin('enterprise_members', 'm', 'm.user_id = r.user_id AND m.enterprise_id = r.enterprise_id')
      .addSelect('m.contact_name', 'contact_name')
      .where('r.event_id = :eventId', { eventId });
    if (status !== 'all') qb.andWhere('r.status = :status', { status });
    const { entities, raw } = await keyset(qb, STAFF_REGISTRATION_ORDER, after, limit).getRawAndEntities();
    const contacts = new Map((raw as Raw[]).map((r) => [r.r_id as string, (r.contact_name as string | null) ?? null]));
    return entities.map((e) => ({
      id: e.id,
      eventId: e.eventId,
      userId: e.userId,
      enterpriseId: e.enterpriseId,
      status: e.status,
      seq: e.seq,
      topic: e.topic,
      caseId: e.caseId,
      checkedInAt: e.checkedInAt,
      createdAt: e.createdAt,
      enterpriseName: e.enterprise?.name ?? '',
      contactName: contacts.get(e.id) ?? null,
      phone: e.user?.phone ?? null,
    }));
  }

  /** The case a registration became: its number, department and state. */
  caseSummary(
    id: string,
    manager: EntityManager,
  ): Promise<Pick<CaseEntity, 'id' | 'number' | 'departmentId' | 'state'> | null> {
    return manager.getRepository(CaseEntity).findOne({
      select: { id: true, number: true, departmentId: true, state: true },
      where: { id },
    });
  }

  // ───────────── reminders ─────────────

  async resetReminders(eventId: string, manager: EntityManager): Promise<void> {
    await this.run(EVENTS_SQL.resetReminders.text, [eventId], manager);
  }

  /** Claims up to `batch` reminders of the kind due at `now` (each once across every process). */
  async claimReminders(
    kind: 'day' | 'hour',
    now: Date,
    batch: number,
    manager: EntityManager,
  ): Promise<ClaimedReminder[]> {
    const sql = kind === 'day' ? EVENTS_SQL.claimDayReminders.text : EVENTS_SQL.claimHourReminders.text;
    const rows = await this.run(sql, [now, batch], manager);
    return rows.map((r) => ({
      registrationId: r.id as string,
      userId: r.user_id as string,
      eventId: r.event_id as string,
      title: r.title as string,
      startsAt: date(r.starts_at),
      place: (r.place as string | null) ?? null,
      onlineUrl: (r.online_url as string | null) ?? null,
    }));
  }
}
