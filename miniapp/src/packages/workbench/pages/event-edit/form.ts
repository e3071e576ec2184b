import type { EventDetail, EventInputDto, EventKind, EventMaterial } from '@qsgj/shared/contracts';
import { EVENT_LIMITS, shanghaiParts } from '@/packages/workbench/components/event-admin/labels';

/** The editor's fields, as typed: days `YYYY-MM-DD` and times `HH:mm` in Asia/Shanghai, numbers as text. */
export interface EventForm {
  kind: EventKind;
  title: string;
  speakers: string;
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  deadlineDay: string;
  deadlineTime: string;
  place: string;
  onlineUrl: string;
  latitude: string;
  longitude: string;
  capacity: string;
  audienceDistricts: string[];
  audienceIndustries: string[];
  organizerDepartmentId: string;
  materials: EventMaterial[];
  replayUrl: string;
  description: string;
}

export const EMPTY_FORM: EventForm = {
  kind: 'lecture',
  title: '',
  speakers: '',
  startDay: '',
  startTime: '',
  endDay: '',
  endTime: '',
  deadlineDay: '',
  deadlineTime: '',
  place: '',
  onlineUrl: '',
  latitude: '',
  longitude: '',
  capacity: '',
  audienceDistricts: [],
  audienceIndustries: [],
  organizerDepartmentId: '',
  materials: [],
  replayUrl: '',
  description: '',
};

const DAY_MS = 86_400_000;

/**
 * A new event's form: a week from today 14:30–16:30, sign-up until 18:00 the day before (Beijing time) — the usual
 * shape of a lecture, adjusted with the pickers.
 */
export function newForm(now: Date): EventForm {
  const day = shanghaiParts(new Date(now.getTime() + 7 * DAY_MS).toISOString()).day;
  const before = shanghaiParts(new Date(now.getTime() + 6 * DAY_MS).toISOString()).day;
  return {
    ...EMPTY_FORM,
    startDay: day,
    startTime: '14:30',
    endDay: day,
    endTime: '16:30',
    deadlineDay: before,
    deadlineTime: '18:00',
  };
}

/** The three moments of the form, by the field the server names them with. */
export const MOMENTS = [
  { field: 'startsAt', day: 'startDay', time: 'startTime', label: '开始时间' },
  { field: 'endsAt', day: 'endDay', time: 'endTime', label: '结束时间' },
  { field: 'signupDeadline', day: 'deadlineDay', time: 'deadlineTime', label: '报名截止' },
] as const;
export type Moment = (typeof MOMENTS)[number];

export function formOf(d: EventDetail): EventForm {
  const s = shanghaiParts(d.startsAt);
  const e = shanghaiParts(d.endsAt);
  const l = shanghaiParts(d.signupDeadline);
  return {
    kind: d.kind,
    title: d.title,
    speakers: d.speakers,
    startDay: s.day,
    startTime: s.time,
    endDay: e.day,
    endTime: e.time,
    deadlineDay: l.day,
    deadlineTime: l.time,
    place: d.place ?? '',
    onlineUrl: d.onlineUrl ?? '',
    latitude: d.latitude === null ? '' : String(d.latitude),
    longitude: d.longitude === null ? '' : String(d.longitude),
    capacity: String(d.capacity),
    audienceDistricts: d.audienceDistricts,
    audienceIndustries: d.audienceIndustries,
    organizerDepartmentId: d.organizerDepartmentId ?? '',
    materials: d.materials,
    replayUrl: d.replayUrl ?? '',
    description: d.description,
  };
}

/** A day and a time as the API takes them: `2026-12-10T14:30:00+08:00` (Beijing time); '' when either is missing. */
export function instantOf(day: string, time: string): string {
  return day && time ? `${day}T${time}:00+08:00` : '';
}

const numberOrNull = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim()));

/**
 * What is sent (`POST /admin/events`, or all of it as `PATCH`): texts trimmed, empty optional ones as null,
 * material rows with neither a name nor a link dropped.
 */
export function inputOf(f: EventForm): EventInputDto {
  return {
    kind: f.kind,
    title: f.title.trim(),
    speakers: f.speakers.trim(),
    startsAt: instantOf(f.startDay, f.startTime),
    endsAt: instantOf(f.endDay, f.endTime),
    signupDeadline: instantOf(f.deadlineDay, f.deadlineTime),
    place: f.place.trim() || null,
    onlineUrl: f.onlineUrl.trim() || null,
    latitude: numberOrNull(f.latitude),
    longitude: numberOrNull(f.longitude),
    capacity: Number(f.capacity.trim()),
    audienceDistricts: f.audienceDistricts,
    audienceIndustries: f.audienceIndustries,
    organizerDepartmentId: f.organizerDepartmentId || null,
    materials: f.materials.map((m) => ({ name: m.name.trim(), url: m.url.trim() })).filter((m) => m.name || m.url),
    replayUrl: f.replayUrl.trim() || null,
    description: f.description,
  };
}

/** The fields the editor checks before sending (the server checks everything again, and the rest). */
export function localErrors(f: EventForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.title.trim()) e.title = '请输入标题';
  for (const m of MOMENTS) {
    if (!f[m.day] || !f[m.time]) e[m.field] = `请选择${m.label}的日期和时间`;
  }
  const start = instantOf(f.startDay, f.startTime);
  const end = instantOf(f.endDay, f.endTime);
  const deadline = instantOf(f.deadlineDay, f.deadlineTime);
  if (start && end && Date.parse(end) <= Date.parse(start)) e.endsAt = '结束时间须晚于开始时间';
  if (start && deadline && Date.parse(deadline) > Date.parse(start)) e.signupDeadline = '报名截止时间不能晚于开始时间';
  if (!f.place.trim() && !f.onlineUrl.trim()) e.place = '请填写活动地点或线上链接';
  const capacity = f.capacity.trim();
  if (!/^\d+$/.test(capacity)) e.capacity = '请填写名额（整数）';
  else if (Number(capacity) < 1) e.capacity = '名额至少 1 个';
  else if (Number(capacity) > EVENT_LIMITS.capacity) e.capacity = `名额不能超过 ${EVENT_LIMITS.capacity} 个`;
  for (const [key, label] of [
    ['latitude', '纬度'],
    ['longitude', '经度'],
  ] as const) {
    if (f[key].trim() && !Number.isFinite(Number(f[key].trim()))) e[key] = `${label}必须是数字`;
  }
  if (!e.latitude && !e.longitude && !f.latitude.trim() !== !f.longitude.trim()) e.longitude = '经度和纬度须同时填写';
  return e;
}
