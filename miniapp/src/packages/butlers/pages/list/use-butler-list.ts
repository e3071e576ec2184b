import { useState } from 'react';
import type { ButlerItem } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { type ButlerFilters, butlersApi } from '@/services/butlers.api';
import { isStaff, sessionStore } from '@/stores/session';

const NO_FILTERS: ButlerFilters = { department: null, specialty: null };

/**
 * 管家团队: the directory page by page under the chosen department and specialty; 「我的管家」 for an enterprise user
 * (at most these two requests before the first render); the filter options only once the filter panel is opened.
 */
export function useButlerList() {
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);
  const [filters, setFilters] = useState<ButlerFilters>(NO_FILTERS);
  const [panelOpen, setPanelOpen] = useState(false);

  const list = usePagedList<ButlerItem>(
    (cursor) => butlersApi.list(filters, cursor),
    [filters.department, filters.specialty],
    { key: (b) => b.id },
  );
  const mine = useRequest(() => butlersApi.mine(), [session?.user.id], { enabled: enterprise });
  const options = useRequest(() => butlersApi.filters(), [], { enabled: panelOpen });

  return {
    enterprise,
    list,
    mine,
    filters,
    options,
    panelOpen,
    togglePanel: () => setPanelOpen((open) => !open),
    /** One filter set (null: 全部); the list starts again from its first page. */
    setFilter: (field: keyof ButlerFilters, value: string | null) => setFilters((f) => ({ ...f, [field]: value })),
    resetFilters: () => setFilters(NO_FILTERS),
    active: (filters.department ? 1 : 0) + (filters.specialty ? 1 : 0),
  };
}
