// The task's slot counter, as claims take it: the conditional update of a slot, the waitlist
// with and without the task's row. Used by ClaimsService (in the claim's transaction).
import { ClaimStatus } from '@sbd/contracts';
import { whyCannotClaimTask } from '@sbd/domain';
import type { EntityManager } from 'typeorm';
import { conflict, illegalTransition } from '../../platform/errors/app-errors';
import { execute, forUpdate, toDbDate } from '../../platform/database/sql';
import { TaskEntity } from '../tasks/entities/task.entity';

/** One claim as written: the claim, whether it is new, and whether it joined the waitlist without the task's row. */
export interface ClaimOutcome {
  id: number;
  created: boolean;
  taskId: number;
  unlockedWaitlist: boolean;
}

/**
 * 1 when the task (its id the one parameter) as last committed (no lock) is open, takes a
 * waitlist and has every slot taken, else 0: a scalar subquery for the claim path's first read.
 */
export const FULL_AND_OPEN_SQL = `(SELECT COUNT(*) FROM tasks ft WHERE ft.id = ? AND ft.status IN ('published', 'in_progress')
    AND ft.waitlist = 1 AND ft.claimed_count >= ft.capacity)`;

/** The conditional update of the slot counter (first filling recorded in the same statement). */
export async function takeSlot(m: EntityManager, taskId: number, now: Date): Promise<boolean> {
  // filled_at first: MySQL evaluates SET left to right, SQLite on the old row; both see the old count.
  return (
    (await execute(
      m,
      `UPDATE tasks SET filled_at = CASE WHEN filled_at IS NULL AND claimed_count + 1 >= capacity THEN ? ELSE filled_at END,
              claimed_count = claimed_count + 1, updated_at = ?
        WHERE id = ? AND status IN ('published', 'in_progress') AND claimed_count < capacity`,
      [toDbDate(now), toDbDate(now), taskId],
    )) === 1
  );
}

/**
 * The task is full: joins its waitlist. The one write to the task's row, its version for the member
 * feed's cache, is conditional on the task being open and still full, and holds the row to the end:
 * a cancellation or a freed slot committed before it is seen here, and one after it sees this
 * claim. A slot freed meanwhile is taken instead (answers Claimed).
 */
export async function joinWaitlistLocked(
  m: EntityManager,
  taskId: number,
  now: Date,
  joinWaitlist: boolean | undefined,
): Promise<ClaimStatus> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const bumped =
      joinWaitlist !== false &&
      (await execute(
        m,
        `UPDATE tasks SET updated_at = ? WHERE id = ? AND status IN ('published', 'in_progress')
            AND claimed_count >= capacity AND waitlist = 1`,
        [toDbDate(now), taskId],
      )) === 1;
    if (bumped) return ClaimStatus.Waitlisted;
    // Why not: the task as it is now (a locking read on MySQL, not the transaction's snapshot).
    const fresh = await forUpdate(
      m.getRepository(TaskEntity).createQueryBuilder('t').where('t.id = :id', { id: taskId }),
    ).getOneOrFail();
    const why = whyCannotClaimTask(fresh.status);
    if (why) throw illegalTransition(why);
    if (fresh.claimedCount < fresh.capacity && (await takeSlot(m, taskId, now))) return ClaimStatus.Claimed;
    if (!fresh.waitlist || joinWaitlist === false) throw conflict('名额已满');
  }
  throw conflict('报名人数较多，请稍后重试');
}
