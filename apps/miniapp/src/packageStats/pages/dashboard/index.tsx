import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { OrgNodeType, Role, StatsGranularity, TOP_MEMBERS_LIMIT } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { hasRole, useSession } from '@/platform/session';
import {
  NodeLinks,
  RootPicker,
  TasksCard,
  TopMembers,
  TrendCard,
  UnitLinks,
} from '@/packageStats/components/DashboardSections';
import { useDashboard } from '@/packageStats/hooks/useDashboard';
import { Figure } from '@/packageStats/components/Figure';
import { PeriodFilter } from '@/packageStats/components/PeriodFilter';
import { exportStats } from '@/packageStats/services/stats';
import { type SeriesMetric } from '@/packageStats/utils/chart';
import { headlineFigures } from '@/packageStats/utils/headline';
import { periodFor, type Period } from '@/packageStats/utils/period';
import { statsScope } from '@/packageStats/utils/scope';
import '@/packageStats/components/stats.css';
import { useAction } from '@/ui/hooks/useAction';
import { SectionTitle } from '@/ui/SectionTitle';

/**
 * 统计看板 of a community, street, district or work unit (?nodeId=, by default the node of the
 * admin role): headline figures, the trend, tasks by kind and state, 服务之星, 导出Excel.
 */
export default function DashboardPage() {
  const router = useRouter();
  const session = useSession();
  const scope = statsScope(session);
  const nodeId = Number(router.params?.nodeId) || scope?.nodeId || 0;
  const [period, setPeriod] = useState<Period>(() => periodFor('month'));
  const [granularity, setGranularity] = useState<StatsGranularity>(period.granularity);
  const [metric, setMetric] = useState<SeriesMetric>('services');
  const exporting = useAction();
  const { stats, state, error, lower, load } = useDashboard(nodeId, period, granularity, !!session?.accessToken);

  if (!session?.accessToken) return <Gate title="统计看板" loggedIn={false} need="" />;
  if (!nodeId) {
    if (hasRole(session, Role.PlatformAdmin)) return <RootPicker />;
    return <Gate title="统计看板" loggedIn need="统计看板供社区、单位、街道和区管理员使用。" />;
  }

  const changePeriod = (p: Period) => {
    setPeriod(p);
    setGranularity(p.granularity);
  };

  const doExport = async () => {
    // The download shows its own messages.
    await exporting.run(
      () =>
        exportStats(nodeId, { from: period.from, to: period.to, granularity }, stats?.nodeName ?? scope?.name ?? ''),
      {
        errorToast: false,
      },
    );
  };

  const isUnit = stats?.nodeType === OrgNodeType.WorkUnit;
  const title = stats ? `${stats.nodeName} · 统计看板` : '统计看板';

  return (
    <Page title={title}>
      <PeriodFilter value={period} onChange={changePeriod} />
      {state === 'loading' ? <Loading text="正在统计…" /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' && stats ? (
        <View>
          <View className="st-grid">
            {headlineFigures(stats).map((f) => (
              <Figure key={f.key} label={f.label} value={f.value} unit={f.unit} note={f.note} hints={f.hints} />
            ))}
          </View>

          <TrendCard
            stats={stats}
            metric={metric}
            onMetric={setMetric}
            granularity={granularity}
            onGranularity={setGranularity}
          />
          {stats.tasks ? <TasksCard tasks={stats.tasks} /> : null}

          <SectionTitle>{`服务之星（前${TOP_MEMBERS_LIMIT}名）`}</SectionTitle>
          <View className="card">
            <TopMembers stats={stats} />
          </View>

          {isUnit ? <UnitLinks nodeId={nodeId} /> : null}

          <NodeLinks title="下级统计" nodes={lower} />

          <View className="mt-48">
            <Btn onClick={() => void doExport()} loading={!!exporting.busy} loadingText="正在导出…">
              导出Excel
            </Btn>
            <Text className="st-caption">{`导出${period.label}的统计报表（含口径说明）`}</Text>
          </View>
        </View>
      ) : null}
    </Page>
  );
}
