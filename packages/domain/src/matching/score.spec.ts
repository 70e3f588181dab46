import { DayPeriod, MatchFactor, TaskKind, Weekday } from '@sbd/contracts';
import fc from 'fast-check';
import {
  createTaskScorer,
  distanceFactor,
  fairnessFactor,
  gini,
  positionFactor,
  rankMembersForTask,
  rankTasksForMember,
  ratingFactor,
  scoreMatch,
  skillFactor,
  slotOf,
  timeFactor,
  urgencyFactor,
  type MemberFeatures,
  type TaskFeatures,
} from './score';

const NOW = Date.UTC(2026, 10, 20, 2, 0); // Friday 10:00 in China
/** Saturday 2026-11-21 09:00 China time. */
const SAT_MORNING = Date.UTC(2026, 10, 21, 1, 0);

const member = (o: Partial<MemberFeatures> = {}): MemberFeatures => ({
  userId: 1,
  positionIds: [],
  skills: [],
  communityId: 10,
  streetId: 2,
  gridId: 100,
  buildingId: 1000,
  home: null,
  freeTime: [],
  recentServices: 0,
  ...o,
});

const task = (o: Partial<TaskFeatures> = {}): TaskFeatures => ({
  id: 1,
  kind: TaskKind.Micro,
  positionIds: [],
  skills: [],
  communityId: 10,
  streetId: 2,
  startsAt: SAT_MORNING,
  ...o,
});

describe('slotOf', () => {
  it('reads weekday and period in China time', () => {
    expect(slotOf(SAT_MORNING)).toEqual({ weekday: Weekday.Sat, period: DayPeriod.Morning });
    expect(slotOf(Date.UTC(2026, 10, 22, 11, 0))).toEqual({ weekday: Weekday.Sun, period: DayPeriod.Evening });
    expect(slotOf(Date.UTC(2026, 10, 22, 16, 30))).toEqual({ weekday: Weekday.Mon, period: DayPeriod.Morning });
  });
});

describe('position factor', () => {
  it('is 1 for a holder, 0 for a member without the position, neutral when none is required', () => {
    expect(positionFactor(member({ positionIds: [7] }), task({ positionIds: [7, 8] }))).toBe(1);
    expect(positionFactor(member({ positionIds: [9] }), task({ positionIds: [7] }))).toBe(0);
    expect(positionFactor(member(), task())).toBe(0.5);
  });
});

describe('skill factor', () => {
  it('is the share of required skills the member has, matching by containment', () => {
    expect(skillFactor(member({ skills: ['法律咨询', '摄影'] }), task({ skills: ['法律', '电工'] }))).toBe(0.5);
    expect(skillFactor(member({ skills: ['电工'] }), task({ skills: ['电工'] }))).toBe(1);
    expect(skillFactor(member({ skills: ['摄影'] }), task({ skills: ['电工'] }))).toBe(0);
    expect(skillFactor(member(), task())).toBe(0.5);
  });
});

describe('distance factor', () => {
  it('decays with metres when coordinates are known', () => {
    const home = { latitude: 32, longitude: 120.86 };
    const near = distanceFactor(member({ home }), task({ place: { latitude: 32.0027, longitude: 120.86 } }));
    expect(Math.round(near.meters!)).toBe(300);
    expect(near.value).toBeCloseTo(Math.exp(-0.3), 2);
    const far = distanceFactor(member({ home }), task({ place: { latitude: 32.05, longitude: 120.86 } }));
    expect(far.value).toBeLessThan(near.value);
  });
  it('falls back to the org tree: building, grid, community, street, elsewhere', () => {
    expect(distanceFactor(member(), task({ buildingIds: [1000] })).value).toBe(1);
    expect(distanceFactor(member(), task({ gridIds: [100] })).value).toBe(0.8);
    expect(distanceFactor(member(), task()).value).toBe(0.6);
    expect(distanceFactor(member(), task({ communityId: 11 })).value).toBe(0.3);
    expect(distanceFactor(member(), task({ communityId: 11, streetId: 3 })).value).toBe(0.1);
  });
});

describe('time factor', () => {
  it('is 1 when the task starts in a declared free slot, 0 otherwise, ¼ when none declared', () => {
    const sat = member({ freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }] });
    expect(timeFactor(sat, task())).toBe(1);
    expect(timeFactor(sat, task({ startsAt: Date.UTC(2026, 10, 21, 7, 0) }))).toBe(0);
    expect(timeFactor(member(), task())).toBe(0.25);
  });
});

describe('fairness factor', () => {
  it('ranks members with fewer recent services higher', () => {
    expect(fairnessFactor(member({ recentServices: 0 }))).toBe(1);
    expect(fairnessFactor(member({ recentServices: 1 }))).toBe(0.5);
    expect(fairnessFactor(member({ recentServices: 9 }))).toBe(0.1);
  });
});

describe('rating factor', () => {
  it('is neutral without ratings and shrinks few ratings toward neutral', () => {
    expect(ratingFactor(member(), task())).toBe(0.5);
    const one = ratingFactor(member({ ratingByKind: { micro: { average: 5, count: 1 } } }), task());
    const many = ratingFactor(member({ ratingByKind: { micro: { average: 5, count: 30 } } }), task());
    expect(one).toBeCloseTo(0.625, 6);
    expect(many).toBeGreaterThan(one);
    expect(ratingFactor(member({ ratingByKind: { micro: { average: 1, count: 30 } } }), task())).toBeLessThan(0.1);
  });
});

describe('urgency factor', () => {
  it('puts emergencies first and grows with how long the need has waited', () => {
    expect(urgencyFactor(task({ kind: TaskKind.Emergency }), NOW)).toBe(1);
    const fresh = urgencyFactor(task({ oldestNeedAt: NOW - 3600_000 }), NOW);
    const waited = urgencyFactor(task({ oldestNeedAt: NOW - 72 * 3600_000 }), NOW);
    expect(waited).toBeGreaterThan(fresh);
    expect(urgencyFactor(task({ startsAt: NOW + 30 * 24 * 3600_000 }), NOW)).toBe(0);
  });
});

describe('scoreMatch', () => {
  it('gives the legal-aid holder the legal-aid task first, with the reasons in Chinese', () => {
    const m = member({
      positionIds: [7],
      positionNames: { 7: '法律援助' },
      home: { latitude: 32, longitude: 120.86 },
      freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }],
    });
    const legal = task({ id: 1, positionIds: [7], place: { latitude: 32.0027, longitude: 120.86 } });
    const other = task({ id: 2, positionIds: [8], place: { latitude: 32.0027, longitude: 120.86 } });
    const [first, second] = rankTasksForMember(m, [other, legal], { now: NOW });
    expect(first.task.id).toBe(1);
    expect(second.task.id).toBe(2);
    expect(first.reasons.join(' · ')).toBe('你有法律援助岗 · 距你约300米 · 周六上午你有空');
  });

  it('is deterministic and within 0..1 for any features', () => {
    const arbMember = fc.record({
      positionIds: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
      recentServices: fc.integer({ min: 0, max: 50 }),
      communityId: fc.integer({ min: 10, max: 12 }),
    });
    const arbTask = fc.record({
      positionIds: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }),
      communityId: fc.integer({ min: 10, max: 12 }),
      kind: fc.constantFrom(...Object.values(TaskKind)),
      startsAt: fc.integer({ min: NOW, max: NOW + 30 * 24 * 3600_000 }),
    });
    fc.assert(
      fc.property(arbMember, arbTask, (mo, to) => {
        const a = scoreMatch(member(mo), task(to), { now: NOW });
        const b = scoreMatch(member(mo), task(to), { now: NOW });
        return (
          a.score === b.score && a.score >= 0 && a.score <= 1 && JSON.stringify(a.reasons) === JSON.stringify(b.reasons)
        );
      }),
    );
  });

  it('follows per-community weights: a weight of 0 removes a factor', () => {
    const m = member({ positionIds: [7] });
    const t = task({ positionIds: [7] });
    const only = scoreMatch(m, t, {
      now: NOW,
      weights: { position: 1, skill: 0, distance: 0, time: 0, fairness: 0, rating: 0, urgency: 0 },
    });
    expect(only.score).toBe(1);
    expect(only.factors[MatchFactor.Position]).toBe(1);
  });
});

describe('createTaskScorer', () => {
  it('gives exactly the score of scoreMatch for any member and task', () => {
    const arb = fc.record({
      positionIds: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
      taskPositions: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }),
      skills: fc.array(fc.constantFrom('法律', '电工', '法律咨询', '摄影'), { maxLength: 3 }),
      taskSkills: fc.array(fc.constantFrom('法律', '电工', '摄影'), { maxLength: 2 }),
      recent: fc.integer({ min: 0, max: 20 }),
      startsAt: fc.integer({ min: NOW, max: NOW + 30 * 24 * 3600_000 }),
      free: fc.array(
        fc.record({
          weekday: fc.integer({ min: 1, max: 7 }),
          period: fc.constantFrom(DayPeriod.Morning, DayPeriod.Afternoon, DayPeriod.Evening),
        }),
        { maxLength: 5 },
      ),
      kind: fc.constantFrom(...Object.values(TaskKind)),
      weight: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const m = member({
          positionIds: a.positionIds,
          skills: a.skills,
          recentServices: a.recent,
          freeTime: a.free as never,
        });
        const t = task({ positionIds: a.taskPositions, skills: a.taskSkills, startsAt: a.startsAt, kind: a.kind });
        const weights = { position: a.weight };
        return createTaskScorer(m, { now: NOW, weights })(t) === scoreMatch(m, t, { now: NOW, weights }).score;
      }),
    );
  });
});

describe('rankMembersForTask', () => {
  it('puts the member with fewer recent services first when all else is equal', () => {
    const busy = member({ userId: 1, recentServices: 6 });
    const idle = member({ userId: 2, recentServices: 0 });
    const ranked = rankMembersForTask(task(), [busy, idle], { now: NOW });
    expect(ranked.map((r) => r.member.userId)).toEqual([2, 1]);
    expect(ranked[0].reasons).toContain('近30天服务较少');
  });
});

describe('gini', () => {
  it('is 0 for an even spread and approaches 1 when one member has everything', () => {
    expect(gini([3, 3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75, 6);
    expect(gini([])).toBe(0);
  });
});
