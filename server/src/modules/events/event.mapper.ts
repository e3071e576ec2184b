import type {
  AdminEventItem,
  EventCard,
  EventDetail,
  MyRegistration,
  RegistrationStatus,
} from '@qsgj/shared/contracts';
import type { EventEntity } from './event.entity';
import type { RegistrationRow } from './events.repository';

/** Sign-up is open at `now`: published, at or before the deadline, before the start. */
export function signupOpen(e: Pick<EventEntity, 'status' | 'signupDeadline' | 'startsAt'>, now: Date): boolean {
  return e.status === 'published' && now.getTime() <= e.signupDeadline.getTime() && now < e.startsAt;
}

export function toEventCard(e: EventEntity, now: Date): EventCard {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    speakers: e.speakers,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    signupDeadline: e.signupDeadline.toISOString(),
    place: e.place,
    online: e.onlineUrl !== null,
    capacity: e.capacity,
    seatsLeft: Math.max(0, e.capacity - e.confirmedCount),
    waitlisted: e.waitlistCount,
    status: e.status,
    signupOpen: signupOpen(e, now),
    ended: e.endsAt.getTime() <= now.getTime(),
    audienceDistricts: e.audienceDistricts,
    audienceIndustries: e.audienceIndustries,
    hasReplay: e.replayUrl !== null,
  };
}

export function toEventDetail(e: EventEntity, now: Date, mine: MyRegistration | null): EventDetail {
  return {
    ...toEventCard(e, now),
    description: e.description,
    latitude: e.latitude,
    longitude: e.longitude,
    onlineUrl: e.onlineUrl,
    organizerDepartmentId: e.departmentId,
    organizerDepartment: e.department?.name ?? null,
    materials: e.materials,
    replayUrl: e.replayUrl,
    cancelReason: e.cancelReason,
    myRegistration: mine,
  };
}

export function toAdminEventItem(e: EventEntity, now: Date, checkedIn: number): AdminEventItem {
  return {
    ...toEventCard(e, now),
    organizerDepartment: e.department?.name ?? null,
    checkedIn,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toMyRegistration(
  r: Pick<RegistrationRow, 'id' | 'eventId' | 'status' | 'topic' | 'checkedInAt' | 'createdAt'>,
  waitlistPosition: number | null,
): MyRegistration {
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status as RegistrationStatus,
    waitlistPosition: r.status === 'waitlisted' ? waitlistPosition : null,
    topic: r.topic,
    checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}
