import type { PageQuery } from '../platform/errors';
import type { ServiceRatingDto } from './ratings';

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

/** Why a member may not claim (报名) a task; see domain `whyMemberCannotClaim`. */
export enum ClaimRefusal {
  /** The task is a draft, completed, closed or cancelled. */
  TaskNotOpen = 'TASK_NOT_OPEN',
  DeadlinePassed = 'DEADLINE_PASSED',
  /** The task is for branches: their secretary claims for members. */
  BranchesOnly = 'BRANCHES_ONLY',
  /** The member's registration is not approved (yet). */
  NotApproved = 'NOT_APPROVED',
  /** The task is outside the member's community and street. */
  OutOfArea = 'OUT_OF_AREA',
  /** Reserved, for now, for holders of the task's positions. */
  PositionPriority = 'POSITION_PRIORITY',
  /** The member holds a slot on another task at an overlapping time. */
  TimeClash = 'TIME_CLASH',
}

/** The general wording of each refusal (the rule's own message may be more precise). */
export const CLAIM_REFUSAL_LABELS: Record<ClaimRefusal, string> = {
  [ClaimRefusal.TaskNotOpen]: '任务当前不能报名',
  [ClaimRefusal.DeadlinePassed]: '报名已截止',
  [ClaimRefusal.BranchesOnly]: '该任务面向支部，请由支部书记统一报名',
  [ClaimRefusal.NotApproved]: '报到审核通过后才能接单',
  [ClaimRefusal.OutOfArea]: '只能报名本社区或本街道的任务',
  [ClaimRefusal.PositionPriority]: '该任务优先向相关岗位的党员开放',
  [ClaimRefusal.TimeClash]: '与已报名的任务时间冲突',
};

/** A refusal and its message in Chinese, as shown to the member. */
export interface ClaimRefusalReason {
  code: ClaimRefusal;
  message: string;
}

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

/**
 * Check in or out with the rotating code, or by location inside the task's radius. Wrong codes
 * are counted per member and task: after a few the code is refused for a while (429 with
 * Retry-After); location check-in stays possible.
 */
export interface CheckInRequest {
  /** The rotating 6-digit code shown on site (or give the location instead). */
  code?: string;
  /** The device's position now (e.g. Taro.getLocation), when checking in by location. */
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

/** GET /api/claims/mine, /api/tasks/:id/claims (and the points ledger's paging). */
export interface ClaimListQuery extends PageQuery {
  status?: ClaimStatus;
}

/**
 * GET /api/communities/:id/claims: the community's claims for staff (服务核验), newest first,
 * filtered by task, status and the service's start (a period of dates, inclusive).
 */
export interface CommunityClaimListQuery extends ClaimListQuery {
  taskId?: number;
  /** Services starting on or after this date (YYYY-MM-DD). */
  from?: string;
  /** Services starting on or before this date (YYYY-MM-DD). */
  to?: string;
}

/** The member rates the community's service (评单, POST /api/claims/:id/rating). */
export interface RateServiceRequest {
  /** RATING_MIN–RATING_MAX */
  score: number;
  comment?: string;
}

/** 补录: hours of a service done outside the app, entered by the community. */
export interface BackfillRequest {
  userId: number;
  communityId: number;
  taskId?: number;
  hours: number;
  reason: string;
}

export interface BackfillResultDto {
  id: number;
  hours: number;
}

export interface ClaimDto {
  id: number;
  taskId: number;
  taskTitle: string;
  taskStartAt: string;
  taskEndAt: string;
  /** Where the service happens (the place's name). */
  taskPlace: string;
  /**
   * The task's map position: rounded to MAP_POSITION_DECIMALS decimals (about 1 km) for the
   * member and anyone but the task's community staff, who get the exact point. Non-null means
   * location check-in can work; the API decides it from the device's position at check-in time.
   */
  taskLatitude: number | null;
  taskLongitude: number | null;
  /** From when the member may check in (ISO): CHECKIN_EARLY_MINUTES (as configured) before the start. */
  checkInOpensAt: string;
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
