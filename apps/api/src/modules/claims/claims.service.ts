import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CLAIM_HOLD_MINUTES,
  ClaimAction,
  ClaimStatus,
  ErrorCode,
  NotificationKind,
  PointsReason,
  RegistrationStatus,
  Role,
  SLOT_HOLDING_CLAIM_STATUSES,
  TaskTarget,
  type ClaimDto,
  type Page,
} from '@sbd/contracts';
import {
  bonusForRating,
  checkInOpen,
  chinaHourMinute,
  claimMachine,
  creditedHours,
  distanceMeters,
  IllegalTransitionError,
  penaltyForNoShow,
  pointsForVerifiedService,
  verifyCheckinCode,
  whyCannotClaimTask,
  whyCannotWithdraw,
} from '@sbd/domain';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../common/auth/scope.service';
import { AppError, badRequest, conflict, forbidden, illegalTransition, notFound } from '../../common/errors/app-errors';
import { execute, lockRow, toDbDate, transaction } from '../../database/sql';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service';
import { OrgNodeEntity } from '../org/entities/org-node.entity';
import { PointsService } from '../points/points.service';
import { RegistrationPositionEntity } from '../registration/entities/registration-position.entity';
import { RegistrationEntity } from '../registration/entities/registration.entity';
import { TaskPositionEntity } from '../tasks/entities/task-position.entity';
import { TaskEntity } from '../tasks/entities/task.entity';
import { UserEntity } from '../users/entities/user.entity';
import type { BackfillDto, CheckInDto, CreateClaimDto, ListClaimsQuery, RateServiceDto, VerifyClaimDto } from './dto/claim.dtos';
import { BackfillEntity } from './entities/backfill.entity';
import { ClaimEntity } from './entities/claim.entity';
import { RatingEntity } from './entities/rating.entity';
import { OWN_CLAIM_SELECT, ownClaimFromRow, toClaimDto, type ClaimTaskView } from './claim-view';

const HOLDING = SLOT_HOLDING_CLAIM_STATUSES as ClaimStatus[];
/** Claims that are over: a new claim on the same task reuses their row. */
const ENDED = [ClaimStatus.Withdrawn, ClaimStatus.Expired, ClaimStatus.Cancelled];
const OPEN_TASK = ['published', 'in_progress'];

export interface ClaimResult {
  claim: ClaimDto;
  /** false when the same claim already existed (the request is idempotent). */
  created: boolean;
}

const machine = (status: ClaimStatus, action: ClaimAction): ClaimStatus => {
  try {
    return claimMachine.next(status, action);
  } catch (err) {
    if (err instanceof IllegalTransitionError) throw illegalTransition(err.message);
    throw err;
  }
};

/**
 * 接单: claims on task slots. Capacity is held by a conditional UPDATE of the task's counter in the
 * same transaction as the claim row (unique per member and task), never by read-then-write, so it
 * holds under any concurrency and with several API processes on one MySQL.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly notifications: NotificationsService,
    private readonly points: PointsService,
  ) {}

  /** A member claims a slot for themself, or a branch secretary claims for members of the branch. */
  async claim(p: Principal, dto: CreateClaimDto): Promise<ClaimResult[]> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id: dto.taskId });
    if (!task) throw notFound('任务不存在');
    const why = whyCannotClaimTask(task.status);
    if (why) throw illegalTransition(why);
    if (task.claimDeadline.getTime() <= Date.now()) throw illegalTransition('报名已截止');

    if (dto.branchId !== undefined || dto.memberUserIds !== undefined) {
      return this.claimForBranch(p, task, dto);
    }
    if (task.target === TaskTarget.Branches) throw illegalTransition('该任务面向支部，请由支部书记统一报名');
    const reg = await this.approvedRegistration(p.userId);
    await this.assertMayServe(task, reg);
    await this.assertPriority(task, reg);
    const { id, created } = await transaction(this.db, (m) => this.claimOne(m, task, reg, p.userId, null, dto.joinWaitlist));
    return [{ claim: (await this.toDtos([await this.load(id)], p))[0], created }];
  }

  private async claimForBranch(p: Principal, task: TaskEntity, dto: CreateClaimDto): Promise<ClaimResult[]> {
    if (dto.branchId === undefined || !dto.memberUserIds?.length) throw badRequest('请选择支部和要指派的党员', 'memberUserIds');
    await this.scope.assertNode(p, dto.branchId, [Role.BranchSecretary], '只有该支部的书记可以为支部报名');
    if (task.target === TaskTarget.Branches) {
      const allowed: { branch_id: number }[] = await this.db.query('SELECT branch_id FROM task_branches WHERE task_id = ?', [task.id]);
      if (allowed.length && !allowed.some((b) => Number(b.branch_id) === dto.branchId)) {
        throw forbidden('该任务没有面向您的支部');
      }
    }
    const regs = await this.db.getRepository(RegistrationEntity).findBy({ userId: In(dto.memberUserIds), status: RegistrationStatus.Approved });
    const byUser = new Map(regs.map((r) => [r.userId, r]));
    for (const userId of dto.memberUserIds) {
      const reg = byUser.get(userId);
      if (!reg || reg.branchId !== dto.branchId) throw badRequest('只能指派本支部已报到的党员', 'memberUserIds');
      await this.assertMayServe(task, reg);
    }
    const results: { id: number; created: boolean }[] = [];
    for (const userId of dto.memberUserIds) {
      results.push(await transaction(this.db, (m) => this.claimOne(m, task, byUser.get(userId)!, p.userId, dto.branchId!, dto.joinWaitlist)));
    }
    const dtos = await this.toDtos(await this.db.getRepository(ClaimEntity).findBy({ id: In(results.map((r) => r.id)) }), p);
    return results.map((r) => ({ claim: dtos.find((d) => d.id === r.id)!, created: r.created }));
  }

  /** One claim, in the caller's transaction. */
  private async claimOne(
    m: EntityManager,
    task: TaskEntity,
    reg: RegistrationEntity,
    claimedById: number,
    branchId: number | null,
    joinWaitlist: boolean | undefined,
  ): Promise<{ id: number; created: boolean }> {
    const memberId = reg.userId;
    // One member's claims are decided one at a time: repeats and overlaps are seen, not raced.
    await lockRow(m, 'users', memberId);
    const repo = m.getRepository(ClaimEntity);
    const existing = await repo.findOneBy({ taskId: task.id, memberUserId: memberId });
    if (existing && !ENDED.includes(existing.status)) return { id: existing.id, created: false };

    const overlapping = await m
      .getRepository(ClaimEntity)
      .createQueryBuilder('c')
      .innerJoin(TaskEntity, 't', 't.id = c.task_id')
      .select(['c.id AS id', 't.title AS title'])
      .where('c.member_user_id = :memberId AND c.task_id <> :taskId', { memberId, taskId: task.id })
      .andWhere('c.status IN (:...statuses)', { statuses: [...HOLDING.filter((s) => s !== ClaimStatus.Verified), ClaimStatus.Waitlisted] })
      .andWhere('c.starts_at < :end AND c.ends_at > :start', { end: toDbDate(task.endsAt), start: toDbDate(task.startsAt) })
      .getRawOne<{ id: number; title: string }>();
    if (overlapping) {
      throw new AppError(HttpStatus.CONFLICT, ErrorCode.Conflict, `与已报名的任务「${overlapping.title}」时间冲突`);
    }

    const now = new Date();
    const gotSlot =
      (await execute(
        m,
        `UPDATE tasks SET claimed_count = claimed_count + 1, updated_at = ?
          WHERE id = ? AND status IN ('published', 'in_progress') AND claimed_count < capacity`,
        [toDbDate(now), task.id],
      )) === 1;
    let status = ClaimStatus.Claimed;
    if (gotSlot) await this.markFilled(m, task.id, now);
    if (!gotSlot) {
      const fresh = await m.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
      const why = whyCannotClaimTask(fresh.status);
      if (why) throw illegalTransition(why);
      if (!fresh.waitlist || joinWaitlist === false) throw conflict('名额已满');
      status = ClaimStatus.Waitlisted;
      // The task's waitlist count changes: its lists (the member feed's cache) must see it.
      await execute(m, 'UPDATE tasks SET updated_at = ? WHERE id = ?', [toDbDate(now), task.id]);
    }
    const values = {
      taskId: task.id,
      memberUserId: memberId,
      registrationId: reg.id,
      branchId,
      claimedById,
      status,
      startsAt: task.startsAt,
      endsAt: task.endsAt,
      checkedInAt: null,
      checkedOutAt: null,
      checkinMethod: null,
      creditHalfHours: 0,
      verifiedById: null,
      verifiedAt: null,
      rejectReason: null,
      holdExpiresAt: null,
      claimedAt: now,
      updatedAt: now,
    };
    let id: number;
    if (existing) {
      const changed = await m
        .createQueryBuilder()
        .update(ClaimEntity)
        .set(values)
        .where('id = :id AND status = :status', { id: existing.id, status: existing.status })
        .execute();
      if (changed.affected !== 1) throw conflict('报名状态已变化，请刷新后重试');
      id = existing.id;
    } else {
      id = Number((await repo.insert(values)).identifiers[0].id);
    }
    if (status === ClaimStatus.Claimed) await this.enqueueReminders(m, id, task, now);
    return { id, created: true };
  }

  /** Records when a task first became full (for "time from publishing to full"). */
  private async markFilled(m: EntityManager, taskId: number, now: Date): Promise<void> {
    await execute(m, 'UPDATE tasks SET filled_at = ? WHERE id = ? AND filled_at IS NULL AND claimed_count >= capacity', [toDbDate(now), taskId]);
  }

  /** Reminders 24 h and 2 h before the service, delivered by the dispatcher when due. */
  private async enqueueReminders(m: EntityManager, claimId: number, task: TaskEntity, claimedAt: Date): Promise<void> {
    const claim = await m.getRepository(ClaimEntity).findOneByOrFail({ id: claimId });
    const items: NewNotification[] = [];
    for (const [label, hours] of [['24h', 24], ['2h', 2]] as const) {
      const at = new Date(task.startsAt.getTime() - hours * 3600_000);
      if (at.getTime() <= claimedAt.getTime()) continue;
      items.push({
        userId: claim.memberUserId,
        kind: NotificationKind.TaskReminder,
        title: '服务提醒',
        body: `您报名的「${task.title}」将于${hours}小时后开始，地点：${task.place}`,
        path: `/packageMember/pages/task/index?id=${task.id}`,
        entityType: 'claim',
        entityId: claimId,
        dedupeKey: this.reminderKey(claimId, label, claimedAt),
        notBefore: at,
      });
    }
    await this.notifications.enqueue(m, items);
  }

  private reminderKey(claimId: number, label: string, claimedAt: Date): string {
    return `reminder:${label}:claim:${claimId}:${claimedAt.getTime()}`;
  }

  private async cancelReminders(m: EntityManager, claim: ClaimEntity): Promise<void> {
    await this.notifications.cancelPending(m, ['24h', '2h'].map((l) => this.reminderKey(claim.id, l, claim.claimedAt)));
  }

  private async approvedRegistration(userId: number): Promise<RegistrationEntity> {
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ userId });
    if (!reg || reg.status !== RegistrationStatus.Approved) throw forbidden('报到审核通过后才能接单');
    return reg;
  }

  /** Members serve in their own community and the rest of its street. */
  private async assertMayServe(task: TaskEntity, reg: RegistrationEntity): Promise<void> {
    if (reg.communityId === task.communityId) return;
    const community = await this.db.getRepository(OrgNodeEntity).findOneByOrFail({ id: reg.communityId });
    if (!task.streetId || community.parentId !== task.streetId) throw forbidden('只能报名本社区或本街道的任务');
  }

  /** 岗位式: during the priority window only holders of a required position may claim. */
  private async assertPriority(task: TaskEntity, reg: RegistrationEntity): Promise<void> {
    if (!task.priorityUntil || task.priorityUntil.getTime() <= Date.now()) return;
    const required = await this.db.getRepository(TaskPositionEntity).findBy({ taskId: task.id });
    if (!required.length) return;
    const held = await this.db
      .getRepository(RegistrationPositionEntity)
      .countBy({ registrationId: reg.id, positionId: In(required.map((r) => r.positionId)) });
    if (!held) {
      throw illegalTransition(`该任务优先向相关岗位的党员开放，${chinaHourMinute(task.priorityUntil)}后开放报名`);
    }
  }

  /** The member withdraws before the cut-off; a freed slot goes to the first on the waitlist. */
  async withdraw(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.load(claimId);
    if (claim.memberUserId !== p.userId && claim.claimedById !== p.userId) throw forbidden('只能退出自己的报名');
    const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
    const why = whyCannotWithdraw(claim.status, Date.now(), { startAt: task.startsAt, withdrawCutoffMinutes: task.withdrawCutoffMinutes });
    if (why) throw illegalTransition(why);
    await transaction(this.db, async (m) => {
      await this.leave(m, claim, ClaimStatus.Withdrawn, {});
      await this.notifications.enqueue(m, {
        userId: task.createdById,
        kind: NotificationKind.ClaimWithdrawn,
        title: '党员退出报名',
        body: `有党员退出了「${task.title}」的报名`,
        path: `/packageAdmin/pages/task/index?id=${task.id}`,
        entityType: 'task',
        entityId: task.id,
        dedupeKey: `claim:${claim.id}:withdrawn:${Date.now()}`,
      });
    });
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  /**
   * Moves a claim out of the task (withdrawn, expired, cancelled, no-show, rejected): a conditional
   * update of the claim, the counter given back if it held a slot, and the waitlist promoted.
   */
  private async leave(
    m: EntityManager,
    claim: ClaimEntity,
    to: ClaimStatus,
    extra: { rejectReason?: string; promote?: boolean },
  ): Promise<boolean> {
    const now = new Date();
    const changed = await execute(
      m,
      'UPDATE claims SET status = ?, reject_reason = COALESCE(?, reject_reason), hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?',
      [to, extra.rejectReason ?? null, toDbDate(now), claim.id, claim.status],
    );
    if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
    await this.cancelReminders(m, claim);
    if (HOLDING.includes(claim.status) && !HOLDING.includes(to)) {
      await execute(m, 'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ? AND claimed_count > 0', [
        toDbDate(now),
        claim.taskId,
      ]);
      if (extra.promote !== false) await this.promoteWaitlist(m, claim.taskId, now);
    } else if (claim.status === ClaimStatus.Waitlisted) {
      // The task's waitlist count changed: its lists (the member feed's cache) must see it.
      await execute(m, 'UPDATE tasks SET updated_at = ? WHERE id = ?', [toDbDate(now), claim.taskId]);
    }
    return true;
  }

  /** Gives free slots to the waitlist in order; the promoted member must confirm within the hold. */
  async promoteWaitlist(m: EntityManager, taskId: number, now = new Date()): Promise<number> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    if (!OPEN_TASK.includes(task.status) || task.startsAt.getTime() <= now.getTime()) return 0;
    let promoted = 0;
    for (;;) {
      const next = await m.getRepository(ClaimEntity).findOne({ where: { taskId, status: ClaimStatus.Waitlisted }, order: { claimedAt: 'ASC', id: 'ASC' } });
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
        "UPDATE claims SET status = 'claimed', hold_expires_at = ?, claimed_at = ?, updated_at = ? WHERE id = ? AND status = 'waitlisted'",
        [toDbDate(hold), toDbDate(now), toDbDate(now), next.id],
      );
      if (changed !== 1) {
        await execute(m, 'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ?', [toDbDate(now), taskId]);
        continue;
      }
      promoted++;
      await this.markFilled(m, taskId, now);
      await this.enqueueReminders(m, next.id, task, now);
      await this.notifications.enqueue(m, {
        userId: next.memberUserId,
        kind: NotificationKind.ClaimPromoted,
        title: '候补转正',
        body: `「${task.title}」有空余名额，您已由候补转为报名，请在${CLAIM_HOLD_MINUTES}分钟内确认`,
        path: `/packageMember/pages/claims/index`,
        entityType: 'claim',
        entityId: next.id,
        dedupeKey: `claim:${next.id}:promoted:${now.getTime()}`,
      });
    }
    return promoted;
  }

  /** The promoted member confirms the hold before it expires. */
  async confirm(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.load(claimId);
    if (claim.memberUserId !== p.userId) throw forbidden('只能确认自己的报名');
    if (claim.status !== ClaimStatus.Claimed || !claim.holdExpiresAt) throw illegalTransition('该报名无需确认');
    const changed = await execute(this.db, 'UPDATE claims SET hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ? AND hold_expires_at > ?', [
      toDbDate(new Date()),
      claimId,
      ClaimStatus.Claimed,
      toDbDate(new Date()),
    ]);
    if (changed !== 1) throw illegalTransition('报名保留已过期');
    return (await this.toDtos([await this.load(claimId)], p))[0];
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
          const changed = await execute(
            m,
            "UPDATE claims SET status = 'expired', hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = 'claimed' AND hold_expires_at < ?",
            [toDbDate(now), claim.id, toDbDate(now)],
          );
          if (changed !== 1) return; // confirmed or handled by another process
          await this.cancelReminders(m, claim);
          await execute(m, 'UPDATE tasks SET claimed_count = claimed_count - 1, updated_at = ? WHERE id = ? AND claimed_count > 0', [toDbDate(now), claim.taskId]);
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

  async checkIn(p: Principal, claimId: number, dto: CheckInDto): Promise<ClaimDto> {
    return this.attend(p, claimId, dto, ClaimAction.CheckIn);
  }

  async checkOut(p: Principal, claimId: number, dto: CheckInDto): Promise<ClaimDto> {
    return this.attend(p, claimId, dto, ClaimAction.CheckOut);
  }

  /** Check-in/out by the rotating code or by location inside the task's radius; only for oneself. */
  private async attend(p: Principal, claimId: number, dto: CheckInDto, action: ClaimAction.CheckIn | ClaimAction.CheckOut): Promise<ClaimDto> {
    const claim = await this.load(claimId);
    const verb = action === ClaimAction.CheckIn ? '签到' : '签退';
    if (claim.memberUserId !== p.userId) throw forbidden(`不能替他人${verb}`);
    const to = machine(claim.status, action);
    const task = await this.db.getRepository(TaskEntity).createQueryBuilder('t').addSelect('t.checkinSecret').where('t.id = :id', { id: claim.taskId }).getOneOrFail();
    const now = new Date();
    const window = { start: task.startsAt, end: task.endsAt };
    if (action === ClaimAction.CheckIn && !checkInOpen(now, window)) {
      throw illegalTransition(now < task.startsAt ? '还没到签到时间（开始前30分钟可签到）' : '任务已结束，不能签到');
    }
    let method: string;
    if (dto.code) {
      if (!verifyCheckinCode(task.checkinSecret, dto.code, now.getTime())) throw badRequest(`${verb}码错误或已过期，请看现场最新的${verb}码`, 'code');
      method = 'code';
    } else if (dto.latitude !== undefined && dto.longitude !== undefined) {
      if (task.latitude === null || task.longitude === null) throw badRequest(`该任务不支持定位${verb}，请输入${verb}码`, 'code');
      const d = distanceMeters({ latitude: dto.latitude, longitude: dto.longitude }, { latitude: task.latitude, longitude: task.longitude });
      if (d > task.checkinRadiusM) throw badRequest(`您不在${verb}范围内（距离约${Math.round(d)}米，需在${task.checkinRadiusM}米内）`, 'latitude');
      method = 'location';
    } else {
      throw badRequest(`请输入${verb}码或开启定位`, 'code');
    }
    await transaction(this.db, async (m) => {
      if (action === ClaimAction.CheckIn) {
        const changed = await execute(
          m,
          'UPDATE claims SET status = ?, checked_in_at = ?, checkin_method = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?',
          [to, toDbDate(now), method, toDbDate(now), claim.id, claim.status],
        );
        if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
        await this.cancelReminders(m, claim);
        await execute(m, "UPDATE tasks SET status = 'in_progress', updated_at = ? WHERE id = ? AND status = 'published'", [toDbDate(now), task.id]);
      } else {
        const half = Math.round(creditedHours(window, claim.checkedInAt!, now) * 2);
        const changed = await execute(
          m,
          'UPDATE claims SET status = ?, checked_out_at = ?, credit_half_hours = ?, updated_at = ? WHERE id = ? AND status = ?',
          [to, toDbDate(now), half, toDbDate(now), claim.id, claim.status],
        );
        if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
      }
    });
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  /** A community admin verifies the hours (never their own); verified service earns points. */
  async verify(p: Principal, claimId: number, dto: VerifyClaimDto): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '核验自己的服务时长');
    const to = machine(claim.status, ClaimAction.Verify);
    const now = new Date();
    await transaction(this.db, async (m) => {
      const changed = await execute(m, 'UPDATE claims SET status = ?, verified_by_id = ?, verified_at = ?, updated_at = ? WHERE id = ? AND status = ?', [
        to,
        p.userId,
        toDbDate(now),
        toDbDate(now),
        claim.id,
        claim.status,
      ]);
      if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
      const reg = await m.getRepository(RegistrationEntity).findOneByOrFail({ id: claim.registrationId });
      const earned = pointsForVerifiedService(claim.creditHalfHours / 2, { perHour: task.pointsPerHour, minimum: task.pointsMinimum, max: task.pointsMax });
      await this.points.append(m, {
        memberUserId: claim.memberUserId,
        communityId: task.communityId,
        unitId: reg.workUnitId,
        delta: earned,
        reason: PointsReason.ServiceVerified,
        claimId: claim.id,
        createdById: p.userId,
        dedupeKey: `verified:claim:${claim.id}`,
      });
      if (dto.score !== undefined) await this.insertServiceRating(m, p, claim, task, reg, dto.score, dto.comment);
      await this.notifications.enqueue(m, {
        userId: claim.memberUserId,
        kind: NotificationKind.ClaimVerified,
        title: '服务已核验',
        body: `「${task.title}」服务时长${claim.creditHalfHours / 2}小时已核验，获得${earned}积分`,
        path: '/packageMember/pages/hours/index',
        entityType: 'claim',
        entityId: claim.id,
        dedupeKey: `claim:${claim.id}:verified`,
      });
    });
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  /** The community rates a member's verified service once; 5 stars earn a bonus. */
  async rateService(p: Principal, claimId: number, dto: RateServiceDto): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '评价自己的服务');
    if (claim.status !== ClaimStatus.Verified) throw illegalTransition('服务核验后才能评价');
    await transaction(this.db, async (m) => {
      const reg = await m.getRepository(RegistrationEntity).findOneByOrFail({ id: claim.registrationId });
      await this.insertServiceRating(m, p, claim, task, reg, dto.score, dto.comment);
    });
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  private async insertServiceRating(
    m: EntityManager,
    p: Principal,
    claim: ClaimEntity,
    task: TaskEntity,
    reg: RegistrationEntity,
    score: number,
    comment: string | undefined,
  ): Promise<void> {
    if (await m.getRepository(RatingEntity).existsBy({ claimId: claim.id })) throw conflict('该服务已评价');
    await m.getRepository(RatingEntity).insert({
      kind: 'community',
      taskId: task.id,
      needId: null,
      claimId: claim.id,
      memberUserId: claim.memberUserId,
      raterUserId: p.userId,
      score,
      comment: comment?.trim() || null,
      resolved: true,
      createdAt: new Date(),
    });
    await this.points.append(m, {
      memberUserId: claim.memberUserId,
      communityId: task.communityId,
      unitId: reg.workUnitId,
      delta: bonusForRating(score),
      reason: PointsReason.HighRatingBonus,
      claimId: claim.id,
      createdById: p.userId,
      dedupeKey: `bonus:claim:${claim.id}`,
    });
  }

  async reject(p: Principal, claimId: number, reason: string): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '审核自己的服务');
    machine(claim.status, ClaimAction.Reject);
    await transaction(this.db, async (m) => {
      await this.leave(m, claim, ClaimStatus.Rejected, { rejectReason: reason.trim(), promote: false });
      await this.notifications.enqueue(m, {
        userId: claim.memberUserId,
        kind: NotificationKind.ClaimRejected,
        title: '服务未通过核验',
        body: `「${task.title}」的服务时长未通过核验：${reason.trim()}`,
        entityType: 'claim',
        entityId: claim.id,
        dedupeKey: `claim:${claim.id}:rejected`,
      });
    });
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  async markNoShow(p: Principal, claimId: number): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '记录自己缺席');
    machine(claim.status, ClaimAction.MarkNoShow);
    await transaction(this.db, (m) => this.noShow(m, claim, task, p.userId));
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  private async noShow(m: EntityManager, claim: ClaimEntity, task: TaskEntity, byUserId: number): Promise<void> {
    await this.leave(m, claim, ClaimStatus.NoShow, { promote: false });
    const reg = await m.getRepository(RegistrationEntity).findOneByOrFail({ id: claim.registrationId });
    await this.points.append(m, {
      memberUserId: claim.memberUserId,
      communityId: task.communityId,
      unitId: reg.workUnitId,
      delta: penaltyForNoShow(),
      reason: PointsReason.NoShowPenalty,
      claimId: claim.id,
      createdById: byUserId,
      dedupeKey: `noshow:claim:${claim.id}`,
    });
    await this.notifications.enqueue(m, {
      userId: claim.memberUserId,
      kind: NotificationKind.NoShowMarked,
      title: '缺席记录',
      body: `您报名的「${task.title}」未签到，已记缺席并扣除${-penaltyForNoShow()}积分`,
      entityType: 'claim',
      entityId: claim.id,
      dedupeKey: `claim:${claim.id}:noshow`,
    });
  }

  /** When a task completes: who never checked in is a no-show; the waitlist is released. */
  async markNoShowsForTask(m: EntityManager, taskId: number, byUserId: number): Promise<void> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const open = await m.getRepository(ClaimEntity).findBy({ taskId, status: In([ClaimStatus.Claimed, ClaimStatus.Waitlisted]) });
    for (const claim of open) {
      if (claim.status === ClaimStatus.Claimed) await this.noShow(m, claim, task, byUserId);
      else await this.leave(m, claim, ClaimStatus.Expired, { promote: false });
    }
  }

  /** When a task is cancelled: every claim still waiting to serve is cancelled and told why. */
  async cancelAllForTask(m: EntityManager, taskId: number, reason: string): Promise<void> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const open = await m.getRepository(ClaimEntity).findBy({ taskId, status: In([ClaimStatus.Claimed, ClaimStatus.Waitlisted]) });
    for (const claim of open) {
      await this.leave(m, claim, ClaimStatus.Cancelled, { promote: false });
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

  /** Back-filled hours (补录), with a reason, kept apart from credit hours. */
  async backfill(p: Principal, dto: BackfillDto): Promise<{ id: number; hours: number }> {
    await this.scope.assertNode(p, dto.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以补录时长');
    if (dto.userId === p.userId) throw forbidden('不能为自己补录时长');
    if (!Number.isInteger(dto.hours * 2)) throw badRequest('时长须为0.5小时的整数倍', 'hours');
    const reg = await this.db.getRepository(RegistrationEntity).findOneBy({ userId: dto.userId, communityId: dto.communityId });
    if (!reg || reg.status !== RegistrationStatus.Approved) throw badRequest('该党员未在本社区报到', 'userId');
    if (dto.taskId !== undefined && dto.taskId !== null) {
      const task = await this.db.getRepository(TaskEntity).findOneBy({ id: dto.taskId });
      if (!task || task.communityId !== dto.communityId) throw badRequest('所选任务不属于该社区', 'taskId');
    }
    const { identifiers } = await this.db.getRepository(BackfillEntity).insert({
      memberUserId: dto.userId,
      communityId: dto.communityId,
      taskId: dto.taskId ?? null,
      halfHours: dto.hours * 2,
      reason: dto.reason.trim(),
      createdById: p.userId,
      createdAt: new Date(),
    });
    return { id: Number(identifiers[0].id), hours: dto.hours };
  }

  private async reviewable(p: Principal, claimId: number, selfWhat: string): Promise<{ claim: ClaimEntity; task: TaskEntity }> {
    const claim = await this.load(claimId);
    const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
    await this.scope.assertNode(p, task.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以处理');
    if (claim.memberUserId === p.userId) throw forbidden(`不能${selfWhat}`);
    return { claim, task };
  }

  async mine(p: Principal, q: ListClaimsQuery): Promise<Page<ClaimDto>> {
    return this.page(p, { memberUserId: p.userId }, q);
  }

  async forTask(p: Principal, taskId: number, q: ListClaimsQuery): Promise<Page<ClaimDto>> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task) throw notFound('任务不存在');
    await this.scope.assertNode(p, task.communityId, [...COMMUNITY_READERS, Role.BranchSecretary]);
    return this.page(p, { taskId }, q);
  }

  private async page(p: Principal, where: { memberUserId?: number; taskId?: number }, q: ListClaimsQuery): Promise<Page<ClaimDto>> {
    const limit = q.limit ?? 20;
    const qb = this.db.getRepository(ClaimEntity).createQueryBuilder('c').orderBy('c.id', 'DESC').take(limit + 1);
    if (where.memberUserId) qb.andWhere('c.member_user_id = :u', { u: where.memberUserId });
    if (where.taskId) qb.andWhere('c.task_id = :t', { t: where.taskId });
    if (q.status) qb.andWhere('c.status = :s', { s: q.status });
    if (q.cursor) qb.andWhere('c.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    return { items: await this.toDtos(rows.slice(0, limit), p), nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null };
  }

  async get(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.load(claimId);
    if (claim.memberUserId !== p.userId && claim.claimedById !== p.userId) {
      const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
      await this.scope.assertNode(p, task.communityId, COMMUNITY_READERS, '无权查看该报名');
    }
    return (await this.toDtos([claim], p))[0];
  }

  private async load(id: number): Promise<ClaimEntity> {
    const claim = await this.db.getRepository(ClaimEntity).findOneBy({ id });
    if (!claim) throw notFound('报名不存在');
    return claim;
  }

  async toDtos(claims: ClaimEntity[], p: Principal): Promise<ClaimDto[]> {
    if (!claims.length) return [];
    const ids = claims.map((c) => c.id);
    const taskIds = [...new Set(claims.map((c) => c.taskId))];
    const [tasks, users, branches, ratings, points, waitlisted] = await Promise.all([
      this.db.getRepository(TaskEntity).findBy({ id: In(taskIds) }),
      this.db.getRepository(UserEntity).findBy({ id: In([...new Set(claims.map((c) => c.memberUserId))]) }),
      this.db.getRepository(OrgNodeEntity).findBy({ id: In([...new Set(claims.map((c) => c.branchId).filter((b): b is number => !!b))]) }),
      this.db.getRepository(RatingEntity).findBy({ claimId: In(ids) }),
      this.db.query(`SELECT claim_id, SUM(delta) AS pts FROM points_ledger WHERE claim_id IN (${ids.map(() => '?').join(',')}) GROUP BY claim_id`, ids) as Promise<
        { claim_id: number; pts: number }[]
      >,
      this.db.getRepository(ClaimEntity).find({
        select: { id: true, taskId: true },
        where: { taskId: In(taskIds), status: ClaimStatus.Waitlisted },
        order: { claimedAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const taskOf = new Map(tasks.map((t) => [t.id, t]));
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    const branchOf = new Map(branches.map((b) => [b.id, b.name]));
    const ratingOf = new Map(ratings.map((r) => [r.claimId, r]));
    const pointsOf = new Map(points.map((r) => [Number(r.claim_id), Number(r.pts)]));
    const staffCommunities = new Set<number>();
    for (const t of tasks) {
      const node = await this.scope.node(t.communityId);
      if (this.scope.covers(p, node.path, [Role.CommunityAdmin])) staffCommunities.add(t.communityId);
    }
    return claims.map((c) => {
      const t = taskOf.get(c.taskId)!;
      const rating = ratingOf.get(c.id);
      const queue = waitlisted.filter((w) => w.taskId === c.taskId).map((w) => w.id);
      return toClaimDto(
        c,
        t,
        {
          memberName: nameOf.get(c.memberUserId) ?? '',
          branchName: c.branchId ? (branchOf.get(c.branchId) ?? null) : null,
          rating: rating ? { score: rating.score, comment: rating.comment, raterUserId: rating.raterUserId, createdAt: rating.createdAt } : null,
          points: pointsOf.get(c.id) ?? null,
          waitlistPosition: queue.indexOf(c.id) + 1,
        },
        { own: c.memberUserId === p.userId, staff: staffCommunities.has(t.communityId) },
      );
    });
  }

  /**
   * The caller's own claims on some tasks, keyed by task id, in one statement: the task lists
   * show each task with the viewer's claim on it.
   */
  async ownOnTasks(userId: number, tasks: (ClaimTaskView & { id: number })[]): Promise<Map<number, ClaimDto>> {
    const out = new Map<number, ClaimDto>();
    if (!tasks.length) return out;
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const rows = (await this.db.query(`${OWN_CLAIM_SELECT} AND c.task_id IN (${tasks.map(() => '?').join(',')})`, [userId, ...byId.keys()])) as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      const own = ownClaimFromRow(row);
      const task = own && byId.get(own.claim.taskId);
      if (own && task) out.set(task.id, toClaimDto(own.claim, task, own.extras, { own: true, staff: false }));
    }
    return out;
  }
}
