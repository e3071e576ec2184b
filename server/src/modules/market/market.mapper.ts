import type {
  ContactRequestView,
  MarketContact,
  MarketEnterpriseCard,
  MarketImage,
  MarketPostCard,
  MarketPostStatus,
  MarketReportItem,
  MyMarketListing,
} from '@qsgj/shared/contracts';
import { maskPhonesInText, truncateCharacters } from '@qsgj/shared/rules';
import type { FileSummary } from '../files/files.service';
import type { ContactSource, RequestRow } from './market-contact-requests.repository';
import type { ListingRow } from './market-listings.repository';
import type { PostRow } from './market-posts.repository';
import type { ReportRow } from './market-reports.repository';

/** Files a post or a listing carries (`FileOwner.kind`). */
export const POST_FILE_OWNER = 'market_post';
export const LISTING_FILE_OWNER = 'market_listing';

const EXCERPT_MAX = 60;

export const postImageUrl = (postId: string, fileId: string) => `/api/v1/market/posts/${postId}/images/${fileId}`;
export const logoUrl = (enterpriseId: string) => `/api/v1/market/enterprises/${enterpriseId}/logo`;

/** The status a reader sees: an active post past its expiry is `expired`. */
export function postStatus(row: { status: PostRow['status']; expiresAt: Date }, now = new Date()): MarketPostStatus {
  return row.status === 'active' && row.expiresAt.getTime() <= now.getTime() ? 'expired' : row.status;
}

export function toPostCard(row: PostRow, images: FileSummary[] = []): MarketPostCard {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    industry: row.industry,
    district: row.district,
    title: row.title,
    excerpt: truncateCharacters(row.description.replace(/\s+/g, ' ').trim(), EXCERPT_MAX),
    enterprise: { id: row.enterprise.id, name: row.enterprise.name },
    cover: images[0] ? postImageUrl(row.id, images[0].id) : null,
    status: postStatus(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

export function toImages(postId: string, images: FileSummary[]): MarketImage[] {
  return images.map((f) => ({
    id: f.id,
    url: postImageUrl(postId, f.id),
    ...(f.width !== undefined && f.height !== undefined ? { width: f.width, height: f.height } : {}),
  }));
}

export function toEnterpriseCard(row: ListingRow): MarketEnterpriseCard {
  return {
    id: row.enterprise.id,
    name: row.enterprise.name,
    introduction: row.introduction,
    products: row.products,
    district: row.enterprise.district,
    industry: row.enterprise.industry,
    logo: row.logoFileId ? logoUrl(row.enterpriseId) : null,
  };
}

export function toMyListing(
  enterprise: { id: string; name: string; district: string | null; industry: string | null },
  row: ListingRow | null,
): MyMarketListing {
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    introduction: row?.introduction ?? '',
    products: row?.products ?? '',
    district: enterprise.district,
    industry: enterprise.industry,
    logoFileId: row?.logoFileId ?? null,
    logo: row?.logoFileId ? logoUrl(enterprise.id) : null,
    visible: row?.visible ?? false,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

/** A side's contact as revealed: the person's phone, else the enterprise's phone on record. */
export function toContact(source: ContactSource): MarketContact {
  return {
    enterpriseName: source.enterpriseName,
    contactName: source.contactName,
    phone: source.userPhone ?? source.enterprisePhone,
  };
}

/**
 * A request as one side sees it. `counterpart` only when accepted (the caller passes it only then); until then the
 * message's mobile numbers are masked too, so no contact passes through the platform before consent.
 */
export function toRequestView(
  row: RequestRow,
  direction: 'incoming' | 'outgoing',
  counterpart: MarketContact | null,
): ContactRequestView {
  const accepted = row.status === 'accepted';
  return {
    id: row.id,
    direction,
    status: row.status,
    post: { id: row.post.id, kind: row.post.kind, title: row.post.title },
    requesterEnterprise: { id: row.requesterEnterprise.id, name: row.requesterEnterprise.name },
    ownerEnterprise: { id: row.ownerEnterprise.id, name: row.ownerEnterprise.name },
    message: accepted ? row.message : maskPhonesInText(row.message),
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    counterpart: accepted ? counterpart : null,
  };
}

export function toReportItem(row: ReportRow, images: FileSummary[]): MarketReportItem {
  return {
    id: row.id,
    source: row.reporterId === null ? 'content_check' : 'user',
    reason: row.reason,
    status: row.status,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    post: { ...toPostCard(row.post, images), description: row.post.description },
  };
}
