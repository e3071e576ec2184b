import { useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { EventCard, EventKind, EventWhen } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { eventsApi } from '@/services/events.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { eventDetailPath } from '@/packages/events/components/format';

/**
 * 潭商讲堂: 即将开始 (soonest first) or 往期 (latest first), by kind (`GET /events`, keyset pages): pull-down refresh,
 * the next page at the bottom, the seats read again when the page shows again (back from a sign-up). A row opens the
 * event; 我的报名 is one tap away for an enterprise user.
 */
export function useEventsList() {
  const [when, setWhen] = useState<EventWhen>('upcoming');
  const [kind, setKind] = useState<EventKind | null>(null);
  const session = useStore(sessionStore);
  const list = usePagedList<EventCard>(
    (cursor) => eventsApi.list({ when, kind: kind ?? undefined, cursor: cursor ?? undefined }),
    [when, kind],
    { key: (e) => e.id, refreshOnShow: true },
  );
  useShareAppMessage(() => ({ title: '潭商讲堂 · 亲商管家', path: PAGES.events }));
  return {
    list,
    when,
    setWhen,
    kind,
    setKind,
    /** 我的报名 is for enterprise users (staff check people in from the workbench). */
    showMine: !isStaff(session),
    open: (id: string) => void openPage(eventDetailPath(id)),
    openMine: () => void openPage(PAGES.myRegistrations),
  };
}
