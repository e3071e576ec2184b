import type {
  ContactRequestQueryDto,
  ContactRequestView,
  CreateContactRequestDto,
  CreateMarketPostDto,
  MarketEnterpriseCard,
  MarketEnterpriseQueryDto,
  MarketListingDto,
  MarketMatchesResponse,
  MarketPostCard,
  MarketPostDetail,
  MarketPostQueryDto,
  MarketReportDecisionDto,
  MarketReportDto,
  MarketReportItem,
  MarketReportQueryDto,
  MarketReportReceipt,
  MarketTakedownDto,
  MyMarketListing,
  Page,
  RenewMarketPostDto,
  UpdateMarketPostDto,
} from '@qsgj/shared/contracts';
import { http, withQuery } from '@/services/http';

/*
 * 企业商圈 (issue 12): every call the mini-program makes for the market, in one place. Types only from
 * `@qsgj/shared/contracts` (never the DTO classes' values). No read answers contact details except an
 * accepted request's `counterpart`.
 */

type Query = Record<string, string | number | boolean | null | undefined>;
const id = (value: string) => encodeURIComponent(value);

export const marketApi = {
  // the board
  posts: (query: MarketPostQueryDto) => http.get<Page<MarketPostCard>>(withQuery('/market/posts', query as Query)),
  post: (postId: string) => http.get<MarketPostDetail>(`/market/posts/${id(postId)}`),
  matches: (postId: string) => http.get<MarketMatchesResponse>(`/market/posts/${id(postId)}/matches`),
  /** `key`: the form's Idempotency-Key, kept in its draft (a retried submit never makes two posts); none: a fresh one. */
  create: (body: CreateMarketPostDto, key?: string) =>
    http.post<MarketPostDetail>('/market/posts', body, key ? { idempotencyKey: key } : { idempotent: true }),
  update: (postId: string, body: UpdateMarketPostDto) =>
    http.patch<MarketPostDetail>(`/market/posts/${id(postId)}`, body),
  close: (postId: string) =>
    http.post<MarketPostDetail>(`/market/posts/${id(postId)}/close`, undefined, { idempotent: true }),
  renew: (postId: string, body: RenewMarketPostDto) =>
    http.post<MarketPostDetail>(`/market/posts/${id(postId)}/renew`, body, { idempotent: true }),
  report: (postId: string, body: MarketReportDto) =>
    http.post<MarketReportReceipt>(`/market/posts/${id(postId)}/reports`, body, { idempotent: true }),
  // 对接
  requestContact: (postId: string, body: CreateContactRequestDto) =>
    http.post<ContactRequestView>(`/market/posts/${id(postId)}/contact-requests`, body, { idempotent: true }),
  contactRequest: (requestId: string) => http.get<ContactRequestView>(`/contact-requests/${id(requestId)}`),
  accept: (requestId: string) =>
    http.post<ContactRequestView>(`/contact-requests/${id(requestId)}/accept`, undefined, { idempotent: true }),
  decline: (requestId: string) =>
    http.post<ContactRequestView>(`/contact-requests/${id(requestId)}/decline`, undefined, { idempotent: true }),
  // mine
  myPosts: (cursor: string | null, limit?: number) =>
    http.get<Page<MarketPostCard>>(withQuery('/me/market/posts', { cursor, limit })),
  myRequests: (query: ContactRequestQueryDto) =>
    http.get<Page<ContactRequestView>>(withQuery('/me/market/contact-requests', query as Query)),
  // the directory
  enterprises: (query: MarketEnterpriseQueryDto) =>
    http.get<Page<MarketEnterpriseCard>>(withQuery('/market/enterprises', query as Query)),
  enterprise: (enterpriseId: string) => http.get<MarketEnterpriseCard>(`/market/enterprises/${id(enterpriseId)}`),
  listing: () => http.get<MyMarketListing>('/me/enterprise/listing'),
  putListing: (body: MarketListingDto) => http.put<MyMarketListing>('/me/enterprise/listing', body),
};

export const staffMarketApi = {
  reports: (query: MarketReportQueryDto) =>
    http.get<Page<MarketReportItem>>(withQuery('/staff/market/reports', query as Query)),
  decide: (reportId: string, body: MarketReportDecisionDto) =>
    http.post<MarketReportItem>(`/staff/market/reports/${id(reportId)}/decision`, body, { idempotent: true }),
  takedown: (postId: string, body: MarketTakedownDto) =>
    http.post<MarketPostDetail>(`/staff/market/posts/${id(postId)}/takedown`, body, { idempotent: true }),
};
