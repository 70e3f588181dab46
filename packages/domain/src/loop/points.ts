import {
  MANUAL_ADJUSTMENT_MAX,
  NO_SHOW_PENALTY_POINTS,
  RATING_BONUS_POINTS,
  type PointsReason,
  type PointsRule,
} from '@sbd/contracts';
import { isValidScore } from './ratings';

function checkRule(rule: PointsRule): void {
  const ok = [rule.perHour, rule.minimum, rule.max].every((n) => Number.isFinite(n) && n >= 0);
  if (!ok || rule.minimum > rule.max) throw new RangeError('invalid points rule');
}

/**
 * Points earned by a verified service of `hours` credit hours: ⌊hours × perHour⌋, raised to
 * `minimum` and capped at `max`. No credited time (hours ≤ 0) earns nothing.
 */
export function pointsForVerifiedService(hours: number, rule: PointsRule): number {
  checkRule(rule);
  if (!Number.isFinite(hours)) throw new RangeError('invalid hours');
  if (hours <= 0) return 0;
  const raw = Math.floor(hours * rule.perHour);
  return Math.min(Math.floor(rule.max), Math.max(Math.ceil(rule.minimum), raw));
}

/** Bonus for the community's rating of a service (default: 5 → +5, otherwise 0). */
export function bonusForRating(score: number, table: Readonly<Record<number, number>> = RATING_BONUS_POINTS): number {
  if (!isValidScore(score)) throw new RangeError(`invalid rating ${score}`);
  return table[score] ?? 0;
}

/** The (negative) ledger delta for a no-show. */
export function penaltyForNoShow(rule: { noShowPenalty: number } = { noShowPenalty: NO_SHOW_PENALTY_POINTS }): number {
  const p = rule.noShowPenalty;
  if (!Number.isFinite(p) || p < 0) throw new RangeError('invalid no-show penalty');
  return p === 0 ? 0 : -Math.floor(p);
}

/** Null when a manual adjustment is acceptable, otherwise why not (Chinese). */
export function manualAdjustmentViolation(delta: number, note: string | null | undefined): string | null {
  if (!Number.isInteger(delta) || delta === 0) return '调整积分必须是非零整数';
  if (Math.abs(delta) > MANUAL_ADJUSTMENT_MAX) return `单次调整不能超过${MANUAL_ADJUSTMENT_MAX}分`;
  if (!note || note.trim() === '') return '请填写调整原因';
  return null;
}

/** What the points rules need of a ledger entry. */
export interface LedgerEntryLike {
  userId: number;
  communityId: number;
  unitId: number | null;
  delta: number;
  reason?: PointsReason;
}

/** The balance is derived: the sum of the entries (the ledger is append-only). */
export function balanceOf(entries: readonly { delta: number }[]): number {
  return entries.reduce((acc, e) => acc + e.delta, 0);
}

/** Balance per key (entries whose key is null are left out). */
export function balancesBy<E extends { delta: number }, K>(
  entries: readonly E[],
  keyOf: (e: E) => K | null,
): Map<K, number> {
  const out = new Map<K, number>();
  for (const e of entries) {
    const k = keyOf(e);
    if (k === null) continue;
    out.set(k, (out.get(k) ?? 0) + e.delta);
  }
  return out;
}

export interface RankingRow<K> {
  /** Competition ranking: equal points share a rank, the next rank skips (1, 1, 3). */
  rank: number;
  key: K;
  points: number;
}

/** Ranks keys by their balance, highest first; ties keep a stable order (by key ascending). */
export function rankBalances<E extends { delta: number }, K extends number | string>(
  entries: readonly E[],
  keyOf: (e: E) => K | null,
): RankingRow<K>[] {
  const rows = [...balancesBy(entries, keyOf)].map(([key, points]) => ({ key, points }));
  rows.sort((a, b) => b.points - a.points || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.points !== rows[i - 1].points) rank = i + 1;
    return { rank, ...row };
  });
}

/** Members ranked by points, optionally within one community or unit. */
export function rankMembers(
  entries: readonly LedgerEntryLike[],
  scope: { communityId?: number; unitId?: number } = {},
): RankingRow<number>[] {
  const inScope = entries.filter(
    (e) =>
      (scope.communityId === undefined || e.communityId === scope.communityId) &&
      (scope.unitId === undefined || e.unitId === scope.unitId),
  );
  return rankBalances(inScope, (e) => e.userId);
}

/** Communities ranked by the points earned there. */
export function rankCommunities(entries: readonly LedgerEntryLike[]): RankingRow<number>[] {
  return rankBalances(entries, (e) => e.communityId);
}

/** Work units ranked by their members' points (entries without a unit are left out). */
export function rankUnits(entries: readonly LedgerEntryLike[]): RankingRow<number>[] {
  return rankBalances(entries, (e) => e.unitId);
}
