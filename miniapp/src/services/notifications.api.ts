import Taro from '@tarojs/taro';
import type { NotificationPage, SubscribeTemplatesResponse, UnreadCountResponse } from '@qsgj/shared/contracts';
import type { SubscribeResult } from '@qsgj/shared/enums';
import { sessionStore } from '../stores/session';
import { createStore } from '../utils/emitter';
import { http } from './http';

export const unreadStore = createStore<number>(0);

const MESSAGES_TAB_INDEX = 2;

/** The unread count, shown as the 消息 tab's badge. */
export function showUnreadBadge(count: number): void {
  unreadStore.set(count);
  try {
    if (count > 0)
      void Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: count > 99 ? '99+' : String(count) }).catch(
        () => undefined,
      );
    else void Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX }).catch(() => undefined);
  } catch {
    // Not on a tab page yet; the next page show sets it.
  }
}

export const notificationsApi = {
  list: (cursor?: string | null) =>
    http.get<NotificationPage>(`/notifications${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  unreadCount: () => http.get<UnreadCountResponse>('/notifications/unread-count'),
  markRead: (id: string) => http.post<void>(`/notifications/${id}/read`, undefined, { idempotent: true }),
  markAllRead: () => http.post<void>('/notifications/read-all', undefined, { idempotent: true }),
  templates: () => http.get<SubscribeTemplatesResponse>('/notifications/templates'),
  recordGrants: (results: Record<string, SubscribeResult>) =>
    http.post<void>('/notifications/grants', { results }, { idempotent: true }),
};

/**
 * Asks WeChat for subscribe-message permission on the user's tap (WeChat allows it only then, and at most
 * `maxPerRequest` templates per ask), and tells the server what the user chose.
 * Returns how many templates were accepted; 0 outside WeChat.
 */
export async function askForSubscriptions(): Promise<number> {
  if (process.env.TARO_ENV !== 'weapp') return 0;
  const { templates, maxPerRequest } = await notificationsApi.templates();
  const tmplIds = templates.slice(0, maxPerRequest).map((t) => t.templateId);
  if (!tmplIds.length) return 0;
  const answer = (await Taro.requestSubscribeMessage({
    tmplIds,
    entityIds: [],
  } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
  const results: Record<string, SubscribeResult> = {};
  for (const id of tmplIds) {
    const value = answer[id];
    if (value === 'accept' || value === 'reject' || value === 'ban' || value === 'filter') results[id] = value;
  }
  if (Object.keys(results).length) await notificationsApi.recordGrants(results);
  return Object.values(results).filter((v) => v === 'accept').length;
}

export async function refreshUnreadBadge(): Promise<void> {
  if (!sessionStore.get()) return showUnreadBadge(0);
  try {
    const { unreadCount } = await notificationsApi.unreadCount();
    showUnreadBadge(unreadCount);
  } catch {
    // The badge is a hint: a failure leaves the last count.
  }
}
