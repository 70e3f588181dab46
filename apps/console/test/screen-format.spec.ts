import { StatsGranularity, type StatsDto } from '@sbd/contracts';
import { cstTime, kpis, memberRows, refreshSeconds, screenQuery } from '@/features/screen/screen-format';

describe('the district screen', () => {
  it('should refresh every 30 s unless ?refresh=N says otherwise, never faster than every 2 s', () => {
    expect(refreshSeconds('')).toBe(30);
    expect(refreshSeconds('?refresh=10')).toBe(10);
    expect(refreshSeconds('?refresh=0.5')).toBe(2);
    expect(refreshSeconds('?refresh=abc')).toBe(30);
  });

  it('should cover 12 Monday-to-Sunday weeks up to today in Shanghai, whatever the browser’s zone', () => {
    // 2026-12-03 22:40 UTC is Friday 4 December 06:40 in Shanghai.
    expect(screenQuery(new Date('2026-12-03T22:40:00Z'))).toEqual({
      from: '2026-09-14',
      to: '2026-12-04',
      granularity: StatsGranularity.Week,
    });
    expect(screenQuery(new Date('2026-11-29T15:59:00Z')).from).toBe('2026-09-07');
    expect(cstTime('2026-12-03T22:40:05Z', 'short')).toBe('12-04 06:40');
    expect(cstTime(new Date('2026-12-03T22:40:05Z'), 'clock')).toBe('06:40:05');
  });

  it('should show the five figures with what they are made of, and mask member names', () => {
    const stats = {
      registrationRate: null,
      registrationRateNote: '报到率按单位和区统计',
      servingMembers: 3,
      registeredMembers: 5,
      serviceRate: 0.6,
      verifiedHours: 22.5,
      services: 4,
      satisfaction: { total: 5, satisfied: 4, rate: 0.8 },
      needs: { accepted: 3, fulfilled: 2, closureRate: 0.6667 },
      topMembers: [
        { userId: 1, name: '张建国', services: 3, hours: 21 },
        { userId: 2, name: '李四', services: 1, hours: 1 },
      ],
    } as unknown as StatsDto;
    expect(kpis(stats).map((k) => [k.label, k.value, k.detail])).toEqual([
      ['报到率', '—', '报到率按单位和区统计'],
      ['服务率', '60.0%', '3 / 5 人'],
      ['服务时长', '22.5 小时', '4 次服务'],
      ['满意率', '80.0%', '4 / 5 条评价'],
      ['办结率', '66.7%', '2 / 3 件需求'],
    ]);
    expect(memberRows(stats).map((r) => [r.name, r.value, r.share])).toEqual([
      ['张*国', '21 小时', 1],
      ['李*', '1 小时', 1 / 21],
    ]);
  });
});
