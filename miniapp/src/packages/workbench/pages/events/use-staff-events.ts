import { useMemo, useState } from 'react';
import type {
  AdminEventItem,
  AdminEventQueryDto,
  EventCard,
  EventQueryDto,
  EventStatus,
  EventWhen,
} from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { adminEventsApi, eventsApi } from '@/services/events.api';
import { openPage, PAGES } from '@/utils/routes';
import { useEventStaff } from '@/packages/workbench/components/event-admin';

export type StatusFilter = EventStatus | 'all';

export const STATUS_FILTERS: ReadonlyArray<{ key: StatusFilter; label: string }> = [
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'cancelled', label: '已取消' },
  { key: 'all', label: '全部' },
];

export const WHEN_FILTERS: ReadonlyArray<{ key: EventWhen; label: string }> = [
  { key: 'upcoming', label: '即将开始' },
  { key: 'past', label: '近期结束' },
];

/**
 * 活动管理 / 活动签到 (`PAGES.staffEvents`). Admins: every event by status (`GET /admin/events`, the latest change
 * first), 新建活动, each row to 编辑 and (published ones) 签到. Other staff: the published events, upcoming or past
 * (the public `GET /events`), each to 签到. Loads again when shown again (back from the editor or a check-in).
 */
export function useStaffEvents() {
  const { staff, admin } = useEventStaff();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [when, setWhen] = useState<EventWhen>('upcoming');
  const adminQuery = useMemo<AdminEventQueryDto>(() => ({ status }), [status]);
  const publicQuery = useMemo<EventQueryDto>(() => ({ when }), [when]);
  const adminList = usePagedList<AdminEventItem>(
    (cursor) => adminEventsApi.list({ ...adminQuery, cursor: cursor ?? undefined }),
    [adminQuery],
    { key: (e) => e.id, enabled: admin, refreshOnShow: true },
  );
  const staffList = usePagedList<EventCard>(
    (cursor) => eventsApi.list({ ...publicQuery, cursor: cursor ?? undefined }),
    [publicQuery],
    { key: (e) => e.id, enabled: staff && !admin, refreshOnShow: true },
  );
  return {
    staff,
    admin,
    status,
    setStatus,
    when,
    setWhen,
    adminList,
    staffList,
    edit: (id: string) => void openPage(`${PAGES.eventEdit}?id=${encodeURIComponent(id)}`),
    checkin: (id: string) => void openPage(`${PAGES.eventCheckin}?id=${encodeURIComponent(id)}`),
    create: () => void openPage(PAGES.eventEdit),
  };
}
