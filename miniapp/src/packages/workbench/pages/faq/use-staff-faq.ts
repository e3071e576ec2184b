import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { FaqStatus, StaffFaqItem } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { addCalendarDays, shanghaiDay } from '@qsgj/shared/rules';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { staffFaqApi } from '@/services/faq.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';

export type FaqFilter = FaqStatus | 'all';

export const FAQ_FILTERS: ReadonlyArray<{ key: FaqFilter; label: string }> = [
  { key: 'draft', label: '待审核' },
  { key: 'published', label: '已发布' },
  { key: 'withdrawn', label: '已撤回' },
  { key: 'all', label: '全部' },
];

/** The period the 「咨询前已解答」 figure covers: the last 30 days, today included (Asia/Shanghai). */
export const DEFLECTION_DAYS = 30;

/**
 * 常见问题管理 (staff): entries by status, the latest change first (drafts to review first for supervisors and
 * admins); how often a suggestion was opened and the consultation then not sent, over the last 30 days (asked once the
 * list has answered, so one request comes before the page shows). Loads again when shown again (back from the editor).
 */
export function useStaffFaq() {
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });
  const reviewer = session?.user.role === Role.SUPERVISOR || session?.user.role === Role.ADMIN;
  const [status, setStatus] = useState<FaqFilter>('draft');
  const list = usePagedList<StaffFaqItem>(
    (cursor) => staffFaqApi.list({ status, cursor: cursor ?? undefined }),
    [status],
    { key: (f) => f.id, enabled: staff, refreshOnShow: true },
  );
  const today = shanghaiDay(new Date());
  const from = addCalendarDays(today, -(DEFLECTION_DAYS - 1));
  // After the list's first answer: the list is what the page is for (one request before it shows).
  const [listed, setListed] = useState(false);
  if (staff && !listed && !list.loading) setListed(true);
  const deflections = useRequest(() => staffFaqApi.deflections(from, today), [from, today], {
    enabled: staff && listed,
    refreshOnShow: true,
  });
  return {
    staff,
    reviewer,
    status,
    setStatus,
    list,
    deflections,
    open: (id: string) => void openPage(`${PAGES.faqEdit}?id=${encodeURIComponent(id)}`),
    create: () => void openPage(PAGES.faqEdit),
  };
}
