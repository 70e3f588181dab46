import { PAGES, Role, type RoleAssignment } from '@sbd/contracts';

/** One entry on the home page or the 任务 tab: an icon, a title, a line of text and the page it opens. */
export interface TileDef {
  key: string;
  icon: string;
  title: string;
  desc: string;
  url: string;
}

const TILE_REGISTER: TileDef = {
  key: 'register',
  icon: '📝',
  title: '我要报到',
  desc: '扫社区二维码或输入社区编码',
  url: PAGES.register,
};
const TILE_STATUS: TileDef = { key: 'status', icon: '📋', title: '我的报到', desc: '查看审核进度', url: PAGES.status };
const TILE_CARD: TileDef = { key: 'card', icon: '🪪', title: '亮身份', desc: '出示党员电子证', url: PAGES.card };
const TILE_PROFILE: TileDef = {
  key: 'profile',
  icon: '🛠️',
  title: '服务信息',
  desc: '技能、空闲时间、岗位',
  url: PAGES.profile,
};
const TILE_APPROVALS: TileDef = {
  key: 'approvals',
  icon: '✅',
  title: '报到审核',
  desc: '审核党员报到申请',
  url: PAGES.approvals,
};
const TILE_POSTER: TileDef = {
  key: 'poster',
  icon: '🔳',
  title: '社区二维码',
  desc: '报到海报，张贴或转发',
  url: PAGES.poster,
};
const TILE_CHECK_CARD: TileDef = {
  key: 'checkCard',
  icon: '🔍',
  title: '核验电子证',
  desc: '扫党员亮身份二维码',
  url: PAGES.checkCard,
};
const TILE_ME: TileDef = { key: 'me', icon: '👤', title: '我的', desc: '账号、身份切换、设置', url: PAGES.me };
const TILE_INBOX: TileDef = { key: 'inbox', icon: '🔔', title: '消息', desc: '受理、派单、核验通知', url: PAGES.inbox };
// 居民点单 / 评单
const TILE_POST_NEED: TileDef = {
  key: 'postNeed',
  icon: '🙋',
  title: '我要点单',
  desc: '说出需求，党员上门服务',
  url: PAGES.postNeed,
};
const TILE_JOIN: TileDef = {
  key: 'join',
  icon: '🏘️',
  title: '加入社区',
  desc: '输入社区编码或选择附近社区',
  url: PAGES.joinCommunity,
};
const TILE_MY_NEEDS: TileDef = {
  key: 'myNeeds',
  icon: '🗂️',
  title: '我的需求',
  desc: '办理进度、评价服务',
  url: PAGES.myNeeds,
};
// 党员接单
const TILE_TASKS: TileDef = {
  key: 'tasks',
  icon: '📣',
  title: '任务大厅',
  desc: '本社区和街道的服务任务',
  url: PAGES.tasks,
};
const TILE_CLAIMS: TileDef = {
  key: 'claims',
  icon: '🧾',
  title: '我的报名',
  desc: '签到、签退、候补确认',
  url: PAGES.claims,
};
const TILE_HOURS: TileDef = {
  key: 'hours',
  icon: '⏱️',
  title: '服务时长',
  desc: '核验时长与补录时长',
  url: PAGES.hours,
};
const TILE_POINTS: TileDef = {
  key: 'points',
  icon: '🏅',
  title: '我的积分',
  desc: '积分余额和明细',
  url: PAGES.points,
};
const TILE_CALLUP: TileDef = { key: 'callup', icon: '🚨', title: '应急召集', desc: '回复能否到场', url: PAGES.callup };
const TILE_BRANCH: TileDef = {
  key: 'branch',
  icon: '🚩',
  title: '支部报名',
  desc: '选任务，为支部指派党员',
  url: PAGES.tasks,
};
// 社区下单
const TILE_TRIAGE: TileDef = {
  key: 'triage',
  icon: '📥',
  title: '需求分拣',
  desc: '受理、驳回、合并居民需求',
  url: PAGES.triage,
};
const TILE_PUBLISH: TileDef = {
  key: 'publish',
  icon: '📤',
  title: '发布任务',
  desc: '从需求下单，设名额和时间',
  url: PAGES.publish,
};
const TILE_ADMIN_TASKS: TileDef = {
  key: 'adminTasks',
  icon: '🗓️',
  title: '任务管理',
  desc: '签到码、时长核验、完成',
  url: PAGES.adminTasks,
};
const TILE_ADMIN_CALLUP: TileDef = {
  key: 'adminCallup',
  icon: '🚨',
  title: '应急召集',
  desc: '一键通知党员集结',
  url: PAGES.adminCallup,
};
const TILE_PROXY_NEED: TileDef = {
  key: 'proxyNeed',
  icon: '🤝',
  title: '代居民点单',
  desc: '为不上网的居民登记需求',
  url: PAGES.postNeed,
};

// 统计 (packageStats, loaded only when opened)
const TILE_STATS: TileDef = {
  key: 'stats',
  icon: '📊',
  title: '统计看板',
  desc: '报到率、服务率、满意率、趋势',
  url: PAGES.statsDashboard,
};
const TILE_RECORDS: TileDef = {
  key: 'records',
  icon: '🗃️',
  title: '党员报回记录',
  desc: '服务情况、预警、评先评优',
  url: PAGES.memberRecords,
};
const TILE_ROSTER: TileDef = {
  key: 'roster',
  icon: '📑',
  title: '单位名册',
  desc: '下载模板，导入党员名册',
  url: PAGES.roster,
};

const MEMBER_TILES = [
  TILE_TASKS,
  TILE_CLAIMS,
  TILE_HOURS,
  TILE_POINTS,
  TILE_CALLUP,
  TILE_INBOX,
  TILE_CARD,
  TILE_POST_NEED,
  TILE_PROFILE,
  TILE_STATUS,
  TILE_ME,
];

/** Entry tiles for the role the user currently acts as. */
export function tilesFor(role: RoleAssignment | null, loggedIn: boolean): TileDef[] {
  if (!loggedIn) return [TILE_REGISTER, TILE_ME];
  switch (role?.role) {
    case Role.CommunityAdmin:
      return [
        TILE_TRIAGE,
        TILE_PUBLISH,
        TILE_ADMIN_TASKS,
        TILE_ADMIN_CALLUP,
        TILE_STATS,
        TILE_APPROVALS,
        TILE_POSTER,
        TILE_CHECK_CARD,
        TILE_PROXY_NEED,
        TILE_INBOX,
        TILE_ME,
      ];
    case Role.UnitAdmin:
      return [TILE_STATS, TILE_RECORDS, TILE_ROSTER, TILE_INBOX, TILE_ME];
    case Role.StreetAdmin:
    case Role.DistrictAdmin:
    case Role.PlatformAdmin:
      return [TILE_STATS, TILE_INBOX, TILE_ME];
    case Role.BranchSecretary:
      return [TILE_BRANCH, ...MEMBER_TILES];
    case Role.Member:
      return MEMBER_TILES;
    case Role.Resident:
      return [TILE_POST_NEED, TILE_MY_NEEDS, TILE_INBOX, TILE_REGISTER, TILE_STATUS, TILE_ME];
    case undefined:
      // No community yet: join one first (then 我要点单 takes its place).
      return [TILE_JOIN, TILE_MY_NEEDS, TILE_INBOX, TILE_REGISTER, TILE_STATUS, TILE_ME];
    default:
      return [TILE_INBOX, TILE_ME];
  }
}

/** Tiles that are tabs of their own (消息, 我的): the 任务 tab leaves them out. */
const TAB_TILE_KEYS = new Set([TILE_INBOX.key, TILE_ME.key]);

/** The 任务 tab for roles without the task hall: their work entries (what the home page has, less the tabs). */
export function workTilesFor(role: RoleAssignment | null): TileDef[] {
  return tilesFor(role, true).filter((t) => !TAB_TILE_KEYS.has(t.key));
}
