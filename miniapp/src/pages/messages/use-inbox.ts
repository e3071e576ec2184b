import { useCallback, useRef, useState } from 'react';
import type { NotificationItem, NotificationPage } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { notificationsApi, showUnreadBadge } from '@/services/notifications.api';
import { openPage, toast } from '@/utils/routes';

/**
 * 消息: the inbox, newest first, paged (pull down to refresh, more at the bottom, again whenever the
 * tab is shown). Every page carries the unread count, which the 消息 tab's badge follows; opening an
 * item marks it read and goes where it links.
 */
export function useInbox(signedIn: boolean) {
  const [unread, setUnread] = useState(0);
  // Read by `open` without making it change with every count: the rows keep one handler and skip rendering.
  const unreadRef = useRef(0);

  const apply = useCallback((count: number) => {
    unreadRef.current = count;
    setUnread(count);
    showUnreadBadge(count);
  }, []);

  const list = usePagedList<NotificationItem, NotificationPage>((cursor) => notificationsApi.list(cursor), [], {
    key: (n) => n.id,
    enabled: signedIn,
    refreshOnShow: true,
    onPage: (page) => apply(page.unreadCount),
  });

  const { update } = list;
  const open = useCallback(
    async (item: NotificationItem) => {
      if (!item.readAt) {
        const now = new Date().toISOString();
        update((rows) => rows.map((n) => (n.id === item.id ? { ...n, readAt: now } : n)));
        apply(Math.max(0, unreadRef.current - 1));
        notificationsApi.markRead(item.id).catch(() => undefined);
      }
      if (item.link) await openPage(item.link).catch(() => toast('该内容暂时无法打开'));
    },
    [update, apply],
  );

  const markAllRead = useCallback(async () => {
    try {
      await notificationsApi.markAllRead();
      const now = new Date().toISOString();
      update((rows) => rows.map((n) => ({ ...n, readAt: n.readAt ?? now })));
      apply(0);
    } catch (e) {
      toast((e as Error).message);
    }
  }, [update, apply]);

  return { list, unread, open, markAllRead };
}
