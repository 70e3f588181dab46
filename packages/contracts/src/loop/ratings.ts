/* ───────────────────────────── 评单: ratings ───────────────────────────── */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A rating at or above this counts as satisfied (满意率, DOMAIN §6). */
export const SATISFIED_MIN_SCORE = 4;
/** Below this satisfaction rate a member is flagged to their unit (约谈). */
export const LOW_SATISFACTION_THRESHOLD = 0.7;

export enum RatingSubject {
  /** A resident rates the result of their need. */
  Need = 'need',
  /** The community rates a member's service on one claim. */
  Service = 'service',
}

export const RATING_SUBJECT_LABELS: Record<RatingSubject, string> = {
  [RatingSubject.Need]: '居民评价',
  [RatingSubject.Service]: '社区评价',
};

export interface ServiceRatingDto {
  score: number;
  comment: string | null;
  ratedByUserId: number;
  ratedAt: string;
}

export interface RatingDto {
  id: number;
  subject: RatingSubject;
  needId: number | null;
  claimId: number | null;
  /** The member rated (service) or the members who served (need), when known. */
  memberUserIds: number[];
  score: number;
  comment: string | null;
  resolved: boolean | null;
  raterUserId: number;
  createdAt: string;
}

export interface SatisfactionDto {
  total: number;
  satisfied: number;
  /** satisfied ÷ total, null when there are no ratings. */
  rate: number | null;
  low: boolean;
}
