import {
  CLAIM_REFUSAL_LABELS,
  ClaimRefusal,
  ClaimStatus,
  TaskTarget,
  type ClaimRefusalReason,
  type TaskDto,
  type TaskStatus,
} from '@sbd/contracts';
import { windowsOverlap } from './claim-rules';
import { whyCannotClaimTask } from './task-machine';
import { chinaHourMinute, toMs, type Instant, type TimeWindow } from './time';

/** What the claim rule needs to know about a task. */
export interface ClaimableTask {
  status: TaskStatus;
  target: TaskTarget;
  /** Claims close at this moment (exclusive). */
  claimDeadline: Instant;
  communityId: number;
  /** The street of the task's community (null: none). */
  streetId: number | null;
  /** Until then (exclusive) only holders of `positionIds` may claim; null/absent: no priority. */
  priorityUntil?: Instant | null;
  /** Positions the task asks for (岗位式). */
  positionIds: readonly number[];
  /** When the service takes place: needed to see a clash with the member's other sign-ups. */
  window?: TimeWindow;
}

/**
 * The member's claims that a new sign-up may not overlap: those holding a slot and not yet
 * verified, and waitlisted ones (promotion would otherwise book the member twice). The API's claim
 * path and the mini-program's 任务大厅 both read this list.
 */
export const CLASHING_CLAIM_STATUSES: readonly ClaimStatus[] = [
  ClaimStatus.Claimed,
  ClaimStatus.CheckedIn,
  ClaimStatus.CheckedOut,
  ClaimStatus.Waitlisted,
];

/** A live sign-up of the member (a slot held on another task) that a new one may not overlap. */
export interface HeldSignup {
  taskId: number;
  title: string;
  start: Instant;
  end: Instant;
}

/** What the claim rule needs to know about the member who would serve. */
export interface ClaimingMember {
  /** Whether their registration (报到) is approved. */
  approved: boolean;
  communityId: number;
  /** The street of the member's community (null: none). */
  streetId: number | null;
  /** Positions the member holds in their community. */
  positionIds: readonly number[];
}

export interface ClaimRuleOptions {
  /**
   * A branch secretary claims for the member (支部统一报名): tasks for branches are then open,
   * and the position priority does not apply.
   */
  byBranchSecretary?: boolean;
  /**
   * The member's live sign-ups on other tasks: a task whose window overlaps one of them is refused
   * (TIME_CLASH). The API applies `clashingSignup` again inside the claim's transaction, to the
   * sign-ups it reads there (apps/api claims/time-clash.ts).
   */
  held?: readonly HeldSignup[];
}

/** The words for a clash with an earlier sign-up (the API's and the app's). */
export function timeClashMessage(title: string): string {
  return `与已报名的任务「${title}」时间冲突`;
}

const refusal = (code: ClaimRefusal, message = CLAIM_REFUSAL_LABELS[code]): ClaimRefusalReason => ({ code, message });

/**
 * Null when `member` may claim `task` at `now`, otherwise why not (a code and a Chinese message),
 * checked in this order: the task's status, the deadline, a task for branches (unless a branch
 * secretary claims), a time clash with `options.held` (when the task's window is known), then — when the member is known — an approved registration, the area (own
 * community, or another community of the same street) and the position priority window.
 *
 * `member` null checks the task alone (the mini-program, which shows only tasks of the member's
 * area and leaves the member's part to the API). Capacity (full / waitlist) and overlapping
 * claims are decided by the API inside the claim's transaction, not here.
 */
export function whyMemberCannotClaim(
  task: ClaimableTask,
  member: ClaimingMember | null,
  now: Instant,
  options: ClaimRuleOptions = {},
): ClaimRefusalReason | null {
  const t = toMs(now, 'now');
  const status = whyCannotClaimTask(task.status);
  if (status) return refusal(ClaimRefusal.TaskNotOpen, status);
  if (toMs(task.claimDeadline, 'claim deadline') <= t) return refusal(ClaimRefusal.DeadlinePassed);
  if (task.target === TaskTarget.Branches && !options.byBranchSecretary) return refusal(ClaimRefusal.BranchesOnly);
  const clash = task.window ? clashingSignup(task.window, options.held ?? [], null) : null;
  if (clash) return refusal(ClaimRefusal.TimeClash, timeClashMessage(clash.title));
  if (!member) return null;
  if (!member.approved) return refusal(ClaimRefusal.NotApproved);
  const sameCommunity = member.communityId === task.communityId;
  const sameStreet = task.streetId !== null && member.streetId === task.streetId;
  if (!sameCommunity && !sameStreet) return refusal(ClaimRefusal.OutOfArea);
  if (!options.byBranchSecretary && task.priorityUntil != null && toMs(task.priorityUntil, 'priority end') > t) {
    const reserved = task.positionIds.length > 0 && !task.positionIds.some((p) => member.positionIds.includes(p));
    if (reserved) {
      return refusal(
        ClaimRefusal.PositionPriority,
        `${CLAIM_REFUSAL_LABELS[ClaimRefusal.PositionPriority]}，${chinaHourMinute(task.priorityUntil)}后开放报名`,
      );
    }
  }
  return null;
}

/** The first of `held` (other than `exceptTaskId`) whose window overlaps `window`, if any. */
export function clashingSignup(
  window: TimeWindow,
  held: readonly HeldSignup[],
  exceptTaskId: number | null,
): HeldSignup | null {
  return held.find((h) => h.taskId !== exceptTaskId && windowsOverlap(window, { start: h.start, end: h.end })) ?? null;
}

/**
 * The claim rule's view of a task as the API sends it. Claims close when the task starts (the API
 * sets its claim deadline to the start); TaskDto carries neither the street nor the priority
 * window, so the area and priority checks are the API's (pass `member` null with it).
 */
export function claimableTaskOf(
  task: Pick<TaskDto, 'status' | 'target' | 'startAt' | 'endAt' | 'communityId' | 'positions'>,
): ClaimableTask {
  return {
    window: { start: Date.parse(task.startAt), end: Date.parse(task.endAt) },
    status: task.status,
    target: task.target,
    claimDeadline: Date.parse(task.startAt),
    communityId: task.communityId,
    streetId: null,
    priorityUntil: null,
    positionIds: task.positions.map((p) => p.id),
  };
}
