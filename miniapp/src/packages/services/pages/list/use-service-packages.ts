import type { ServicePackageItem } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { servicePackagesApi } from '@/services/service-packages.api';

/** 惠企服务: the active packages in catalogue order, page by page (a visitor too). */
export function useServicePackages() {
  return usePagedList<ServicePackageItem>((cursor) => servicePackagesApi.list(cursor), [], {
    key: (p) => p.id,
  });
}
