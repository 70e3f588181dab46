/* ───────────────────────────── points (积分) ───────────────────────────── */

export enum PointsReason {
  ServiceVerified = 'service_verified',
  HighRatingBonus = 'high_rating_bonus',
  NoShowPenalty = 'no_show_penalty',
  ManualAdjustment = 'manual_adjustment',
}

export const POINTS_REASON_LABELS: Record<PointsReason, string> = {
  [PointsReason.ServiceVerified]: '服务核验',
  [PointsReason.HighRatingBonus]: '好评奖励',
  [PointsReason.NoShowPenalty]: '缺席扣分',
  [PointsReason.ManualAdjustment]: '人工调整',
};

/** Bonus points by the score of the community's service rating (index = score). */
export const RATING_BONUS_POINTS: Readonly<Record<number, number>> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 5 };
/** Points deducted (as a positive number) for a no-show. */
export const NO_SHOW_PENALTY_POINTS = 10;
export const MANUAL_ADJUSTMENT_MAX = 1000;

export interface PointsLedgerEntryDto {
  id: number;
  userId: number;
  memberName: string;
  communityId: number;
  /** The member's work unit, when known. */
  unitId: number | null;
  /** Signed integer: positive earns, negative deducts. */
  delta: number;
  reason: PointsReason;
  taskId: number | null;
  claimId: number | null;
  note: string | null;
  createdByUserId: number | null;
  createdAt: string;
}

/** Manual adjustment (append-only: corrections are new entries). */
export interface AdjustPointsRequest {
  userId: number;
  communityId: number;
  /** Non-zero integer, |delta| ≤ MANUAL_ADJUSTMENT_MAX. */
  delta: number;
  /** Required reason. */
  note: string;
}

export interface PointsBalanceDto {
  userId: number;
  balance: number;
  earned: number;
  deducted: number;
}

export enum RankingScope {
  Member = 'member',
  Community = 'community',
  Unit = 'unit',
}

export interface PointsRankingQuery {
  scope: RankingScope;
  communityId?: number;
  unitId?: number;
  limit?: number;
}

export interface PointsRankingEntryDto {
  /** Competition ranking: ties share a rank (1, 1, 3). */
  rank: number;
  id: number;
  name: string;
  points: number;
}

/** Hours of one member, verified and back-filled (补录) kept apart (DOMAIN §6). */
export interface ServiceHoursDto {
  userId: number;
  verifiedHours: number;
  backfilledHours: number;
  services: number;
}
