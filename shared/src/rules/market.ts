/**
 * The vocabulary and limits of 企业商圈 (issue 12), decorator-free so the mini-program can import them
 * (`@qsgj/shared/rules`); `contracts/market.ts` re-exports them.
 */

/** 供应 or 需求. */
export const MarketPostKind = {
  SUPPLY: 'supply',
  DEMAND: 'demand',
} as const;
export type MarketPostKind = (typeof MarketPostKind)[keyof typeof MarketPostKind];
export const MARKET_POST_KIND_LABEL: Record<MarketPostKind, string> = { supply: '供应', demand: '需求' };
export const MARKET_POST_KINDS: readonly MarketPostKind[] = Object.values(MarketPostKind);

/**
 * What a post is about. Its own short list (the 政策类别 dictionary names kinds of policy, not of goods and
 * services); fixed in code, as a board needs few and stable ones.
 */
export const MARKET_CATEGORIES = [
  '原材料',
  '零部件',
  '加工制造',
  '包装印刷',
  '设备租售',
  '厂房仓储',
  '物流运输',
  '技术服务',
  '软件信息',
  '人才用工',
  '金融服务',
  '市场渠道',
  '其他',
] as const;
export type MarketCategory = (typeof MARKET_CATEGORIES)[number];

/**
 * A post's state. Stored: `active`, `held` (the content check asked for a person: only its owners and staff see
 * it until staff release it), `closed` (by its owner), `taken_down` (by staff, with a reason). `expired` is an
 * active post past its expiry: never stored, never on the board.
 */
export const MarketPostStatus = {
  ACTIVE: 'active',
  HELD: 'held',
  CLOSED: 'closed',
  TAKEN_DOWN: 'taken_down',
  EXPIRED: 'expired',
} as const;
export type MarketPostStatus = (typeof MarketPostStatus)[keyof typeof MarketPostStatus];
export const MARKET_POST_STATUS_LABEL: Record<MarketPostStatus, string> = {
  active: '展示中',
  held: '审核中',
  closed: '已关闭',
  taken_down: '已下架',
  expired: '已过期',
};

export const ContactRequestStatus = {
  PENDING: 'pending',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
} as const;
export type ContactRequestStatus = (typeof ContactRequestStatus)[keyof typeof ContactRequestStatus];
export const CONTACT_REQUEST_STATUS_LABEL: Record<ContactRequestStatus, string> = {
  pending: '待对方回复',
  accepted: '已接受',
  declined: '已婉拒',
};

export const MarketReportStatus = {
  OPEN: 'open',
  UPHELD: 'upheld',
  DISMISSED: 'dismissed',
} as const;
export type MarketReportStatus = (typeof MarketReportStatus)[keyof typeof MarketReportStatus];

export const MARKET_TITLE_MAX = 50;
export const MARKET_DESCRIPTION_MAX = 1000;
export const MARKET_IMAGES_MAX = 9;
/** A post is shown for at most this many days from its publication or renewal. */
export const MARKET_VALID_DAYS_MAX = 90;
export const MARKET_VALID_DAYS_DEFAULT = 30;
export const MARKET_INTRODUCTION_MAX = 500;
export const MARKET_PRODUCTS_MAX = 300;
export const MARKET_MESSAGE_MAX = 300;
export const MARKET_REASON_MAX = 200;
export const MARKET_QUERY_MAX = 50;
export const MARKET_FILTER_MAX = 50;
/** Suggested matches: at most this many. */
export const MARKET_MATCHES_MAX = 10;
