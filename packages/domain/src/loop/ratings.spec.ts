import fc from 'fast-check';
import { isLowSatisfaction, isValidScore, satisfactionRate } from './ratings';

describe('satisfactionRate', () => {
  it.each([
    [[5, 4, 4, 5, 2], 0.8],
    [[5, 5, 5], 1],
    [[1, 2, 3], 0],
    [[4], 1],
    [[3], 0],
    [[4, 3], 0.5],
    [[5, 4, 3, 4, 5, 4, 1, 4, 5, 2], 0.7],
  ])('%j → %s', (ratings, rate) => expect(satisfactionRate(ratings)).toBe(rate));

  it('is null when there are no ratings', () => expect(satisfactionRate([])).toBeNull());

  it.each([0, 6, 4.5, NaN])('refuses the score %s', (bad) =>
    expect(() => satisfactionRate([5, bad])).toThrow(RangeError),
  );

  it('equals the count of scores ≥ 4 over the count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), (rs) => {
        const rate = satisfactionRate(rs)!;
        return rate === rs.filter((r) => r >= 4).length / rs.length && rate >= 0 && rate <= 1;
      }),
    );
  });
});

describe('isLowSatisfaction', () => {
  it.each([
    [null, false],
    [0, true],
    [0.69, true],
    [0.6999, true],
    [0.7, false],
    [7 / 10, false],
    [0.8, false],
    [1, false],
  ])('%s → %s', (rate, low) => expect(isLowSatisfaction(rate)).toBe(low));

  it('flags 2 of 3 satisfied (66.7 %) and not 7 of 10', () => {
    expect(isLowSatisfaction(satisfactionRate([5, 4, 1]))).toBe(true);
    expect(isLowSatisfaction(satisfactionRate([5, 4, 3, 4, 5, 4, 1, 4, 5, 2]))).toBe(false);
  });
});

describe('isValidScore', () => {
  it.each([
    [1, true],
    [5, true],
    [0, false],
    [3.5, false],
    ['4', false],
  ])('%j → %s', (v, ok) => expect(isValidScore(v)).toBe(ok));
});
