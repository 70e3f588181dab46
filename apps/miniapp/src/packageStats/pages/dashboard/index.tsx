import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  PAGES,
  OrgNodeType,
  ORG_NODE_TYPE_LABELS,
  Role,
  StatsGranularity,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  TOP_MEMBERS_LIMIT,
  type OrgNodeDto,
  type StatsDto,
} from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { fetchChildren, fetchRoots } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { hasRole, useSession } from '@/platform/session';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { a11y, keyActivate } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { stopPullDown } from '@/platform/feedback';
import { BarList, TrendChart } from '@/packageStats/components/Charts';
import { Figure } from '@/packageStats/components/Figure';
import { PeriodFilter } from '@/packageStats/components/PeriodFilter';
import { exportStats, fetchStats } from '@/packageStats/services/stats';
import { countRows, SERIES_METRICS, seriesChart, type SeriesMetric } from '@/packageStats/utils/chart';
import { formatCount, formatHoursValue } from '@/packageStats/utils/figures';
import { hasLowerNodes, headlineFigures } from '@/packageStats/utils/headline';
import { periodFor, type Period } from '@/packageStats/utils/period';
import { statsScope } from '@/packageStats/utils/scope';
import '@/packageStats/components/stats.css';

const GRANULARITY_OPTIONS = [
  { value: StatsGranularity.Week, label: '按周' },
  { value: StatsGranularity.Month, label: '按月' },
];

function TopMembers({ stats }: { stats: StatsDto }) {
  if (!stats.topMembers.length) return <Empty text='统计期内还没有核验的服务' />;
  return (
    <View className='st-table' {...a11y(`服务之星，前${stats.topMembers.length}名`)}>
      <View className='st-tr st-th' {...a11y(undefined, { hidden: true })}>
        <Text className='st-td-rank'>名次</Text>
        <Text className='st-td-name'>姓名</Text>
        <Text className='st-td-num'>次数</Text>
        <Text className='st-td-num'>小时</Text>
      </View>
      {stats.topMembers.map((m, i) => (
        <View key={m.userId} className='st-tr' {...a11y(`第${i + 1}名 ${m.name}，服务${m.services}次，${formatHoursValue(m.hours)}小时`)}>
          <Text className='st-td-rank'>{i + 1}</Text>
          <Text className='st-td-name'>{m.name}</Text>
          <Text className='st-td-num'>{formatCount(m.services)}</Text>
          <Text className='st-td-num'>{formatHoursValue(m.hours)}</Text>
        </View>
      ))}
    </View>
  );
}

function NodeLinks({ title, nodes }: { title: string; nodes: OrgNodeDto[] }) {
  if (!nodes.length) return null;
  return (
    <View>
      <Text className='section-title'>{title}</Text>
      {nodes.map((n) => {
        const open = () => openPage(`${PAGES.statsDashboard}?nodeId=${n.id}`);
        return (
          <View key={n.id} className='item row-between' onClick={open} {...a11y(`查看${n.name}的统计`, { role: 'link' })} {...keyActivate(open)}>
            <Text className='t-bold'>{n.name}</Text>
            <Text className='t-s t-muted'>{`${ORG_NODE_TYPE_LABELS[n.type] ?? ''} ›`}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** A platform admin holds no node of their own: they choose which top-level node to look at. */
function RootPicker() {
  const roots = useLoaded(fetchRoots, { active: true });
  return (
    <Page title='统计看板'>
      {roots.state === 'loading' ? <Loading /> : null}
      {roots.state === 'error' ? <ErrorState message={roots.error} onRetry={() => void roots.reload()} /> : null}
      {roots.state === 'ready' && !roots.data?.length ? <Empty text='还没有建立组织' /> : null}
      <NodeLinks title='选择要查看的组织' nodes={roots.data ?? []} />
    </Page>
  );
}

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
  const [stats, setStats] = useState<StatsDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [exporting, setExporting] = useState(false);
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
    if (session?.accessToken) void load();
  }, [nodeId, period.from, period.to, granularity, !!session?.accessToken]);
  usePullDownRefresh(() => void load().finally(stopPullDown));

  // Streets and districts list the nodes below them, each with its own dashboard.
  const nodeType = stats?.nodeType ?? '';
  useEffect(() => {
    if (!hasLowerNodes(nodeType)) return;
    let live = true;
    const types = nodeType === OrgNodeType.Street ? [OrgNodeType.Community] : [OrgNodeType.Street, OrgNodeType.WorkUnit];
    void Promise.all(types.map((t) => attempt(fetchChildren(nodeId, t)))).then((rs) => {
      if (live) setLower(rs.flatMap((r) => (r.ok ? r.data : [])));
    });
    return () => {
      live = false;
    };
  }, [nodeId, nodeType]);

  if (!session?.accessToken) return <Gate title='统计看板' loggedIn={false} need='' />;
  if (!nodeId) {
    if (hasRole(session, Role.PlatformAdmin)) return <RootPicker />;
    return <Gate title='统计看板' loggedIn need='统计看板供社区、单位、街道和区管理员使用。' />;
  }

  const changePeriod = (p: Period) => {
    setPeriod(p);
    setGranularity(p.granularity);
  };

  const doExport = async () => {
    setExporting(true);
    await exportStats(nodeId, { from: period.from, to: period.to, granularity }, stats?.nodeName ?? scope?.name ?? '');
    setExporting(false);
  };

  const isUnit = stats?.nodeType === OrgNodeType.WorkUnit;
  const title = stats ? `${stats.nodeName} · 统计看板` : '统计看板';
  const chart = stats ? seriesChart(stats.series, metric, stats.granularity) : null;
  const metricLabel = SERIES_METRICS.find((m) => m.value === metric)?.label ?? '';

  return (
    <Page title={title}>
      <PeriodFilter value={period} onChange={changePeriod} />
      {state === 'loading' ? <Loading text='正在统计…' /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' && stats ? (
        <View>
          <View className='st-grid'>
            {headlineFigures(stats).map((f) => (
              <Figure key={f.key} label={f.label} value={f.value} unit={f.unit} note={f.note} hints={f.hints} />
            ))}
          </View>

          <Text className='section-title'>服务趋势</Text>
          <View className='card'>
            <RadioChips label='趋势指标' options={SERIES_METRICS.map((m) => ({ value: m.value, label: m.label }))} value={metric} onChange={setMetric} />
            <View className='mt-32'>
              <RadioChips label='趋势分段' options={GRANULARITY_OPTIONS} value={granularity} onChange={setGranularity} />
            </View>
            {chart && chart.bars.length ? (
              <TrendChart
                chart={chart}
                label={`${metricLabel}趋势，${stats.granularity === StatsGranularity.Week ? '按周' : '按月'}`}
                caption={`${stats.granularity === StatsGranularity.Week ? '按周（周一至周日）' : '按自然月'}统计${metric === 'satisfaction' ? '，无评价的时段显示“—”' : ''}`}
                gridNote={metric === 'satisfaction' ? '每格25%' : `每格${metric === 'hours' ? `${formatHoursValue(chart.axis.step)}小时` : `${chart.axis.step}次`}`}
              />
            ) : (
              <Empty text='统计期内没有数据' />
            )}
          </View>

          {stats.tasks ? (
            <View>
              <Text className='section-title'>任务</Text>
              <View className='card'>
                <Text className='t-bold block mb-16'>{`统计期内创建任务${formatCount(stats.tasks.total)}个`}</Text>
                <Text className='t-s t-muted block mt-16'>
                  按类型
                </Text>
                <BarList label='任务按类型' rows={countRows(stats.tasks.byKind, TASK_KIND_LABELS)} />
                <Text className='t-s t-muted block mt-32'>
                  按状态
                </Text>
                <BarList label='任务按状态' rows={countRows(stats.tasks.byStatus, TASK_STATUS_LABELS)} />
              </View>
            </View>
          ) : null}

          <Text className='section-title'>{`服务之星（前${TOP_MEMBERS_LIMIT}名）`}</Text>
          <View className='card'>
            <TopMembers stats={stats} />
          </View>

          {isUnit ? (
            <View>
              <Text className='section-title'>单位党员</Text>
              <View className='btn-row-wrap mb-32'>
                <Btn variant='secondary' onClick={() => openPage(`${PAGES.memberRecords}?unitId=${nodeId}`)}>
                  党员报回记录
                </Btn>
                <Btn variant='secondary' onClick={() => openPage(`${PAGES.roster}?unitId=${nodeId}`)}>
                  名册导入
                </Btn>
              </View>
            </View>
          ) : null}

          <NodeLinks title='下级统计' nodes={lower} />

          <View className='mt-48'>
            <Btn onClick={() => void doExport()} loading={exporting} loadingText='正在导出…'>
              导出Excel
            </Btn>
            <Text className='st-caption'>{`导出${period.label}的统计报表（含口径说明）`}</Text>
          </View>
        </View>
      ) : null}
    </Page>
  );
}
