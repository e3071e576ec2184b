import type { EventCard } from '@qsgj/shared/contracts';
import {
  CHECKIN_CODE_MAX,
  EVENT_CANCEL_REASON_MAX,
  EVENT_CAPACITY_MAX,
  EVENT_DESCRIPTION_MAX,
  EVENT_MATERIAL_NAME_MAX,
  EVENT_MATERIALS_MAX,
  EVENT_PLACE_MAX,
  EVENT_SPEAKERS_MAX,
  EVENT_STATUS_LABEL,
  EVENT_TITLE_MAX,
  EVENT_URL_MAX,
} from '@qsgj/shared/rules';

/* The words and limits of 潭商讲堂 as the workbench names them: the shared rules' (`@qsgj/shared/rules`). */
export {
  EVENT_KIND_LABEL as EVENT_KIND_TEXT,
  EVENT_KIND_VALUES as EVENT_KINDS,
  EVENT_STATUS_LABEL as EVENT_STATUS_TEXT,
  REGISTRATION_STATUS_LABEL as REGISTRATION_STATUS_TEXT,
} from '@qsgj/shared/rules';

export const EVENT_LIMITS = {
  title: EVENT_TITLE_MAX,
  description: EVENT_DESCRIPTION_MAX,
  speakers: EVENT_SPEAKERS_MAX,
  place: EVENT_PLACE_MAX,
  url: EVENT_URL_MAX,
  capacity: EVENT_CAPACITY_MAX,
  materials: EVENT_MATERIALS_MAX,
  materialName: EVENT_MATERIAL_NAME_MAX,
  cancelReason: EVENT_CANCEL_REASON_MAX,
  checkinCode: CHECKIN_CODE_MAX,
} as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** `{ day: 'YYYY-MM-DD', time: 'HH:mm' }` in Asia/Shanghai of an instant ('' for a bad one). */
export function shanghaiParts(iso: string | null | undefined): { day: string; time: string } {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return { day: '', time: '' };
  const s = new Date(t + SHANGHAI_OFFSET_MS).toISOString();
  return { day: s.slice(0, 10), time: s.slice(11, 16) };
}

/** 「2026年12月5日 14:30–16:30」, or both days when it spans more than one (Asia/Shanghai). */
export function eventWhen(e: Pick<EventCard, 'startsAt' | 'endsAt'>): string {
  const a = shanghaiParts(e.startsAt);
  const b = shanghaiParts(e.endsAt);
  if (!a.day) return '';
  const day = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  if (!b.day) return `${day(a.day)} ${a.time}`;
  return a.day === b.day ? `${day(a.day)} ${a.time}–${b.time}` : `${day(a.day)} ${a.time} – ${day(b.day)} ${b.time}`;
}

/** 草稿 / 已发布 / 已取消, or 已结束 for a published event whose end has passed. */
export function eventStateText(e: Pick<EventCard, 'status' | 'ended'>): string {
  return e.status === 'published' && e.ended ? '已结束' : EVENT_STATUS_LABEL[e.status];
}

/** Seats taken: the capacity less the free ones. */
export function seatsTaken(e: Pick<EventCard, 'capacity' | 'seatsLeft'>): number {
  return Math.max(0, e.capacity - e.seatsLeft);
}
