export default defineAppConfig({
  // The tab pages (TAB_PAGES in @sbd/contracts) must stay in the main package.
  pages: [
    'pages/index/index',
    'pages/tasks/index',
    'pages/inbox/index',
    'pages/me/index',
    'pages/login/index',
    'pages/invitations/index',
    'pages/not-found/index',
  ],
  subPackages: [
    {
      root: 'packageResident',
      name: 'resident',
      pages: ['pages/post/index', 'pages/needs/index', 'pages/need/index', 'pages/join/index'],
    },
    {
      root: 'packageMember',
      name: 'member',
      pages: [
        'pages/register/index',
        'pages/status/index',
        'pages/card/index',
        'pages/profile/index',
        'pages/task/index',
        'pages/claims/index',
        'pages/hours/index',
        'pages/points/index',
        'pages/callup/index',
        'pages/branch/index',
      ],
    },
    {
      root: 'packageAdmin',
      name: 'admin',
      pages: [
        'pages/approvals/index',
        'pages/review/index',
        'pages/poster/index',
        'pages/needs/index',
        'pages/publish/index',
        'pages/tasks/index',
        'pages/task/index',
        'pages/checkin-code/index',
        'pages/callup/index',
        'pages/check-card/index',
      ],
    },
    {
      root: 'packageStats',
      name: 'stats',
      pages: ['pages/dashboard/index', 'pages/records/index', 'pages/report/index', 'pages/roster/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['member', 'resident'] },
  },
  permission: {
    'scope.userLocation': { desc: '用于任务现场定位签到、签退，以及查找附近的社区' },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    navigationBarTitleText: '双报到',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-on.png',
      },
      {
        pagePath: 'pages/tasks/index',
        text: '任务',
        iconPath: 'assets/tabbar/tasks.png',
        selectedIconPath: 'assets/tabbar/tasks-on.png',
      },
      {
        pagePath: 'pages/inbox/index',
        text: '消息',
        iconPath: 'assets/tabbar/inbox.png',
        selectedIconPath: 'assets/tabbar/inbox-on.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-on.png',
      },
    ],
  },
  // WeChat's privacy check: a privacy API waits for wx.onNeedPrivacyAuthorization (PrivacyAuthDialog).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
