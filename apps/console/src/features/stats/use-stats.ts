import { ROUTES, type NodeStatsQuery, type StatsDto } from '@sbd/contracts';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';

/** The statistics of one node for a period. */
export function useStats(nodeId: number | null, query: NodeStatsQuery) {
  const [stats, setStats] = useState<StatsDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { from, to, granularity } = query;

  useEffect(() => {
    if (nodeId === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    call(ROUTES.stats.node, { params: { id: nodeId }, query: { from, to, granularity } })
      .then((s) => live && setStats(s))
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [nodeId, from, to, granularity]);

  return { stats, loading, error };
}
