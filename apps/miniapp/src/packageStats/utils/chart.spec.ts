import { StatsGranularity } from '@sbd/contracts';
import { makeStats } from '@test/doubles/fixtures';
import { barPercent, bucketLabel, bucketWords, columnsFit, countRows, niceAxis, niceStep, seriesChart } from './chart';

describe('chart scaling', () => {
  it('nice steps are 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(12)).toBe(20);
    expect(niceStep(240)).toBe(250);
    expect(niceStep(0)).toBe(1);
  });

  it('the axis reaches the largest value in about four steps', () => {
    expect(niceAxis([4, 6, 8])).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis([3, 17])).toEqual({ max: 20, step: 5, ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis([16.5])).toEqual({ max: 20, step: 5, ticks: [0, 5, 10, 15, 20] });
    expect(niceAxis([123])).toEqual({ max: 150, step: 50, ticks: [0, 50, 100, 150] });
    expect(niceAxis([1.2])).toEqual({ max: 1.5, step: 0.5, ticks: [0, 0.5, 1, 1.5] });
  });

  it('counts get whole-number steps; an empty chart still has an axis', () => {
    expect(niceAxis([1, 2], { integers: true })).toEqual({ max: 2, step: 1, ticks: [0, 1, 2] });
    expect(niceAxis([3], { integers: true })).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(niceAxis([0, 0], { integers: true })).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceAxis([])).toEqual({ max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it('bar lengths are percentages of the axis; a value above 0 stays visible', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(10, 10)).toBe(100);
    expect(barPercent(12, 10)).toBe(100);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(0.01, 100)).toBe(2);
    expect(barPercent(-3, 10)).toBe(0);
    expect(barPercent(3, 0)).toBe(0);
    expect(barPercent(1, 3)).toBe(33.33);
  });

  it('labels buckets short under the bars and in words for screen readers', () => {
    expect(bucketLabel('2026-03', StatsGranularity.Month)).toBe('3月');
    expect(bucketLabel('2025-12', StatsGranularity.Month, true)).toBe('25/12');
    expect(bucketLabel('2026-03-02', StatsGranularity.Week)).toBe('3/2');
    expect(bucketWords('2026-03', StatsGranularity.Month)).toBe('2026年3月');
    expect(bucketWords('2026-03-02', StatsGranularity.Week)).toBe('3月2日起的一周');
  });

  it('charts a series: counts, hours, and satisfaction on a fixed 0–100% axis', () => {
    const { series } = makeStats();
    const services = seriesChart(series, 'services', StatsGranularity.Week);
    expect(services.axis).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(services.bars.map((b) => [b.label, b.valueText, b.pct])).toEqual([
      ['10/26', '0', 0],
      ['11/2', '4', 50],
      ['11/9', '6', 75],
      ['11/16', '8', 100],
      ['11/23', '0', 0],
      ['11/30', '0', 0],
    ]);
    expect(services.bars[1].spoken).toBe('11月2日起的一周：服务次数4次');

    const hours = seriesChart(series, 'hours', StatsGranularity.Week);
    expect(hours.axis.max).toBe(20);
    expect(hours.bars[2]).toMatchObject({ valueText: '12.5', pct: 62.5, spoken: '11月9日起的一周：服务时长12.5小时' });

    const sat = seriesChart(series, 'satisfaction', StatsGranularity.Week);
    expect(sat.axis.max).toBe(1);
    expect(sat.bars.map((b) => b.valueText)).toEqual(['—', '100%', '83.3%', '90%', '—', '—']);
    expect(sat.bars[0].spoken).toBe('10月26日起的一周：满意率无评价');
    expect(sat.bars[2].pct).toBe(83.33);
  });

  it('columns only when they fit the phone, fewer in 长辈版', () => {
    expect(columnsFit(6, false)).toBe(true);
    expect(columnsFit(8, false)).toBe(true);
    expect(columnsFit(12, false)).toBe(false);
    expect(columnsFit(6, true)).toBe(false);
    expect(columnsFit(5, true)).toBe(true);
    expect(columnsFit(0, false)).toBe(false);
  });

  it('counts by kind in the order of the labels, zeros included, unknown keys last', () => {
    const rows = countRows(
      { micro: 6, activity: 2, other: 1 },
      { micro: '微服务', project: '实项目', activity: '大活动' },
    );
    expect(rows).toEqual([
      { key: 'micro', label: '微服务', count: 6, pct: 100 },
      { key: 'project', label: '实项目', count: 0, pct: 0 },
      { key: 'activity', label: '大活动', count: 2, pct: 33.33 },
      { key: 'other', label: 'other', count: 1, pct: 16.67 },
    ]);
  });
});
