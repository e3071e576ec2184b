/**
 * Every page of the mini-program, by name: the one list that the mini-program navigates by and that
 * the server's notifications link to (`NotificationItem.link`, the `page` of a WeChat subscribe
 * message). A test (miniapp/test/unit/pages.spec.ts) fails when an entry is not a page of
 * miniapp/src/app.config.ts, so a renamed page cannot leave a dead link in a message.
 */
export const PAGES = {
  // The four tabs (main package).
  home: '/pages/index/index',
  policies: '/pages/policies/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
  // packages/account
  login: '/packages/account/pages/login/index',
  staffLogin: '/packages/account/pages/staff-login/index',
  privacy: '/packages/account/pages/privacy/index',
  // packages/me
  bind: '/packages/me/pages/bind/index',
  members: '/packages/me/pages/members/index',
  myData: '/packages/me/pages/data/index',
  /** 一企一档 editor. */
  enterpriseProfile: '/packages/me/pages/profile/index',
  policySubscriptions: '/packages/me/pages/subscriptions/index',
  // packages/policies (涉企政策, everyone)
  /** `?id=` */
  policyDetail: '/packages/policies/pages/detail/index',
  policyFavorites: '/packages/policies/pages/favorites/index',
  // packages/cases (诉求, enterprise side; 服务公开 for everyone)
  /** `?type=consult|complaint[&butlerId=&butlerName=][&policyId=]` */
  caseNew: '/packages/cases/pages/new/index',
  /** 我的诉求, `?filter=rate` opens what waits for a rating (the home 评价 card). */
  myCases: '/packages/cases/pages/list/index',
  /** `?id=` */
  caseDetail: '/packages/cases/pages/detail/index',
  /** `?id=` */
  caseRate: '/packages/cases/pages/rate/index',
  publicStats: '/packages/cases/pages/public/index',
  // packages/workbench (staff)
  /** The queue (staff home). */
  workbench: '/packages/workbench/pages/index/index',
  changePassword: '/packages/workbench/pages/password/index',
  /** `?id=` */
  staffCase: '/packages/workbench/pages/case/index',
  followUps: '/packages/workbench/pages/follow-ups/index',
  calendar: '/packages/workbench/pages/calendar/index',
  ledger: '/packages/workbench/pages/ledger/index',
  /** Admin: the policy list. */
  staffPolicies: '/packages/workbench/pages/policies/index',
  /** `?id=` (none: a new policy) */
  policyEdit: '/packages/workbench/pages/policy-edit/index',
  policyImport: '/packages/workbench/pages/policy-import/index',
  /** `?id=` (the push) */
  pushProgress: '/packages/workbench/pages/push/index',
  dictionaries: '/packages/workbench/pages/dictionaries/index',
  // issue 11
  // packages/services (惠企服务, everyone)
  servicePackages: '/packages/services/pages/list/index',
  /** `?id=` */
  servicePackage: '/packages/services/pages/detail/index',
  // packages/butlers (管家团队, everyone; 我的管家 on top for a bound enterprise)
  butlers: '/packages/butlers/pages/list/index',
  /** `?id=` */
  butlerDetail: '/packages/butlers/pages/detail/index',
  // packages/news (营商动态, everyone)
  news: '/packages/news/pages/list/index',
  /** `?id=` (a share card opens it cold) */
  newsDetail: '/packages/news/pages/detail/index',
  // packages/faq (常见问题, everyone)
  faq: '/packages/faq/pages/list/index',
  /** `?id=` */
  faqDetail: '/packages/faq/pages/detail/index',
  /** 我申请享受的政策 and where each stands. */
  policyApplications: '/packages/me/pages/applications/index',
  /** Admin: 惠企服务 packages. */
  staffServicePackages: '/packages/workbench/pages/service-packages/index',
  /** `?id=` (none: a new package) */
  servicePackageEdit: '/packages/workbench/pages/service-package-edit/index',
  /** Admin: 营商动态 articles. */
  staffNews: '/packages/workbench/pages/news/index',
  /** `?id=` (none: a new article) */
  newsEdit: '/packages/workbench/pages/news-edit/index',
  /** Staff: 常见问题 drafts to review and published entries. */
  staffFaq: '/packages/workbench/pages/faq/index',
  /** `?id=` or `?caseId=` (a resolved consultation to publish) */
  faqEdit: '/packages/workbench/pages/faq-edit/index',
  /** Admin: staff (keyset pages), deactivation with handover. */
  staffList: '/packages/workbench/pages/staff/index',
  /** Admin: assign and reassign butlers to enterprises, one or in bulk by district or park. */
  assignments: '/packages/workbench/pages/assignments/index',
  /** Staff: events (admins: every status, create and publish; others: the ones to check in). */
  staffEvents: '/packages/workbench/pages/events/index',
  /** Admin: `?id=` (none: a new event). */
  eventEdit: '/packages/workbench/pages/event-edit/index',
  /** Staff: `?id=` an event's registrations, attendance, check-in (scan, typed code, tick) and 接待日 → case. */
  eventCheckin: '/packages/workbench/pages/event-checkin/index',
  /** Supervisors and admins: 企业商圈 reports to decide, posts to take down. */
  marketReports: '/packages/workbench/pages/market-reports/index',
  // packages/market (企业商圈, issue 12)
  market: '/packages/market/pages/index/index',
  /** `?id=` */
  marketPost: '/packages/market/pages/post/index',
  /** `?id=` (a contact request) */
  marketRequest: '/packages/market/pages/request/index',
  /** My posts and contact requests. */
  myMarketPosts: '/packages/market/pages/mine/index',
  /** `?id=` edits a post of mine; none: a new post (`?kind=supply|demand` preselects). */
  marketEdit: '/packages/market/pages/edit/index',
  /** My enterprise's entry in the directory (opt in, edit, leave). */
  marketListing: '/packages/market/pages/listing/index',
  // packages/events (潭商讲堂, issue 12)
  events: '/packages/events/pages/list/index',
  /** `?id=` */
  eventDetail: '/packages/events/pages/detail/index',
  /** 我的报名 with the check-in QR code. */
  myRegistrations: '/packages/events/pages/mine/index',
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES];

/** The tab bar's pages, in its order: they are opened with `switchTab`, which drops any query. */
export const TAB_PAGES: readonly PagePath[] = [PAGES.home, PAGES.policies, PAGES.messages, PAGES.me];
