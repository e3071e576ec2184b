import { useState } from 'react';
import type { ServicePackageItem } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { adminServicePackagesApi } from '@/services/service-packages.api';
import { openPage, PAGES } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';

export type PackageFilter = 'all' | 'active' | 'retired';

export const PACKAGE_FILTERS: ReadonlyArray<{ key: PackageFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'active', label: '上架中' },
  { key: 'retired', label: '已下架' },
];

/**
 * 服务包管理 (admins): every package, the latest change first, retired ones too; a row opens the editor, 新建 a blank
 * one. Loads again when shown again (back from the editor).
 */
export function useAdminPackages() {
  const admin = useAdmin();
  const [status, setStatus] = useState<PackageFilter>('all');
  const list = usePagedList<ServicePackageItem>(
    (cursor) => adminServicePackagesApi.list({ status, cursor: cursor ?? undefined }),
    [status],
    { key: (p) => p.id, enabled: admin, refreshOnShow: true },
  );
  return {
    admin,
    status,
    setStatus,
    list,
    open: (id: string) => void openPage(`${PAGES.servicePackageEdit}?id=${encodeURIComponent(id)}`),
    create: () => void openPage(PAGES.servicePackageEdit),
  };
}
