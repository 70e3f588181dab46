import { Role, type MeDto } from '@sbd/contracts';
import { has } from '@/platform/roles';

export interface MenuEntry {
  path: string;
  label: string;
  /** Who sees it: any of these roles. */
  roles: Role[];
}

/** Every console page, and which staff roles it is for (the API enforces the same scopes). */
export const MENU: MenuEntry[] = [
  { path: '/', label: '工作台', roles: [] },
  { path: '/registrations', label: '报到审核', roles: [Role.CommunityAdmin] },
  { path: '/needs', label: '需求分拣', roles: [Role.CommunityAdmin] },
  { path: '/tasks', label: '任务管理', roles: [Role.CommunityAdmin] },
  {
    path: '/attendance',
    label: '服务核验',
    // The API lets staff above a community read its claims (COMMUNITY_READERS).
    roles: [Role.CommunityAdmin, Role.StreetAdmin, Role.DistrictAdmin],
  },
  {
    path: '/stats',
    label: '统计',
    roles: [Role.DistrictAdmin, Role.StreetAdmin, Role.CommunityAdmin, Role.UnitAdmin],
  },
  {
    path: '/org',
    label: '组织与人员',
    roles: [Role.PlatformAdmin, Role.DistrictAdmin, Role.StreetAdmin, Role.CommunityAdmin],
  },
  {
    path: '/emergency',
    label: '应急召集',
    roles: [Role.DistrictAdmin, Role.StreetAdmin, Role.CommunityAdmin],
  },
  { path: '/rosters', label: '单位名册', roles: [Role.UnitAdmin, Role.DistrictAdmin] },
  { path: '/screen', label: '数据大屏', roles: [Role.DistrictAdmin, Role.StreetAdmin] },
  { path: '/audit', label: '审计日志', roles: [Role.PlatformAdmin, Role.DistrictAdmin] },
];

export function menuFor(user: MeDto): MenuEntry[] {
  return MENU.filter((m) => m.roles.length === 0 || has(user, ...m.roles));
}
