import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CaseDetailStaff, CaseSummaryStaff } from '@qsgj/shared/contracts';
import { type CaseSource, type CaseType, Role } from '@qsgj/shared/enums';
import { shanghaiDay } from '@qsgj/shared/rules';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { authApi } from '@/services/auth.api';
import { calendarApi, casesApi } from '@/services/cases.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { useWideScreen } from '@/packages/workbench/components/layout/use-wide-screen';
import { QUEUE_FILTERS, type QueueFilterKey } from './filters';

/** The queue row of a case whose detail changed (the detail carries every field of the row). */
export function summaryOf(d: CaseDetailStaff): CaseSummaryStaff {
  return {
    id: d.id,
    number: d.number,
    type: d.type,
    source: d.source,
    state: d.state,
    category: d.category,
    excerpt: d.excerpt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    expectedBy: d.expectedBy,
    paused: d.paused,
    department: d.department,
    awaitingRating: d.awaitingRating,
    enterprise: d.enterprise,
    anonymous: d.anonymous,
    butler: d.butler,
    acceptDueAt: d.acceptDueAt,
    resolveDueAt: d.resolveDueAt,
    overdue: d.overdue,
    dueSoon: d.dueSoon,
    estimatedDeadline: d.estimatedDeadline,
  };
}

/**
 * 管家工作台: the case queue of the signed-in staff member — the first page of the chosen filter, then the counts per
 * filter (`GET /cases/counts`) once it has arrived (name and role come from the session, not `/me`, so with the
 * app's unread count that is two requests before the queue shows); both load again whenever the page is shown again. Anyone not signed in as staff goes to the staff
 * sign-in. On a wide screen a row opens beside the queue; otherwise on the case page.
 */
export function useWorkbench() {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  const role = session?.user.role;

  const [filter, setFilter] = useState<QueueFilterKey>('open');
  const [type, setType] = useState<CaseType | undefined>();
  const [source, setSource] = useState<CaseSource | undefined>();
  const query = useMemo(
    () => ({ ...QUEUE_FILTERS.find((f) => f.key === filter)!.query, type, source }),
    [filter, type, source],
  );

  const list = usePagedList<CaseSummaryStaff>((cursor) => casesApi.listStaff(query, cursor), [query], {
    key: (c) => c.id,
    enabled: staff,
    refreshOnShow: true,
  });
  // The chips' counts follow the first page rather than race it: with the app's own unread count, the page asks
  // for two things before it shows the queue (the budget), and the counts arrive a moment after.
  const [listSettled, setListSettled] = useState(false);
  useEffect(() => {
    if (!list.loading) setListSettled(true);
  }, [list.loading]);
  const counts = useRequest(() => casesApi.counts(), [], { enabled: staff && listSettled, refreshOnShow: true });
  // Admins are warned while next year has no official calendar (deadlines into it count weekends only): asked after
  // the queue has shown, and again whenever the page is shown (back from the calendar editor).
  const nextYear = Number(shanghaiDay(new Date()).slice(0, 4)) + 1;
  const nextCalendar = useRequest(() => calendarApi.get(nextYear), [nextYear], {
    enabled: staff && role === Role.ADMIN && listSettled,
    refreshOnShow: true,
  });
  const calendarMissing = nextCalendar.data && !nextCalendar.data.official ? nextYear : null;

  const wide = useWideScreen();
  const [selectedId, setSelectedId] = useState<string>();
  const open = (id: string) => {
    if (wide) setSelectedId(id);
    else void openPage(`${PAGES.staffCase}?id=${encodeURIComponent(id)}`);
  };

  /** The case beside the queue changed: its row and the counts follow. */
  const changed = useCallback(
    (d: CaseDetailStaff) => {
      list.update((rows) => rows.map((r) => (r.id === d.id ? summaryOf(d) : r)));
      void counts.reload();
    },
    [list.update, counts.reload],
  );

  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });

  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = () => void authApi.signOut().then(() => Taro.reLaunch({ url: PAGES.home }));

  const isAdmin = role === Role.ADMIN;
  const isLead = role === Role.SUPERVISOR || isAdmin;
  // 待审核: the centre's and admins' chip (only they see cases the content check holds).
  const filters = QUEUE_FILTERS.filter(
    (f) => f.key !== 'pendingCheck' || isAdmin || (counts.data?.pendingCheck ?? 0) > 0,
  );
  const links = [
    ...(isLead ? [{ key: 'follow-ups', label: '回访整改', url: PAGES.followUps }] : []),
    { key: 'ledger', label: '工作台账', url: PAGES.ledger },
    ...(isAdmin ? [{ key: 'calendar', label: '工作日历', url: PAGES.calendar }] : []),
    // 常见问题 (issue 11): every staff member drafts; the review is on the same page.
    { key: 'faq', label: '常见问题', url: PAGES.staffFaq },
    // 潭商讲堂 (issue 12): every staff member checks in; admins also create and publish.
    { key: 'events', label: isAdmin ? '活动管理' : '活动签到', url: PAGES.staffEvents },
    // 企业商圈 (issue 12): reports and takedowns are the centre's and admins'.
    ...(isLead ? [{ key: 'market', label: '商圈管理', url: PAGES.marketReports }] : []),
  ];

  // 涉企政策 (issue 10): admins only.
  const policyLinks = isAdmin
    ? [
        { key: 'policies', label: '政策管理', url: PAGES.staffPolicies },
        { key: 'dictionaries', label: '字典管理', url: PAGES.dictionaries },
        // 惠企服务 · 营商动态 · 管家团队 (issue 11).
        { key: 'service-packages', label: '服务包管理', url: PAGES.staffServicePackages },
        { key: 'news', label: '动态管理', url: PAGES.staffNews },
        { key: 'staff', label: '管家管理', url: PAGES.staffList },
        { key: 'assignments', label: '企业分配', url: PAGES.assignments },
      ]
    : [];

  return {
    user: session?.user,
    filters,
    filter,
    setFilter,
    type,
    setType,
    source,
    setSource,
    counts,
    calendarMissing,
    list,
    wide,
    selectedId,
    open,
    changed,
    links,
    policyLinks,
    openLink: (url: string) => void openPage(url),
    menu: {
      open: menuOpen,
      toggle: () => setMenuOpen((o) => !o),
      changePassword: () => void openPage(PAGES.changePassword),
      messages: () => void Taro.switchTab({ url: PAGES.messages }),
      signOut,
    },
  };
}
