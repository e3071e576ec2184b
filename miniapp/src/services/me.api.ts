import type {
  BindEnterpriseDto,
  EnterpriseMemberItem,
  MeResponse,
  MyButlerResponse,
  Page,
  UpdateMeDto,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

export const meApi = {
  get: () => http.get<MeResponse>('/me'),
  update: (patch: UpdateMeDto) => http.patch<MeResponse>('/me', patch),
  consent: (version: string) => http.post<MeResponse>('/me/consent', { version }, { idempotent: true }),
  bindEnterprise: (dto: BindEnterpriseDto) => http.post<MeResponse>('/me/enterprise', dto, { idempotent: true }),
  members: (cursor: string | null) =>
    http.get<Page<EnterpriseMemberItem>>(withQuery('/me/enterprise/members', { cursor })),
  decideMember: (userId: string, approve: boolean) =>
    http.post<EnterpriseMemberItem>(`/me/enterprise/members/${userId}/decision`, { approve }, { idempotent: true }),
  butler: () => http.get<MyButlerResponse>('/me/butler'),
  exportData: () => http.get<Record<string, unknown>>('/me/export'),
  deleteAccount: () => http.delete<void>('/me', { retries: 0 }),
};
