import Taro from '@tarojs/taro';
import type { NotificationPage, SubscribeTemplatesResponse, UnreadCountResponse } from '@qsgj/shared/contracts';
import type { SubscribeResult } from '@qsgj/shared/enums';
import { http, withQuery } from '@/services/http';
import { sessionStore } from '@/stores/session';
import { createStore } from '@/utils/emitter';
import { IS_WEAPP } from '@/utils/platform';

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
  list: (cursor: string | null) => http.get<NotificationPage>(withQuery('/notifications', { cursor })),
  unreadCount: () => http.get<UnreadCountResponse>('/notifications/unread-count'),
  markRead: (id: string) => http.post<void>(`/notifications/${id}/read`, undefined, { idempotent: true }),
  markAllRead: () => http.post<void>('/notifications/read-all', undefined, { idempotent: true }),
  templates: () => http.get<SubscribeTemplatesResponse>('/notifications/templates'),
  recordGrants: (results: Record<string, SubscribeResult>) =>
    http.post<void>('/notifications/grants', { results }, { idempotent: true }),
};

/**
 * Asks WeChat for subscribe-message permission and tells the server what the user chose. WeChat
 * allows the ask only inside the user's tap, so the templates must already be loaded (see
 * `notificationsApi.templates()`): call this first thing in the tap handler. At most `maxPerRequest`
 * templates per ask. Returns how many were accepted; 0 outside WeChat.
 */
export async function askForSubscriptions(offer: SubscribeTemplatesResponse): Promise<number> {
  if (!IS_WEAPP) return 0;
  const tmplIds = offer.templates.slice(0, offer.maxPerRequest).map((t) => t.templateId);
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

let badgeInFlight: Promise<void> | null = null;
let badgeFetchedAt = 0;

/**
 * Refreshes the 消息 badge. App show and page show both ask on a cold start: one request serves both,
 * and a count fetched in the last 3 seconds is fresh enough.
 */
export function refreshUnreadBadge(): Promise<void> {
  if (!sessionStore.get()) {
    showUnreadBadge(0);
    return Promise.resolve();
  }
  if (badgeInFlight) return badgeInFlight;
  if (Date.now() - badgeFetchedAt < 3000) {
    showUnreadBadge(unreadStore.get());
    return Promise.resolve();
  }
  badgeInFlight = notificationsApi
    .unreadCount()
    .then(({ unreadCount }) => {
      badgeFetchedAt = Date.now();
      showUnreadBadge(unreadCount);
    })
    .catch(() => undefined) // The badge is a hint: a failure leaves the last count.
    .finally(() => {
      badgeInFlight = null;
    });
  return badgeInFlight;
}

/** After a sign-in or sign-out the count belongs to someone else: fetch it again next time. */
export function forgetUnreadBadge(): void {
  badgeFetchedAt = 0;
}
