import type { PolicyApplicationItem } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { policyApplicationsApi } from '@/services/service-packages.api';
import { isStaff, sessionStore } from '@/stores/session';

/**
 * 我的申报: the policies my enterprise applied for (一键申报), the latest first, each with its case; again whenever
 * the page is shown (back from a case that moved on). Signed out or staff: no request.
 */
export function usePolicyApplications() {
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  const list = usePagedList<PolicyApplicationItem>((cursor) => policyApplicationsApi.mine(cursor), [session?.user.id], {
    key: (a) => a.case.id,
    enabled: enterprise,
    refreshOnShow: true,
  });
  // Signed in but not (yet) an approved member: the page offers 绑定企业 instead of an error.
  const unbound = list.error instanceof ApiError && list.error.code === 'ENTERPRISE_NOT_BOUND';
  return { session, staff: isStaff(session), list, unbound };
}
