import type {
  FaqCaseSource,
  FaqDeflections,
  FaqDetail,
  FaqInputDto,
  FaqListItem,
  FaqQueryDto,
  FaqSuggestionKind,
  FaqSuggestions,
  Page,
  StaffFaqItem,
  StaffFaqQueryDto,
  UpdateFaqDto,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/*
 * 常见问题 (issue 11): every call the mini-program makes for entries, the workbench's review and the consultation
 * form's suggestions. Types only from `@qsgj/shared/contracts`.
 */

type Query = Record<string, string | number | boolean | null | undefined>;

export const faqApi = {
  list: (query: FaqQueryDto) => http.get<Page<FaqListItem>>(withQuery('/faq', query as Query)),
  detail: (id: string) => http.get<FaqDetail>(`/faq/${encodeURIComponent(id)}`),
  suggestions: (q: string) => http.get<FaqSuggestions>(withQuery('/faq/suggestions', { q })),
  /** The form session `draftId` opened a suggestion (fire and forget: the user is already on their way). */
  recordOpen: (draftId: string, kind: FaqSuggestionKind, id: string) =>
    http.post<void>('/faq/suggestion-opens', { draftId, kind, id }),
};

export const staffFaqApi = {
  list: (query: StaffFaqQueryDto) => http.get<Page<StaffFaqItem>>(withQuery('/staff/faq', query as Query)),
  detail: (id: string) => http.get<StaffFaqItem>(`/staff/faq/${encodeURIComponent(id)}`),
  caseSource: (caseId: string) => http.get<FaqCaseSource>(`/staff/faq/case-source/${encodeURIComponent(caseId)}`),
  create: (body: FaqInputDto) => http.post<StaffFaqItem>('/staff/faq', body, { idempotent: true }),
  update: (id: string, body: UpdateFaqDto) => http.patch<StaffFaqItem>(`/staff/faq/${encodeURIComponent(id)}`, body),
  publish: (id: string) =>
    http.post<StaffFaqItem>(`/staff/faq/${encodeURIComponent(id)}/publish`, undefined, { idempotent: true }),
  withdraw: (id: string) =>
    http.post<StaffFaqItem>(`/staff/faq/${encodeURIComponent(id)}/withdraw`, undefined, { idempotent: true }),
  deflections: (from: string, to: string) =>
    http.get<FaqDeflections>(withQuery('/staff/faq/deflections', { from, to })),
};
