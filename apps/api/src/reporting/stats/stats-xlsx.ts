import {
  ORG_NODE_TYPE_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  type OrgNodeType,
  type StatsDto,
  type TaskKind,
  type TaskStatus,
} from '@sbd/contracts';
import { addSheet, newWorkbook, shanghaiTime, toBuffer } from '../shared/xlsx';
import { METRIC_DEFINITIONS } from './stats-definitions';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const val = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v);

/** The statistics report of a node and period (统计报表): overview, series, tasks, needs, top members. */
export async function statsWorkbook(s: StatsDto): Promise<Buffer> {
  const wb = newWorkbook();
  const lastDay = shanghaiTime(new Date(new Date(s.to).getTime() - 1)).slice(0, 10);
  const overview: [string, string | number, string][] = [
    ['统计对象', `${s.nodeName}（${ORG_NODE_TYPE_LABELS[s.nodeType as OrgNodeType] ?? s.nodeType}）`, ''],
    ['统计周期', `${shanghaiTime(s.from).slice(0, 10)} 至 ${lastDay}`, '北京时间，含首尾两天'],
    [
      '报到率',
      s.registrationRate === null ? (s.registrationRateNote ?? '—') : pct(s.registrationRate),
      METRIC_DEFINITIONS.registrationRate,
    ],
    ['名册人数', val(s.rosterEntries), ''],
    ['名册中已报到人数', val(s.rosterRegistered), ''],
    ['已报到党员', s.registeredMembers, ''],
    ['有服务的党员', s.servingMembers, ''],
    ['服务率', pct(s.serviceRate), METRIC_DEFINITIONS.serviceRate],
    ['服务次数', s.services, ''],
    ['服务时长（小时）', s.verifiedHours, METRIC_DEFINITIONS.hours],
    ['补录时长（小时）', s.backfilledHours, '补录时长单独统计，不计入服务时长'],
    ['满意率', pct(s.satisfaction.rate), METRIC_DEFINITIONS.satisfaction],
    ['评价数', s.satisfaction.total, ''],
    [
      '居民评价满意率',
      pct(s.residentSatisfaction.rate),
      `${s.residentSatisfaction.satisfied}/${s.residentSatisfaction.total}`,
    ],
    [
      '社区评价满意率',
      pct(s.communitySatisfaction.rate),
      `${s.communitySatisfaction.satisfied}/${s.communitySatisfaction.total}`,
    ],
  ];
  if (s.needs) {
    overview.push(
      ['点单受理数', s.needs.accepted, ''],
      ['点单办结数', s.needs.fulfilled, ''],
      ['点单办结率', pct(s.needs.closureRate), METRIC_DEFINITIONS.needClosure],
      ['受理用时中位数（小时）', val(s.needs.hoursToAccept.median), '从提出到受理'],
      ['受理用时平均（小时）', val(s.needs.hoursToAccept.mean), ''],
      ['办结用时中位数（小时）', val(s.needs.hoursToFulfil.median), '从受理到办结'],
      ['办结用时平均（小时）', val(s.needs.hoursToFulfil.mean), ''],
    );
  }
  if (s.tasks) overview.push(['发布任务数', s.tasks.total, METRIC_DEFINITIONS.tasks]);
  addSheet(
    wb,
    '概览',
    [
      { header: '指标', width: 24, value: (r: (typeof overview)[number]) => r[0] },
      { header: '数值', width: 28, value: (r) => r[1] },
      { header: '口径', width: 80, value: (r) => r[2] },
    ],
    overview,
  );
  addSheet(
    wb,
    '趋势',
    [
      {
        header: s.granularity === 'week' ? '周（周一）' : '月份',
        width: 14,
        value: (r: StatsDto['series'][number]) => r.bucket,
      },
      { header: '服务次数', value: (r) => r.services },
      { header: '服务时长（小时）', width: 18, value: (r) => r.hours },
      { header: '评价数', value: (r) => r.ratings },
      { header: '满意评价数', value: (r) => r.satisfiedRatings },
      { header: '满意率', value: (r) => pct(r.satisfaction) },
    ],
    s.series,
  );
  if (s.tasks) {
    const tasks = s.tasks;
    addSheet(
      wb,
      '任务',
      [
        { header: '分类', value: (r: [string, string, number]) => r[0] },
        { header: '项目', value: (r) => r[1] },
        { header: '数量', value: (r) => r[2] },
      ],
      [
        ...Object.entries(tasks.byKind).map(([k, n]): [string, string, number] => [
          '类型',
          TASK_KIND_LABELS[k as TaskKind] ?? k,
          n,
        ]),
        ...Object.entries(tasks.byStatus).map(([k, n]): [string, string, number] => [
          '状态',
          TASK_STATUS_LABELS[k as TaskStatus] ?? k,
          n,
        ]),
      ],
    );
  }
  addSheet(
    wb,
    '服务之星',
    [
      { header: '排名', value: (r: { i: number; t: StatsDto['topMembers'][number] }) => r.i + 1 },
      { header: '姓名', value: (r) => r.t.name },
      { header: '服务次数', value: (r) => r.t.services },
      { header: '服务时长（小时）', width: 18, value: (r) => r.t.hours },
    ],
    s.topMembers.map((t, i) => ({ i, t })),
  );
  return toBuffer(wb);
}
