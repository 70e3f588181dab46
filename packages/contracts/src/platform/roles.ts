/** Roles of DOMAIN §2. Every role assignment is scoped to one org node (its subtree). */
export enum Role {
  Resident = 'resident',
  Member = 'member',
  BranchSecretary = 'branch_secretary',
  /** 网格长: leads one grid of a community. */
  GridLeader = 'grid_leader',
  CommunityAdmin = 'community_admin',
  UnitAdmin = 'unit_admin',
  StreetAdmin = 'street_admin',
  DistrictAdmin = 'district_admin',
  PlatformAdmin = 'platform_admin',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Resident]: '居民',
  [Role.Member]: '党员',
  [Role.BranchSecretary]: '支部书记',
  [Role.GridLeader]: '网格长',
  [Role.CommunityAdmin]: '社区管理员',
  [Role.UnitAdmin]: '单位管理员',
  [Role.StreetAdmin]: '街道管理员',
  [Role.DistrictAdmin]: '区管理员',
  [Role.PlatformAdmin]: '平台管理员',
};

export interface RoleAssignment {
  role: Role;
  scopeNodeId: number | null;
  scopeName: string | null;
}
