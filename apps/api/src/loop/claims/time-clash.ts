import { clashingSignup, type HeldSignup } from '@sbd/domain';
import { fromDbDate } from '../../platform/database/sql';

/**
 * A member's claim as the claim path reads it (one statement, see ClaimsService.claimOne): the
 * claim on the task being claimed, and their live claims whose window meets the task's.
 */
export interface MemberClaimRow {
  id: number | string;
  task_id: number | string;
  title: string;
  starts_at: unknown;
  ends_at: unknown;
}

/**
 * The SQL only narrows (windows that overlap *or touch*, bounds included); whether a candidate
 * clashes is the domain's rule, the one the mini-program's 任务大厅 shows before the tap
 * (`clashingSignup`: touching ends are not a clash). Null: no clash.
 */
export function clashAmong(
  task: { id: number; startsAt: Date; endsAt: Date },
  rows: readonly MemberClaimRow[],
): HeldSignup | null {
  const held = rows
    .filter((r) => Number(r.task_id) !== task.id)
    .map((r) => ({
      taskId: Number(r.task_id),
      title: r.title,
      start: fromDbDate(r.starts_at)!,
      end: fromDbDate(r.ends_at)!,
    }));
  return clashingSignup({ start: task.startsAt, end: task.endsAt }, held, task.id);
}
