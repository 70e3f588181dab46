import { OrgNodeType, ROUTES, Role, type MeDto } from '@sbd/contracts';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';

export interface UnitOption {
  value: number;
  label: string;
}

/** The units whose roster the user reads: their own as unit admin, and every work unit of their districts. */
export function useUnits(user: MeDto) {
  const own: UnitOption[] = user.roles
    .filter((r) => r.role === Role.UnitAdmin && r.scopeNodeId !== null)
    .map((r) => ({ value: r.scopeNodeId as number, label: r.scopeName ?? `单位 ${r.scopeNodeId}` }));
  const districts = user.roles
    .filter((r) => r.role === Role.DistrictAdmin && r.scopeNodeId !== null)
    .map((r) => r.scopeNodeId as number);
  const [units, setUnits] = useState<UnitOption[]>(own);
  const key = districts.join(',');

  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map((id) => call(ROUTES.org.children, { params: { id }, query: { type: OrgNodeType.WorkUnit } })),
    )
      .then((lists) => {
        if (!live) return;
        const seen = new Set(own.map((u) => u.value));
        const more = lists.flat().filter((n) => !seen.has(n.id) && (seen.add(n.id), true));
        setUnits([...own, ...more.map((n) => ({ value: n.id, label: n.name }))]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // `own` follows `user`; the districts' key is what changes the list.
  }, [key]);

  return units;
}
