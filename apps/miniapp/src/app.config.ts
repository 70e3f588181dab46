export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packageMember',
      name: 'member',
      pages: ['pages/register/index', 'pages/status/index', 'pages/card/index', 'pages/profile/index'],
    },
    {
      root: 'packageAdmin',
      name: 'admin',
      pages: ['pages/approvals/index', 'pages/review/index', 'pages/poster/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['member'] },
  },
  window: {
    navigationBarTitleText: '双报到',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  lazyCodeLoading: 'requiredComponents',
});
