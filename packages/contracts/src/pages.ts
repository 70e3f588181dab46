/**
 * Every page of the mini-program, by absolute path: the weapp route and, in H5 (router mode
 * 'browser'), the URL path. apps/miniapp/src/app.config.ts lists the same pages (a test there keeps
 * the two equal); links, redirects and notifications that open a page use these constants.
 */
export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  me: '/pages/me/index',
  inbox: '/pages/inbox/index',
  invitations: '/pages/invitations/index',
  // 任务 tab: the task hall for members, each role's work entries for the others
  tasks: '/pages/tasks/index',
  // An address that is no page of the app (H5 link typo, an old link): 页面不存在
  notFound: '/pages/not-found/index',
  // 居民点单 / 评单 (packageResident)
  postNeed: '/packageResident/pages/post/index',
  myNeeds: '/packageResident/pages/needs/index',
  need: '/packageResident/pages/need/index',
  joinCommunity: '/packageResident/pages/join/index',
  // 党员报到、接单 (packageMember)
  register: '/packageMember/pages/register/index',
  status: '/packageMember/pages/status/index',
  card: '/packageMember/pages/card/index',
  profile: '/packageMember/pages/profile/index',
  task: '/packageMember/pages/task/index',
  claims: '/packageMember/pages/claims/index',
  hours: '/packageMember/pages/hours/index',
  points: '/packageMember/pages/points/index',
  callup: '/packageMember/pages/callup/index',
  branchClaim: '/packageMember/pages/branch/index',
  // 社区审核、下单 (packageAdmin)
  approvals: '/packageAdmin/pages/approvals/index',
  review: '/packageAdmin/pages/review/index',
  poster: '/packageAdmin/pages/poster/index',
  triage: '/packageAdmin/pages/needs/index',
  publish: '/packageAdmin/pages/publish/index',
  adminTasks: '/packageAdmin/pages/tasks/index',
  adminTask: '/packageAdmin/pages/task/index',
  checkinCode: '/packageAdmin/pages/checkin-code/index',
  adminCallup: '/packageAdmin/pages/callup/index',
  checkCard: '/packageAdmin/pages/check-card/index',
  // 统计 (packageStats, loaded lazily)
  statsDashboard: '/packageStats/pages/dashboard/index',
  memberRecords: '/packageStats/pages/records/index',
  annualReport: '/packageStats/pages/report/index',
  roster: '/packageStats/pages/roster/index',
} as const;

/**
 * The tab bar (首页 / 任务 / 消息 / 我的), in order. These pages live in the main package, and are
 * opened with switchTab (navigateTo and redirectTo refuse them).
 */
export const TAB_PAGES = [PAGES.home, PAGES.tasks, PAGES.inbox, PAGES.me] as const;

export type PageKey = keyof typeof PAGES;
/** One of the app's page paths, e.g. '/packageMember/pages/register/index'. */
export type PagePath = (typeof PAGES)[PageKey];

/** A page path with a query string; undefined and empty values are left out. */
export function pageUrl(page: PagePath, query: Record<string, string | number | undefined> = {}): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${page}?${q}` : page;
}
