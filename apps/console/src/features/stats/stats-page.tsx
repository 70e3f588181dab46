import { ROUTES, StatsGranularity, type MeDto, type StatsDto } from '@sbd/contracts';
import { Alert, App, Button, Card, Col, DatePicker, Row, Select, Space, Spin, Statistic } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { download } from '@/platform/api';
import { percent, scopeLabel, statsScopes } from './stats-format';
import { useStats } from './use-stats';

/** ECharts stays out of the unit specs' module graph (it ships ESM only). */
const StatsChart = lazy(() => import('./stats-chart'));

function figures(s: StatsDto): { title: string; value: string | number }[] {
  const out: { title: string; value: string | number }[] = [
    { title: '报到党员', value: s.registeredMembers },
    { title: '服务率', value: percent(s.serviceRate) },
    { title: '服务次数', value: s.services },
    { title: '核验时长（小时）', value: s.verifiedHours },
    { title: '满意率', value: percent(s.satisfaction.rate) },
  ];
  if (s.registrationRate !== null) out.unshift({ title: '报到率', value: percent(s.registrationRate) });
  if (s.needs) out.push({ title: '点单办结率', value: percent(s.needs.closureRate) });
  return out;
}

/** 统计: the key figures of the admin's node for a period, a chart per week or month, and the xlsx. */
export function StatsPage({ user }: { user: MeDto }) {
  const scopes = statsScopes(user);
  const [nodeId, setNodeId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(5, 'month').startOf('month'), dayjs()]);
  const [granularity, setGranularity] = useState<StatsGranularity>(StatsGranularity.Month);
  const query = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    granularity,
  };
  const { stats, loading, error } = useStats(nodeId, query);
  const { message } = App.useApp();
  const exportXlsx = () =>
    nodeId !== null &&
    download(ROUTES.stats.nodeExport, { params: { id: nodeId }, query }, '统计报表.xlsx').catch(
      (e: Error) => void message.error(e.message),
    );

  return (
    <Card title={stats ? `统计 · ${stats.nodeName}` : '统计'}>
      <Space wrap className="toolbar">
        <Select
          className="picker"
          aria-label="统计对象"
          value={nodeId ?? undefined}
          options={scopes.map((s) => ({ value: s.scopeNodeId, label: scopeLabel(s) }))}
          onChange={setNodeId}
        />
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Select
          className="picker"
          aria-label="统计粒度"
          value={granularity}
          options={[
            { value: StatsGranularity.Month, label: '按月' },
            { value: StatsGranularity.Week, label: '按周' },
          ]}
          onChange={setGranularity}
        />
        <Button onClick={() => void exportXlsx()}>导出 Excel</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Spin spinning={loading}>
        {stats && (
          <>
            <Row gutter={[12, 12]} className="stats-figures">
              {figures(stats).map((f) => (
                <Col key={f.title} xs={12} md={8} xl={4}>
                  <Card size="small">
                    <Statistic title={f.title} value={f.value} />
                  </Card>
                </Col>
              ))}
            </Row>
            {stats.registrationRateNote && <div className="need-meta">{stats.registrationRateNote}</div>}
            <Suspense fallback={null}>
              <StatsChart stats={stats} />
            </Suspense>
          </>
        )}
      </Spin>
    </Card>
  );
}
