/** Runtime constants. TARO_ENV and API_BASE_URL are replaced at build time (config/index.ts). */

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}

export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

/**
 * Origin the API is reached at. H5 is served by the API itself, so it calls relative `/api/...`
 * URLs; the weapp build uses the API_BASE_URL constant (env API_BASE_URL at build time).
 */
export function apiBaseUrl(): string {
  if (isH5()) return '';
  return typeof API_BASE_URL === 'string' ? API_BASE_URL : '';
}

export const REQUEST_TIMEOUT_MS = 15_000;

export const STORAGE_KEYS = {
  session: 'sbd.session',
  elderly: 'sbd.elderly',
  communityCodes: 'sbd.communityCodes',
  reviewing: 'sbd.admin.reviewing',
} as const;

/** Absolute page paths (weapp routes; in H5 they are also the URL paths, router mode 'browser'). */
export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  me: '/pages/me/index',
  register: '/packageMember/pages/register/index',
  status: '/packageMember/pages/status/index',
  card: '/packageMember/pages/card/index',
  profile: '/packageMember/pages/profile/index',
  approvals: '/packageAdmin/pages/approvals/index',
  review: '/packageAdmin/pages/review/index',
  poster: '/packageAdmin/pages/poster/index',
  inbox: '/pages/inbox/index',
  // 居民点单 / 评单
  postNeed: '/packageResident/pages/post/index',
  myNeeds: '/packageResident/pages/needs/index',
  need: '/packageResident/pages/need/index',
  // 党员接单
  tasks: '/packageMember/pages/tasks/index',
  task: '/packageMember/pages/task/index',
  claims: '/packageMember/pages/claims/index',
  hours: '/packageMember/pages/hours/index',
  points: '/packageMember/pages/points/index',
  callup: '/packageMember/pages/callup/index',
  branchClaim: '/packageMember/pages/branch/index',
  // 社区下单
  triage: '/packageAdmin/pages/needs/index',
  publish: '/packageAdmin/pages/publish/index',
  adminTasks: '/packageAdmin/pages/tasks/index',
  adminTask: '/packageAdmin/pages/task/index',
  checkinCode: '/packageAdmin/pages/checkin-code/index',
  adminCallup: '/packageAdmin/pages/callup/index',
  // 统计 (lazily loaded sub-package)
  statsDashboard: '/packageStats/pages/dashboard/index',
  memberRecords: '/packageStats/pages/records/index',
  annualReport: '/packageStats/pages/report/index',
  roster: '/packageStats/pages/roster/index',
} as const;
