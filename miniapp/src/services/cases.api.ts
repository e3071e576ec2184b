import type {
  CalendarYearDto,
  CalendarYearResponse,
  CaseCountsResponse,
  CaseDetail,
  CaseDetailStaff,
  CaseFollowUpItem,
  CaseListQueryDto,
  CaseMessageDto,
  CaseOptionsResponse,
  CaseRatingDto,
  CaseSummary,
  CaseSummaryStaff,
  CaseTransitionDto,
  CreateCaseDto,
  FollowUpDto,
  FollowUpListItem,
  FollowUpRatingDto,
  LedgerQueryDto,
  LedgerResponse,
  Page,
  PublicStatsResponse,
  RatingAppealDecisionDto,
  RatingAppealItem,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/** The list's filters as the query string carries them (booleans as `true`). */
export type CaseListFilters = Omit<CaseListQueryDto, 'cursor' | 'limit'>;

function listQuery(filters: CaseListFilters, cursor: string | null): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = { cursor: cursor ?? undefined };
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null) q[k] = String(v);
  return q;
}

/**
 * 诉求: the enterprise's 我的诉求 and forms, the staff workbench. Every write answers the case in the caller's
 * view (enterprise or staff), so a page replaces what it shows with the answer.
 */
export const casesApi = {
  /** `key`: the form's Idempotency-Key, made when the form opened (a retried submit never makes two cases). */
  submit: (dto: CreateCaseDto, key: string) => http.post<CaseDetail>('/cases', dto, { idempotencyKey: key }),
  list: (filters: CaseListFilters, cursor: string | null) =>
    http.get<Page<CaseSummary>>(withQuery('/cases', listQuery(filters, cursor))),
  listStaff: (filters: CaseListFilters, cursor: string | null) =>
    http.get<Page<CaseSummaryStaff>>(withQuery('/cases', listQuery(filters, cursor))),
  counts: () => http.get<CaseCountsResponse>('/cases/counts'),
  options: () => http.get<CaseOptionsResponse>('/cases/options'),
  detail: (id: string) => http.get<CaseDetail>(`/cases/${id}`),
  detailStaff: (id: string) => http.get<CaseDetailStaff>(`/cases/${id}`),
  message: (id: string, dto: CaseMessageDto) =>
    http.post<CaseDetail>(`/cases/${id}/messages`, dto, { idempotent: true }),
  transition: (id: string, dto: CaseTransitionDto) =>
    http.post<CaseDetailStaff>(`/cases/${id}/transitions`, dto, { idempotent: true }),
  /** The enterprise's own transition (补充材料). */
  supplement: (id: string, reason: string) =>
    http.post<CaseDetail>(`/cases/${id}/transitions`, { action: 'supplement', reason }, { idempotent: true }),
  note: (id: string, content: string) =>
    http.post<CaseDetailStaff>(`/cases/${id}/notes`, { content }, { idempotent: true }),
  rate: (id: string, dto: CaseRatingDto) => http.post<CaseDetail>(`/cases/${id}/rating`, dto, { idempotent: true }),
  appeal: (id: string, reason: string) =>
    http.post<RatingAppealItem>(`/cases/${id}/rating/appeal`, { reason }, { idempotent: true }),
  decideAppeal: (appealId: string, dto: RatingAppealDecisionDto) =>
    http.post<RatingAppealItem>(`/rating-appeals/${appealId}/decision`, dto, { idempotent: true }),
  followUps: (cursor: string | null) => http.get<Page<FollowUpListItem>>(withQuery('/follow-ups', { cursor })),
  recordFollowUp: (id: string, dto: FollowUpDto) =>
    http.post<CaseFollowUpItem>(`/follow-ups/${id}`, dto, { idempotent: true }),
  rateFollowUp: (id: string, dto: FollowUpRatingDto) =>
    http.post<CaseFollowUpItem>(`/follow-ups/${id}/rating`, dto, { idempotent: true }),
};

export const statsApi = {
  ledger: (q: LedgerQueryDto) =>
    http.get<LedgerResponse>(withQuery('/stats/ledger', q as unknown as Record<string, string | undefined>)),
  /** The export's path (for downloadFile with the user's token): `.xlsx` or `.csv`. */
  exportPath: (q: LedgerQueryDto, format: 'xlsx' | 'csv') =>
    withQuery(`/stats/ledger.${format}`, q as unknown as Record<string, string | undefined>),
  public: () => http.get<PublicStatsResponse>('/stats/public', { auth: false }),
};

export const calendarApi = {
  get: (year: number) => http.get<CalendarYearResponse>(`/admin/calendar/${year}`),
  put: (year: number, dto: CalendarYearDto) =>
    http.put<CalendarYearResponse>(`/admin/calendar/${year}`, dto, { idempotent: true }),
};
