import {
  formatCount,
  formatDuration,
  formatFraction,
  formatHoursValue,
  formatRate,
  NO_FIGURE,
  spoken,
} from './figures';

describe('dashboard number formatting', () => {
  it('rates as percentages with one decimal at most; a missing rate is "—", never 0%', () => {
    expect(formatRate(0.8567)).toBe('85.7%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(null)).toBe(NO_FIGURE);
    expect(formatRate(undefined)).toBe(NO_FIGURE);
    expect(formatRate(Number.NaN)).toBe(NO_FIGURE);
    expect(formatRate(1.2)).toBe('100%');
  });

  it('counts with thousands separators, from 100,000 on in 万', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(99_999)).toBe('99,999');
    expect(formatCount(123_456)).toBe('12.3万');
    expect(formatCount(1_000_000)).toBe('100万');
    expect(formatCount(null)).toBe(NO_FIGURE);
  });

  it('hours with one decimal, trailing zeros dropped', () => {
    expect(formatHoursValue(12.5)).toBe('12.5');
    expect(formatHoursValue(3)).toBe('3');
    expect(formatHoursValue(2.25)).toBe('2.3');
    expect(formatHoursValue(1234.25)).toBe('1,234.3');
    expect(formatHoursValue(0)).toBe('0');
    expect(formatHoursValue(null)).toBe(NO_FIGURE);
  });

  it('durations in minutes, hours or days, whichever reads best', () => {
    expect(formatDuration(0.25)).toBe('15分钟');
    expect(formatDuration(0)).toBe('0分钟');
    expect(formatDuration(1)).toBe('1小时');
    expect(formatDuration(3.46)).toBe('3.5小时');
    expect(formatDuration(47.9)).toBe('47.9小时');
    expect(formatDuration(50)).toBe('2.1天');
    expect(formatDuration(null)).toBe(NO_FIGURE);
  });

  it('fractions and what a screen reader says for a missing figure', () => {
    expect(formatFraction(18, 20)).toBe('18/20');
    expect(formatFraction(null, 20)).toBe(NO_FIGURE);
    expect(spoken(NO_FIGURE)).toBe('暂无数据');
    expect(spoken('85%')).toBe('85%');
  });
});
