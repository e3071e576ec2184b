import { NotificationKind } from '@qsgj/shared/enums';
import { PAGES } from '@qsgj/shared/pages';
import { formatShanghai } from './ics';
import type { NotifyInput } from '../notifications/notification.service';

/** Where a notice about an event leads: its detail page in the events subpackage. */
export function eventLink(eventId: string): string {
  return `${PAGES.eventDetail}?id=${eventId}`;
}

interface NoticeEvent {
  id: string;
  title: string;
  startsAt: Date;
  place: string | null;
  onlineUrl: string | null;
}

function where(e: NoticeEvent): string {
  return e.place ?? (e.onlineUrl ? '线上活动' : '待定');
}

function lecture(userId: string, e: NoticeEvent, title: string, body: string): NotifyInput {
  return {
    userId,
    kind: NotificationKind.LECTURE,
    title,
    body,
    link: eventLink(e.id),
    data: { title: e.title, startsAt: e.startsAt, place: where(e) },
  };
}

/** A waitlisted registrant got a seat (someone cancelled, or the capacity grew). */
export function promotedNotice(userId: string, e: NoticeEvent): NotifyInput {
  return lecture(
    userId,
    e,
    `候补成功：${e.title}`,
    `您候补的活动「${e.title}」已有空余名额，您已报名成功。活动时间：${formatShanghai(e.startsAt)}，地点：${where(e)}。如不能参加，请在「我的报名」中取消，把名额留给他人。`,
  );
}

/** The event was cancelled by its organiser. */
export function cancelledNotice(userId: string, e: NoticeEvent, reason: string): NotifyInput {
  return lecture(
    userId,
    e,
    `活动取消：${e.title}`,
    `您报名的活动「${e.title}」（原定 ${formatShanghai(e.startsAt)}）已取消。原因：${reason}。给您带来不便，敬请谅解。`,
  );
}

/** The reminder the day before, or the hour before. */
export function reminderNotice(userId: string, e: NoticeEvent, kind: 'day' | 'hour'): NotifyInput {
  const when = kind === 'day' ? '明天' : '一小时后';
  return lecture(
    userId,
    e,
    `活动提醒：${e.title}`,
    `您报名的活动「${e.title}」将于${when}（${formatShanghai(e.startsAt)}）开始，地点：${where(e)}。签到时请出示「我的报名」中的签到二维码。`,
  );
}
