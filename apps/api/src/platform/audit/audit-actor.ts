import { Role } from '@sbd/contracts';
import type { Principal, ScopedRole } from '../auth/principal';

/** Roles from the widest to the narrowest, to choose one when several would do. */
const RANK: Role[] = [
  Role.PlatformAdmin,
  Role.DistrictAdmin,
  Role.StreetAdmin,
  Role.CommunityAdmin,
  Role.UnitAdmin,
  Role.BranchSecretary,
  Role.GridLeader,
  Role.Member,
  Role.Resident,
];
const rank = (r: ScopedRole) => RANK.indexOf(r.role);

/**
 * The role an actor acted in: among `allowed` (all roles when empty), the one held over the
 * object's node with the narrowest scope (a community admin of A who is also a district admin
 * approves A's registrations as community admin), ties to the wider role. With no node, or when no
 * role covers it, the actor's widest role. Null for an account with no roles.
 */
export function actingRole(p: Principal, nodePath: string | null, allowed: Role[] = []): ScopedRole | null {
  const eligible = p.roles.filter((r) => !allowed.length || allowed.includes(r.role));
  const pool = eligible.length ? eligible : p.roles;
  const covering =
    nodePath === null ? [] : pool.filter((r) => r.scopeNodeId === null || nodePath.startsWith(r.scopePath));
  if (covering.length) {
    return [...covering].sort((a, b) => b.scopePath.length - a.scopePath.length || rank(a) - rank(b))[0];
  }
  return [...pool].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * The node an account's own events (logins) belong to: the scope of its widest role (none for a
 * platform admin: only platform admins see those), else the community it registered with.
 */
export function accountNodeId(p: Principal): number | null {
  const widest = actingRole(p, null);
  if (widest) return widest.scopeNodeId;
  return p.home?.communityId ?? null;
}
