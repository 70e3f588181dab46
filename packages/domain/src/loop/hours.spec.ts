import fc from 'fast-check';
import { creditedHours, totalHours } from './hours';

const M = 60_000;
const S = 1_000;
const start = Date.UTC(2025, 5, 1, 1, 0);
const end = start + 180 * M; // 3 h window
const w = { start, end };

describe('creditedHours', () => {
  it.each([
    ['inside the window', start + 10 * M, start + 100 * M, 1.5],
    ['check-in before the start counts from the start', start - 60 * M, start + 90 * M, 1.5],
    ['check-out after the end counts to the end', start + 60 * M, end + 120 * M, 2],
    ['both outside: the whole window', start - M, end + M, 3],
    ['exactly 29:59 → 0', start, start + 29 * M + 59 * S, 0],
    ['exactly 30:00 → 0.5', start, start + 30 * M, 0.5],
    ['59:59 → 0.5', start + 5 * M, start + 64 * M + 59 * S, 0.5],
    ['60:00 → 1', start + 5 * M, start + 65 * M, 1],
    ['check-out before check-in → 0', start + 60 * M, start + 10 * M, 0],
    ['check-out equal to check-in → 0', start + 60 * M, start + 60 * M, 0],
    ['entirely before the window → 0', start - 120 * M, start - 10 * M, 0],
    ['entirely after the window → 0', end + 10 * M, end + 120 * M, 0],
    ['ends exactly at the start → 0', start - 60 * M, start, 0],
    ['checked in 10 min before, 29:59 inside → 0', start - 10 * M, start + 29 * M + 59 * S, 0],
  ])('%s', (_name, checkIn, checkOut, hours) => {
    expect(creditedHours(w, checkIn, checkOut)).toBe(hours);
    expect(creditedHours({ start: new Date(start), end: new Date(end) }, new Date(checkIn), new Date(checkOut))).toBe(
      hours,
    );
  });

  it('refuses invalid dates', () => {
    expect(() => creditedHours(w, new Date('nope'), end)).toThrow(RangeError);
    expect(() => creditedHours(w, start, NaN)).toThrow(RangeError);
  });

  const times = fc.integer({ min: start - 6 * 60 * M, max: end + 6 * 60 * M });

  it('is a non-negative multiple of 0.5, at most the window length', () => {
    fc.assert(
      fc.property(times, times, (a, b) => {
        const h = creditedHours(w, a, b);
        return h >= 0 && Number.isInteger(h * 2) && h <= (end - start) / 3_600_000;
      }),
    );
  });

  it('never exceeds the time between check-in and check-out', () => {
    fc.assert(fc.property(times, times, (a, b) => creditedHours(w, a, b) * 3_600_000 <= Math.max(0, b - a)));
  });

  it('is monotone in check-out and antitone in check-in', () => {
    fc.assert(
      fc.property(times, times, fc.nat(10 * 60 * M), (a, b, d) => {
        return (
          creditedHours(w, a, b) <= creditedHours(w, a, b + d) && creditedHours(w, a + d, b) <= creditedHours(w, a, b)
        );
      }),
    );
  });

  it('loses less than half an hour to rounding', () => {
    fc.assert(
      fc.property(times, times, (a, b) => {
        const exact = Math.max(0, Math.min(end, b) - Math.max(start, a)) / 3_600_000;
        const h = creditedHours(w, a, b);
        return h <= exact && exact - h < 0.5;
      }),
    );
  });
});

describe('totalHours', () => {
  it('sums', () => expect(totalHours([0.5, 1.5, 2])).toBe(4));
});
