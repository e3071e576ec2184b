import type {
  AdminEnterpriseItem,
  BulkAssignButlersDto,
  BulkAssignResult,
  ButlerChangeItem,
  DepartmentItem,
  DictionaryResponse,
  Page,
  StaffItem,
  StaffWorkload,
  UpdateStaffDto,
} from '@qsgj/shared/contracts';
import type { Role } from '@qsgj/shared/enums';
import { http, withQuery } from '@/services/http';

/*
 * 管家团队, the admin's side (issue 11): staff accounts (管家管理) and who serves which enterprise (企业分配), in
 * one place. Types only from `@qsgj/shared/contracts`.
 */

export interface StaffFilter {
  role?: Role;
  departmentId?: string;
  active?: boolean;
  q?: string;
}

export interface EnterpriseFilter {
  q?: string;
  district?: string;
  park?: string;
  butlerId?: string;
}

export const butlerAdminApi = {
  /** `GET /admin/staff`: by username, keyset-paged, phones masked. */
  staff: (filter: StaffFilter, cursor: string | null, limit?: number) =>
    http.get<Page<StaffItem>>(withQuery('/admin/staff', { ...filter, cursor, limit })),
  updateStaff: (id: string, body: UpdateStaffDto) => http.patch<StaffItem>(`/admin/staff/${id}`, body),
  /** What a deactivation would hand over (enterprises served, open cases). */
  workload: (id: string) => http.get<StaffWorkload>(`/admin/staff/${id}/workload`),
  departments: () => http.get<DepartmentItem[]>('/admin/departments'),
  districts: () => http.get<DictionaryResponse>('/dictionaries/districts'),
  /** `GET /admin/enterprises`: by name, keyset-paged, with their butler. */
  enterprises: (filter: EnterpriseFilter, cursor: string | null) =>
    http.get<Page<AdminEnterpriseItem>>(withQuery('/admin/enterprises', { ...filter, cursor })),
  assign: (enterpriseId: string, butlerId: string) =>
    http.put<AdminEnterpriseItem>(`/admin/enterprises/${enterpriseId}/butler`, { butlerId }, { idempotent: true }),
  /** The counts a bulk assignment would have: nothing is written. */
  previewBulk: (body: BulkAssignButlersDto) =>
    http.post<BulkAssignResult>('/admin/enterprises/butler-assignments?preview=true', body, { idempotent: true }),
  bulk: (body: BulkAssignButlersDto) =>
    http.post<BulkAssignResult>('/admin/enterprises/butler-assignments', body, { idempotent: true }),
  history: (enterpriseId: string, cursor: string | null) =>
    http.get<Page<ButlerChangeItem>>(withQuery(`/admin/enterprises/${enterpriseId}/butler-history`, { cursor })),
};
