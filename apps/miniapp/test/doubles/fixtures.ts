/** DTOs as the API sends them, with sensible defaults, for page tests. */
import {
  CallupStatus,
  ClaimAction,
  ClaimStatus,
  DEFAULT_POINTS_RULE,
  HONOURS_RULE,
  NeedCategory,
  NeedStatus,
  OrgNodeType,
  REGISTRATION_RATE_TERRITORY_NOTE,
  RegistrationStatus,
  StatsGranularity,
  TaskKind,
  TaskStatus,
  TaskTarget,
  type AnnualReportDto,
  type CallupDto,
  type ClaimDto,
  type MemberRecordDto,
  type NeedDto,
  type StatsDto,
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
export function makeClaim(
  task: Pick<TaskDto, 'id' | 'title' | 'startAt' | 'endAt' | 'withdrawCutoffMinutes'> & Partial<Pick<TaskDto, 'place' | 'latitude' | 'longitude'>>,
  p: Partial<ClaimDto> = {},
): ClaimDto {
  const status = p.status ?? ClaimStatus.Claimed;
  const memberActions = [ClaimAction.Withdraw, ClaimAction.CheckIn, ClaimAction.CheckOut];
  return {
    id: 31,
    taskId: task.id,
    taskTitle: task.title,
    taskStartAt: task.startAt,
    taskEndAt: task.endAt,
    taskPlace: task.place ?? '3号楼',
    taskLatitude: task.latitude ?? null,
    taskLongitude: task.longitude ?? null,
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

/** A community's statistics for November 2026 by week, as GET /api/stats/nodes/:id answers. */
export function makeStats(p: Partial<StatsDto> = {}): StatsDto {
  return {
    nodeId: 7,
    nodeType: OrgNodeType.Community,
    nodeName: '幸福社区',
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
    granularity: StatsGranularity.Week,
    registrationRate: null,
    registrationRateNote: REGISTRATION_RATE_TERRITORY_NOTE,
    rosterEntries: null,
    rosterRegistered: null,
    registeredMembers: 40,
    servingMembers: 12,
    serviceRate: 0.3,
    services: 18,
    verifiedHours: 36.5,
    backfilledHours: 4,
    satisfaction: { total: 20, satisfied: 18, rate: 0.9 },
    residentSatisfaction: { total: 8, satisfied: 8, rate: 1 },
    communitySatisfaction: { total: 12, satisfied: 10, rate: 10 / 12 },
    needs: { accepted: 10, fulfilled: 7, closureRate: 0.7, hoursToAccept: { median: 3.5, mean: 5 }, hoursToFulfil: { median: 50, mean: 60 } },
    tasks: { total: 9, byKind: { micro: 6, activity: 2, emergency: 1 }, byStatus: { published: 3, completed: 5, cancelled: 1 } },
    topMembers: [
      { userId: 3, name: '张建国', services: 5, hours: 10 },
      { userId: 4, name: '李红', services: 3, hours: 6.5 },
    ],
    series: [
      { bucket: '2026-10-26', from: '2026-10-31T16:00:00.000Z', to: '2026-11-01T16:00:00.000Z', services: 0, hours: 0, ratings: 0, satisfiedRatings: 0, satisfaction: null },
      { bucket: '2026-11-02', from: '2026-11-01T16:00:00.000Z', to: '2026-11-08T16:00:00.000Z', services: 4, hours: 8, ratings: 4, satisfiedRatings: 4, satisfaction: 1 },
      { bucket: '2026-11-09', from: '2026-11-08T16:00:00.000Z', to: '2026-11-15T16:00:00.000Z', services: 6, hours: 12.5, ratings: 6, satisfiedRatings: 5, satisfaction: 5 / 6 },
      { bucket: '2026-11-16', from: '2026-11-15T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z', services: 8, hours: 16, ratings: 10, satisfiedRatings: 9, satisfaction: 0.9 },
      { bucket: '2026-11-23', from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z', services: 0, hours: 0, ratings: 0, satisfiedRatings: 0, satisfaction: null },
      { bucket: '2026-11-30', from: '2026-11-29T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', services: 0, hours: 0, ratings: 0, satisfiedRatings: 0, satisfaction: null },
    ],
    ...p,
  };
}

/** A unit's statistics: 报到率 from its roster, no needs or tasks. */
export function makeUnitStats(p: Partial<StatsDto> = {}): StatsDto {
  return makeStats({
    nodeId: 9,
    nodeType: OrgNodeType.WorkUnit,
    nodeName: '市税务局',
    registrationRate: 0.75,
    registrationRateNote: null,
    rosterEntries: 8,
    rosterRegistered: 6,
    needs: null,
    tasks: null,
    ...p,
  });
}

export function makeMemberRecord(p: Partial<MemberRecordDto> = {}): MemberRecordDto {
  return {
    key: 'e1',
    rosterEntryId: 1,
    registrationId: 5,
    userId: 3,
    name: '张建国',
    phone: '138****0006',
    partyBranch: '第一党支部',
    position: '科员',
    onRoster: true,
    registrationStatus: RegistrationStatus.Approved,
    communityId: 7,
    communityName: '幸福社区',
    unitConfirmed: true,
    year: 2026,
    services: 5,
    verifiedHours: 10,
    backfilledHours: 2,
    ratings: 4,
    satisfiedRatings: 4,
    satisfaction: 1,
    noShows: 0,
    points: 120,
    lastServiceAt: '2026-11-20T02:00:00.000Z',
    flags: [],
    honours: false,
    ...p,
  };
}

export function makeAnnualReport(p: Partial<AnnualReportDto> = {}): AnnualReportDto {
  return {
    year: 2026,
    unitId: 9,
    unitName: '市税务局',
    record: makeMemberRecord(),
    services: [
      { claimId: 31, taskId: 21, taskTitle: '楼道灯维修', communityName: '幸福社区', startsAt: '2026-11-20T02:00:00.000Z', verifiedAt: '2026-11-20T06:00:00.000Z', hours: 2, score: 5, comment: '很及时' },
    ],
    backfills: [{ hours: 2, reason: '线下防汛值守', createdAt: '2026-07-02T02:00:00.000Z' }],
    pointsThisYear: 80,
    generatedAt: '2026-11-22T02:00:00.000Z',
    honoursRule: HONOURS_RULE,
    ...p,
  };
}

export function makeCallup(p: Partial<CallupDto> = {}): CallupDto {
  return {
    id: 51,
    scopeNodeId: 7,
    scopeName: '幸福社区',
    title: '暴雨防汛应急集结',
    description: '转移低洼处车辆',
    place: '党群服务中心',
    latitude: null,
    longitude: null,
    musterAt: null,
    needed: 10,
    status: CallupStatus.Open,
    taskId: null,
    notifiedCount: 4,
    availableCount: 1,
    unavailableCount: 0,
    myResponse: null,
    myEtaMinutes: null,
    groups: [],
    createdByUserId: 9,
    createdAt: iso(-30 * MIN),
    closedAt: null,
    ...p,
  };
}
