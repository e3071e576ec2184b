import { useCallback, useState } from 'react';
import type { NotificationItem } from '@qsgj/shared/contracts';
import { notificationsApi, showUnreadBadge } from '../../services/notifications.api';
import { openPage, toast } from '../../utils/routes';

/** The inbox: first page, more on scroll, read on open, all read. Keeps the tab badge in step. */
export function useInbox(signedIn: boolean) {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(signedIn);
  const [error, setError] = useState<Error | null>(null);

  const apply = (count: number) => {
    setUnread(count);
    showUnreadBadge(count);
  };

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const page = await notificationsApi.list();
      setItems(page.items);
      setCursor(page.nextCursor);
      apply(page.unreadCount);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!cursor || loading) return;
    setLoading(true);
    try {
      const page = await notificationsApi.list(cursor);
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
      apply(page.unreadCount);
    } catch (e) {
      toast((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [cursor, loading]);

  const open = useCallback(
    async (item: NotificationItem) => {
      if (!item.readAt) {
        const now = new Date().toISOString();
        setItems((prev) => prev.map((n) => (n.id === item.id ? { ...n, readAt: now } : n)));
        apply(Math.max(0, unread - 1));
        notificationsApi.markRead(item.id).catch(() => undefined);
      }
      if (item.link) await openPage(item.link).catch(() => toast('该内容暂时无法打开'));
    },
    [unread],
  );

  const markAllRead = useCallback(async () => {
    try {
      await notificationsApi.markAllRead();
      const now = new Date().toISOString();
      setItems((prev) => prev.map((n) => ({ ...n, readAt: n.readAt ?? now })));
      apply(0);
    } catch (e) {
      toast((e as Error).message);
    }
  }, []);

  return { items, unread, loading, error, hasMore: !!cursor, reload, loadMore, open, markAllRead };
}
