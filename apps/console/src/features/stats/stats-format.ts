import { Role, ROLE_LABELS, type MeDto, type RoleAssignment, type StatsDto } from '@sbd/contracts';

/** Roles whose node has statistics in the console (the API's readers, platform admins aside). */
export const STATS_ROLES: Role[] = [Role.DistrictAdmin, Role.StreetAdmin, Role.CommunityAdmin, Role.UnitAdmin];

/** The nodes the user may read statistics of: one per scoped admin role. */
export function statsScopes(user: MeDto): RoleAssignment[] {
  return user.roles.filter((r) => STATS_ROLES.includes(r.role) && r.scopeNodeId !== null);
}

export function scopeLabel(r: RoleAssignment): string {
  return `${r.scopeName ?? ''}（${ROLE_LABELS[r.role]}）`;
}

/** A 0..1 rate as a percentage with one decimal, or — when there is nothing to divide. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The chart's data: buckets on the x axis, services as bars and verified hours as a line. */
export function seriesOption(stats: StatsDto) {
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: ['服务次数', '服务时长（小时）'] },
    grid: { left: 48, right: 48, top: 56, bottom: 32 },
    xAxis: { type: 'category' as const, data: stats.series.map((p) => p.bucket) },
    yAxis: [
      { type: 'value' as const, name: '次', minInterval: 1 },
      { type: 'value' as const, name: '小时' },
    ],
    series: [
      { name: '服务次数', type: 'bar' as const, data: stats.series.map((p) => p.services) },
      { name: '服务时长（小时）', type: 'line' as const, yAxisIndex: 1, data: stats.series.map((p) => p.hours) },
    ],
  };
}
