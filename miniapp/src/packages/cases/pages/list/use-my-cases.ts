import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CaseSummary } from '@qsgj/shared/contracts';
import { CaseState } from '@qsgj/shared/enums';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { type CaseListFilters, casesApi } from '@/services/cases.api';
import { isStaff, sessionStore } from '@/stores/session';

export type CaseTab = 'all' | 'open' | 'rate' | 'done';

/** 全部 / 办理中 (not yet resolved) / 待评价 (resolved) / 已完结 (closed or rejected): filters of `GET /cases`. */
export const CASE_TABS: readonly { key: CaseTab; label: string; filters: CaseListFilters }[] = [
  { key: 'all', label: '全部', filters: {} },
  { key: 'open', label: '办理中', filters: { stage: 'active' } },
  { key: 'rate', label: '待评价', filters: { state: CaseState.RESOLVED } },
  { key: 'done', label: '已完结', filters: { stage: 'finished' } },
];

/** The tab a link opens: `?filter=rate` (the home 评价 card, 我的's badge) opens 待评价. */
export function tabOf(filter: string | undefined): CaseTab {
  return CASE_TABS.some((t) => t.key === filter) ? (filter as CaseTab) : 'all';
}

/**
 * 我的诉求: the enterprise's own cases, newest first, one tab's filter at a time; pull down to refresh, again
 * whenever the page is shown (back from a case that was rated or answered). Signed out or staff: no request.
 */
export function useMyCases() {
  const { params } = useRouter();
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  const [tab, setTab] = useState<CaseTab>(() => tabOf(params?.filter));
  const filters = CASE_TABS.find((t) => t.key === tab)!.filters;

  const list = usePagedList<CaseSummary>((cursor) => casesApi.list(filters, cursor), [tab], {
    key: (c) => c.id,
    enabled: enterprise,
    refreshOnShow: true,
  });

  return { session, staff: isStaff(session), tab, setTab, list };
}
