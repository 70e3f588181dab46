import { useEffect, useRef, useState } from 'react';
import { usePullDownRefresh } from '@tarojs/taro';
import { OrgNodeType, type OrgNodeDto, type StatsDto, type StatsGranularity } from '@sbd/contracts';
import { stopPullDown } from '@/platform/feedback';
import { attempt } from '@/platform/request';
import { fetchChildren } from '@/features/org/service';
import { fetchStats } from '@/packageStats/services/stats';
import { hasLowerNodes } from '@/packageStats/utils/headline';
import type { Period } from '@/packageStats/utils/period';

/**
 * The statistics of a node for a period (reloaded when they change and on pull-down; a late
 * answer for an earlier choice is dropped) and, for streets and districts, the nodes below.
 */
export function useDashboard(nodeId: number, period: Period, granularity: StatsGranularity, active: boolean) {
  const [stats, setStats] = useState<StatsDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [lower, setLower] = useState<OrgNodeDto[]>([]);
  const seq = useRef(0);

  const load = async () => {
    if (!nodeId) return;
    const mine = ++seq.current;
    setState((s) => (s === 'ready' ? s : 'loading'));
    const r = await attempt(fetchStats(nodeId, { from: period.from, to: period.to, granularity }));
    if (mine !== seq.current) return;
    if (!r.ok) {
      setError(r.error.message);
      setState('error');
      return;
    }
    setStats(r.data);
    setState('ready');
  };

  useEffect(() => {
    if (active) void load();
  }, [nodeId, period.from, period.to, granularity, active]);
  usePullDownRefresh(() => void load().finally(stopPullDown));

  // Streets and districts list the nodes below them, each with its own dashboard.
  const nodeType = stats?.nodeType ?? '';
  useEffect(() => {
    if (!hasLowerNodes(nodeType)) return;
    let live = true;
    const types =
      nodeType === OrgNodeType.Street ? [OrgNodeType.Community] : [OrgNodeType.Street, OrgNodeType.WorkUnit];
    void Promise.all(types.map((t) => attempt(fetchChildren(nodeId, t)))).then((rs) => {
      if (live) setLower(rs.flatMap((r) => (r.ok ? r.data : [])));
    });
    return () => {
      live = false;
    };
  }, [nodeId, nodeType]);

  return { stats, state, error, lower, load };
}
