import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PAGES,
  CLAIM_HOLD_MINUTES,
  CLAIMABLE_TASK_STATUSES,
  ClaimAction,
  ClaimStatus,
  NotificationKind,
  SLOT_HOLDING_CLAIM_STATUSES,
  type ClaimDto,
  type TaskStatus,
} from '@sbd/contracts';
import { claimMachine, whyCannotClaimTask } from '@sbd/domain';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { forbidden, illegalTransition } from '../../platform/errors/app-errors';
import { KeyedReads, sharesReads } from '../../platform/database/keyed-reads';
import { execute, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { automaticTransition } from '../../platform/database/automatic-transition';
import { NotificationsService } from '../../messaging';
import { TaskEntity } from '../tasks/entities/task.entity';
import { ClaimEntity } from './entities/claim.entity';
import { ClaimViewsService } from './claim-views.service';
import { cancelReminders, enqueueReminders } from './claim-reminders';
import type { ClaimOutcome } from './slot-counter';

const HOLDING = SLOT_HOLDING_CLAIM_STATUSES as ClaimStatus[];
/** A freed slot goes to the first on the waitlist (waitlisted → claimed, by the claim machine). */
const PROMOTE = automaticTransition(claimMachine, ClaimAction.Promote);
/** An unconfirmed hold lapses: only claimed holds expire here (waitlisted ones when the task ends). */
const HOLD_EXPIRES = automaticTransition(claimMachine, ClaimAction.Expire, [ClaimStatus.Claimed]);
const OPEN_TASK = ['published', 'in_progress'];

/** Records when a task first became full (for "time from publishing to full"). */
export async function markFilled(m: EntityManager, taskId: number, now: Date): Promise<void> {
  await execute(m, 'UPDATE tasks SET filled_at = ? WHERE id = ? AND filled_at IS NULL AND claimed_count >= capacity', [
    toDbDate(now),
    taskId,
  ]);
}

/**
 * The first on the task's waitlist, read as it is now (a locking read on MySQL): a plain read in a
 * REPEATABLE READ transaction sees the snapshot taken at the transaction's first read, which may
 * predate the promotion another withdrawal has just committed.
 */
async function firstWaitlisted(
  m: EntityManager,
  taskId: number,
  passed: number[],
): Promise<{ id: number; memberUserId: number } | null> {
  const skip = passed.length ? ` AND id NOT IN (${passed.map(() => '?').join(', ')})` : '';
  const lock = m.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
  const rows: { id: number; member_user_id: number }[] = await m.query(
    `SELECT id, member_user_id FROM claims WHERE task_id = ? AND status = ?${skip} ORDER BY claimed_at, id LIMIT 1${lock}`,
    [taskId, ClaimStatus.Waitlisted, ...passed],
  );
  return rows.length ? { id: Number(rows[0].id), memberUserId: Number(rows[0].member_user_id) } : null;
}

/**
 * Freed slots and the waitlist: a claim leaving the task gives its slot back, the first on the
 * waitlist is promoted to an unconfirmed hold, the member confirms it, and the scheduler expires
 * holds not confirmed in time. Every change is a conditional UPDATE, as in ClaimsService.
 */
@Injectable()
export class WaitlistService {
  /**
   * The conditional bump of settleUnlockedJoin, shared by the waitlisted claims on one task that
   * ask in the same turn of the event loop: one statement per task, sent after every one of them
   * committed, so its answer (still open and full, or not) holds for each as their own would have.
   */
  private readonly stillOpenAndFull: KeyedReads<number, { full: boolean }>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly views: ClaimViewsService,
  ) {
    this.stillOpenAndFull = new KeyedReads(async (taskIds) => {
      const now = toDbDate(new Date());
      const matched = await Promise.all(
        taskIds.map((id) =>
          execute(
            db.manager,
            `UPDATE tasks SET updated_at = ? WHERE id = ? AND claimed_count >= capacity
                AND status IN (${CLAIMABLE_TASK_STATUSES.map(() => '?').join(', ')})`,
            [now, id, ...CLAIMABLE_TASK_STATUSES],
          ),
        ),
      );
      return new Map(taskIds.map((id, i) => [id, { full: matched[i] === 1 }]));
    }, sharesReads(db));
  }

  /**
   * Moves a claim out of the task (withdrawn, expired, cancelled, no-show, rejected): a conditional
   * update of the claim, the counter given back if it held a slot, and the waitlist promoted.
   */
  async leave(
    m: EntityManager,
    claim: ClaimEntity,
    to: ClaimStatus,
    extra: { rejectReason?: string; promote?: boolean },
  ): Promise<boolean> {
    const now = new Date();
    // The task before the claim, as when claiming and when the task itself moves: no lock cycle.
    await lockRow(m, 'tasks', claim.taskId);
    const changed = await execute(
      m,
      'UPDATE claims SET status = ?, reject_reason = COALESCE(?, reject_reason), hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?',
      [to, extra.rejectReason ?? null, toDbDate(now), claim.id, claim.status],
    );
    if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
    await cancelReminders(this.notifications, m, claim);
    if (HOLDING.includes(claim.status) && !HOLDING.includes(to)) {
      await execute(
        m,
        'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ? AND claimed_count > 0',
        [toDbDate(now), claim.taskId],
      );
      if (extra.promote !== false) await this.promoteWaitlist(m, claim.taskId, now);
    } else if (claim.status === ClaimStatus.Waitlisted) {
      // The task's waitlist count changed: its lists (the member feed's cache) must see it.
      await execute(m, 'UPDATE tasks SET updated_at = ? WHERE id = ?', [toDbDate(now), claim.taskId]);
    }
    return true;
  }

  /**
   * After a waitlisted claim written without the task's row: bumps the task's version (the member
   * feed's cache sees the new waitlist count), which waits for any transaction holding the row, so
   * what is read next includes a slot freed or a cancellation committed while this claim was being
   * written. A freed slot goes to the waitlist in order (perhaps to this claim); on a task no longer
   * open, the claim is cancelled and refused as the claim would have been.
   *
   * In a burst nearly every such claim finds the task still open and still full: the bump is then
   * made conditional on exactly that, and one statement both waits for the row and answers that
   * nothing is left to settle, shared by the claims on the task that ask together (MySQL; see
   * `stillOpenAndFull`). Otherwise (it matched nothing) the bump and the read below decide.
   */
  async settleUnlockedJoin(result: ClaimOutcome): Promise<void> {
    if (!result.unlockedWaitlist) return;
    if ((await this.stillOpenAndFull.get(result.taskId))?.full) return;
    const now = new Date();
    await execute(this.db.manager, 'UPDATE tasks SET updated_at = ? WHERE id = ?', [toDbDate(now), result.taskId]);
    const [task] = await this.db.query<{ status: TaskStatus; free: number }[]>(
      'SELECT status, capacity - claimed_count AS free FROM tasks WHERE id = ?',
      [result.taskId],
    );
    const closed = whyCannotClaimTask(task.status);
    if (closed) {
      await execute(this.db.manager, 'UPDATE claims SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
        ClaimStatus.Cancelled,
        toDbDate(now),
        result.id,
        ClaimStatus.Waitlisted,
      ]);
      throw illegalTransition(closed);
    }
    if (Number(task.free) > 0) {
      await transaction(this.db, async (m) => {
        await lockRow(m, 'tasks', result.taskId);
        await this.promoteWaitlist(m, result.taskId, now);
      });
    }
  }

  /** Gives free slots to the waitlist in order; the promoted member must confirm within the hold. */
  async promoteWaitlist(m: EntityManager, taskId: number, now = new Date()): Promise<number> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    if (!OPEN_TASK.includes(task.status) || task.startsAt.getTime() <= now.getTime()) return 0;
    let promoted = 0;
    const passed: number[] = [];
    for (;;) {
      const next = await firstWaitlisted(m, taskId, passed);
      if (!next) break;
      const slot = await execute(
        m,
        `UPDATE tasks SET claimed_count = claimed_count + 1, updated_at = ? WHERE id = ? AND claimed_count < capacity AND status IN ('published', 'in_progress')`,
        [toDbDate(now), taskId],
      );
      if (slot !== 1) break;
      const hold = new Date(Math.min(now.getTime() + CLAIM_HOLD_MINUTES * 60_000, task.startsAt.getTime()));
      const changed = await execute(
        m,
        `UPDATE claims SET status = ?, hold_expires_at = ?, claimed_at = ?, updated_at = ? WHERE id = ? AND ${PROMOTE.statusIn}`,
        [PROMOTE.to, toDbDate(hold), toDbDate(now), toDbDate(now), next.id, ...PROMOTE.from],
      );
      if (changed !== 1) {
        await execute(m, 'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ?', [
          toDbDate(now),
          taskId,
        ]);
        passed.push(next.id); // never the same row twice: the loop ends
        continue;
      }
      promoted++;
      await markFilled(m, taskId, now);
      await enqueueReminders(this.notifications, m, next, task, now);
      await this.notifications.enqueue(m, {
        userId: next.memberUserId,
        kind: NotificationKind.ClaimPromoted,
        title: '候补转正',
        body: `「${task.title}」有空余名额，您已由候补转为报名，请在${CLAIM_HOLD_MINUTES}分钟内确认`,
        path: PAGES.claims,
        entityType: 'claim',
        entityId: next.id,
        dedupeKey: `claim:${next.id}:promoted:${now.getTime()}`,
      });
    }
    return promoted;
  }

  /** The promoted member confirms the hold before it expires. */
  async confirm(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.views.load(claimId);
    if (claim.memberUserId !== p.userId) throw forbidden('只能确认自己的报名');
    if (claim.status !== ClaimStatus.Claimed || !claim.holdExpiresAt) throw illegalTransition('该报名无需确认');
    const changed = await execute(
      this.db,
      'UPDATE claims SET hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ? AND hold_expires_at > ?',
      [toDbDate(new Date()), claimId, ClaimStatus.Claimed, toDbDate(new Date())],
    );
    if (changed !== 1) throw illegalTransition('报名保留已过期');
    return this.views.dto(p, claimId);
  }

  /** Background job: unconfirmed holds expire and their slots go to the next on the waitlist. */
  async expireHolds(now = new Date(), batch = 100): Promise<number> {
    const due = await this.db.getRepository(ClaimEntity).find({
      where: { status: ClaimStatus.Claimed, holdExpiresAt: LessThan(now) },
      order: { id: 'ASC' },
      take: batch,
    });
    let expired = 0;
    for (const claim of due) {
      try {
        await transaction(this.db, async (m) => {
          await lockRow(m, 'tasks', claim.taskId);
          const changed = await execute(
            m,
            `UPDATE claims SET status = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ? AND ${HOLD_EXPIRES.statusIn} AND hold_expires_at < ?`,
            [HOLD_EXPIRES.to, toDbDate(now), claim.id, ...HOLD_EXPIRES.from, toDbDate(now)],
          );
          if (changed !== 1) return; // confirmed or handled by another process
          await cancelReminders(this.notifications, m, claim);
          await execute(
            m,
            'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ? AND claimed_count > 0',
            [toDbDate(now), claim.taskId],
          );
          await this.notifications.enqueue(m, {
            userId: claim.memberUserId,
            kind: NotificationKind.ClaimExpired,
            title: '报名已失效',
            body: '您由候补转正的报名未在规定时间内确认，名额已顺延给下一位',
            entityType: 'claim',
            entityId: claim.id,
            dedupeKey: `claim:${claim.id}:expired:${now.getTime()}`,
          });
          await this.promoteWaitlist(m, claim.taskId, now);
          expired++;
        });
      } catch {
        // Another process changed it first; the next run sees the new state.
      }
    }
    return expired;
  }
}
