import { useMemo, useState } from 'react';
import type { AdminNewsItem, AdminNewsQueryDto, NewsStatus } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { adminNewsApi } from '@/services/news.api';
import { openPage, PAGES } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';

export type StatusFilter = NewsStatus | 'all';

export const STATUS_FILTERS: ReadonlyArray<{ key: StatusFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'withdrawn', label: '已撤回' },
];

/**
 * 动态管理 (admins): every article, newest change first (`GET /admin/news`), by status (a scheduled one is under
 * 已发布 with its 定时发布 tag); a row opens the editor, 新建动态 a blank one. Loads again when shown again (back
 * from the editor, which may have saved, published or withdrawn).
 */
export function useStaffNews() {
  const admin = useAdmin();
  const [status, setStatus] = useState<StatusFilter>('all');
  const query = useMemo<AdminNewsQueryDto>(() => ({ status }), [status]);
  const list = usePagedList<AdminNewsItem>(
    (cursor) => adminNewsApi.list({ ...query, cursor: cursor ?? undefined }),
    [query],
    { key: (n) => n.id, enabled: admin, refreshOnShow: true },
  );
  return {
    admin,
    status,
    setStatus,
    list,
    open: (id: string) => void openPage(`${PAGES.newsEdit}?id=${encodeURIComponent(id)}`),
    create: () => void openPage(PAGES.newsEdit),
  };
}
