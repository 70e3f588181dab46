import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { execute, fromDbDate, toDbDate } from '../../platform/database/sql';
import { TooManyRequestsError } from '../../platform/throttle/too-many-requests';

/** One member's code attempts on one task. */
export interface CodeAttempt {
  memberUserId: number;
  taskId: number;
  /** 签到 or 签退, for the messages. */
  verb: string;
}

/**
 * Limits check-in code guesses per member and task: after CHECKIN_CODE_MAX_FAILURES wrong codes
 * the code is refused to that member on that task for CHECKIN_CODE_LOCK_MINUTES (429 with
 * Retry-After); location check-in stays open. A right code clears the count. Counted in the
 * database (`checkin_failures`), one atomic statement at a time, so two API processes share it.
 *
 * An attempt is reserved before the code is compared (the count only rises while it is below the
 * limit), so concurrent guesses cannot get past the limit either.
 */
@Injectable()
export class CheckinLockout {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get max(): number {
    return this.config.attendance.codeMaxFailures;
  }

  /** Takes one attempt; throws 429 while the member's code check-in on the task is locked. */
  async reserve(a: CodeAttempt, now = new Date()): Promise<void> {
    const ts = toDbDate(now);
    await this.db
      .createQueryBuilder()
      .insert()
      .into('checkin_failures', ['member_user_id', 'task_id', 'failure_count', 'locked_until', 'updated_at'])
      .values({
        member_user_id: a.memberUserId,
        task_id: a.taskId,
        failure_count: 0,
        locked_until: null,
        updated_at: ts,
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
    // A lock that has run out starts the count afresh.
    await execute(
      this.db,
      `UPDATE checkin_failures SET failure_count = 0, locked_until = NULL, updated_at = ?
        WHERE member_user_id = ? AND task_id = ? AND locked_until IS NOT NULL AND locked_until <= ?`,
      [ts, a.memberUserId, a.taskId, ts],
    );
    const taken = await execute(
      this.db,
      `UPDATE checkin_failures SET failure_count = failure_count + 1, updated_at = ?
        WHERE member_user_id = ? AND task_id = ? AND locked_until IS NULL AND failure_count < ?`,
      [ts, a.memberUserId, a.taskId, this.max],
    );
    if (taken !== 1) throw await this.locked(a, now);
  }

  /**
   * The reserved attempt was a wrong code: answers how many attempts are left, or throws 429 when
   * this one used up the last.
   */
  async failed(a: CodeAttempt, now = new Date()): Promise<number> {
    const [row] = (await this.db.query(
      'SELECT failure_count FROM checkin_failures WHERE member_user_id = ? AND task_id = ?',
      [a.memberUserId, a.taskId],
    )) as { failure_count: unknown }[];
    const left = this.max - Number(row?.failure_count ?? this.max);
    if (left > 0) return left;
    throw await this.locked(a, now);
  }

  /** The reserved attempt was the right code: the count starts afresh. */
  async succeeded(a: CodeAttempt): Promise<void> {
    await execute(this.db, 'DELETE FROM checkin_failures WHERE member_user_id = ? AND task_id = ?', [
      a.memberUserId,
      a.taskId,
    ]);
  }

  /** Locks the pair (unless already locked) and answers the 429 for it. */
  private async locked(a: CodeAttempt, now: Date): Promise<TooManyRequestsError> {
    const until = new Date(now.getTime() + this.config.attendance.codeLockMinutes * 60_000);
    await execute(
      this.db,
      'UPDATE checkin_failures SET locked_until = ?, updated_at = ? WHERE member_user_id = ? AND task_id = ? AND locked_until IS NULL',
      [toDbDate(until), toDbDate(now), a.memberUserId, a.taskId],
    );
    const [row] = (await this.db.query(
      'SELECT locked_until FROM checkin_failures WHERE member_user_id = ? AND task_id = ?',
      [a.memberUserId, a.taskId],
    )) as { locked_until: unknown }[];
    const lockedUntil = fromDbDate(row?.locked_until) ?? until;
    const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return new TooManyRequestsError(
      seconds,
      `${a.verb}码已连续输错${this.max}次，请${minutes}分钟后再试；到达现场后也可以定位${a.verb}`,
    );
  }
}
