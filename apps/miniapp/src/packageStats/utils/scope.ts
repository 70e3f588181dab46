import { Role, type RoleAssignment } from '@sbd/contracts';
import { activeAssignment, type Session } from '@/platform/session';

/** Roles with a dashboard, and what their scope node is. */
export const STATS_ROLES: Role[] = [Role.CommunityAdmin, Role.UnitAdmin, Role.StreetAdmin, Role.DistrictAdmin];

export interface StatsScope {
  nodeId: number;
  name: string;
  role: Role;
}

function toScope(r: RoleAssignment | null | undefined): StatsScope | null {
  if (!r || r.scopeNodeId == null || !STATS_ROLES.includes(r.role)) return null;
  return { nodeId: r.scopeNodeId, name: r.scopeName ?? '', role: r.role };
}

/** The node whose dashboard opens by default: the active role's, else the first role with one. */
export function statsScope(session: Session | null): StatsScope | null {
  const active = toScope(activeAssignment(session));
  if (active) return active;
  for (const r of session?.user?.roles ?? []) {
    const s = toScope(r);
    if (s) return s;
  }
  return null;
}

/** The unit a unit admin manages: `unitId` when it is one of theirs, else their first (or active) unit. */
export function unitScope(session: Session | null, unitId?: number): StatsScope | null {
  const units = (session?.user?.roles ?? [])
    .filter((r) => r.role === Role.UnitAdmin && r.scopeNodeId != null)
    .map(toScope) as StatsScope[];
  if (unitId) return units.find((u) => u.nodeId === unitId) ?? null;
  const active = toScope(activeAssignment(session));
  return active && active.role === Role.UnitAdmin ? active : (units[0] ?? null);
}
