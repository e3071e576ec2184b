import { useEffect, useRef, useState } from 'react';
import type { MyRegistrationItem } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { eventsApi } from '@/services/events.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';
import { addToCalendar } from '@/packages/events/components/calendar';
import { eventDetailPath } from '@/packages/events/components/format';

/** The list is read again this long before the first check-in code runs out (the server mints a fresh one). */
export const REFRESH_BEFORE_EXPIRY_MS = 60_000;
/** Never sooner than this after the last read (a code already about to expire, a clock off by minutes). */
const MIN_REFRESH_MS = 10_000;

/** When to read the list again for fresh codes: ms from `now`, or null when no code is shown. */
export function refreshDelay(items: MyRegistrationItem[], now: number = Date.now()): number | null {
  const expiries = items
    .filter((r) => r.checkin && !r.checkedInAt)
    .map((r) => Date.parse(r.checkin!.expiresAt))
    .filter((t) => !Number.isNaN(t));
  if (!expiries.length) return null;
  return Math.max(MIN_REFRESH_MS, Math.min(...expiries) - REFRESH_BEFORE_EXPIRY_MS - now);
}

/**
 * 我的报名 (`GET /me/registrations`, keyset pages): each registration with its event and, for a seat of an event not
 * over, the signed check-in code. Codes are short-lived: the list is read again shortly before the first one expires,
 * and whenever the page shows again. 加入日历 adds the event to the phone's calendar (H5: the .ics file).
 */
export function useMyRegistrations() {
  const session = useStore(sessionStore);
  const signedIn = !!session && !isStaff(session);
  const list = usePagedList<MyRegistrationItem>((cursor) => eventsApi.mine(cursor), [session?.user.id], {
    key: (r) => r.id,
    enabled: signedIn,
    refreshOnShow: true,
  });

  // One timer for the soonest expiry of the codes on screen; a new answer sets it again.
  const reload = useRef(list.reload);
  reload.current = list.reload;
  useEffect(() => {
    const delay = refreshDelay(list.items);
    if (delay === null) return undefined;
    const timer = setTimeout(() => void reload.current(), delay);
    return () => clearTimeout(timer);
  }, [list.items]);

  const calendar = useAction();
  const [adding, setAdding] = useState<string | null>(null);
  const addCalendar = async (item: MyRegistrationItem) => {
    setAdding(item.id);
    const result = await calendar.run(
      () => addToCalendar(item),
      (e) => {
        toast(e.message);
        return e.message;
      },
    );
    setAdding(null);
    if (result === 'added') toast('已加入日历', 'success');
  };

  return {
    list,
    signedIn,
    staff: isStaff(session),
    adding,
    addCalendar: (item: MyRegistrationItem) => void addCalendar(item),
    open: (eventId: string) => void openPage(eventDetailPath(eventId)),
    openList: () => void openPage(PAGES.events).catch(() => undefined),
    signIn: () =>
      void openPage(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.myRegistrations)}`).catch(() => undefined),
  };
}
