import type { PolicyListItem } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { policiesApi } from '@/services/policies.api';
import { isStaff, sessionStore } from '@/stores/session';

/**
 * 我的收藏: my favourite policies, newest first, page by page; again whenever the page is shown (back from a
 * detail where one was taken out). Signed out or staff: no request.
 */
export function useFavorites() {
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  const list = usePagedList<PolicyListItem>((cursor) => policiesApi.favorites(cursor), [session?.user.id], {
    key: (p) => p.id,
    enabled: enterprise,
    refreshOnShow: true,
  });
  return { session, staff: isStaff(session), list };
}
