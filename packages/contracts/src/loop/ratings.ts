/* ───────────────────────────── 评单: ratings ───────────────────────────── */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A rating at or above this counts as satisfied (满意率, DOMAIN §6). */
export const SATISFIED_MIN_SCORE = 4;
/** Below this satisfaction rate a member is flagged to their unit (约谈). */
export const LOW_SATISFACTION_THRESHOLD = 0.7;

export interface ServiceRatingDto {
  score: number;
  comment: string | null;
  ratedByUserId: number;
  ratedAt: string;
}
