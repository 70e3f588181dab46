import fc from 'fast-check';
import { DEFAULT_POINTS_RULE, PointsReason } from '@sbd/contracts';
import {
  balanceOf,
  balancesBy,
  bonusForRating,
  manualAdjustmentViolation,
  penaltyForNoShow,
  pointsForVerifiedService,
  rankBalances,
  rankCommunities,
  rankMembers,
  rankUnits,
  type LedgerEntryLike,
  type RankingRow,
} from './points';

describe('pointsForVerifiedService', () => {
  const rule = { perHour: 10, minimum: 5, max: 30 };
  it.each([
    [0, 0],
    [-1, 0],
    [0.5, 5],
    [1, 10],
    [1.5, 15],
    [2.5, 25],
    [3, 30],
    [8, 30],
  ])('%s h → %i', (hours, points) => expect(pointsForVerifiedService(hours, rule)).toBe(points));

  it('raises short services to the minimum and rounds down', () => {
    expect(pointsForVerifiedService(0.5, { perHour: 3, minimum: 0, max: 100 })).toBe(1);
    expect(pointsForVerifiedService(0.5, { perHour: 3, minimum: 2, max: 100 })).toBe(2);
    expect(pointsForVerifiedService(1.5, { perHour: 3, minimum: 2, max: 100 })).toBe(4);
  });

  it('uses the default rule 10/h, at least 5, at most 100', () => {
    expect(pointsForVerifiedService(0.5, DEFAULT_POINTS_RULE)).toBe(5);
    expect(pointsForVerifiedService(4, DEFAULT_POINTS_RULE)).toBe(40);
    expect(pointsForVerifiedService(12, DEFAULT_POINTS_RULE)).toBe(100);
  });

  it('refuses an inconsistent rule or hours', () => {
    expect(() => pointsForVerifiedService(1, { perHour: 10, minimum: 20, max: 10 })).toThrow(RangeError);
    expect(() => pointsForVerifiedService(1, { perHour: -1, minimum: 0, max: 10 })).toThrow(RangeError);
    expect(() => pointsForVerifiedService(NaN, rule)).toThrow(RangeError);
  });

  it('always lies between the minimum and the maximum for credited time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.nat(50),
        fc.nat(20),
        fc.nat(200),
        (halves, perHour, minimum, extra) => {
          const r = { perHour, minimum, max: minimum + extra };
          const pts = pointsForVerifiedService(halves / 2, r);
          return Number.isInteger(pts) && pts >= r.minimum && pts <= r.max;
        },
      ),
    );
  });
});

describe('bonusForRating', () => {
  it.each([
    [5, 5],
    [4, 0],
    [3, 0],
    [1, 0],
  ])('score %i → %i', (score, bonus) => expect(bonusForRating(score)).toBe(bonus));
  it('takes another table', () => expect(bonusForRating(4, { 4: 2, 5: 6 })).toBe(2));
  it('refuses scores outside 1–5', () => expect(() => bonusForRating(6)).toThrow(RangeError));
});

describe('penaltyForNoShow', () => {
  it('deducts 10 by default and any configured amount', () => {
    expect(penaltyForNoShow()).toBe(-10);
    expect(penaltyForNoShow({ noShowPenalty: 3 })).toBe(-3);
    expect(penaltyForNoShow({ noShowPenalty: 0 })).toBe(0);
    expect(() => penaltyForNoShow({ noShowPenalty: -3 })).toThrow(RangeError);
  });
});

describe('manualAdjustmentViolation', () => {
  it.each([
    [5, '补录活动', null],
    [-20, '撤销重复记录', null],
    [0, '原因', '调整积分必须是非零整数'],
    [1.5, '原因', '调整积分必须是非零整数'],
    [1001, '原因', '单次调整不能超过1000分'],
    [10, '  ', '请填写调整原因'],
    [10, undefined, '请填写调整原因'],
  ])('%s %j → %s', (delta, note, why) => expect(manualAdjustmentViolation(delta, note)).toBe(why));
});

describe('balances and rankings', () => {
  const e = (userId: number, communityId: number, unitId: number | null, delta: number): LedgerEntryLike => ({
    userId,
    communityId,
    unitId,
    delta,
  });
  const ledger = [e(1, 10, 100, 30), e(2, 10, 100, 20), e(3, 11, 200, 30), e(1, 11, 100, -10), e(4, 11, null, 20)];

  it('derives the balance as the sum of the entries', () => {
    expect(balanceOf(ledger)).toBe(90);
    expect(balanceOf([])).toBe(0);
    expect(balancesBy(ledger, (x) => x.userId)).toEqual(
      new Map([
        [1, 20],
        [2, 20],
        [3, 30],
        [4, 20],
      ]),
    );
  });

  it('ranks members with shared ranks for ties (1, 2, 2, 2)', () => {
    expect(rankMembers(ledger)).toEqual([
      { rank: 1, key: 3, points: 30 },
      { rank: 2, key: 1, points: 20 },
      { rank: 2, key: 2, points: 20 },
      { rank: 2, key: 4, points: 20 },
    ]);
    expect(rankMembers(ledger, { communityId: 11 })).toEqual([
      { rank: 1, key: 3, points: 30 },
      { rank: 2, key: 4, points: 20 },
      { rank: 3, key: 1, points: -10 },
    ]);
    expect(rankMembers(ledger, { unitId: 100 })).toEqual([
      { rank: 1, key: 1, points: 20 },
      { rank: 1, key: 2, points: 20 },
    ]);
  });

  it('ranks communities and units (entries without a unit are left out of units)', () => {
    expect(rankCommunities(ledger)).toEqual([
      { rank: 1, key: 10, points: 50 },
      { rank: 2, key: 11, points: 40 },
    ]);
    expect(rankUnits(ledger)).toEqual([
      { rank: 1, key: 100, points: 40 },
      { rank: 2, key: 200, points: 30 },
    ]);
  });

  it('orders string keys too', () => {
    expect(
      rankBalances(
        [
          { k: 'b', delta: 1 },
          { k: 'a', delta: 1 },
        ],
        (x) => x.k,
      ).map((r) => r.key),
    ).toEqual(['a', 'b']);
  });
});

describe('ledger property', () => {
  const USERS = [1, 2, 3, 4, 5];
  const COMMUNITIES = [10, 11, 12];
  const UNITS = [100, 200, null];
  const who = fc.record({
    userId: fc.constantFrom(...USERS),
    communityId: fc.constantFrom(...COMMUNITIES),
    unitId: fc.constantFrom(...UNITS),
  });
  const op = fc.oneof(
    fc.record({ kind: fc.constant('verified' as const), who, halves: fc.nat(24) }),
    fc.record({ kind: fc.constant('rating' as const), who, score: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ kind: fc.constant('no_show' as const), who }),
    fc.record({
      kind: fc.constant('manual' as const),
      who,
      delta: fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
    }),
  );

  const consistentRanks = <K>(rows: RankingRow<K>[]) =>
    rows.every(
      (r, i) =>
        (i === 0 || rows[i - 1].points >= r.points) && r.rank === 1 + rows.filter((o) => o.points > r.points).length,
    );

  it('keeps balances equal to the sum of entries and rankings equal to balances', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ledger: (LedgerEntryLike & { reason: PointsReason })[] = [];
        const byUser = new Map<number, number>();
        const byCommunity = new Map<number, number>();
        const byUnit = new Map<number, number>();
        let total = 0;
        for (const o of ops) {
          let delta: number;
          let reason: PointsReason;
          if (o.kind === 'verified') {
            delta = pointsForVerifiedService(o.halves / 2, DEFAULT_POINTS_RULE);
            reason = PointsReason.ServiceVerified;
          } else if (o.kind === 'rating') {
            delta = bonusForRating(o.score);
            reason = PointsReason.HighRatingBonus;
          } else if (o.kind === 'no_show') {
            delta = penaltyForNoShow();
            reason = PointsReason.NoShowPenalty;
          } else {
            if (manualAdjustmentViolation(o.delta, '核对') !== null) return false;
            delta = o.delta;
            reason = PointsReason.ManualAdjustment;
          }
          if (delta === 0) continue; // nothing to record
          ledger.push({ ...o.who, delta, reason });
          total += delta;
          byUser.set(o.who.userId, (byUser.get(o.who.userId) ?? 0) + delta);
          byCommunity.set(o.who.communityId, (byCommunity.get(o.who.communityId) ?? 0) + delta);
          if (o.who.unitId !== null) byUnit.set(o.who.unitId, (byUnit.get(o.who.unitId) ?? 0) + delta);
        }

        if (balanceOf(ledger) !== total) return false;
        for (const u of USERS) {
          if (balanceOf(ledger.filter((x) => x.userId === u)) !== (byUser.get(u) ?? 0)) return false;
        }
        const members = rankMembers(ledger);
        const communities = rankCommunities(ledger);
        const units = rankUnits(ledger);
        const asMap = <K>(rows: RankingRow<K>[]) => new Map(rows.map((r) => [r.key, r.points]));
        expect(asMap(members)).toEqual(byUser);
        expect(asMap(communities)).toEqual(byCommunity);
        expect(asMap(units)).toEqual(byUnit);
        expect(balanceOf(communities.map((r) => ({ delta: r.points })))).toBe(total);
        expect(balanceOf(units.map((r) => ({ delta: r.points })))).toBe(
          balanceOf(ledger.filter((x) => x.unitId !== null)),
        );
        for (const c of COMMUNITIES) {
          const inC = rankMembers(ledger, { communityId: c });
          expect(balanceOf(inC.map((r) => ({ delta: r.points })))).toBe(byCommunity.get(c) ?? 0);
          if (!consistentRanks(inC)) return false;
        }
        return consistentRanks(members) && consistentRanks(communities) && consistentRanks(units);
      }),
      { numRuns: 300 },
    );
  });
});
