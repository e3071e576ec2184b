/**
 * Main package: what every user needs at once (the four tabs). Everything else is a subpackage;
 * staff pages live in `workbench`, which enterprise users never download.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/policies/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/account',
      pages: ['pages/login/index', 'pages/staff-login/index', 'pages/privacy/index'],
    },
    {
      root: 'packages/me',
      pages: [
        'pages/bind/index',
        'pages/members/index',
        'pages/data/index',
        'pages/profile/index',
        'pages/subscriptions/index',
        'pages/applications/index',
      ],
    },
    {
      root: 'packages/cases',
      pages: ['pages/new/index', 'pages/list/index', 'pages/detail/index', 'pages/rate/index', 'pages/public/index'],
    },
    {
      root: 'packages/workbench',
      pages: [
        'pages/index/index',
        'pages/password/index',
        'pages/case/index',
        'pages/follow-ups/index',
        'pages/calendar/index',
        'pages/ledger/index',
        'pages/policies/index',
        'pages/policy-edit/index',
        'pages/policy-import/index',
        'pages/push/index',
        'pages/dictionaries/index',
        'pages/service-packages/index',
        'pages/service-package-edit/index',
        'pages/news/index',
        'pages/news-edit/index',
        'pages/faq/index',
        'pages/faq-edit/index',
        'pages/staff/index',
        'pages/assignments/index',
        'pages/events/index',
        'pages/event-edit/index',
        'pages/event-checkin/index',
        'pages/market-reports/index',
      ],
    },
    {
      root: 'packages/policies',
      pages: ['pages/detail/index', 'pages/favorites/index'],
    },
    { root: 'packages/services', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/butlers', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/news', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/faq', pages: ['pages/list/index', 'pages/detail/index'] },
    {
      root: 'packages/market',
      pages: [
        'pages/index/index',
        'pages/post/index',
        'pages/request/index',
        'pages/mine/index',
        'pages/edit/index',
        'pages/listing/index',
      ],
    },
    { root: 'packages/events', pages: ['pages/list/index', 'pages/detail/index', 'pages/mine/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '亲商管家',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#06753d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/policies/index',
        text: '政策',
        iconPath: 'assets/tabbar/policy.png',
        selectedIconPath: 'assets/tabbar/policy-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/message.png',
        selectedIconPath: 'assets/tabbar/message-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  // WeChat's privacy rules: onNeedPrivacyAuthorization is handled in app.ts before any privacy API call.
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
