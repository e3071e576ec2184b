import type { MyRegistrationItem } from '@qsgj/shared/contracts';
import { eventsApi } from '@/services/events.api';

/**
 * 加入日历 in H5 (Taro builds this file instead of calendar.ts): the registration's `.ics` is fetched with the user's
 * sign-in (a blob URL) and handed to the browser's downloads; the phone or computer opens it in its calendar.
 */
export async function addToCalendar(item: MyRegistrationItem): Promise<'added' | 'cancelled'> {
  const href = await eventsApi.calendarFile(item.id);
  const a = document.createElement('a');
  a.href = href;
  a.download = `潭商讲堂-${item.event.title.slice(0, 30)}.ics`;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return 'added';
}

/** What the button says. */
export const CALENDAR_LABEL = '下载日历文件';
