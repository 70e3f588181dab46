import { OrgNodeType, type StatsDto } from '@sbd/contracts';
import { formatCount, formatDuration, formatFraction, formatHoursValue, formatRate } from './figures';

/** The headline figures of a dashboard, as the tiles print them (pure, so tested without a page). */

export interface HeadlineFigure {
  key: string;
  label: string;
  value: string;
  unit?: string;
  note?: string | null;
  hints: string[];
}

/** 报到率's note when there is no rate: the API's ("报到率按单位和区统计"), or no roster yet. */
export function registrationNote(s: StatsDto): string | null {
  if (s.registrationRate !== null) return null;
  if (s.registrationRateNote) return s.registrationRateNote;
  if (!s.rosterEntries) return '尚未导入单位名册，导入后统计';
  return '暂无数据';
}

export function headlineFigures(s: StatsDto): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  out.push({
    key: 'registration',
    label: '报到率',
    value: formatRate(s.registrationRate),
    note: registrationNote(s),
    hints: s.rosterEntries
      ? [`名册${formatCount(s.rosterEntries)}人，已报到${formatCount(s.rosterRegistered ?? 0)}人`]
      : [],
  });
  out.push({
    key: 'service',
    label: '服务率',
    value: formatRate(s.serviceRate),
    note: s.serviceRate === null ? '还没有已报到的党员' : null,
    hints: [`已报到${formatCount(s.registeredMembers)}人，其中${formatCount(s.servingMembers)}人有核验服务`],
  });
  out.push({
    key: 'hours',
    label: '核验服务时长',
    value: formatHoursValue(s.verifiedHours),
    unit: '小时',
    hints: [
      `核验服务${formatCount(s.services)}次`,
      `补录时长${formatHoursValue(s.backfilledHours)}小时，另计，不含在内`,
    ],
  });
  const rs = s.residentSatisfaction;
  const cs = s.communitySatisfaction;
  out.push({
    key: 'satisfaction',
    label: '满意率',
    value: formatRate(s.satisfaction.rate),
    note: s.satisfaction.rate === null ? '统计期内还没有评价' : null,
    hints: [
      s.satisfaction.total ? `${formatFraction(s.satisfaction.satisfied, s.satisfaction.total)}次评价为4星及以上` : '',
      rs.total ? `居民评价${formatRate(rs.rate)}（${rs.total}次）` : '',
      cs.total ? `社区评价${formatRate(cs.rate)}（${cs.total}次）` : '',
    ].filter(Boolean),
  });
  if (s.needs) {
    const n = s.needs;
    out.push({
      key: 'closure',
      label: '点单办结率',
      value: formatRate(n.closureRate),
      note: n.closureRate === null ? '统计期内没有受理的点单' : null,
      hints: [`受理${formatCount(n.accepted)}件，已办结${formatCount(n.fulfilled)}件`],
    });
    out.push({
      key: 'toAccept',
      label: '受理用时（中位数）',
      value: formatDuration(n.hoursToAccept.median),
      note: n.hoursToAccept.median === null ? '暂无数据' : null,
      hints:
        n.hoursToAccept.mean === null
          ? ['从居民点单到社区受理']
          : [`平均${formatDuration(n.hoursToAccept.mean)}`, '从居民点单到社区受理'],
    });
    out.push({
      key: 'toFulfil',
      label: '办结用时（中位数）',
      value: formatDuration(n.hoursToFulfil.median),
      note: n.hoursToFulfil.median === null ? '暂无数据' : null,
      hints:
        n.hoursToFulfil.mean === null
          ? ['从受理到办结']
          : [`平均${formatDuration(n.hoursToFulfil.mean)}`, '从受理到办结'],
    });
  }
  return out;
}

/** Whether the node can have lower nodes with dashboards of their own (street, district). */
export function hasLowerNodes(type: string): boolean {
  return type === OrgNodeType.Street || type === OrgNodeType.District;
}
