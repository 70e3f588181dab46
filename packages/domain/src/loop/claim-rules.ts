import { CLAIM_HOLD_MINUTES, CLAIM_WITHDRAW_CUTOFF_MINUTES, ClaimAction, ClaimStatus } from '@sbd/contracts';
import { claimMachine } from './claim-machine';
import { MINUTE_MS, toMs, type Instant, type TimeWindow } from './time';

/** What the withdrawal rules need to know about a task. */
export interface WithdrawableTask {
  startAt: Instant;
  /** Overrides CLAIM_WITHDRAW_CUTOFF_MINUTES for this task. */
  withdrawCutoffMinutes?: number | null;
}

/** Last moment (epoch ms, exclusive) a claimed slot may be withdrawn: start − cut-off. */
export function withdrawDeadline(task: WithdrawableTask): number {
  const cutoff = task.withdrawCutoffMinutes ?? CLAIM_WITHDRAW_CUTOFF_MINUTES;
  if (!Number.isFinite(cutoff) || cutoff < 0) throw new RangeError('invalid withdraw cut-off');
  return toMs(task.startAt, 'task start') - cutoff * MINUTE_MS;
}

/** Whether a *claimed* slot may still be withdrawn at `now` (strictly before the deadline). */
export function canWithdraw(now: Instant, task: WithdrawableTask): boolean {
  return toMs(now, 'now') < withdrawDeadline(task);
}

/**
 * Null when a claim in `status` may be withdrawn at `now`, otherwise why not (Chinese).
 * Waitlisted claims may always be withdrawn; claimed ones only before the cut-off.
 */
export function whyCannotWithdraw(status: ClaimStatus, now: Instant, task: WithdrawableTask): string | null {
  const machine = claimMachine.whyNot(status, ClaimAction.Withdraw);
  if (machine) return machine;
  if (status === ClaimStatus.Claimed && !canWithdraw(now, task)) {
    const cutoff = task.withdrawCutoffMinutes ?? CLAIM_WITHDRAW_CUTOFF_MINUTES;
    return `活动开始前${formatMinutes(cutoff)}内不能退出报名，请联系社区`;
  }
  return null;
}

/** "45分钟", "2小时". */
export function formatMinutes(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

/** When an unconfirmed hold made at `heldAt` lapses (epoch ms). */
export function holdExpiresAt(heldAt: Instant, holdMinutes = CLAIM_HOLD_MINUTES): number {
  return toMs(heldAt, 'hold time') + holdMinutes * MINUTE_MS;
}

/** Whether a hold expiring at `expiresAt` has lapsed at `now` (null: not a hold, never lapses). */
export function isHoldExpired(expiresAt: Instant | null | undefined, now: Instant): boolean {
  if (expiresAt === null || expiresAt === undefined) return false;
  return toMs(now, 'now') >= toMs(expiresAt, 'hold expiry');
}

/**
 * Where a new claim goes: a slot while `taken` < capacity, else the waitlist when the task has
 * one and the member asked for it, else nowhere (null: the task is full). The API must take
 * this decision under a lock or a conditional update so capacity holds under concurrency.
 */
export function placeClaim(input: {
  capacity: number;
  taken: number;
  waitlist: boolean;
}): ClaimStatus.Claimed | ClaimStatus.Waitlisted | null {
  if (input.taken < input.capacity) return ClaimStatus.Claimed;
  return input.waitlist ? ClaimStatus.Waitlisted : null;
}

/** Whether two time windows overlap (touching ends do not: 9–10 and 10–11 are fine). */
export function windowsOverlap(a: TimeWindow, b: TimeWindow): boolean {
  return toMs(a.start) < toMs(b.end) && toMs(b.start) < toMs(a.end);
}
