import { StatsGranularity } from '@sbd/contracts';
import { customPeriodError, granularityFor, periodDays, periodFor, shanghaiDay, todayValue } from './period';

// 2026-11-22 10:00 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00.000Z');

describe('statistics periods (Asia/Shanghai calendar days, both ends included)', () => {
  it('this month: the 1st to the last day, charted by week', () => {
    expect(periodFor('month', NOW)).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
      label: '2026年11月',
      granularity: StatsGranularity.Week,
    });
    expect(periodFor('month', new Date('2028-02-10T00:00:00Z'))).toMatchObject({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(periodFor('month', new Date('2027-02-10T00:00:00Z'))).toMatchObject({
      from: '2027-02-01',
      to: '2027-02-28',
    });
  });

  it('this quarter: three calendar months', () => {
    expect(periodFor('quarter', NOW)).toEqual({
      kind: 'quarter',
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026年第4季度',
      granularity: StatsGranularity.Week,
    });
    expect(periodFor('quarter', new Date('2026-01-01T00:00:00Z'))).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      label: '2026年第1季度',
    });
    expect(periodFor('quarter', new Date('2026-06-30T12:00:00Z'))).toMatchObject({
      from: '2026-04-01',
      to: '2026-06-30',
      label: '2026年第2季度',
    });
  });

  it('this year: 1 January to 31 December, charted by month', () => {
    expect(periodFor('year', NOW)).toEqual({
      kind: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      label: '2026年',
      granularity: StatsGranularity.Month,
    });
  });

  it('uses the Shanghai day, not the phone’s: 31 Dec 17:00 UTC is already New Year in Shanghai', () => {
    const t = new Date('2026-12-31T17:00:00.000Z');
    expect(shanghaiDay(t)).toEqual({ y: 2027, m: 1, d: 1 });
    expect(todayValue(t)).toBe('2027-01-01');
    expect(periodFor('month', t)).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
    expect(periodFor('year', t).label).toBe('2027年');
    expect(periodFor('quarter', new Date('2026-09-30T16:30:00.000Z')).label).toBe('2026年第4季度');
  });

  it('custom: the days given, by week up to 92 days and by month beyond', () => {
    expect(periodFor('custom', NOW, { from: '2026-03-01', to: '2026-03-31' })).toEqual({
      kind: 'custom',
      from: '2026-03-01',
      to: '2026-03-31',
      label: '2026-03-01 至 2026-03-31',
      granularity: StatsGranularity.Week,
    });
    expect(periodFor('custom', NOW, { from: '2025-07-01', to: '2026-06-30' }).granularity).toBe(StatsGranularity.Month);
    expect(granularityFor('2026-01-01', '2026-04-02')).toBe(StatsGranularity.Week); // 92 days
    expect(granularityFor('2026-01-01', '2026-04-03')).toBe(StatsGranularity.Month);
    // Before days are picked, 自定义 starts on this month.
    expect(periodFor('custom', NOW)).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      label: '2026-11-01 至 2026-11-30',
    });
  });

  it('counts days across month ends and leap years', () => {
    expect(periodDays('2026-11-01', '2026-11-30')).toBe(30);
    expect(periodDays('2028-02-28', '2028-03-01')).toBe(3);
    expect(periodDays('2026-03-02', '2026-03-01')).toBe(0);
    expect(periodDays('2026-02-30', '2026-03-01')).toBe(0);
  });

  it('explains an invalid custom period in Chinese', () => {
    expect(customPeriodError('', '2026-01-31')).toBe('请选择开始日期');
    expect(customPeriodError('2026-01-01', '')).toBe('请选择结束日期');
    expect(customPeriodError('2026-02-30', '2026-03-01')).toBe('开始日期格式应为 YYYY-MM-DD');
    expect(customPeriodError('2026-03-02', '2026-03-01')).toBe('结束日期不能早于开始日期');
    expect(customPeriodError('2020-01-01', '2025-12-31')).toBe('统计周期不能超过5年');
    expect(customPeriodError('1999-12-01', '2000-01-31')).toBe('日期超出可统计的范围');
    expect(customPeriodError('2021-01-01', '2025-12-31')).toBeNull();
    expect(customPeriodError('2026-03-01', '2026-03-01')).toBeNull();
  });
});
