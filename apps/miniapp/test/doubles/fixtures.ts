/** DTOs as the API sends them, with sensible defaults, for page tests. */
import {
  ClaimAction,
  ClaimStatus,
  DEFAULT_POINTS_RULE,
  NeedCategory,
  NeedStatus,
  TaskKind,
  TaskStatus,
  TaskTarget,
  type ClaimDto,
  type NeedDto,
  type TaskDto,
} from '@sbd/contracts';
import { claimMachine, needMachine } from '@sbd/domain';

const MIN = 60_000;
export const iso = (msFromNow: number, now = Date.now()) => new Date(now + msFromNow).toISOString();

export function makeNeed(p: Partial<NeedDto> = {}): NeedDto {
  const status = p.status ?? NeedStatus.Submitted;
  return {
    id: 11,
    communityId: 7,
    communityName: '幸福社区',
    category: NeedCategory.Repair,
    title: '3号楼楼道灯坏了',
    description: '晚上看不见',
    buildingId: null,
    buildingName: null,
    place: '2单元',
    latitude: null,
    longitude: null,
    expectedAt: null,
    photos: [],
    status,
    requesterName: '赵阿姨',
    contactPhone: '13800000008',
    onBehalf: false,
    createdByUserId: 1,
    rejectReason: null,
    mergedIntoId: null,
    plusOneCount: 0,
    taskIds: [],
    rating: null,
    reopenCount: 0,
    createdAt: iso(-3 * 60 * MIN),
    acceptedAt: null,
    fulfilledAt: null,
    ratedAt: null,
    allowedActions: needMachine.allowedActions(status),
    ...p,
  };
}

/** A task starting `startInMin` minutes from now, lasting two hours. */
export function makeTask(p: Partial<TaskDto> = {}, startInMin = 24 * 60): TaskDto {
  return {
    id: 21,
    communityId: 7,
    communityName: '幸福社区',
    kind: TaskKind.Micro,
    target: TaskTarget.Individuals,
    title: '楼道灯维修',
    description: '带梯子',
    status: TaskStatus.Published,
    capacity: 2,
    waitlist: true,
    claimedCount: 0,
    waitlistCount: 0,
    startAt: iso(startInMin * MIN),
    endAt: iso((startInMin + 120) * MIN),
    place: '3号楼',
    latitude: null,
    longitude: null,
    checkinRadiusM: 500,
    positions: [],
    skills: [],
    pointsRule: DEFAULT_POINTS_RULE,
    needIds: [],
    branches: [],
    withdrawCutoffMinutes: 120,
    cancelReason: null,
    createdByUserId: 9,
    createdAt: iso(-60 * MIN),
    publishedAt: iso(-60 * MIN),
    completedAt: null,
    myClaim: null,
    allowedActions: [],
    ...p,
  };
}

/** The member's own claim on `task` (member actions as the API allows them to the owner). */
export function makeClaim(task: Pick<TaskDto, 'id' | 'title' | 'startAt' | 'endAt' | 'withdrawCutoffMinutes'>, p: Partial<ClaimDto> = {}): ClaimDto {
  const status = p.status ?? ClaimStatus.Claimed;
  const memberActions = [ClaimAction.Withdraw, ClaimAction.CheckIn, ClaimAction.CheckOut];
  return {
    id: 31,
    taskId: task.id,
    taskTitle: task.title,
    taskStartAt: task.startAt,
    taskEndAt: task.endAt,
    userId: 1,
    memberName: '张建国',
    branchId: null,
    branchName: null,
    claimedByUserId: 1,
    status,
    waitlistPosition: status === ClaimStatus.Waitlisted ? 1 : null,
    holdExpiresAt: null,
    withdrawDeadline: new Date(Date.parse(task.startAt) - task.withdrawCutoffMinutes * MIN).toISOString(),
    claimedAt: iso(-10 * MIN),
    checkInAt: null,
    checkOutAt: null,
    creditedHours: null,
    verifiedByUserId: null,
    verifiedAt: null,
    rejectReason: null,
    serviceRating: null,
    pointsAwarded: null,
    allowedActions: claimMachine.allowedActions(status).filter((a) => memberActions.includes(a)),
    ...p,
  };
}
