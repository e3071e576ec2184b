import Taro from '@tarojs/taro';
import type { MyRegistrationItem } from '@qsgj/shared/contracts';
import { calendarEntry } from './format';

/**
 * 加入日历 in WeChat (the H5 build uses calendar.h5.ts): `wx.addPhoneCalendar` with the event's title, its start and
 * end in unix seconds, the place and who speaks. WeChat lets it run only from a tap, and asks the user first.
 * 'added', 'cancelled' (the user said no), or an Error with a Chinese message.
 */
export async function addToCalendar(item: MyRegistrationItem): Promise<'added' | 'cancelled'> {
  const entry = calendarEntry(item.event);
  try {
    // Taro types endTime as a string; WeChat reads a number of seconds, like startTime.
    await Taro.addPhoneCalendar({ ...entry, endTime: entry.endTime as unknown as string });
    return 'added';
  } catch (e) {
    const text = String((e as { errMsg?: string } | null)?.errMsg ?? e);
    if (/cancel/i.test(text)) return 'cancelled';
    if (/auth|deny|denied/i.test(text)) throw new Error('未获得日历权限，请在小程序设置中允许“添加到日历”后重试');
    throw new Error('添加到日历失败，请稍后重试');
  }
}

/** What the button says. */
export const CALENDAR_LABEL = '加入日历';
