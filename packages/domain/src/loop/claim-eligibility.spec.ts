import { ClaimRefusal, TaskStatus, TaskTarget } from '@sbd/contracts';
import fc from 'fast-check';
import { claimableTaskOf, whyMemberCannotClaim, type ClaimableTask, type ClaimingMember } from './claim-eligibility';

const H = 3_600_000;
const now = Date.UTC(2025, 5, 1, 1, 0); // 2025-06-01 09:00 Beijing
const task: ClaimableTask = {
  status: TaskStatus.Published,
  target: TaskTarget.Individuals,
  claimDeadline: now + 24 * H,
  communityId: 10,
  streetId: 1,
  priorityUntil: null,
  positionIds: [],
};
const member: ClaimingMember = { approved: true, communityId: 10, streetId: 1, positionIds: [] };
const code = (t: ClaimableTask, m: ClaimingMember | null, opts = {}) =>
  whyMemberCannotClaim(t, m, now, opts)?.code ?? null;

describe('whyMemberCannotClaim', () => {
  it('lets an approved member of the community claim an open task', () => {
    expect(whyMemberCannotClaim(task, member, now)).toBeNull();
    expect(whyMemberCannotClaim({ ...task, status: TaskStatus.InProgress }, member, new Date(now))).toBeNull();
  });

  it('refuses tasks that are not open, with the status in the message', () => {
    expect(whyMemberCannotClaim({ ...task, status: TaskStatus.Cancelled }, member, now)).toEqual({
      code: ClaimRefusal.TaskNotOpen,
      message: '任务已取消，不能报名',
    });
    expect(code({ ...task, status: TaskStatus.Draft }, member)).toBe(ClaimRefusal.TaskNotOpen);
  });

  it('closes at the deadline (exclusive)', () => {
    expect(code({ ...task, claimDeadline: now + 1 }, member)).toBeNull();
    expect(whyMemberCannotClaim({ ...task, claimDeadline: now }, member, now)).toEqual({
      code: ClaimRefusal.DeadlinePassed,
      message: '报名已截止',
    });
  });

  it('sends members of a task for branches to their secretary, who may claim it', () => {
    const forBranches = { ...task, target: TaskTarget.Branches };
    expect(whyMemberCannotClaim(forBranches, member, now)?.message).toBe('该任务面向支部，请由支部书记统一报名');
    expect(code(forBranches, member, { byBranchSecretary: true })).toBeNull();
  });

  it('wants an approved registration', () => {
    expect(whyMemberCannotClaim(task, { ...member, approved: false }, now)).toEqual({
      code: ClaimRefusal.NotApproved,
      message: '报到审核通过后才能接单',
    });
  });

  it('keeps members to their community and its street', () => {
    expect(code(task, { ...member, communityId: 11 })).toBeNull();
    expect(code(task, { ...member, communityId: 11, streetId: 2 })).toBe(ClaimRefusal.OutOfArea);
    expect(code({ ...task, streetId: null }, { ...member, communityId: 11, streetId: null })).toBe(
      ClaimRefusal.OutOfArea,
    );
    expect(code({ ...task, streetId: null }, { ...member, streetId: null })).toBeNull();
  });

  it('reserves a task for holders of its positions until the priority ends', () => {
    const reserved = { ...task, priorityUntil: now + H, positionIds: [5, 6] };
    expect(whyMemberCannotClaim(reserved, member, now)).toEqual({
      code: ClaimRefusal.PositionPriority,
      message: '该任务优先向相关岗位的党员开放，10:00后开放报名',
    });
    expect(code(reserved, { ...member, positionIds: [6] })).toBeNull();
    expect(code({ ...reserved, priorityUntil: now }, member)).toBeNull();
    expect(code({ ...reserved, positionIds: [] }, member)).toBeNull();
    expect(code(reserved, member, { byBranchSecretary: true })).toBeNull();
  });

  it('checks the task alone when the member is not known', () => {
    expect(code(task, null)).toBeNull();
    expect(code({ ...task, status: TaskStatus.Closed }, null)).toBe(ClaimRefusal.TaskNotOpen);
  });

  it('reads a TaskDto: claims close at the start', () => {
    const dto = {
      status: TaskStatus.Published,
      target: TaskTarget.Individuals,
      startAt: new Date(now + H).toISOString(),
      endAt: new Date(now + 3 * H).toISOString(),
      communityId: 10,
      positions: [{ id: 3, name: '楼栋长' }],
    };
    expect(claimableTaskOf(dto)).toEqual({
      ...task,
      claimDeadline: now + H,
      streetId: null,
      positionIds: [3],
      window: { start: now + H, end: now + 3 * H },
    });
    expect(whyMemberCannotClaim(claimableTaskOf(dto), null, now + H)?.code).toBe(ClaimRefusal.DeadlinePassed);
  });

  it('refuses a time clash with another live sign-up, before the tap (touching ends are fine)', () => {
    const timed = { ...task, window: { start: now + 2 * H, end: now + 4 * H } };
    const held = (start: number, end: number) => [{ taskId: 7, title: '助老理发', start, end }];
    expect(whyMemberCannotClaim(timed, null, now, { held: held(now + 3 * H, now + 5 * H) })).toEqual({
      code: ClaimRefusal.TimeClash,
      message: '与已报名的任务「助老理发」时间冲突',
    });
    expect(code(timed, member, { held: held(now + 4 * H, now + 5 * H) })).toBeNull();
    expect(code(timed, member, { held: held(now, now + 2 * H) })).toBeNull();
    // Without the task's window the clash is the API's to decide.
    expect(code(task, member, { held: held(now + 3 * H, now + 5 * H) })).toBeNull();
    // A closed sign-up says so first.
    expect(code({ ...timed, claimDeadline: now }, null, { held: held(now + 3 * H, now + 5 * H) })).toBe(
      ClaimRefusal.DeadlinePassed,
    );
  });

  it('is monotone: a member refused for the task alone is refused whoever they are, with the same reason', () => {
    const taskArb = fc.record({
      status: fc.constantFrom(...Object.values(TaskStatus)),
      target: fc.constantFrom(...Object.values(TaskTarget)),
      claimDeadline: fc.integer({ min: now - 2 * H, max: now + 2 * H }),
      communityId: fc.integer({ min: 1, max: 3 }),
      streetId: fc.option(fc.integer({ min: 1, max: 2 })),
      priorityUntil: fc.option(fc.integer({ min: now - 2 * H, max: now + 2 * H })),
      positionIds: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
    });
    const memberArb = fc.record({
      approved: fc.boolean(),
      communityId: fc.integer({ min: 1, max: 3 }),
      streetId: fc.option(fc.integer({ min: 1, max: 2 })),
      positionIds: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(taskArb, memberArb, fc.boolean(), (t, m, byBranchSecretary) => {
        const alone = whyMemberCannotClaim(t, null, now, { byBranchSecretary });
        const withMember = whyMemberCannotClaim(t, m, now, { byBranchSecretary });
        if (alone) expect(withMember).toEqual(alone);
        // A member of the task's own community, approved and holding its positions, is never refused on their account.
        const insider = {
          approved: true,
          communityId: t.communityId,
          streetId: t.streetId,
          positionIds: t.positionIds,
        };
        expect(whyMemberCannotClaim(t, insider, now, { byBranchSecretary })).toEqual(alone);
      }),
    );
  });
});
