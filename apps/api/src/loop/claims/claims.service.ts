import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PAGES,
  pageUrl,
  ClaimRefusal,
  ClaimStatus,
  ErrorCode,
  NotificationKind,
  RegistrationStatus,
  Role,
  TaskTarget,
  type ClaimDto,
  type ClaimRefusalReason,
} from '@sbd/contracts';
import {
  CLASHING_CLAIM_STATUSES,
  whyCannotWithdraw,
  timeClashMessage,
  whyMemberCannotClaim,
  type ClaimableTask,
  type ClaimingMember,
} from '@sbd/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  illegalTransition,
  notFound,
} from '../../platform/errors/app-errors';
import { KeyedReads, sharesReads } from '../../platform/database/keyed-reads';
import { execute, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { NotificationsService } from '../../messaging';
import { TaskPositionEntity } from '../tasks/entities/task-position.entity';
import { TaskEntity } from '../tasks/entities/task.entity';
import type { CreateClaimDto } from './dto/claim.dtos';
import { ClaimEntity } from './entities/claim.entity';
import { ClaimViewsService } from './claim-views.service';
import { enqueueReminders } from './claim-reminders';
import { WaitlistService } from './waitlist.service';
import { FULL_AND_OPEN_SQL, joinWaitlistLocked, takeSlot, type ClaimOutcome } from './slot-counter';
import { clashAmong, type MemberClaimRow } from './time-clash';
import { type RegistrationView, registrationPositionReader, registrationReader } from '../../identity';
import { orgNodeReader } from '../../org';

/** Claims that are over: a new claim on the same task reuses their row. */
const ENDED = [ClaimStatus.Withdrawn, ClaimStatus.Expired, ClaimStatus.Cancelled];
/** A member's claims that block another at the same time. */
const OVERLAP_STATUSES = CLASHING_CLAIM_STATUSES as ClaimStatus[];

export interface ClaimResult {
  claim: ClaimDto;
  /** false when the same claim already existed (the request is idempotent). */
  created: boolean;
}

/** The claim rule's view of a task entity. */
function claimableTask(task: TaskEntity, positionIds: number[]): ClaimableTask {
  return {
    status: task.status,
    target: task.target,
    claimDeadline: task.claimDeadline,
    communityId: task.communityId,
    streetId: task.streetId,
    priorityUntil: task.priorityUntil,
    positionIds,
  };
}

/** Answers a refusal of the claim rule: 403 for who the member is, 409 for the task's state. */
function refuseClaim(why: ClaimRefusalReason | null): void {
  if (!why) return;
  if (why.code === ClaimRefusal.NotApproved || why.code === ClaimRefusal.OutOfArea) throw forbidden(why.message);
  throw illegalTransition(why.message);
}

/**
 * 接单: claims on task slots, withdrawals, and cancelling a task's claims. Capacity is held by a
 * conditional UPDATE of the task's counter in the same transaction as the claim row (unique per
 * member and task), never by read-then-write, so it holds under any concurrency and with several
 * API processes on one MySQL. Freed slots, the waitlist and its holds: WaitlistService.
 */
@Injectable()
export class ClaimsService {
  /** The task and the member's registration, read for concurrent claims in shared statements (a burst reads its task once). */
  private readonly tasks: KeyedReads<number, TaskEntity>;
  private readonly registrations: KeyedReads<number, RegistrationView>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly notifications: NotificationsService,
    private readonly views: ClaimViewsService,
    private readonly waitlist: WaitlistService,
  ) {
    const shared = sharesReads(db);
    this.tasks = new KeyedReads(
      async (ids) => new Map((await db.getRepository(TaskEntity).findBy({ id: In(ids) })).map((t) => [t.id, t])),
      shared,
    );
    this.registrations = new KeyedReads(
      async (userIds) =>
        new Map((await registrationReader(db).findBy({ userId: In(userIds) })).map((r) => [r.userId, r])),
      shared,
    );
  }

  /** A member claims a slot for themself, or a branch secretary claims for members of the branch. */
  async claim(p: Principal, dto: CreateClaimDto): Promise<ClaimResult[]> {
    const byBranchSecretary = dto.branchId !== undefined || dto.memberUserIds !== undefined;
    // The task and the member's own registration side by side (a branch secretary claims for others).
    const [task, own] = await Promise.all([
      this.tasks.get(dto.taskId),
      byBranchSecretary ? null : this.registrations.get(p.userId),
    ]);
    if (!task) throw notFound('任务不存在');
    const now = Date.now();
    // The task's part of the rule first (status, deadline, target), then the member's.
    refuseClaim(whyMemberCannotClaim(claimableTask(task, []), null, now, { byBranchSecretary }));
    if (byBranchSecretary) return this.claimForBranch(p, task, dto, now);
    const facts = await this.claimFacts(task, own, now, false);
    refuseClaim(whyMemberCannotClaim(facts.task, facts.member, now));
    const reg = own!; // approved: the rule refused otherwise
    const result = await transaction(this.db, (m) => this.claimOne(m, task, reg, p.userId, null, dto.joinWaitlist));
    await this.waitlist.settleUnlockedJoin(result);
    return [{ claim: await this.views.dtoOnTask(p, result.id, task), created: result.created }];
  }

  private async claimForBranch(
    p: Principal,
    task: TaskEntity,
    dto: CreateClaimDto,
    now: number,
  ): Promise<ClaimResult[]> {
    if (dto.branchId === undefined || !dto.memberUserIds?.length)
      throw badRequest('请选择支部和要指派的党员', 'memberUserIds');
    await this.scope.assertNode(p, dto.branchId, [Role.BranchSecretary], '只有该支部的书记可以为支部报名');
    if (task.target === TaskTarget.Branches) {
      const allowed: { branch_id: number }[] = await this.db.query(
        'SELECT branch_id FROM task_branches WHERE task_id = ?',
        [task.id],
      );
      if (allowed.length && !allowed.some((b) => Number(b.branch_id) === dto.branchId)) {
        throw forbidden('该任务没有面向您的支部');
      }
    }
    const regs = await registrationReader(this.db).findBy({
      userId: In(dto.memberUserIds),
      status: RegistrationStatus.Approved,
    });
    const byUser = new Map(regs.map((r) => [r.userId, r]));
    for (const userId of dto.memberUserIds) {
      const reg = byUser.get(userId);
      if (!reg || reg.branchId !== dto.branchId) throw badRequest('只能指派本支部已报到的党员', 'memberUserIds');
      const facts = await this.claimFacts(task, reg, now, true);
      refuseClaim(whyMemberCannotClaim(facts.task, facts.member, now, { byBranchSecretary: true }));
    }
    const results: ClaimOutcome[] = [];
    for (const userId of dto.memberUserIds) {
      const result = await transaction(this.db, (m) =>
        this.claimOne(m, task, byUser.get(userId)!, p.userId, dto.branchId!, dto.joinWaitlist),
      );
      await this.waitlist.settleUnlockedJoin(result);
      results.push(result);
    }
    const dtos = await this.views.toDtos(
      await this.db.getRepository(ClaimEntity).findBy({ id: In(results.map((r) => r.id)) }),
      p,
    );
    return results.map((r) => ({ claim: dtos.find((d) => d.id === r.id)!, created: r.created }));
  }

  /**
   * One claim, in the caller's transaction. The member's row lock orders their own claims (a repeat
   * or an overlap is seen, not raced). The task's row is the slot counter, and each claim takes it
   * once, for the last few statements: a claim that may get a slot updates the counter
   * conditionally (on MySQL the row stays locked even when the update matched nothing, so joining
   * the waitlist then needs no second wait). A claim on a task that the newest committed counter
   * shows full never takes the task's row: it writes its waitlisted claim alone, so a burst's
   * waitlist does not queue behind the slot counter, and `afterWaitlisted` settles the rest after
   * the commit. Nothing else of the task is read under the lock.
   */
  private async claimOne(
    m: EntityManager,
    task: TaskEntity,
    reg: RegistrationView,
    claimedById: number,
    branchId: number | null,
    joinWaitlist: boolean | undefined,
  ): Promise<ClaimOutcome> {
    const memberId = reg.userId;
    await lockRow(m, 'users', memberId);
    // One read for all three: the member's claim on this task, their live claims whose window
    // meets its window (bounds included: the SQL narrows, the domain rule decides the clash), and
    // whether the task is full as last committed (then a member who would wait goes straight to
    // the waitlist, the task's row untouched).
    const waitlistable = task.waitlist && joinWaitlist !== false;
    const rows: (MemberClaimRow & { status: ClaimStatus; full_now: unknown })[] = await m.query(
      `SELECT f.full_now AS full_now, mc.* FROM (SELECT ${waitlistable ? FULL_AND_OPEN_SQL : '0'} AS full_now) f
       LEFT JOIN (SELECT c.id, c.task_id, c.status, t.title, c.starts_at, c.ends_at FROM claims c INNER JOIN tasks t ON t.id = c.task_id
        WHERE c.member_user_id = ?
          AND (c.task_id = ? OR (c.status IN (${OVERLAP_STATUSES.map(() => '?').join(', ')}) AND c.starts_at <= ? AND c.ends_at >= ?))) mc ON 1 = 1`,
      [
        ...(waitlistable ? [task.id] : []),
        memberId,
        task.id,
        ...OVERLAP_STATUSES,
        toDbDate(task.endsAt),
        toDbDate(task.startsAt),
      ],
    );
    const mine = rows.filter((r) => r.id !== null && r.id !== undefined);
    const existingRow = mine.find((c) => Number(c.task_id) === task.id);
    const existing = existingRow ? { id: Number(existingRow.id), status: existingRow.status } : null;
    if (existing && !ENDED.includes(existing.status))
      return { id: existing.id, created: false, taskId: task.id, unlockedWaitlist: false };
    const clash = clashAmong(task, mine);
    if (clash) throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, timeClashMessage(clash.title));

    const now = new Date();
    const fullNow = waitlistable && Number(rows[0]?.full_now ?? 0) > 0;
    let status = fullNow
      ? ClaimStatus.Waitlisted
      : (await takeSlot(m, task.id, now))
        ? ClaimStatus.Claimed
        : ClaimStatus.Waitlisted;
    if (status === ClaimStatus.Waitlisted && !fullNow) status = await joinWaitlistLocked(m, task.id, now, joinWaitlist);

    const id = await this.writeClaim(m, existing, {
      task,
      memberId,
      registrationId: reg.id,
      branchId,
      claimedById,
      status,
      now,
    });
    if (status === ClaimStatus.Claimed)
      await enqueueReminders(this.notifications, m, { id, memberUserId: memberId }, task, now);
    return { id, created: true, taskId: task.id, unlockedWaitlist: fullNow };
  }

  /** The claim row: a new one, or the member's ended claim on the task (withdrawn, expired, cancelled) reused. */
  private async writeClaim(
    m: EntityManager,
    existing: { id: number; status: ClaimStatus } | null,
    c: {
      task: TaskEntity;
      memberId: number;
      registrationId: number;
      branchId: number | null;
      claimedById: number;
      status: ClaimStatus;
      now: Date;
    },
  ): Promise<number> {
    const values = [
      c.memberId,
      c.registrationId,
      c.branchId,
      c.claimedById,
      c.status,
      toDbDate(c.task.startsAt),
      toDbDate(c.task.endsAt),
      toDbDate(c.now),
      toDbDate(c.now),
    ];
    if (existing) {
      const changed = await execute(
        m,
        `UPDATE claims SET member_user_id = ?, registration_id = ?, branch_id = ?, claimed_by_id = ?, status = ?,
                starts_at = ?, ends_at = ?, claimed_at = ?, updated_at = ?, checked_in_at = NULL, checked_out_at = NULL,
                checkin_method = NULL, credit_half_hours = 0, verified_by_id = NULL, verified_at = NULL,
                reject_reason = NULL, hold_expires_at = NULL
          WHERE id = ? AND status = ?`,
        [...values, existing.id, existing.status],
      );
      if (changed !== 1) throw conflict('报名状态已变化，请刷新后重试');
      return existing.id;
    }
    const raw: unknown = await m.query(
      `INSERT INTO claims (member_user_id, registration_id, branch_id, claimed_by_id, status, starts_at, ends_at,
                           claimed_at, updated_at, task_id, credit_half_hours)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      [...values, c.task.id],
    );
    // mysql2 answers an OkPacket, better-sqlite3 (through TypeORM) the new row's id.
    return Number(typeof raw === 'object' && raw !== null ? (raw as { insertId: number }).insertId : raw);
  }

  /**
   * What the claim rule (domain `whyMemberCannotClaim`) looks at, loading only what it will use:
   * the street of the member's community when it is not the task's, positions while the task is
   * reserved for their holders.
   */
  private async claimFacts(
    task: TaskEntity,
    reg: RegistrationView | null,
    now: number,
    byBranchSecretary: boolean,
  ): Promise<{ task: ClaimableTask; member: ClaimingMember }> {
    const reserved = !byBranchSecretary && !!task.priorityUntil && task.priorityUntil.getTime() > now;
    const required = reserved
      ? (await this.db.getRepository(TaskPositionEntity).findBy({ taskId: task.id })).map((r) => r.positionId)
      : [];
    const approved = reg?.status === RegistrationStatus.Approved;
    let streetId: number | null = null;
    if (reg && approved && reg.communityId !== task.communityId) {
      streetId = (await orgNodeReader(this.db).findOneByOrFail({ id: reg.communityId })).parentId;
    }
    const held =
      reg && approved && required.length
        ? (await registrationPositionReader(this.db).findBy({ registrationId: reg.id, positionId: In(required) })).map(
            (h) => h.positionId,
          )
        : [];
    return {
      task: claimableTask(task, required),
      member: { approved, communityId: reg?.communityId ?? 0, streetId, positionIds: held },
    };
  }

  /** The member withdraws before the cut-off; a freed slot goes to the first on the waitlist. */
  async withdraw(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.views.load(claimId);
    if (claim.memberUserId !== p.userId && claim.claimedById !== p.userId) throw forbidden('只能退出自己的报名');
    const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
    const why = whyCannotWithdraw(claim.status, Date.now(), {
      startAt: task.startsAt,
      withdrawCutoffMinutes: task.withdrawCutoffMinutes,
    });
    if (why) throw illegalTransition(why);
    await transaction(this.db, async (m) => {
      await this.waitlist.leave(m, claim, ClaimStatus.Withdrawn, {});
      await this.notifications.enqueue(m, {
        userId: task.createdById,
        kind: NotificationKind.ClaimWithdrawn,
        title: '党员退出报名',
        body: `有党员退出了「${task.title}」的报名`,
        path: pageUrl(PAGES.adminTask, { id: task.id }),
        entityType: 'task',
        entityId: task.id,
        dedupeKey: `claim:${claim.id}:withdrawn:${Date.now()}`,
      });
    });
    return this.views.dto(p, claimId);
  }

  /** When a task is cancelled: every claim still waiting to serve is cancelled and told why. */
  async cancelAllForTask(m: EntityManager, taskId: number, reason: string): Promise<void> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const open = await m
      .getRepository(ClaimEntity)
      .findBy({ taskId, status: In([ClaimStatus.Claimed, ClaimStatus.Waitlisted]) });
    for (const claim of open) {
      await this.waitlist.leave(m, claim, ClaimStatus.Cancelled, { promote: false });
      await this.notifications.enqueue(m, {
        userId: claim.memberUserId,
        kind: NotificationKind.TaskCancelled,
        title: '任务已取消',
        body: `您报名的「${task.title}」已取消：${reason}`,
        entityType: 'task',
        entityId: taskId,
        dedupeKey: `task:${taskId}:cancelled:${claim.id}`,
      });
    }
  }
}
