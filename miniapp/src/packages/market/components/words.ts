import type { MarketPostCard } from '@qsgj/shared/contracts';
import type { ContactRequestStatus, MarketPostStatus } from '@qsgj/shared/rules';
import { caseDay } from '@/components/case-timeline/format';
import { PAGES } from '@/utils/routes';

/* 企业商圈's words and limits: the shared, decorator-free ones (`@qsgj/shared/rules`), plus the page's own. */
export {
  CONTACT_REQUEST_STATUS_LABEL,
  MARKET_CATEGORIES,
  MARKET_DESCRIPTION_MAX,
  MARKET_IMAGES_MAX,
  MARKET_MESSAGE_MAX,
  MARKET_POST_KIND_LABEL,
  MARKET_POST_KINDS,
  MARKET_POST_STATUS_LABEL,
  MARKET_QUERY_MAX,
  MARKET_REASON_MAX,
  MARKET_TITLE_MAX,
  MARKET_VALID_DAYS_DEFAULT,
  MARKET_VALID_DAYS_MAX,
  textLength,
} from '@qsgj/shared/rules';

/** The days offered for a post's time on the board (publish and 续期). */
export const VALID_DAY_CHOICES: readonly number[] = [7, 15, 30, 60, 90];

/** The qs-tag tone of a post's status: on the board, waiting, or off it. */
export function statusTone(status: MarketPostStatus): 'ok' | 'wait' | 'bad' {
  if (status === 'active') return 'ok';
  if (status === 'held') return 'wait';
  return 'bad';
}

export function requestTone(status: ContactRequestStatus): 'ok' | 'wait' | 'bad' {
  if (status === 'accepted') return 'ok';
  if (status === 'pending') return 'wait';
  return 'bad';
}

/** 「有效期至 2026年12月31日」, or 「已过期」 once past (an expired post is never on the board). */
export function expiryText(p: Pick<MarketPostCard, 'expiresAt' | 'status'>, now: Date = new Date()): string {
  if (p.status === 'expired' || Date.parse(p.expiresAt) <= now.getTime()) return '已过期';
  return `有效期至 ${caseDay(p.expiresAt)}`;
}

/** A page's query value: WeChat hands it over undecoded, H5 decoded; "undefined" is none. */
export function param(value: string | undefined): string {
  if (!value || value === 'undefined') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const postPath = (id: string) => `${PAGES.marketPost}?id=${encodeURIComponent(id)}`;
export const requestPath = (id: string) => `${PAGES.marketRequest}?id=${encodeURIComponent(id)}`;
export const editPath = (id: string) => `${PAGES.marketEdit}?id=${encodeURIComponent(id)}`;
