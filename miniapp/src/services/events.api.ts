import type {
  AdminEventItem,
  AdminEventQueryDto,
  CancelEventDto,
  CheckinDto,
  CheckinResult,
  EventCard,
  EventDetail,
  EventInputDto,
  EventQueryDto,
  MyRegistrationItem,
  Page,
  RegisterEventDto,
  RegistrationCaseDto,
  RegistrationCaseResult,
  RegistrationResult,
  StaffRegistrationPage,
  StaffRegistrationQueryDto,
  UpdateEventDto,
} from '@qsgj/shared/contracts';
import { filesApi } from '@/services/files.api';
import { http, withQuery } from '@/services/http';

/*
 * 潭商讲堂 (issue 12): every call the mini-program makes for events, in one place. Types only from
 * `@qsgj/shared/contracts` (never the DTO classes' values).
 */

type Query = Record<string, string | number | boolean | null | undefined>;
const id = (value: string) => encodeURIComponent(value);

export const eventsApi = {
  /** Upcoming (soonest first, the default) or past (latest first); by kind. Public. */
  list: (query: EventQueryDto) => http.get<Page<EventCard>>(withQuery('/events', query as Query)),
  /** With the caller's own registration when an enterprise user is signed in. */
  detail: (eventId: string) => http.get<EventDetail>(`/events/${id(eventId)}`),
  /** Idempotent per user and event: a repeat answers the same registration (`created: false`). */
  register: (eventId: string, body: RegisterEventDto = {}) =>
    http.post<RegistrationResult>(`/events/${id(eventId)}/registrations`, body, { idempotent: true }),
  /** Frees the seat; the first on the waitlist is promoted and notified. */
  cancel: (eventId: string) => http.delete<RegistrationResult>(`/events/${id(eventId)}/registrations/me`),
  /** My registrations, each with its event and, for a confirmed one not over yet, the signed check-in code. */
  mine: (cursor: string | null, limit?: number) =>
    http.get<Page<MyRegistrationItem>>(withQuery('/me/registrations', { cursor, limit })),
  /** The registration's `.ics` as a local file (H5: a blob URL to hand to an `<a download>`). */
  calendarFile: (registrationId: string) => filesApi.download(`/me/registrations/${id(registrationId)}/calendar.ics`),
};

export const staffEventsApi = {
  registrations: (eventId: string, query: StaffRegistrationQueryDto) =>
    http.get<StaffRegistrationPage>(withQuery(`/staff/events/${id(eventId)}/registrations`, query as Query)),
  /** A scanned or typed code, or a ticked registration; a second check-in answers `alreadyCheckedIn`. */
  checkIn: (eventId: string, body: CheckinDto) =>
    http.post<CheckinResult>(`/events/${id(eventId)}/checkins`, body, { idempotent: true }),
  /** 企业接待日: the registration's topic becomes a `reception_day` case (a repeat answers the same case). */
  toCase: (eventId: string, registrationId: string, body: RegistrationCaseDto) =>
    http.post<RegistrationCaseResult>(`/staff/events/${id(eventId)}/registrations/${id(registrationId)}/case`, body, {
      idempotent: true,
    }),
};

export const adminEventsApi = {
  list: (query: AdminEventQueryDto) => http.get<Page<AdminEventItem>>(withQuery('/admin/events', query as Query)),
  detail: (eventId: string) => http.get<EventDetail>(`/admin/events/${id(eventId)}`),
  create: (body: EventInputDto) => http.post<EventDetail>('/admin/events', body, { idempotent: true }),
  update: (eventId: string, body: UpdateEventDto) => http.patch<EventDetail>(`/admin/events/${id(eventId)}`, body),
  publish: (eventId: string) =>
    http.post<EventDetail>(`/admin/events/${id(eventId)}/publish`, undefined, { idempotent: true }),
  cancel: (eventId: string, body: CancelEventDto) =>
    http.post<EventDetail>(`/admin/events/${id(eventId)}/cancel`, body, { idempotent: true }),
};
