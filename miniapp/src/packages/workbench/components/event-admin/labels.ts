import type { EventCard, EventKind, EventStatus, RegistrationStatus } from '@qsgj/shared/contracts';

/*
 * The words and limits of 潭商讲堂 as the workbench shows them. The contracts' own constants come with the DTO
 * classes (class-validator), which the mini-program must not bundle: these mirror them, and a unit spec checks
 * that they still agree (workbench-events.spec.tsx).
 */

export const EVENT_KINDS: readonly EventKind[] = ['lecture', 'training', 'policy_tour', 'reception_day'];
export const EVENT_KIND_TEXT: Record<EventKind, string> = {
  lecture: '讲座',
  training: '培训',
  policy_tour: '政策宣讲（轻骑兵）',
  reception_day: '企业接待日',
};
export const EVENT_STATUS_TEXT: Record<EventStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
};
export const REGISTRATION_STATUS_TEXT: Record<RegistrationStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const EVENT_LIMITS = {
  title: 100,
  description: 5000,
  speakers: 200,
  place: 200,
  url: 500,
  capacity: 100_000,
  materials: 20,
  materialName: 100,
  cancelReason: 200,
  checkinCode: 200,
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
  return e.status === 'published' && e.ended ? '已结束' : EVENT_STATUS_TEXT[e.status];
}

/** Seats taken: the capacity less the free ones. */
export function seatsTaken(e: Pick<EventCard, 'capacity' | 'seatsLeft'>): number {
  return Math.max(0, e.capacity - e.seatsLeft);
}
