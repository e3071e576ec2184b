import { useMemo, useState } from 'react';
import type { AdminPolicyItem, AdminPolicyQueryDto } from '@qsgj/shared/contracts';
import type { PolicyStatus } from '@qsgj/shared/enums';
import { usePagedList } from '@/hooks/use-paged-list';
import { adminPoliciesApi } from '@/services/policies.api';
import { openPage, PAGES } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';

export type StatusFilter = PolicyStatus | 'all';

export const STATUS_FILTERS: ReadonlyArray<{ key: StatusFilter; label: string }> = [
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'withdrawn', label: '已撤回' },
  { key: 'expired', label: '已过期' },
  { key: 'all', label: '全部' },
];

/**
 * 政策管理 (admins): every policy, newest change first (`GET /admin/policies`), by status and a search; a row opens
 * the editor, 新建 a blank one, 导入 the import. The list loads again when the page is shown again (back from the
 * editor, which may have saved, published or withdrawn).
 */
export function usePolicies() {
  const admin = useAdmin();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const query = useMemo<AdminPolicyQueryDto>(() => ({ status, q: q || undefined }), [status, q]);
  const list = usePagedList<AdminPolicyItem>(
    (cursor) => adminPoliciesApi.list({ ...query, cursor: cursor ?? undefined }),
    [query],
    { key: (p) => p.id, enabled: admin, refreshOnShow: true },
  );
  return {
    admin,
    status,
    setStatus,
    input,
    setInput,
    search: () => setQ(input.trim()),
    clearSearch: () => {
      setInput('');
      setQ('');
    },
    q,
    list,
    open: (id: string) => void openPage(`${PAGES.policyEdit}?id=${encodeURIComponent(id)}`),
    openPush: (pushId: string) => void openPage(`${PAGES.pushProgress}?id=${encodeURIComponent(pushId)}`),
    create: () => void openPage(PAGES.policyEdit),
    importRows: () => void openPage(PAGES.policyImport),
    dictionaries: () => void openPage(PAGES.dictionaries),
  };
}
