import { Role, StatsGranularity, type MeDto, type StatsDto } from '@sbd/contracts';
import { percent, seriesOption, statsScopes } from '@/features/stats/stats-format';

describe('the statistics page', () => {
  it('should offer the nodes of scoped admin roles only', () => {
    const user = {
      roles: [
        { role: Role.Member, scopeNodeId: 7, scopeName: '桃园社区' },
        { role: Role.CommunityAdmin, scopeNodeId: 7, scopeName: '桃园社区' },
        { role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' },
      ],
    } as MeDto;
    expect(statsScopes(user).map((r) => r.scopeNodeId)).toEqual([7, 9]);
  });

  it('should show rates as percentages and — without a denominator', () => {
    expect(percent(0.4567)).toBe('45.7%');
    expect(percent(null)).toBe('—');
  });

  it('should chart services as bars and hours as a line per bucket', () => {
    const stats = {
      granularity: StatsGranularity.Month,
      series: [
        { bucket: '2026-11', services: 3, hours: 4.5 },
        { bucket: '2026-12', services: 1, hours: 2 },
      ],
    } as unknown as StatsDto;
    const o = seriesOption(stats);
    expect(o.xAxis.data).toEqual(['2026-11', '2026-12']);
    expect(o.series[0].data).toEqual([3, 1]);
    expect(o.series[1].data).toEqual([4.5, 2]);
  });
});
