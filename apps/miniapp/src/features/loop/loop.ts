/**
 * Pure rules of the service-loop pages: which buttons a member sees on a task, a need's status
 * timeline, badge tones. The transition rules come from @sbd/domain's state machines, intersected
 * with the `allowedActions` the API sends (the server is the authority; the machine keeps the UI
 * from offering what the state can never allow).
 */
import {
  CHECKIN_EARLY_MINUTES,
  ClaimAction,
  ClaimStatus,
  NeedAction,
  NeedStatus,
  TaskStatus,
  type ClaimDto,
  type NeedDto,
  type TaskDto,
} from '@sbd/contracts';
import {
  CLASHING_CLAIM_STATUSES,
  claimableTaskOf,
  claimMachine,
  isHoldExpired,
  needMachine,
  whyCannotCheckIn,
  whyCannotWithdraw,
  whyMemberCannotClaim,
  type HeldSignup,
} from '@sbd/domain';
import type { Tone } from '@/ui/Badge';

export type { Tone };

// ---------- badges ----------

export const NEED_TONE: Record<NeedStatus, Tone> = {
  [NeedStatus.Held]: 'pending',
  [NeedStatus.Submitted]: 'pending',
  [NeedStatus.Accepted]: 'info',
  [NeedStatus.Rejected]: 'rejected',
  [NeedStatus.Merged]: 'neutral',
  [NeedStatus.Withdrawn]: 'neutral',
  [NeedStatus.Fulfilled]: 'approved',
  [NeedStatus.Rated]: 'approved',
};

export const TASK_TONE: Record<TaskStatus, Tone> = {
  [TaskStatus.Draft]: 'neutral',
  [TaskStatus.Published]: 'info',
  [TaskStatus.InProgress]: 'pending',
  [TaskStatus.Completed]: 'approved',
  [TaskStatus.Closed]: 'neutral',
  [TaskStatus.Cancelled]: 'rejected',
};

export const CLAIM_TONE: Record<ClaimStatus, Tone> = {
  [ClaimStatus.Claimed]: 'info',
  [ClaimStatus.Waitlisted]: 'pending',
  [ClaimStatus.CheckedIn]: 'pending',
  [ClaimStatus.CheckedOut]: 'pending',
  [ClaimStatus.Verified]: 'approved',
  [ClaimStatus.Rejected]: 'rejected',
  [ClaimStatus.Withdrawn]: 'neutral',
  [ClaimStatus.NoShow]: 'rejected',
  [ClaimStatus.Expired]: 'neutral',
  [ClaimStatus.Cancelled]: 'neutral',
};

// ---------- claims: what the member may do ----------

/** Claims that are over: the member may claim the task again. */
export const ENDED_CLAIM_STATUSES: readonly ClaimStatus[] = [
  ClaimStatus.Withdrawn,
  ClaimStatus.Expired,
  ClaimStatus.Cancelled,
];

/** The server allows it *and* the state machine does. */
export function claimCan(claim: Pick<ClaimDto, 'status' | 'allowedActions'>, action: ClaimAction): boolean {
  return claim.allowedActions.includes(action) && claimMachine.can(claim.status, action);
}

export interface MyClaimView {
  kind: 'mine';
  claim: ClaimDto;
  /** 1-based, while waitlisted. */
  waitlistPosition: number | null;
  /** A promoted claim not yet confirmed: confirm before this (epoch ms). */
  holdExpiresAt: number | null;
  canConfirm: boolean;
  canWithdraw: boolean;
  /** Why the withdraw button is not offered, when the claim could otherwise be withdrawn. */
  withdrawBlocked: string | null;
  canCheckIn: boolean;
  /** When check-in is not open yet (or over), why — shown beside the disabled check-in button. */
  checkInBlocked: string | null;
  canCheckOut: boolean;
}

export type MemberTaskView =
  | MyClaimView
  | { kind: 'claim'; slotsLeft: number; rejoin: boolean }
  | { kind: 'waitlist'; waitlistCount: number; rejoin: boolean }
  | { kind: 'blocked'; reason: string };

/**
 * What a member sees at the bottom of a task (and on its card in 任务大厅): their own claim and its
 * actions, or the claim / waitlist button, or why they cannot claim — a closed sign-up, or a time
 * clash with `held` (their live sign-ups, see heldSignups). `now` is epoch ms.
 */
export function memberTaskView(task: TaskDto, now: number, held: readonly HeldSignup[] = []): MemberTaskView {
  const claim = task.myClaim;
  if (claim && !ENDED_CLAIM_STATUSES.includes(claim.status)) return myClaimView(claim, now);
  const rejoin = !!claim;
  // The shared claim rule (the API's too); the member's area and priority are the API's to check.
  const others = held.filter((h) => h.taskId !== task.id);
  const why = whyMemberCannotClaim(claimableTaskOf(task), null, now, { held: others });
  if (why) return { kind: 'blocked', reason: why.message };
  const slotsLeft = Math.max(0, task.capacity - task.claimedCount);
  if (slotsLeft > 0) return { kind: 'claim', slotsLeft, rejoin };
  if (task.waitlist) return { kind: 'waitlist', waitlistCount: task.waitlistCount, rejoin };
  return { kind: 'blocked', reason: '名额已满' };
}

/** The member's live sign-ups (a slot held, service not over) as the claim rule reads them. */
export function heldSignups(claims: readonly ClaimDto[], now: number): HeldSignup[] {
  return claims
    .filter((c) => CLASHING_CLAIM_STATUSES.includes(c.status) && Date.parse(c.taskEndAt) > now)
    .map((c) => ({
      taskId: c.taskId,
      title: c.taskTitle,
      start: Date.parse(c.taskStartAt),
      end: Date.parse(c.taskEndAt),
    }));
}

/** The member's own claim: countdowns and which of confirm / withdraw / check-in / check-out apply. */
export function myClaimView(claim: ClaimDto, now: number): MyClaimView {
  const window = { start: Date.parse(claim.taskStartAt), end: Date.parse(claim.taskEndAt) };
  // The claim carries its withdraw deadline; the domain rule wants the cut-off in minutes.
  const cutoffMinutes = Math.max(0, Math.round((window.start - Date.parse(claim.withdrawDeadline)) / 60_000));
  const hold = claim.holdExpiresAt ? Date.parse(claim.holdExpiresAt) : null;
  const holdLive = claim.status === ClaimStatus.Claimed && hold !== null && !isHoldExpired(hold, now);

  const withdrawable = claimCan(claim, ClaimAction.Withdraw);
  const withdrawWhy = withdrawable
    ? whyCannotWithdraw(claim.status, now, { startAt: window.start, withdrawCutoffMinutes: cutoffMinutes })
    : null;

  // The shared rule (the API's too), with the early minutes the API is configured with.
  const checkInAllowed = claimCan(claim, ClaimAction.CheckIn);
  const opensAt = Date.parse(claim.checkInOpensAt);
  const earlyMinutes = Number.isFinite(opensAt)
    ? Math.max(0, Math.round((window.start - opensAt) / 60_000))
    : CHECKIN_EARLY_MINUTES;
  const checkInBlocked = checkInAllowed ? whyCannotCheckIn(now, window, earlyMinutes) : null;
  return {
    kind: 'mine',
    claim,
    waitlistPosition: claim.status === ClaimStatus.Waitlisted ? claim.waitlistPosition : null,
    holdExpiresAt: holdLive ? hold : null,
    canConfirm: holdLive,
    canWithdraw: withdrawable && withdrawWhy === null,
    withdrawBlocked: withdrawable ? withdrawWhy : null,
    canCheckIn: checkInAllowed && checkInBlocked === null,
    checkInBlocked,
    canCheckOut: claimCan(claim, ClaimAction.CheckOut),
  };
}

/** Plain words for a claim's state, for the member. */
export function claimStatusText(claim: ClaimDto): string {
  switch (claim.status) {
    case ClaimStatus.Claimed:
      return claim.holdExpiresAt ? '候补转正，请尽快确认参加' : '已报名，请按时到场签到';
    case ClaimStatus.Waitlisted:
      return '名额已满，有人退出时按候补顺序转正，转正后请及时确认';
    case ClaimStatus.CheckedIn:
      return '已签到，服务结束后请签退';
    case ClaimStatus.CheckedOut:
      return '已签退，等待社区核验服务时长';
    case ClaimStatus.Verified:
      return '服务时长已核验';
    case ClaimStatus.Rejected:
      return claim.rejectReason ? `未通过核验：${claim.rejectReason}` : '未通过核验';
    case ClaimStatus.NoShow:
      return '未签到，已记缺席';
    case ClaimStatus.Withdrawn:
      return '已退出报名';
    case ClaimStatus.Expired:
      return '报名已失效';
    case ClaimStatus.Cancelled:
      return '任务已取消';
    default:
      return '';
  }
}

// ---------- needs ----------

export function needCan(need: Pick<NeedDto, 'status' | 'allowedActions'>, action: NeedAction): boolean {
  return need.allowedActions.includes(action) && needMachine.can(need.status, action);
}

export type StepState = 'done' | 'current' | 'todo' | 'stopped';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  done: '已完成',
  current: '进行中',
  todo: '未开始',
  stopped: '已终止',
};

export interface TimelineStep {
  key: 'submit' | 'accept' | 'serve' | 'rate';
  title: string;
  state: StepState;
  time: string | null;
  note: string | null;
}

/** The four steps of a need (提交 → 受理 → 办结 → 评价), each with its state in words. */
export function needTimeline(need: NeedDto): TimelineStep[] {
  const steps: TimelineStep[] = [
    {
      key: 'submit',
      title: '提交需求',
      state: 'done',
      time: need.createdAt,
      note: need.onBehalf ? '社区工作人员代为提交' : null,
    },
    { key: 'accept', title: '社区受理', state: 'todo', time: need.acceptedAt, note: null },
    { key: 'serve', title: '党员服务、办结', state: 'todo', time: need.fulfilledAt, note: null },
    { key: 'rate', title: '评价服务', state: 'todo', time: need.ratedAt, note: null },
  ];
  const [, accept, serve, rate] = steps;
  const reopened =
    need.reopenCount > 0
      ? `您反馈“没解决”，已重新办理${need.reopenCount > 1 ? `（第${need.reopenCount}次）` : ''}`
      : null;
  switch (need.status) {
    case NeedStatus.Held:
      accept.state = 'current';
      accept.note = '内容审核中，社区工作人员审核后即公开受理';
      break;
    case NeedStatus.Submitted:
      accept.state = 'current';
      accept.note = '等待社区受理';
      break;
    case NeedStatus.Accepted:
      accept.state = 'done';
      serve.state = 'current';
      serve.note = reopened ?? (need.taskIds.length ? '社区已派单，党员正在服务' : '社区正在安排党员服务');
      break;
    case NeedStatus.Fulfilled:
      accept.state = 'done';
      serve.state = 'done';
      rate.state = 'current';
      rate.note = '服务已完成，请您评价；如果问题没解决，请点“没解决”';
      break;
    case NeedStatus.Rated:
      accept.state = 'done';
      serve.state = 'done';
      rate.state = 'done';
      rate.note = need.rating ? `${need.rating.score}分${need.rating.comment ? `：${need.rating.comment}` : ''}` : null;
      break;
    case NeedStatus.Rejected:
      accept.state = 'stopped';
      accept.note = need.rejectReason ? `未受理：${need.rejectReason}` : '未受理';
      break;
    case NeedStatus.Merged:
      accept.state = 'stopped';
      accept.note = '与社区已登记的同类需求合并办理，进展会通知您';
      break;
    case NeedStatus.Withdrawn: {
      const at = need.acceptedAt ? serve : accept;
      if (need.acceptedAt) accept.state = 'done';
      at.state = 'stopped';
      at.note = '您已撤回该需求';
      break;
    }
    default:
      break;
  }
  return steps;
}
