/**
 * The service loop of DOMAIN §5: 居民点单 → 社区下单 → 党员接单 → 活动评单,
 * plus hours, points and ratings (§6) and emergency call-ups (应急式).
 *
 * Plain enums, Chinese labels, constants and request/response shapes only. The transition
 * rules live in `@sbd/domain` (loop/*-machine.ts); dates travel as ISO 8601 strings.
 */

/* ───────────────────────────── 点单: needs ───────────────────────────── */

export enum NeedStatus {
  /** Content check could not pass it automatically: waits for staff review, not public. */
  Held = 'held',
  Submitted = 'submitted',
  Accepted = 'accepted',
  Rejected = 'rejected',
  /** Folded into another need about the same thing (`mergedIntoId`). */
  Merged = 'merged',
  Withdrawn = 'withdrawn',
  Fulfilled = 'fulfilled',
  Rated = 'rated',
}

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  [NeedStatus.Held]: '待审核',
  [NeedStatus.Submitted]: '待受理',
  [NeedStatus.Accepted]: '已受理',
  [NeedStatus.Rejected]: '未受理',
  [NeedStatus.Merged]: '已合并',
  [NeedStatus.Withdrawn]: '已撤回',
  [NeedStatus.Fulfilled]: '已办结',
  [NeedStatus.Rated]: '已评价',
};

export enum NeedAction {
  /** Staff review of a held need passes it: it becomes public and waits for triage. */
  Release = 'release',
  Accept = 'accept',
  Reject = 'reject',
  Merge = 'merge',
  Withdraw = 'withdraw',
  Fulfil = 'fulfil',
  Rate = 'rate',
  /** The resident says "没解决": the need goes back to accepted. */
  Reopen = 'reopen',
}

export const NEED_ACTION_LABELS: Record<NeedAction, string> = {
  [NeedAction.Release]: '审核通过',
  [NeedAction.Accept]: '受理',
  [NeedAction.Reject]: '驳回',
  [NeedAction.Merge]: '合并',
  [NeedAction.Withdraw]: '撤回',
  [NeedAction.Fulfil]: '办结',
  [NeedAction.Rate]: '评价',
  [NeedAction.Reopen]: '重新办理',
};

export enum NeedCategory {
  Repair = 'repair',
  Elderly = 'elderly',
  Health = 'health',
  Legal = 'legal',
  Environment = 'environment',
  Safety = 'safety',
  Culture = 'culture',
  Policy = 'policy',
  Education = 'education',
  Other = 'other',
}

export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  [NeedCategory.Repair]: '维修服务',
  [NeedCategory.Elderly]: '助老助残',
  [NeedCategory.Health]: '医疗健康',
  [NeedCategory.Legal]: '法律咨询',
  [NeedCategory.Environment]: '环境卫生',
  [NeedCategory.Safety]: '平安建设',
  [NeedCategory.Culture]: '文体活动',
  [NeedCategory.Policy]: '政策咨询',
  [NeedCategory.Education]: '教育辅导',
  [NeedCategory.Other]: '其他',
};

export const NEED_TITLE_MAX = 50;
export const NEED_DESCRIPTION_MAX = 500;
export const NEED_MAX_PHOTOS = 3;
export const NEED_REASON_MAX = 200;
export const RATING_COMMENT_MAX = 300;
/** Likely duplicates ("同一件事 +1") are looked for among needs this recent. */
export const DUPLICATE_WINDOW_DAYS = 14;
/** Bigram Jaccard similarity (after normalisation, see domain `similarity`) from which two needs look alike. */
export const DUPLICATE_SIMILARITY_THRESHOLD = 0.35;

export interface CreateNeedRequest {
  communityId: number;
  category: NeedCategory;
  /** ≤ NEED_TITLE_MAX characters. */
  title: string;
  /** ≤ NEED_DESCRIPTION_MAX characters. */
  description: string;
  buildingId?: number;
  /** Where exactly (room, spot); free text. */
  place?: string;
  latitude?: number;
  longitude?: number;
  /** When the resident wants it done (ISO), if it matters. */
  expectedAt?: string;
  /** ≤ NEED_MAX_PHOTOS uploaded file URLs or ids. */
  photos?: string[];
  contactPhone?: string;
  /** 代点单: staff post for a resident who is not online. */
  onBehalfOf?: { name: string; phone?: string };
}

export interface UpdateNeedRequest {
  category?: NeedCategory;
  title?: string;
  description?: string;
  buildingId?: number;
  place?: string;
  expectedAt?: string;
  photos?: string[];
}

/** Ask, before posting, which open needs look like the same thing. */
export interface NeedDuplicateCheckRequest {
  communityId: number;
  category: NeedCategory;
  title: string;
  description?: string;
  buildingId?: number;
}

export interface NeedDuplicateSuggestionDto {
  id: number;
  title: string;
  category: NeedCategory;
  buildingName: string | null;
  status: NeedStatus;
  createdAt: string;
  /** 0..1 */
  similarity: number;
  plusOneCount: number;
}

export interface ReleaseNeedRequest {
  note?: string;
}

export interface AcceptNeedRequest {
  note?: string;
}

export interface RejectNeedRequest {
  reason: string;
}

export interface MergeNeedRequest {
  /** The need this one is the same thing as. */
  targetNeedId: number;
  note?: string;
}

export interface WithdrawNeedRequest {
  reason?: string;
}

export interface FulfilNeedRequest {
  note?: string;
}

/** 评单 by the resident who asked. `resolved: false` ("没解决") reopens the need. */
export interface RateNeedRequest {
  /** 1–5 */
  score: number;
  comment?: string;
  resolved: boolean;
}

export interface NeedListQuery {
  communityId?: number;
  status?: NeedStatus;
  category?: NeedCategory;
  buildingId?: number;
  /** Only the caller's own needs. */
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

export interface NeedDto {
  id: number;
  communityId: number;
  communityName: string;
  category: NeedCategory;
  title: string;
  description: string;
  buildingId: number | null;
  buildingName: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  expectedAt: string | null;
  photos: string[];
  status: NeedStatus;
  /** The resident the need is for; masked (张*) unless the reader is staff or the owner. */
  requesterName: string;
  /** Masked unless the reader is staff or the owner. */
  contactPhone: string | null;
  /** True when staff posted it for the resident (代点单). */
  onBehalf: boolean;
  createdByUserId: number;
  rejectReason: string | null;
  mergedIntoId: number | null;
  /** How many residents said "同一件事 +1". */
  plusOneCount: number;
  /** Tasks published for this need. */
  taskIds: number[];
  rating: NeedRatingDto | null;
  /** How many times "没解决" sent it back. */
  reopenCount: number;
  createdAt: string;
  acceptedAt: string | null;
  fulfilledAt: string | null;
  ratedAt: string | null;
  /** What the reader may do now (state machine ∩ role), for the buttons. */
  allowedActions: NeedAction[];
}

export interface NeedRatingDto {
  score: number;
  comment: string | null;
  resolved: boolean;
  ratedAt: string;
}

/* ───────────────────────────── 下单: tasks ───────────────────────────── */

export enum TaskKind {
  Micro = 'micro',
  Project = 'project',
  Activity = 'activity',
  Emergency = 'emergency',
}

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  [TaskKind.Micro]: '微服务',
  [TaskKind.Project]: '实项目',
  [TaskKind.Activity]: '大活动',
  [TaskKind.Emergency]: '应急',
};

export enum TaskTarget {
  Individuals = 'individuals',
  Branches = 'branches',
}

export const TASK_TARGET_LABELS: Record<TaskTarget, string> = {
  [TaskTarget.Individuals]: '个人',
  [TaskTarget.Branches]: '支部',
};

export enum TaskStatus {
  Draft = 'draft',
  Published = 'published',
  InProgress = 'in_progress',
  Completed = 'completed',
  Closed = 'closed',
  Cancelled = 'cancelled',
}

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  [TaskStatus.Draft]: '草稿',
  [TaskStatus.Published]: '已发布',
  [TaskStatus.InProgress]: '进行中',
  [TaskStatus.Completed]: '已完成',
  [TaskStatus.Closed]: '已结项',
  [TaskStatus.Cancelled]: '已取消',
};

export enum TaskAction {
  Publish = 'publish',
  Start = 'start',
  Complete = 'complete',
  Close = 'close',
  Cancel = 'cancel',
}

export const TASK_ACTION_LABELS: Record<TaskAction, string> = {
  [TaskAction.Publish]: '发布',
  [TaskAction.Start]: '开始',
  [TaskAction.Complete]: '完成',
  [TaskAction.Close]: '结项',
  [TaskAction.Cancel]: '取消',
};

/** Task statuses in which members may still claim (报名); see domain `whyCannotClaimTask`. */
export const CLAIMABLE_TASK_STATUSES: readonly TaskStatus[] = [TaskStatus.Published, TaskStatus.InProgress];

export const TASK_TITLE_MAX = 50;
export const TASK_DESCRIPTION_MAX = 2000;
export const TASK_CAPACITY_MAX = 1000;
/** A claimed slot may be withdrawn until this many minutes before the task starts. */
export const CLAIM_WITHDRAW_CUTOFF_MINUTES = 120;
/** A claim promoted from the waitlist is a hold the member must confirm within this time, else it expires. */
export const CLAIM_HOLD_MINUTES = 120;
/** Check-in opens this many minutes before the task window starts. */
export const CHECKIN_EARLY_MINUTES = 30;
/** Default radius around the task's place inside which check-in/out is accepted. */
export const CHECKIN_RADIUS_M = 500;
export const CHECKIN_PERIOD_SECONDS = 30;
export const CHECKIN_CODE_DIGITS = 6;
/** Codes of this many periods before/after the current one are still accepted. */
export const CHECKIN_CODE_WINDOW = 1;

/** Points for a verified service: hours × perHour, at least `minimum`, at most `max` (integers). */
export interface PointsRule {
  perHour: number;
  minimum: number;
  max: number;
}

export const DEFAULT_POINTS_RULE: PointsRule = { perHour: 10, minimum: 5, max: 100 };

export interface CreateTaskRequest {
  communityId: number;
  kind: TaskKind;
  target: TaskTarget;
  title: string;
  description: string;
  /** Slots. */
  capacity: number;
  /** Whether claims beyond capacity go to a waitlist. */
  waitlist?: boolean;
  startAt: string;
  endAt: string;
  place: string;
  latitude?: number;
  longitude?: number;
  checkinRadiusM?: number;
  positionIds?: number[];
  skills?: string[];
  pointsRule?: PointsRule;
  /** Needs this task answers; they become fulfilled when it completes. */
  needIds?: number[];
  /** For target = branches: which functional branches may claim (empty = all in the community). */
  branchIds?: number[];
  withdrawCutoffMinutes?: number;
  /** Publish at once instead of saving a draft. */
  publish?: boolean;
}

export type UpdateTaskRequest = Partial<Omit<CreateTaskRequest, 'communityId' | 'publish'>>;

export interface CancelTaskRequest {
  reason: string;
}

export interface TaskListQuery {
  communityId?: number;
  status?: TaskStatus;
  kind?: TaskKind;
  /** Only tasks the caller can claim now. */
  claimable?: boolean;
  /** Only tasks the caller has claimed. */
  mine?: boolean;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface TaskDto {
  id: number;
  communityId: number;
  communityName: string;
  kind: TaskKind;
  target: TaskTarget;
  title: string;
  description: string;
  status: TaskStatus;
  capacity: number;
  waitlist: boolean;
  /** Slots held (claimed, checked in/out, verified). */
  claimedCount: number;
  waitlistCount: number;
  startAt: string;
  endAt: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  checkinRadiusM: number;
  positions: { id: number; name: string }[];
  skills: string[];
  pointsRule: PointsRule;
  needIds: number[];
  branches: { id: number; name: string }[];
  withdrawCutoffMinutes: number;
  cancelReason: string | null;
  createdByUserId: number;
  createdAt: string;
  publishedAt: string | null;
  completedAt: string | null;
  /** The caller's own claim on this task, if any. */
  myClaim: ClaimDto | null;
  allowedActions: TaskAction[];
}

/* ───────────────────────────── 接单: claims ───────────────────────────── */

export enum ClaimStatus {
  Claimed = 'claimed',
  Waitlisted = 'waitlisted',
  CheckedIn = 'checked_in',
  CheckedOut = 'checked_out',
  Verified = 'verified',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
  NoShow = 'no_show',
  /** An unconfirmed hold lapsed (or the waitlist lapsed when the task ended). */
  Expired = 'expired',
  /** The task was cancelled before this claim was served. */
  Cancelled = 'cancelled',
}

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  [ClaimStatus.Claimed]: '已报名',
  [ClaimStatus.Waitlisted]: '候补中',
  [ClaimStatus.CheckedIn]: '已签到',
  [ClaimStatus.CheckedOut]: '已签退',
  [ClaimStatus.Verified]: '已核验',
  [ClaimStatus.Rejected]: '未通过核验',
  [ClaimStatus.Withdrawn]: '已退出',
  [ClaimStatus.NoShow]: '已缺席',
  [ClaimStatus.Expired]: '已失效',
  [ClaimStatus.Cancelled]: '任务已取消',
};

export enum ClaimAction {
  /** waitlisted → claimed, when a slot frees up. */
  Promote = 'promote',
  CheckIn = 'check_in',
  CheckOut = 'check_out',
  Verify = 'verify',
  Reject = 'reject',
  Withdraw = 'withdraw',
  MarkNoShow = 'mark_no_show',
  Expire = 'expire',
  /** Follows a task cancellation. */
  Cancel = 'cancel',
}

export const CLAIM_ACTION_LABELS: Record<ClaimAction, string> = {
  [ClaimAction.Promote]: '候补转正',
  [ClaimAction.CheckIn]: '签到',
  [ClaimAction.CheckOut]: '签退',
  [ClaimAction.Verify]: '核验',
  [ClaimAction.Reject]: '驳回',
  [ClaimAction.Withdraw]: '退出报名',
  [ClaimAction.MarkNoShow]: '标记缺席',
  [ClaimAction.Expire]: '过期释放',
  [ClaimAction.Cancel]: '随任务取消',
};

/** Claims that hold a slot (count against capacity and against overlapping sign-ups). */
export const SLOT_HOLDING_CLAIM_STATUSES: readonly ClaimStatus[] = [
  ClaimStatus.Claimed,
  ClaimStatus.CheckedIn,
  ClaimStatus.CheckedOut,
  ClaimStatus.Verified,
];

/** A member claims for themself; a branch secretary claims for members of their branch. */
export interface CreateClaimRequest {
  taskId: number;
  /** Branch secretary only: the branch claiming. */
  branchId?: number;
  /** Branch secretary only: members of the branch to assign (one claim each). */
  memberUserIds?: number[];
  /** Join the waitlist when the task is full (otherwise a full task is refused). */
  joinWaitlist?: boolean;
}

/** Confirms a hold (a claim promoted from the waitlist) before it expires. */
export interface ConfirmClaimRequest {
  note?: string;
}

export interface WithdrawClaimRequest {
  reason?: string;
}

export interface CheckInRequest {
  /** The rotating 6-digit code shown on site. */
  code: string;
  latitude?: number;
  longitude?: number;
  /** Reported accuracy of the location, metres. */
  accuracyM?: number;
}

export type CheckOutRequest = CheckInRequest;

/** What the staff screen on site shows (the code rotates every `periodSeconds`). */
export interface CheckinCodeDto {
  taskId: number;
  code: string;
  periodSeconds: number;
  secondsLeft: number;
  /** Server time the code was computed at (ISO), to correct the client's clock. */
  serverTime: string;
}

/** The community verifies (核验) a checked-out claim and rates the member's service. */
export interface VerifyClaimRequest {
  /** 1–5, the community's rating of this member's service. */
  score?: number;
  comment?: string;
}

export interface RejectClaimRequest {
  reason: string;
}

export interface MarkNoShowRequest {
  note?: string;
}

export interface ClaimListQuery {
  taskId?: number;
  userId?: number;
  status?: ClaimStatus;
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

export interface ClaimDto {
  id: number;
  taskId: number;
  taskTitle: string;
  taskStartAt: string;
  taskEndAt: string;
  /** Where the service happens, so the client knows whether location check-in can work. */
  taskPlace: string;
  taskLatitude: number | null;
  taskLongitude: number | null;
  userId: number;
  memberName: string;
  branchId: number | null;
  branchName: string | null;
  /** Who made the claim (the member, or their branch secretary). */
  claimedByUserId: number;
  status: ClaimStatus;
  /** 1-based place in the waitlist while waitlisted. */
  waitlistPosition: number | null;
  /** Set while the claim is an unconfirmed hold: it expires then (countdown in the UI). */
  holdExpiresAt: string | null;
  /** Until when a claimed slot may be withdrawn. */
  withdrawDeadline: string;
  claimedAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  /** Hours credited from check-in/out inside the task window (half hours, rounded down). */
  creditedHours: number | null;
  verifiedByUserId: number | null;
  verifiedAt: string | null;
  rejectReason: string | null;
  serviceRating: ServiceRatingDto | null;
  pointsAwarded: number | null;
  allowedActions: ClaimAction[];
}

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
  from?: string;
  to?: string;
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

/* ───────────────────────────── inbox (站内消息) ───────────────────────────── */

export enum NotificationKind {
  NeedAccepted = 'need_accepted',
  NeedRejected = 'need_rejected',
  NeedMerged = 'need_merged',
  NeedFulfilled = 'need_fulfilled',
  NeedReopened = 'need_reopened',
  NeedWithdrawn = 'need_withdrawn',
  TaskPublished = 'task_published',
  TaskCancelled = 'task_cancelled',
  TaskReminder = 'task_reminder',
  ClaimPromoted = 'claim_promoted',
  ClaimExpiring = 'claim_expiring',
  ClaimExpired = 'claim_expired',
  ClaimWithdrawn = 'claim_withdrawn',
  ClaimVerified = 'claim_verified',
  ClaimRejected = 'claim_rejected',
  NoShowMarked = 'no_show_marked',
  PointsChanged = 'points_changed',
  LowSatisfaction = 'low_satisfaction',
  EmergencyCallup = 'emergency_callup',
  /** Too many failed logins from all sources: the account is locked for a while. */
  AccountLocked = 'account_locked',
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  [NotificationKind.NeedAccepted]: '需求已受理',
  [NotificationKind.NeedRejected]: '需求未受理',
  [NotificationKind.NeedMerged]: '需求已合并',
  [NotificationKind.NeedFulfilled]: '需求已办结',
  [NotificationKind.NeedReopened]: '需求重新办理',
  [NotificationKind.NeedWithdrawn]: '需求已撤回',
  [NotificationKind.TaskPublished]: '新任务发布',
  [NotificationKind.TaskCancelled]: '任务已取消',
  [NotificationKind.TaskReminder]: '服务提醒',
  [NotificationKind.ClaimPromoted]: '候补转正',
  [NotificationKind.ClaimExpiring]: '报名即将失效',
  [NotificationKind.ClaimExpired]: '报名已失效',
  [NotificationKind.ClaimWithdrawn]: '党员退出报名',
  [NotificationKind.ClaimVerified]: '服务已核验',
  [NotificationKind.ClaimRejected]: '服务未通过核验',
  [NotificationKind.NoShowMarked]: '缺席记录',
  [NotificationKind.PointsChanged]: '积分变动',
  [NotificationKind.LowSatisfaction]: '满意率偏低',
  [NotificationKind.EmergencyCallup]: '应急召集',
  [NotificationKind.AccountLocked]: '账号安全提醒',
};

export interface NotificationDto {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Mini-program page to open, with its query string; null when there is none. */
  path: string | null;
  entityType: 'need' | 'task' | 'claim' | 'callup' | 'points' | null;
  entityId: number | null;
  read: boolean;
  createdAt: string;
}

export interface InboxQuery {
  unreadOnly?: boolean;
  cursor?: string;
  limit?: number;
}

export interface MarkNotificationsReadRequest {
  /** Mark these; omit and set `all` to mark everything read. */
  ids?: number[];
  all?: boolean;
}

export interface InboxSummaryDto {
  unread: number;
}

/* ───────────────────────────── 应急式: emergency call-ups ───────────────────────────── */

export enum CallupStatus {
  Open = 'open',
  Closed = 'closed',
}

export const CALLUP_STATUS_LABELS: Record<CallupStatus, string> = {
  [CallupStatus.Open]: '召集中',
  [CallupStatus.Closed]: '已结束',
};

export enum CallupResponse {
  Available = 'available',
  Unavailable = 'unavailable',
}

export const CALLUP_RESPONSE_LABELS: Record<CallupResponse, string> = {
  [CallupResponse.Available]: '能到',
  [CallupResponse.Unavailable]: '不能到',
};

/** One tap notifies every member in scope. */
export interface CreateCallupRequest {
  /** Org node whose members are called (community, grid, branch…). */
  scopeNodeId: number;
  title: string;
  description: string;
  place: string;
  latitude?: number;
  longitude?: number;
  /** When and where to gather (ISO). */
  musterAt?: string;
  /** How many people are wanted, if known. */
  needed?: number;
  /** Also create an emergency task that members check in to (hours and points). */
  createTask?: boolean;
}

export interface RespondCallupRequest {
  response: CallupResponse;
  /** Minutes until the member can be there. */
  etaMinutes?: number;
  note?: string;
}

export interface FormCallupGroupsRequest {
  /** Members per group; leaders are the first of each group unless chosen. */
  groupSize: number;
}

export interface CallupGroupDto {
  index: number;
  name: string;
  leaderUserId: number | null;
  members: { userId: number; name: string; phone: string }[];
}

export interface CallupDto {
  id: number;
  scopeNodeId: number;
  scopeName: string;
  title: string;
  description: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  musterAt: string | null;
  needed: number | null;
  status: CallupStatus;
  taskId: number | null;
  notifiedCount: number;
  availableCount: number;
  unavailableCount: number;
  myResponse: CallupResponse | null;
  /** The arrival time the caller gave with their answer. */
  myEtaMinutes: number | null;
  groups: CallupGroupDto[];
  createdByUserId: number;
  createdAt: string;
  closedAt: string | null;
}

/** One row of the exported muster list (花名册). */
export interface MusterListRowDto {
  name: string;
  /** Masked except in the staff export. */
  phone: string;
  workUnitName: string;
  branchName: string | null;
  response: CallupResponse | null;
  etaMinutes: number | null;
  respondedAt: string | null;
  groupName: string | null;
}
