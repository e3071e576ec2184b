import type { AdminNewsDetail, NewsInputDto } from '@qsgj/shared/contracts';
import { NEWS_SCHEDULE_MAX_DAYS } from '@qsgj/shared/rules';
import { toRichHtml } from '@/packages/workbench/components/policy-form/rich-text';

/** The editor's fields, as typed. `day` and `time` (Asia/Shanghai) are the 定时发布 moment when `schedule` is on. */
export interface NewsForm {
  title: string;
  summary: string;
  source: string;
  body: string;
  pinned: boolean;
  schedule: boolean;
  /** `YYYY-MM-DD`. */
  day: string;
  /** `HH:mm`. */
  time: string;
}

export const EMPTY_FORM: NewsForm = {
  title: '',
  summary: '',
  source: '',
  body: '',
  pinned: false,
  schedule: false,
  day: '',
  time: '',
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** `{ day, time }` in Asia/Shanghai of an instant. */
export function shanghaiParts(at: Date): { day: string; time: string } {
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return { day: s.slice(0, 10), time: s.slice(11, 16) };
}

/** The form of a saved article; a scheduled one shows its time. */
export function formOf(n: AdminNewsDetail): NewsForm {
  const scheduled = n.state === 'scheduled' && n.publishedAt !== null;
  const at = scheduled ? shanghaiParts(new Date(n.publishedAt!)) : { day: '', time: '' };
  return {
    title: n.title,
    summary: n.summary,
    source: n.source ?? '',
    body: n.body,
    pinned: n.pinned,
    schedule: scheduled,
    ...at,
  };
}

/** What is sent on save: every field (a plain-text body becomes paragraphs), the cover as chosen. */
export function inputOf(f: NewsForm, coverFileId: string | null): NewsInputDto {
  return {
    title: f.title.trim(),
    summary: f.summary.trim(),
    source: f.source.trim() || null,
    body: toRichHtml(f.body),
    pinned: f.pinned,
    coverFileId,
  };
}

/** The 定时发布 moment as the API takes it (`2026-12-02T09:00:00+08:00`); undefined to publish now. */
export function publishAtOf(f: NewsForm): string | undefined {
  if (!f.schedule || !f.day || !f.time) return undefined;
  return `${f.day}T${f.time}:00+08:00`;
}

/** Quick choices for 定时发布: tomorrow 09:00 and an hour from now (to the minute), Shanghai time. */
export function quickTimes(now: Date): Array<{ key: string; label: string; day: string; time: string }> {
  const tomorrow = shanghaiParts(new Date(now.getTime() + DAY_MS)).day;
  const inHour = shanghaiParts(new Date(now.getTime() + 3_600_000));
  return [
    { key: 'tomorrow', label: '明天 09:00', day: tomorrow, time: '09:00' },
    { key: 'hour', label: '1 小时后', ...inHour },
  ];
}

/** The fields the editor checks before sending (the server checks everything again). */
export function localErrors(f: NewsForm, now: Date, publishing = false): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.title.trim()) errors.title = '请输入标题';
  if (publishing && f.schedule) {
    const at = publishAtOf(f);
    if (!at) errors.publishAt = '请选择定时发布的日期和时间';
    else if (Date.parse(at) < now.getTime()) errors.publishAt = '定时发布时间不能早于当前时间';
    else if (Date.parse(at) > now.getTime() + NEWS_SCHEDULE_MAX_DAYS * DAY_MS) {
      errors.publishAt = `定时发布时间不能晚于 ${NEWS_SCHEDULE_MAX_DAYS} 天之后`;
    }
  }
  return errors;
}

/** 「2026年12月2日 09:00」 of the form's 定时发布 moment. */
export function scheduleText(f: NewsForm): string {
  if (!f.day || !f.time) return '';
  return `${Number(f.day.slice(0, 4))}年${Number(f.day.slice(5, 7))}月${Number(f.day.slice(8, 10))}日 ${f.time}`;
}
