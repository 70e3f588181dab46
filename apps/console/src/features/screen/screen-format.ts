import { StatsGranularity, type NodeStatsQuery, type ScreenChildDto, type StatsDto } from '@sbd/contracts';
import { maskName } from '@sbd/domain';
import { percent } from '@/features/stats/stats-format';

/** Weeks the screen covers: this week and the ones before it. */
export const SCREEN_WEEKS = 12;
/** Seconds between two refreshes unless the URL says otherwise (?refresh=N). */
export const DEFAULT_REFRESH_SECONDS = 30;
export const MIN_REFRESH_SECONDS = 2;

/** `?refresh=N` (seconds, at least MIN_REFRESH_SECONDS), else the default. */
export function refreshSeconds(search: string): number {
  const n = Number(new URLSearchParams(search).get('refresh'));
  return Number.isFinite(n) && n > 0 ? Math.max(MIN_REFRESH_SECONDS, Math.round(n)) : DEFAULT_REFRESH_SECONDS;
}

/** China Standard Time: the API's calendar, whatever the browser's time zone. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The last SCREEN_WEEKS weeks up to today (Asia/Shanghai), Monday first, in weeks: the query of both routes. */
export function screenQuery(now: Date = new Date()): Required<NodeStatsQuery> {
  const today = new Date(now.getTime() + CST_OFFSET_MS);
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  const from = new Date(today.getTime() - (sinceMonday + 7 * (SCREEN_WEEKS - 1)) * DAY_MS);
  return { from: ymd(from), to: ymd(today), granularity: StatsGranularity.Week };
}

export interface Kpi {
  label: string;
  value: string;
  /** What the figure is made of, e.g. "36 / 120 人". */
  detail: string;
}

const hours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** The five headline figures: 报到率, 服务率, 服务时长, 满意率, 办结率. */
export function kpis(s: StatsDto): Kpi[] {
  return [
    {
      label: '报到率',
      value: percent(s.registrationRate),
      detail:
        s.registrationRate === null
          ? (s.registrationRateNote ?? '暂无名册')
          : `${s.rosterRegistered ?? 0} / ${s.rosterEntries ?? 0} 人`,
    },
    { label: '服务率', value: percent(s.serviceRate), detail: `${s.servingMembers} / ${s.registeredMembers} 人` },
    { label: '服务时长', value: `${hours(s.verifiedHours)} 小时`, detail: `${s.services} 次服务` },
    {
      label: '满意率',
      value: percent(s.satisfaction.rate),
      detail: `${s.satisfaction.satisfied} / ${s.satisfaction.total} 条评价`,
    },
    {
      label: '办结率',
      value: percent(s.needs?.closureRate),
      detail: s.needs ? `${s.needs.fulfilled} / ${s.needs.accepted} 件需求` : '—',
    },
  ];
}

export interface RankRow {
  key: string;
  name: string;
  /** 0..1 for the bar. */
  share: number;
  value: string;
  detail: string;
}

/** Children by 服务率, in the API's order. */
export function childRows(children: ScreenChildDto[]): RankRow[] {
  return children.map((c) => ({
    key: String(c.nodeId),
    name: c.name,
    share: c.serviceRate ?? 0,
    value: percent(c.serviceRate),
    detail: `${hours(c.verifiedHours)} 小时`,
  }));
}

/** The members with the most verified hours in the period, names masked. */
export function memberRows(stats: StatsDto, limit = 5): RankRow[] {
  const top = Math.max(1, ...stats.topMembers.map((m) => m.hours));
  return stats.topMembers.slice(0, limit).map((m) => ({
    key: String(m.userId),
    name: maskName(m.name),
    share: m.hours / top,
    value: `${hours(m.hours)} 小时`,
    detail: `${m.services} 次`,
  }));
}

export const childRankTitle = (nodeType: string) => (nodeType === 'district' ? '街道服务率排行' : '社区服务率排行');

/** Asia/Shanghai wall-clock text of an instant: 'MM-DD HH:mm' or 'HH:mm:ss'. */
export function cstTime(at: Date | string, format: 'short' | 'clock'): string {
  const iso = new Date(new Date(at).getTime() + CST_OFFSET_MS).toISOString();
  return format === 'short' ? iso.slice(5, 16).replace('T', ' ') : iso.slice(11, 19);
}

export function trendOption(stats: StatsDto) {
  const text = '#dbe8ff';
  const line = '#2f4d7a';
  return {
    textStyle: { color: text, fontSize: 14 },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, textStyle: { color: text, fontSize: 14 }, data: ['服务次数', '服务时长（小时）'] },
    grid: { left: 56, right: 56, top: 48, bottom: 36 },
    xAxis: {
      type: 'category' as const,
      data: stats.series.map((p) => p.bucket.slice(5)),
      axisLabel: { color: text, fontSize: 14, hideOverlap: true },
      axisLine: { lineStyle: { color: line } },
    },
    yAxis: [
      { type: 'value' as const, name: '次', minInterval: 1, nameTextStyle: { color: text, fontSize: 14 } },
      { type: 'value' as const, name: '小时', nameTextStyle: { color: text, fontSize: 14 } },
    ].map((y, i) => ({
      ...y,
      axisLabel: { color: text, fontSize: 14 },
      splitLine: { show: i === 0, lineStyle: { color: line } },
    })),
    series: [
      {
        name: '服务次数',
        type: 'bar' as const,
        barMaxWidth: 18,
        itemStyle: { color: '#2f9bff', borderRadius: [4, 4, 0, 0] },
        data: stats.series.map((p) => p.services),
      },
      {
        name: '服务时长（小时）',
        type: 'line' as const,
        symbolSize: 8,
        lineStyle: { width: 3 },
        yAxisIndex: 1,
        itemStyle: { color: '#ffc53d' },
        data: stats.series.map((p) => p.hours),
      },
    ],
  };
}
