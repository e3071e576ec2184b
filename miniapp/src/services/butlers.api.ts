import type { ButlerFilterOptions, ButlerItem, MyButlerResponse, Page } from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/** Butlers per page of the directory. */
export const BUTLER_PAGE = 20;

/** The directory's filters as the query string carries them. */
export interface ButlerFilters {
  department: string | null;
  specialty: string | null;
}

/** 管家团队 (issue 11): the public directory, its filter options, one butler, and 我的管家. */
export const butlersApi = {
  list: (filters: ButlerFilters, cursor: string | null) =>
    http.get<Page<ButlerItem>>(
      withQuery('/butlers', {
        department: filters.department,
        specialty: filters.specialty,
        cursor,
        limit: BUTLER_PAGE,
      }),
    ),
  filters: () => http.get<ButlerFilterOptions>('/butlers/filters'),
  detail: (id: string) => http.get<ButlerItem>(`/butlers/${encodeURIComponent(id)}`),
  /** The butler assigned to my approved enterprise (ENTERPRISE_NOT_BOUND / NO_BUTLER_ASSIGNED otherwise). */
  mine: () => http.get<MyButlerResponse>('/me/butler'),
};
