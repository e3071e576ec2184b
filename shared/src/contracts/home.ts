/** Contracts of the home feed: `GET /home` (issue 11). */
import type { CaseSummary } from './cases';
import type { NewsCard } from './news';
import type { PolicyListItem, PolicyMatch } from './policies';

/** How many of each the feed carries: the newest news, the top matched policies, the open cases. */
export const HOME_NEWS_LIMIT = 3;
export const HOME_POLICY_LIMIT = 3;
export const HOME_CASE_LIMIT = 3;
export const HOME_EVENT_LIMIT = 3;

/** A coming 潭商讲堂 event as the home feed shows it (issue 12). */
export interface HomeEventCard {
  id: string;
  title: string;
  /** ISO time it starts. */
  startsAt: string;
  /** Where it takes place (or 「线上」); null when not said. */
  place: string | null;
  /** Sign-up still open now (published, before the deadline and the start). */
  signupOpen: boolean;
  /** Seats still free. */
  seatsLeft: number;
}

/** One of my enterprise's matched policies (`GET /policies/matched`'s item). */
export interface HomeMatchedPolicy {
  policy: PolicyListItem;
  match: PolicyMatch;
}

/**
 * `GET /home`: what is new for this caller, in one request. The public part (news, events) is the same for
 * everyone; the private part (matched policies, open cases) only for an approved member of an enterprise, and
 * null for anyone else (a visitor, staff, a user not yet bound) — never another enterprise's.
 */
export interface HomeFeed {
  /** The newest published 营商动态 (pinned first), at most HOME_NEWS_LIMIT. */
  news: NewsCard[];
  /** The next 潭商讲堂 events, soonest first, at most HOME_EVENT_LIMIT. */
  events: HomeEventCard[];
  /** The top of 为您匹配 (eligible first, then those missing one condition), at most HOME_POLICY_LIMIT. */
  matchedPolicies: HomeMatchedPolicy[] | null;
  /** My enterprise's cases still being handled (not yet 办结), newest first, at most HOME_CASE_LIMIT. */
  openCases: CaseSummary[] | null;
  /** More open cases than `openCases` shows (the section links to 我的诉求). */
  moreOpenCases: boolean;
}
