import {
  checkInOpen,
  checkInOpensAt,
  serviceEnded,
  whyCannotCheckIn,
  whyCannotCheckOut,
  whyCannotRate,
  whyCannotVerify,
} from './service-times';

const H = 3_600_000;
const M = 60_000;
const start = Date.UTC(2025, 5, 1, 1, 0); // 2025-06-01 09:00 Beijing
const end = start + 2 * H; // 11:00
const window = { start, end };

describe('check-in window', () => {
  it.each([
    [start - 31 * M, false],
    [start - 30 * M, true],
    [start + H, true],
    [end, true],
    [end + 1, false],
  ])('with the default 30 minutes, at %i → %s', (now, expected) => expect(checkInOpen(now, window)).toBe(expected));

  it('opens N minutes before the start, whatever N is configured to', () => {
    expect(checkInOpensAt(start)).toBe(start - 30 * M);
    expect(checkInOpensAt(new Date(start), 0)).toBe(start);
    expect(checkInOpen(start - 50 * M, window, 60)).toBe(true);
    expect(checkInOpen(start - 1, window, 0)).toBe(false);
    expect(() => checkInOpensAt(start, -1)).toThrow(RangeError);
  });

  it('says why not, in China time', () => {
    expect(whyCannotCheckIn(start - 10 * M, window)).toBeNull();
    expect(whyCannotCheckIn(end, window)).toBeNull();
    expect(whyCannotCheckIn(start - 31 * M, window)).toBe('还没到签到时间，活动开始前30分钟起可签到（6月1日 08:30起）');
    expect(whyCannotCheckIn(start - 3 * H, window, 120)).toBe(
      '还没到签到时间，活动开始前2小时起可签到（6月1日 07:00起）',
    );
    expect(whyCannotCheckIn(end + M, window)).toBe('活动已结束，不能签到');
  });
});

describe('check-out', () => {
  it('is never before the check-in', () => {
    expect(whyCannotCheckOut(start, start)).toBeNull();
    expect(whyCannotCheckOut(start + H, new Date(start))).toBeNull();
    expect(whyCannotCheckOut(start - 1, start)).toBe('签退时间不能早于签到时间');
    expect(whyCannotCheckOut(start, null)).toBe('还没有签到，不能签退');
  });
});

describe('verification and rating', () => {
  it('wait for the end of the service', () => {
    expect(serviceEnded(end - 1, end)).toBe(false);
    expect(serviceEnded(end, new Date(end))).toBe(true);
    expect(whyCannotVerify(start - 10 * M, end)).toBe('服务还没结束（6月1日 11:00结束），结束后才能核验服务时长');
    expect(whyCannotVerify(end - 1, end)).not.toBeNull();
    expect(whyCannotVerify(end, end)).toBeNull();
    expect(whyCannotRate(start + H, end)).toBe('服务还没结束（6月1日 11:00结束），结束后才能评价');
    expect(whyCannotRate(end + H, end)).toBeNull();
  });

  it('refuse invalid times rather than guess', () => {
    expect(() => whyCannotVerify(Number.NaN, end)).toThrow(RangeError);
    expect(() => whyCannotRate(start, new Date('nope'))).toThrow(RangeError);
  });
});
