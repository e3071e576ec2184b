import Taro from '@tarojs/taro';
import type {
  AdminPolicyItem,
  AdminPolicyQueryDto,
  DictionaryEntry,
  DictionaryResponse,
  EnterpriseProfile,
  FavoriteResponse,
  MatchedPoliciesResponse,
  Page,
  PolicyAudienceResponse,
  PolicyDetail,
  PolicyImportReport,
  PolicyInputDto,
  PolicyListItem,
  PolicyPublishResponse,
  PolicyQueryDto,
  PolicySuggestResponse,
  PushProgress,
  SubscriptionSettings,
  UpdateDictionaryEntryDto,
  UpdateEnterpriseProfileDto,
  UpdatePolicyDto,
} from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import {
  ApiError,
  apiUrl,
  authHeader,
  badResponse,
  http,
  renewSession,
  signOutAfter,
  toApiError,
  withQuery,
} from '@/services/http';

/*
 * 涉企政策 (issue 10): every call the mini-program makes for policies, dictionaries, 一企一档 and
 * subscriptions, in one place. Types only from `@qsgj/shared/contracts` (never the DTO classes' values).
 */

type Query = Record<string, string | number | boolean | null | undefined>;

type ImportOptions = { createMissing?: boolean; publish?: boolean };

/** A big workbook on a slow line: longer than the JSON requests' 15 s. */
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * An .xlsx import (`POST /admin/policies/import`, multipart field `file`) with the admin's sign-in: `uploadFile`
 * in WeChat and in H5 (a blob URL of the picked file there). On 401 the session is renewed once and the file sent
 * again; a refusal is an ApiError with the server's message.
 */
async function importFile(
  filePath: string,
  fileName: string,
  options: ImportOptions,
  renewed = false,
): Promise<PolicyImportReport> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: apiUrl(withQuery('/admin/policies/import', options)),
      filePath,
      name: 'file',
      fileName,
      header: authHeader(),
      timeout: IMPORT_TIMEOUT_MS,
    } as Taro.uploadFile.Option);
  } catch (err) {
    const text = String((err as { errMsg?: string } | null)?.errMsg ?? err);
    throw /timeout/i.test(text)
      ? new ApiError(0, 'NETWORK_TIMEOUT', '网络较慢，文件上传超时，请重试')
      : new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，文件未上传，请检查网络后重试');
  }
  let body: unknown = res.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  if (res.statusCode === 200 || res.statusCode === 201) {
    const report = body as PolicyImportReport | null;
    if (!report || typeof report !== 'object' || !Array.isArray(report.rows)) throw badResponse();
    return report;
  }
  const error = toApiError(res.statusCode, body);
  if (res.statusCode === 401 && !renewed) {
    if (await renewSession()) return importFile(filePath, fileName, options, true);
    signOutAfter(error);
  }
  throw error;
}

export const dictionariesApi = {
  get: (kind: DictionaryKind) => http.get<DictionaryResponse>(`/dictionaries/${kind}`),
  /** Admin: every entry, inactive ones too. */
  all: (kind: DictionaryKind) => http.get<DictionaryResponse>(`/admin/dictionaries/${kind}`),
  create: (kind: DictionaryKind, body: { value: string; sort?: number }) =>
    http.post<DictionaryEntry>(`/admin/dictionaries/${kind}`, body, { idempotent: true }),
  update: (kind: DictionaryKind, id: number, body: UpdateDictionaryEntryDto) =>
    http.patch<DictionaryEntry>(`/admin/dictionaries/${kind}/${id}`, body),
};

export const profileApi = {
  mine: () => http.get<EnterpriseProfile>('/me/enterprise/profile'),
  saveMine: (body: UpdateEnterpriseProfileDto) => http.put<EnterpriseProfile>('/me/enterprise/profile', body),
  ofEnterprise: (id: string) => http.get<EnterpriseProfile>(`/staff/enterprises/${id}/profile`),
  saveOfEnterprise: (id: string, body: UpdateEnterpriseProfileDto) =>
    http.put<EnterpriseProfile>(`/staff/enterprises/${id}/profile`, body),
};

export const subscriptionsApi = {
  get: () => http.get<SubscriptionSettings>('/me/subscriptions'),
  save: (body: SubscriptionSettings) => http.put<SubscriptionSettings>('/me/subscriptions', body),
};

export const policiesApi = {
  search: (query: PolicyQueryDto) => http.get<Page<PolicyListItem>>(withQuery('/policies', query as Query)),
  suggestions: (q: string) => http.get<PolicySuggestResponse>(withQuery('/policies/suggestions', { q })),
  matched: (limit?: number) => http.get<MatchedPoliciesResponse>(withQuery('/policies/matched', { limit })),
  favorites: (cursor: string | null) => http.get<Page<PolicyListItem>>(withQuery('/policies/favorites', { cursor })),
  detail: (id: string) => http.get<PolicyDetail>(`/policies/${id}`),
  favorite: (id: string) => http.post<FavoriteResponse>(`/policies/${id}/favorite`, undefined, { idempotent: true }),
  unfavorite: (id: string) => http.delete<FavoriteResponse>(`/policies/${id}/favorite`),
};

export const adminPoliciesApi = {
  list: (query: AdminPolicyQueryDto) => http.get<Page<AdminPolicyItem>>(withQuery('/admin/policies', query as Query)),
  detail: (id: string) => http.get<PolicyDetail>(`/admin/policies/${id}`),
  create: (body: PolicyInputDto) => http.post<PolicyDetail>('/admin/policies', body, { idempotent: true }),
  update: (id: string, body: UpdatePolicyDto) => http.patch<PolicyDetail>(`/admin/policies/${id}`, body),
  audience: (id: string) => http.get<PolicyAudienceResponse>(`/admin/policies/${id}/audience`),
  publish: (id: string) =>
    http.post<PolicyPublishResponse>(`/admin/policies/${id}/publish`, undefined, { idempotent: true }),
  withdraw: (id: string) =>
    http.post<PolicyPublishResponse>(`/admin/policies/${id}/withdraw`, undefined, { idempotent: true }),
  importRows: (rows: unknown[], options: ImportOptions) =>
    http.post<PolicyImportReport>(withQuery('/admin/policies/import', options), { rows }, { idempotent: true }),
  /** An .xlsx workbook (a local path: WeChat's chosen file, or a blob URL in H5). */
  importFile: (filePath: string, fileName: string, options: ImportOptions) => importFile(filePath, fileName, options),
  push: (id: string) => http.get<PushProgress>(`/admin/pushes/${id}`),
};
