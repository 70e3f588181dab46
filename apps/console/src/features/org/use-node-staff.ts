import { ROUTES, type NodeStaffDto } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';

/** The staff and pending invitations of one node, with a reload after every change. */
export function useNodeStaff(nodeId: number | null) {
  const [staff, setStaff] = useState<NodeStaffDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (nodeId === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    call(ROUTES.staff.ofNode, { params: { id: nodeId } })
      .then((s) => live && setStaff(s))
      .catch((e: Error) => {
        if (!live) return;
        setStaff(null);
        setError(e.message);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [nodeId, version]);

  return { staff, loading, error, reload };
}
