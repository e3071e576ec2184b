import type { EventCard, EventDetail, EventKind, MyRegistration } from '@qsgj/shared/contracts';
import { PAGES } from '@/utils/routes';

/**
 * How 潭商讲堂 words an event: times in Asia/Shanghai (UTC+8, whatever the device's zone), the place or 线上, the seats
 * and where sign-up stands. Shared by the list, the detail and 我的报名.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

interface Parts {
  y: number;
  m: number;
  d: number;
  w: string;
  hm: string;
}

function parts(iso: string): Parts | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const s = new Date(t + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    y: s.getUTCFullYear(),
    m: s.getUTCMonth() + 1,
    d: s.getUTCDate(),
    w: WEEKDAYS[s.getUTCDay()],
    hm: `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`,
  };
}

function dayOf(p: Parts, now: Date): string {
  const thisYear = parts(now.toISOString())?.y;
  return `${p.y === thisYear ? '' : `${p.y}年`}${p.m}月${p.d}日（周${p.w}）`;
}

/** 「12月10日（周四）14:30–16:30」; across days 「12月10日（周四）14:30 至 12月11日（周五）12:00」. */
export function eventTime(e: Pick<EventCard, 'startsAt' | 'endsAt'>, now: Date = new Date()): string {
  const a = parts(e.startsAt);
  const b = parts(e.endsAt);
  if (!a) return '';
  if (!b) return `${dayOf(a, now)}${a.hm}`;
  if (a.y === b.y && a.m === b.m && a.d === b.d) return `${dayOf(a, now)}${a.hm}–${b.hm}`;
  return `${dayOf(a, now)}${a.hm} 至 ${dayOf(b, now)}${b.hm}`;
}

/** 「12月9日（周三）18:00」 of one instant. */
export function instantText(iso: string, now: Date = new Date()): string {
  const p = parts(iso);
  return p ? `${dayOf(p, now)}${p.hm}` : '';
}

/** 「14:30」 of one instant, Shanghai. */
export function clockText(iso: string): string {
  return parts(iso)?.hm ?? '';
}

/** The place, or 线上 for an online event (both when it has both). */
export function placeText(e: Pick<EventCard, 'place' | 'online'>): string {
  if (e.place && e.online) return `${e.place}（另设线上直播）`;
  return e.place ?? (e.online ? '线上' : '待定');
}

/** Who speaks (讲座、培训) or which officials attend (轻骑兵、接待日). */
export function speakersLabel(kind: EventKind): string {
  return kind === 'policy_tour' || kind === 'reception_day' ? '出席领导' : '主讲人';
}

export type SeatState = 'open' | 'waitlist' | 'closed' | 'started' | 'ended' | 'cancelled';

/** Where sign-up stands, from the card (the server's `signupOpen` and `ended`; the start read on this device). */
export function seatState(e: EventCard, now: Date = new Date()): SeatState {
  if (e.status === 'cancelled') return 'cancelled';
  if (e.ended) return 'ended';
  if (e.signupOpen) return e.seatsLeft > 0 ? 'open' : 'waitlist';
  return Date.parse(e.startsAt) <= now.getTime() ? 'started' : 'closed';
}

/** The seats line of a card: 「剩余 3 席」, 已满可候补, 报名已截止, 进行中, 已结束, 已取消. */
export function seatText(e: EventCard, now: Date = new Date()): string {
  switch (seatState(e, now)) {
    case 'open':
      return `剩余 ${e.seatsLeft} 席`;
    case 'waitlist':
      return e.waitlisted > 0 ? `已满可候补（${e.waitlisted} 人候补中）` : '已满可候补';
    case 'closed':
      return '报名已截止';
    case 'started':
      return '活动进行中';
    case 'ended':
      return '已结束';
    case 'cancelled':
      return '已取消';
  }
}

/** The tag's tone for a seat state (qs-tag--ok / --wait / --bad). */
export function seatTone(state: SeatState): 'ok' | 'wait' | 'bad' {
  if (state === 'open') return 'ok';
  if (state === 'waitlist') return 'wait';
  return 'bad';
}

/** Who it is for: 全市企业, or the districts and industries. */
export function audienceText(e: Pick<EventCard, 'audienceDistricts' | 'audienceIndustries'>): string {
  const parts: string[] = [];
  if (e.audienceDistricts.length) parts.push(`${e.audienceDistricts.join('、')}的企业`);
  if (e.audienceIndustries.length) parts.push(`${e.audienceIndustries.join('、')}行业`);
  return parts.length ? parts.join('；') : '全市企业';
}

/** A registration that holds a seat or a place in the waitlist. */
export function isLive(r: Pick<MyRegistration, 'status'> | null | undefined): boolean {
  return !!r && r.status !== 'cancelled';
}

/** 「报名成功」 / 「候补第 2 位」 / 「已取消」. */
export function registrationText(r: Pick<MyRegistration, 'status' | 'waitlistPosition'>): string {
  if (r.status === 'confirmed') return '报名成功';
  if (r.status === 'waitlisted') return r.waitlistPosition ? `候补第 ${r.waitlistPosition} 位` : '候补中';
  return '已取消报名';
}

/** The detail's own address: the share card's path (it opens the event cold) and the way back from sign-in. */
export function eventDetailPath(id: string): string {
  return `${PAGES.eventDetail}?id=${encodeURIComponent(id)}`;
}

/** H5: the address that opens the event (hash routing), for 复制链接; '' outside a browser. */
export function eventLink(id: string): string {
  if (typeof window === 'undefined' || !window.location) return '';
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${eventDetailPath(id)}`;
}

/** The seconds WeChat's calendar wants (unix time, not milliseconds). */
export function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** The calendar entry of an event: title, times in unix seconds, place and a short description. */
export function calendarEntry(
  e: Pick<EventDetail, 'title' | 'startsAt' | 'endsAt' | 'place' | 'online' | 'speakers' | 'kind'>,
) {
  const lines = [e.speakers ? `${speakersLabel(e.kind)}：${e.speakers}` : '', '亲商管家 · 潭商讲堂'].filter(Boolean);
  return {
    title: e.title,
    startTime: unixSeconds(e.startsAt),
    endTime: unixSeconds(e.endsAt),
    location: placeText(e),
    description: lines.join('\n'),
  };
}
