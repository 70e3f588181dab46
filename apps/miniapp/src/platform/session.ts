import { Role, type LoginResponse, type MeDto, type RoleAssignment, type TokenPair } from '@sbd/contracts';
import { STORAGE_KEYS } from './env';
import { createStore, useStore } from './store';
import { readJson, removeKey, writeJson } from './storage';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshExpiresAt: number;
  user: MeDto | null;
  /** Key of the role assignment the user acts as (see roleKey). */
  activeRole: string | null;
}

const sessionStore = createStore<Session | null>(readJson<Session>(STORAGE_KEYS.session));

function persist(next: Session | null): void {
  sessionStore.set(next);
  if (next) writeJson(STORAGE_KEYS.session, next);
  else removeKey(STORAGE_KEYS.session);
}

export function getSession(): Session | null {
  return sessionStore.get();
}

export function useSession(): Session | null {
  return useStore(sessionStore);
}

export function isLoggedIn(): boolean {
  return !!sessionStore.get()?.accessToken;
}

export function saveTokens(pair: TokenPair, now = Date.now()): void {
  const prev = sessionStore.get();
  persist({
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: now + pair.expiresIn * 1000,
    refreshExpiresAt: now + pair.refreshExpiresIn * 1000,
    user: prev?.user ?? null,
    activeRole: prev?.activeRole ?? null,
  });
}

export function saveLogin(res: LoginResponse, now = Date.now()): void {
  const prevRole = sessionStore.get()?.activeRole ?? null;
  persist({
    accessToken: res.accessToken,
    refreshToken: res.refreshToken,
    accessExpiresAt: now + res.expiresIn * 1000,
    refreshExpiresAt: now + res.refreshExpiresIn * 1000,
    user: res.user,
    activeRole: pickActiveRole(res.user.roles, prevRole),
  });
}

export function saveUser(user: MeDto): void {
  const prev = sessionStore.get();
  if (!prev) return;
  persist({ ...prev, user, activeRole: pickActiveRole(user.roles, prev.activeRole) });
}

export function setActiveRole(key: string): void {
  const prev = sessionStore.get();
  if (!prev?.user) return;
  if (!prev.user.roles.some((r) => roleKey(r) === key)) return;
  persist({ ...prev, activeRole: key });
}

export function clearSession(): void {
  persist(null);
}

export function roleKey(r: RoleAssignment): string {
  return `${r.role}@${r.scopeNodeId ?? ''}`;
}

/** Most capable first: what the home page shows when the user has not chosen. */
const ROLE_PRIORITY: Role[] = [
  Role.CommunityAdmin,
  Role.BranchSecretary,
  Role.Member,
  Role.UnitAdmin,
  Role.StreetAdmin,
  Role.DistrictAdmin,
  Role.PlatformAdmin,
  Role.Resident,
];

export function pickActiveRole(roles: RoleAssignment[], preferred: string | null): string | null {
  if (preferred && roles.some((r) => roleKey(r) === preferred)) return preferred;
  const sorted = [...roles].sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role));
  return sorted[0] ? roleKey(sorted[0]) : null;
}

/** The role assignment the user currently acts as, or null when logged out / without roles. */
export function activeAssignment(session: Session | null): RoleAssignment | null {
  if (!session?.user) return null;
  const key = pickActiveRole(session.user.roles, session.activeRole);
  return session.user.roles.find((r) => roleKey(r) === key) ?? null;
}

export function hasRole(session: Session | null, role: Role): boolean {
  return !!session?.user?.roles.some((r) => r.role === role);
}

/** The community a community admin acts for: the active role if it is one, else their first. */
export function communityAdminScope(session: Session | null): { communityId: number; communityName: string } | null {
  const active = activeAssignment(session);
  const candidates = [active, ...(session?.user?.roles ?? [])];
  const found = candidates.find((r) => r && r.role === Role.CommunityAdmin && r.scopeNodeId != null);
  return found && found.scopeNodeId != null
    ? { communityId: found.scopeNodeId, communityName: found.scopeName ?? '本社区' }
    : null;
}

/**
 * The community a user posts needs in (点单): the active role's community when it is a resident,
 * member or community admin role, else their first such role. `asStaff` means they post as the
 * community's staff (代点单 for a resident who is not online).
 */
export function needCommunity(
  session: Session | null,
): { communityId: number; communityName: string; asStaff: boolean } | null {
  const active = activeAssignment(session);
  const kinds = [Role.Resident, Role.Member, Role.CommunityAdmin];
  const candidates = [active, ...(session?.user?.roles ?? [])];
  const found = candidates.find((r) => r && kinds.includes(r.role) && r.scopeNodeId != null);
  if (!found || found.scopeNodeId == null) return null;
  return {
    communityId: found.scopeNodeId,
    communityName: found.scopeName ?? '本社区',
    asStaff: found.role === Role.CommunityAdmin,
  };
}

/** The functional branch a branch secretary leads (支部书记), if any. */
export function branchScope(session: Session | null): { branchId: number; branchName: string } | null {
  const found = session?.user?.roles.find((r) => r.role === Role.BranchSecretary && r.scopeNodeId != null);
  return found && found.scopeNodeId != null
    ? { branchId: found.scopeNodeId, branchName: found.scopeName ?? '本支部' }
    : null;
}
