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
  // packages/workbench (staff)
  workbench: '/packages/workbench/pages/index/index',
  changePassword: '/packages/workbench/pages/password/index',
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES];

/** The tab bar's pages, in its order: they are opened with `switchTab`, which drops any query. */
export const TAB_PAGES: readonly PagePath[] = [PAGES.home, PAGES.policies, PAGES.messages, PAGES.me];
