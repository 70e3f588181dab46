export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/me/index', 'pages/inbox/index', 'pages/invitations/index'],
  subPackages: [
    {
      root: 'packageResident',
      name: 'resident',
      pages: ['pages/post/index', 'pages/needs/index', 'pages/need/index'],
    },
    {
      root: 'packageMember',
      name: 'member',
      pages: [
        'pages/register/index',
        'pages/status/index',
        'pages/card/index',
        'pages/profile/index',
        'pages/tasks/index',
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
    'scope.userLocation': { desc: '用于任务现场定位签到、签退' },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    navigationBarTitleText: '双报到',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  lazyCodeLoading: 'requiredComponents',
});
