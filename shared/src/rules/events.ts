/**
 * The vocabulary and limits of 潭商讲堂 (issue 12), decorator-free so the mini-program can import them
 * (`@qsgj/shared/rules`); `contracts/events.ts` re-exports them.
 */

export const EventKind = {
  LECTURE: 'lecture',
  TRAINING: 'training',
  POLICY_TOUR: 'policy_tour',
  RECEPTION_DAY: 'reception_day',
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];
export const EVENT_KIND_VALUES: readonly EventKind[] = Object.values(EventKind);
export const EVENT_KIND_LABEL: Record<EventKind, string> = {
  lecture: '讲座',
  training: '培训',
  policy_tour: '政策宣讲（轻骑兵）',
  reception_day: '企业接待日',
};

/** An event's stored status. A published event whose end has passed reads `ended` (never stored). */
export type EventStatus = 'draft' | 'published' | 'cancelled';
export const EVENT_STATUS_VALUES: readonly EventStatus[] = ['draft', 'published', 'cancelled'];
export const EVENT_STATUS_LABEL: Record<EventStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
};

/** A registration's status: a seat (confirmed), a place in the waitlist (waitlisted), or given up (cancelled). */
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export const REGISTRATION_STATUS_LABEL: Record<RegistrationStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const EVENT_TITLE_MAX = 100;
export const EVENT_DESCRIPTION_MAX = 5000;
export const EVENT_SPEAKERS_MAX = 200;
export const EVENT_PLACE_MAX = 200;
export const EVENT_URL_MAX = 500;
export const EVENT_CAPACITY_MAX = 100_000;
export const EVENT_AUDIENCE_MAX = 30;
export const EVENT_MATERIALS_MAX = 20;
export const EVENT_MATERIAL_NAME_MAX = 100;
export const EVENT_TOPIC_MAX = 1000;
export const EVENT_CANCEL_REASON_MAX = 200;
export const EVENT_PAGE_MAX = 50;
/** A check-in code (the QR payload) is valid this long; the 我的报名 page refreshes it before then. */
export const CHECKIN_CODE_TTL_SECONDS = 600;
export const CHECKIN_CODE_MAX = 200;
