import { ROUTES, Role, type CallupDto, type MeDto, type RoleAssignment } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { LatLng } from '@/features/tasks/geo';
import { call } from '@/platform/api';

/** The roles that may call members up (the API's emergency CALLERS). */
export const CALLUP_ROLES: readonly Role[] = [Role.CommunityAdmin, Role.StreetAdmin, Role.DistrictAdmin];

/** The org nodes the user may issue call-ups for. */
export function callupScopes(user: MeDto): RoleAssignment[] {
  return user.roles.filter((r) => CALLUP_ROLES.includes(r.role) && r.scopeNodeId !== null);
}

/** The call-ups issued for a node and below it, newest first. */
export function useCallups(scopeNodeId: number | null) {
  const [items, setItems] = useState<CallupDto[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (scopeNodeId === null) return;
    setLoading(true);
    setError(null);
    try {
      setItems(await call(ROUTES.callups.list, { query: { scopeNodeId } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [scopeNodeId]);

  useEffect(() => {
    void load();
  }, [load]);

  return { items, loading, error, reload: load };
}

/** The position of one of the user's own nodes (the call-up map's centre), null if it has none. */
export function useNodePosition(nodeId: number | null, open: boolean): LatLng | null {
  const [at, setAt] = useState<LatLng | null>(null);
  useEffect(() => {
    if (nodeId === null || !open) return;
    let live = true;
    call(ROUTES.org.roots).then(
      (roots) => {
        const n = roots.find((r) => r.id === nodeId);
        if (live) setAt(n?.latitude != null && n.longitude != null ? { lat: n.latitude, lng: n.longitude } : null);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [nodeId, open]);
  return at;
}
