import { OrgNodeType, Role } from '@sbd/contracts';

/**
 * Who may appoint (and remove) whom: the appointer's role → the roles it may grant, over nodes
 * inside its own scope (the API checks the subtree). A platform admin may appoint anyone.
 */
export const MAY_APPOINT: Readonly<Partial<Record<Role, readonly Role[]>>> = {
  [Role.PlatformAdmin]: [
    Role.PlatformAdmin,
    Role.DistrictAdmin,
    Role.StreetAdmin,
    Role.CommunityAdmin,
    Role.UnitAdmin,
    Role.BranchSecretary,
    Role.GridLeader,
  ],
  [Role.DistrictAdmin]: [Role.StreetAdmin, Role.CommunityAdmin, Role.UnitAdmin],
  [Role.StreetAdmin]: [Role.CommunityAdmin, Role.UnitAdmin],
  [Role.CommunityAdmin]: [Role.BranchSecretary, Role.GridLeader],
};

/** Roles given by appointment (the others come from sign-up and 报到). */
export const APPOINTABLE_ROLES: readonly Role[] = MAY_APPOINT[Role.PlatformAdmin] ?? [];

/** The node types each appointable role is held over; a platform admin holds no node. */
export const ROLE_NODE_TYPES: Readonly<Partial<Record<Role, readonly OrgNodeType[]>>> = {
  [Role.PlatformAdmin]: [],
  [Role.DistrictAdmin]: [OrgNodeType.District],
  [Role.StreetAdmin]: [OrgNodeType.Street],
  [Role.CommunityAdmin]: [OrgNodeType.Community],
  [Role.UnitAdmin]: [OrgNodeType.WorkUnit, OrgNodeType.UnitPartyOrg],
  [Role.BranchSecretary]: [OrgNodeType.FunctionalBranch],
  [Role.GridLeader]: [OrgNodeType.Grid],
};

/** Roles a node must never be left without once it has one: removing the last holder is refused. */
export const LAST_HOLDER_PROTECTED: readonly Role[] = [
  Role.PlatformAdmin,
  Role.DistrictAdmin,
  Role.StreetAdmin,
  Role.CommunityAdmin,
  Role.UnitAdmin,
];

/** Whether holding `appointer` allows granting `role` (scope aside). */
export function mayAppoint(appointer: Role, role: Role): boolean {
  return MAY_APPOINT[appointer]?.includes(role) ?? false;
}

/** The roles that may appoint `role` (scope aside). */
export function appointersOf(role: Role): Role[] {
  return (Object.keys(MAY_APPOINT) as Role[]).filter((r) => mayAppoint(r, role));
}

/** Whether `role` may be held over a node of `type` (null: no node, platform-wide). */
export function roleFitsNode(role: Role, type: OrgNodeType | null): boolean {
  const types = ROLE_NODE_TYPES[role];
  if (!types) return false;
  return type === null ? types.length === 0 : types.includes(type);
}
