import { Text, View } from '@tarojs/components';
import {
  ORG_NODE_TYPE_LABELS,
  PAGES,
  StatsGranularity,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  type OrgNodeDto,
  type StatsDto,
} from '@sbd/contracts';
import { a11y, keyActivate } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { fetchRoots } from '@/features/org/service';
import { countRows, SERIES_METRICS, seriesChart, type SeriesMetric } from '@/packageStats/utils/chart';
import { formatCount, formatHoursValue } from '@/packageStats/utils/figures';
import { BarList, TrendChart } from './Charts';
import './stats.css';
import { SectionTitle } from '@/ui/SectionTitle';

const GRANULARITY_OPTIONS = [
  { value: StatsGranularity.Week, label: '按周' },
  { value: StatsGranularity.Month, label: '按月' },
];

export function TopMembers({ stats }: { stats: StatsDto }) {
  if (!stats.topMembers.length) return <Empty text="统计期内还没有核验的服务" />;
  return (
    <View className="st-table" {...a11y(`服务之星，前${stats.topMembers.length}名`)}>
      <View className="st-tr st-th" {...a11y(undefined, { hidden: true })}>
        <Text className="st-td-rank">名次</Text>
        <Text className="st-td-name">姓名</Text>
        <Text className="st-td-num">次数</Text>
        <Text className="st-td-num">小时</Text>
      </View>
      {stats.topMembers.map((m, i) => (
        <View
          key={m.userId}
          className="st-tr"
          {...a11y(`第${i + 1}名 ${m.name}，服务${m.services}次，${formatHoursValue(m.hours)}小时`)}
        >
          <Text className="st-td-rank">{i + 1}</Text>
          <Text className="st-td-name">{m.name}</Text>
          <Text className="st-td-num">{formatCount(m.services)}</Text>
          <Text className="st-td-num">{formatHoursValue(m.hours)}</Text>
        </View>
      ))}
    </View>
  );
}

export function NodeLinks({ title, nodes }: { title: string; nodes: OrgNodeDto[] }) {
  if (!nodes.length) return null;
  return (
    <View>
      <SectionTitle>{title}</SectionTitle>
      {nodes.map((n) => {
        const open = () => openPage(`${PAGES.statsDashboard}?nodeId=${n.id}`);
        return (
          <View
            key={n.id}
            className="item row-between"
            onClick={open}
            {...a11y(`查看${n.name}的统计`, { role: 'link' })}
            {...keyActivate(open)}
          >
            <Text className="t-bold">{n.name}</Text>
            <Text className="t-s t-muted">{`${ORG_NODE_TYPE_LABELS[n.type] ?? ''} ›`}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** A platform admin holds no node of their own: they choose which top-level node to look at. */
export function RootPicker() {
  const roots = useLoaded(fetchRoots, { active: true });
  return (
    <Page title="统计看板">
      {roots.state === 'loading' ? <Loading /> : null}
      {roots.state === 'error' ? <ErrorState message={roots.error} onRetry={() => void roots.reload()} /> : null}
      {roots.state === 'ready' && !roots.data?.length ? <Empty text="还没有建立组织" /> : null}
      <NodeLinks title="选择要查看的组织" nodes={roots.data ?? []} />
    </Page>
  );
}

/** 服务趋势: one metric over time, by week or month. */
export function TrendCard({
  stats,
  metric,
  onMetric,
  granularity,
  onGranularity,
}: {
  stats: StatsDto;
  metric: SeriesMetric;
  onMetric: (m: SeriesMetric) => void;
  granularity: StatsGranularity;
  onGranularity: (g: StatsGranularity) => void;
}) {
  const chart = seriesChart(stats.series, metric, stats.granularity);
  const metricLabel = SERIES_METRICS.find((m) => m.value === metric)?.label ?? '';
  return (
    <>
      <SectionTitle>服务趋势</SectionTitle>
      <View className="card">
        <RadioChips
          label="趋势指标"
          options={SERIES_METRICS.map((m) => ({ value: m.value, label: m.label }))}
          value={metric}
          onChange={onMetric}
        />
        <View className="mt-32">
          <RadioChips label="趋势分段" options={GRANULARITY_OPTIONS} value={granularity} onChange={onGranularity} />
        </View>
        {chart && chart.bars.length ? (
          <TrendChart
            chart={chart}
            label={`${metricLabel}趋势，${stats.granularity === StatsGranularity.Week ? '按周' : '按月'}`}
            caption={`${stats.granularity === StatsGranularity.Week ? '按周（周一至周日）' : '按自然月'}统计${metric === 'satisfaction' ? '，无评价的时段显示“—”' : ''}`}
            gridNote={
              metric === 'satisfaction'
                ? '每格25%'
                : `每格${metric === 'hours' ? `${formatHoursValue(chart.axis.step)}小时` : `${chart.axis.step}次`}`
            }
          />
        ) : (
          <Empty text="统计期内没有数据" />
        )}
      </View>
    </>
  );
}

/** 任务: how many were created, by kind and by state. */
export function TasksCard({ tasks }: { tasks: NonNullable<StatsDto['tasks']> }) {
  return (
    <View>
      <SectionTitle>任务</SectionTitle>
      <View className="card">
        <Text className="t-bold block mb-16">{`统计期内创建任务${formatCount(tasks.total)}个`}</Text>
        <Text className="t-s t-muted block mt-16">按类型</Text>
        <BarList label="任务按类型" rows={countRows(tasks.byKind, TASK_KIND_LABELS)} />
        <Text className="t-s t-muted block mt-32">按状态</Text>
        <BarList label="任务按状态" rows={countRows(tasks.byStatus, TASK_STATUS_LABELS)} />
      </View>
    </View>
  );
}

/** A work unit's own pages: its members' records and the roster import. */
export function UnitLinks({ nodeId }: { nodeId: number }) {
  return (
    <View>
      <SectionTitle>单位党员</SectionTitle>
      <View className="btn-row-wrap mb-32">
        <Btn variant="secondary" onClick={() => openPage(`${PAGES.memberRecords}?unitId=${nodeId}`)}>
          党员报回记录
        </Btn>
        <Btn variant="secondary" onClick={() => openPage(`${PAGES.roster}?unitId=${nodeId}`)}>
          名册导入
        </Btn>
      </View>
    </View>
  );
}
