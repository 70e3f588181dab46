import type { PageQuery } from '../platform/errors';
import type { ClaimDto } from './claims';

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
/**
 * Check-in opens this many minutes before the task window starts (the API's default; its
 * CHECKIN_EARLY_MINUTES setting may change it, so clients use `ClaimDto.checkInOpensAt`).
 */
export const CHECKIN_EARLY_MINUTES = 30;
/** Default radius around the task's place inside which check-in/out is accepted. */
export const CHECKIN_RADIUS_M = 500;
/** The check-in radius a task may set (CreateTaskRequest.checkinRadiusM), in metres. */
export const CHECKIN_RADIUS_MIN_M = 20;
export const CHECKIN_RADIUS_MAX_M = 5000;
export const CHECKIN_PERIOD_SECONDS = 30;
export const CHECKIN_CODE_DIGITS = 6;
/** Codes of this many periods before/after the current one are still accepted. */
export const CHECKIN_CODE_WINDOW = 1;
/**
 * Members see a task's place on the map rounded to this many decimals of a degree (about 1 km):
 * enough to find the area, too coarse to stand in for being there. The exact point stays on the
 * server, which decides location check-in from the device's position.
 */
export const MAP_POSITION_DECIMALS = 2;

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

export interface CancelTaskRequest {
  reason: string;
}

/** GET /api/communities/:id/tasks (staff). */
export interface TaskListQuery extends PageQuery {
  status?: TaskStatus;
}

/** GET /api/communities/:id/tasks/export.xlsx: the list's filters, every row. */
export type TaskExportQuery = Omit<TaskListQuery, 'cursor' | 'limit'>;

/** GET /api/tasks/feed: a member's open tasks, own community first, then the rest of the street. */
export interface MemberFeedQuery extends PageQuery {
  kind?: TaskKind;
  positionId?: number;
  /** Start time from (ISO). */
  from?: string;
  /** Start time to (ISO). */
  to?: string;
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
  /** Where to go: the place's name is what members navigate by. */
  place: string;
  /**
   * The place on the map. Members (in the feed, task details, recommendations) get it rounded to
   * MAP_POSITION_DECIMALS decimals (about 1 km), never the exact point; the community staff who
   * publish and manage the task get the exact one. Location check-in is decided by the API from
   * the position the device reports when checking in. Null when the task has no map position.
   */
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
