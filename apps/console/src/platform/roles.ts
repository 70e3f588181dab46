import { Role, type MeDto, type RoleAssignment } from '@sbd/contracts';

/** The roles that work in the console: every staff role, never a plain member or resident. */
export const STAFF_ROLES: readonly Role[] = [
  Role.PlatformAdmin,
  Role.DistrictAdmin,
  Role.StreetAdmin,
  Role.CommunityAdmin,
  Role.UnitAdmin,
  Role.BranchSecretary,
];

export function staffRoles(user: MeDto): RoleAssignment[] {
  return user.roles.filter((r) => STAFF_ROLES.includes(r.role));
}

export function isStaff(user: MeDto): boolean {
  return staffRoles(user).length > 0;
}

export function has(user: MeDto, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r.role));
}

/** Communities the user administers (the scope of community pages). */
export function communityScopes(user: MeDto): RoleAssignment[] {
  return user.roles.filter((r) => r.role === Role.CommunityAdmin && r.scopeNodeId !== null);
}
