import type {
  AdminServicePackageQueryDto,
  CaseDetail,
  DepartmentItem,
  Page,
  PolicyApplicationItem,
  ServiceApplicationDto,
  ServicePackageDetail,
  ServicePackageInputDto,
  ServicePackageItem,
  UpdateServicePackageDto,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/*
 * 惠企服务 and 一键申报 (issue 11): every call the mini-program makes for service packages, their applications and
 * 我的申报, in one place. Types only from `@qsgj/shared/contracts`.
 */

export const servicePackagesApi = {
  list: (cursor: string | null, department?: string) =>
    http.get<Page<ServicePackageItem>>(withQuery('/service-packages', { cursor, department })),
  detail: (id: string) => http.get<ServicePackageDetail>(`/service-packages/${id}`),
  /** `key`: made when the confirm sheet opened, so a retried tap never opens two cases. */
  apply: (id: string, body: ServiceApplicationDto, key: string) =>
    http.post<CaseDetail>(`/service-packages/${id}/applications`, body, { idempotencyKey: key }),
};

export const policyApplicationsApi = {
  /** 一键申报 of a matched policy. */
  apply: (policyId: string, body: ServiceApplicationDto, key: string) =>
    http.post<CaseDetail>(`/policies/${policyId}/applications`, body, { idempotencyKey: key }),
  mine: (cursor: string | null) =>
    http.get<Page<PolicyApplicationItem>>(withQuery('/me/policy-applications', { cursor })),
};

export const adminServicePackagesApi = {
  list: (query: AdminServicePackageQueryDto) =>
    http.get<Page<ServicePackageItem>>(
      withQuery('/admin/service-packages', query as Record<string, string | number | undefined>),
    ),
  detail: (id: string) => http.get<ServicePackageDetail>(`/admin/service-packages/${id}`),
  create: (body: ServicePackageInputDto) =>
    http.post<ServicePackageDetail>('/admin/service-packages', body, { idempotent: true }),
  update: (id: string, body: UpdateServicePackageDto) =>
    http.patch<ServicePackageDetail>(`/admin/service-packages/${id}`, body),
  retire: (id: string) =>
    http.post<ServicePackageDetail>(`/admin/service-packages/${id}/retire`, undefined, { idempotent: true }),
};

/** The departments a package may be provided by (admins: `GET /admin/departments`). */
export const packageDepartmentsApi = {
  list: () => http.get<DepartmentItem[]>('/admin/departments'),
};
