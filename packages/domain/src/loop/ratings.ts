import { LOW_SATISFACTION_THRESHOLD, RATING_MAX, RATING_MIN, SATISFIED_MIN_SCORE } from '@sbd/contracts';

export function isValidScore(score: unknown): score is number {
  return typeof score === 'number' && Number.isInteger(score) && score >= RATING_MIN && score <= RATING_MAX;
}

/**
 * 满意率 (DOMAIN §6, §7): the share of ratings ≥ 4 among all ratings; null when there are none.
 * Throws RangeError for a score that is not an integer 1–5.
 */
export function satisfactionRate(ratings: readonly number[]): number | null {
  if (ratings.length === 0) return null;
  let satisfied = 0;
  for (const r of ratings) {
    if (!isValidScore(r)) throw new RangeError(`invalid rating ${r}`);
    if (r >= SATISFIED_MIN_SCORE) satisfied += 1;
  }
  return satisfied / ratings.length;
}

/** Below 70 % is flagged to the unit (约谈). No ratings (null) is not low. */
export function isLowSatisfaction(rate: number | null): boolean {
  return rate !== null && rate < LOW_SATISFACTION_THRESHOLD;
}
