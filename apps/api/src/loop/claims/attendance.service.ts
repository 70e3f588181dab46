import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PAGES,
  AuditAction,
  AuditObjectType,
  ClaimAction,
  ClaimStatus,
  NotificationKind,
  PointsReason,
  RegistrationStatus,
  Role,
  TaskAction,
  type ClaimDto,
} from '@sbd/contracts';
import {
  bonusForRating,
  claimMachine,
  creditedHours,
  distanceMeters,
  IllegalTransitionError,
  penaltyForNoShow,
  pointsForVerifiedService,
  taskMachine,
  verifyCheckinCode,
  whyCannotCheckIn,
  whyCannotCheckOut,
  whyCannotRate,
  whyCannotVerify,
} from '@sbd/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { badRequest, conflict, forbidden, illegalTransition } from '../../platform/errors/app-errors';
import { execute, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { automaticTransition } from '../../platform/database/automatic-transition';
import { NotificationsService } from '../../messaging';
import { PointsService } from '../points/points.service';
import { TaskEntity } from '../tasks/entities/task.entity';
import { ClaimViewsService } from './claim-views.service';
import { CheckinLockout } from './checkin-lockout';
import { cancelReminders } from './claim-reminders';
import { WaitlistService } from './waitlist.service';
import type { BackfillDto, CheckInDto, RateServiceDto, VerifyClaimDto } from './dto/claim.dtos';
import { BackfillEntity } from './entities/backfill.entity';
import { ClaimEntity } from './entities/claim.entity';
import { RatingEntity } from '../needs/entities/rating.entity';
import { type RegistrationView, registrationReader } from '../../identity';

/** The first check-in starts the task (published → in progress, by the task machine). */
const TASK_STARTS = automaticTransition(taskMachine, TaskAction.Start);

const machine = (status: ClaimStatus, action: ClaimAction): ClaimStatus => {
  try {
    return claimMachine.next(status, action);
  } catch (err) {
    if (err instanceof IllegalTransitionError) throw illegalTransition(err.message);
    throw err;
  }
};

/**
 * After the claim: attendance (check-in and check-out), the community's review of each claim
 * (verify, reject, no-show; never one's own), its rating of the service, and back-filled hours.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly notifications: NotificationsService,
    private readonly points: PointsService,
    private readonly waitlist: WaitlistService,
    private readonly views: ClaimViewsService,
    private readonly audit: AuditService,
    private readonly lockout: CheckinLockout,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkIn(p: Principal, claimId: number, dto: CheckInDto): Promise<ClaimDto> {
    return this.attend(p, claimId, dto, ClaimAction.CheckIn);
  }

  async checkOut(p: Principal, claimId: number, dto: CheckInDto): Promise<ClaimDto> {
    return this.attend(p, claimId, dto, ClaimAction.CheckOut);
  }

  /** Check-in/out by the rotating code or by location inside the task's radius; only for oneself. */
  private async attend(
    p: Principal,
    claimId: number,
    dto: CheckInDto,
    action: ClaimAction.CheckIn | ClaimAction.CheckOut,
  ): Promise<ClaimDto> {
    const claim = await this.views.load(claimId);
    const verb = action === ClaimAction.CheckIn ? '签到' : '签退';
    if (claim.memberUserId !== p.userId) throw forbidden(`不能替他人${verb}`);
    const to = machine(claim.status, action);
    const task = await this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .addSelect('t.checkinSecret')
      .where('t.id = :id', { id: claim.taskId })
      .getOneOrFail();
    const now = new Date();
    const window = { start: task.startsAt, end: task.endsAt };
    // When: check-in from N minutes before the start until the end; check-out not before check-in.
    const why =
      action === ClaimAction.CheckIn
        ? whyCannotCheckIn(now, window, this.config.attendance.checkinEarlyMinutes)
        : whyCannotCheckOut(now, claim.checkedInAt);
    if (why) throw illegalTransition(why);
    const method = await this.where(task, dto, { memberUserId: p.userId, taskId: task.id, verb }, now);
    await transaction(this.db, async (m) => {
      if (action === ClaimAction.CheckIn) {
        // The task before the claim (a check-in may start the task), as everywhere: no lock cycle.
        await lockRow(m, 'tasks', task.id);
        const changed = await execute(
          m,
          'UPDATE claims SET status = ?, checked_in_at = ?, checkin_method = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?',
          [to, toDbDate(now), method, toDbDate(now), claim.id, claim.status],
        );
        if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
        await cancelReminders(this.notifications, m, claim);
        await execute(m, `UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND ${TASK_STARTS.statusIn}`, [
          TASK_STARTS.to,
          toDbDate(now),
          task.id,
          ...TASK_STARTS.from,
        ]);
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
    return this.views.dto(p, claimId);
  }

  /**
   * Where: the rotating code (wrong codes counted per member and task, see CheckinLockout), or the
   * position the device reports now, inside the task's radius of its exact place (which members
   * never see). Answers the method used.
   */
  private async where(
    task: TaskEntity,
    dto: CheckInDto,
    attempt: { memberUserId: number; taskId: number; verb: string },
    now: Date,
  ): Promise<'code' | 'location'> {
    const { verb } = attempt;
    if (dto.code) {
      await this.lockout.reserve(attempt, now);
      if (!verifyCheckinCode(task.checkinSecret, dto.code, now.getTime())) {
        const left = await this.lockout.failed(attempt, now);
        throw badRequest(`${verb}码错误或已过期，请看现场最新的${verb}码（还可再试${left}次）`, 'code');
      }
      await this.lockout.succeeded(attempt);
      return 'code';
    }
    if (dto.latitude !== undefined && dto.longitude !== undefined) {
      if (task.latitude === null || task.longitude === null)
        throw badRequest(`该任务不支持定位${verb}，请输入${verb}码`, 'code');
      const d = distanceMeters(
        { latitude: dto.latitude, longitude: dto.longitude },
        { latitude: task.latitude, longitude: task.longitude },
      );
      // No distance in the message: it would tell a member far away where the exact point is.
      if (d > task.checkinRadiusM)
        throw badRequest(
          `您不在${verb}范围内（需在「${task.place}」${task.checkinRadiusM}米内），请到达现场后再试，或输入现场的${verb}码`,
          'latitude',
        );
      return 'location';
    }
    throw badRequest(`请输入${verb}码或开启定位`, 'code');
  }

  /** A community admin verifies the hours (never their own), once the service has ended; verified service earns points. */
  async verify(p: Principal, claimId: number, dto: VerifyClaimDto): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '核验自己的服务时长');
    const to = machine(claim.status, ClaimAction.Verify);
    const now = new Date();
    const early = whyCannotVerify(now, task.endsAt);
    if (early) throw illegalTransition(early);
    await transaction(this.db, async (m) => {
      const changed = await execute(
        m,
        'UPDATE claims SET status = ?, verified_by_id = ?, verified_at = ?, updated_at = ? WHERE id = ? AND status = ?',
        [to, p.userId, toDbDate(now), toDbDate(now), claim.id, claim.status],
      );
      if (changed !== 1) throw illegalTransition('报名状态已变化，请刷新后重试');
      const reg = await registrationReader(m).findOneByOrFail({ id: claim.registrationId });
      const earned = pointsForVerifiedService(claim.creditHalfHours / 2, {
        perHour: task.pointsPerHour,
        minimum: task.pointsMinimum,
        max: task.pointsMax,
      });
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
      await this.audit.record(
        {
          action: AuditAction.AttendanceVerify,
          actor: p,
          actorRoles: [Role.CommunityAdmin],
          objectType: AuditObjectType.Claim,
          objectId: claim.id,
          nodeId: task.communityId,
          detail: {
            taskId: task.id,
            memberUserId: claim.memberUserId,
            hours: claim.creditHalfHours / 2,
            points: earned,
          },
        },
        m,
      );
      await this.notifications.enqueue(m, {
        userId: claim.memberUserId,
        kind: NotificationKind.ClaimVerified,
        title: '服务已核验',
        body: `「${task.title}」服务时长${claim.creditHalfHours / 2}小时已核验，获得${earned}积分`,
        path: PAGES.hours,
        entityType: 'claim',
        entityId: claim.id,
        dedupeKey: `claim:${claim.id}:verified`,
      });
    });
    return this.views.dto(p, claimId);
  }

  /** The community rates a member's verified service once; 5 stars earn a bonus. */
  async rateService(p: Principal, claimId: number, dto: RateServiceDto): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '评价自己的服务');
    if (claim.status !== ClaimStatus.Verified) throw illegalTransition('服务核验后才能评价');
    const early = whyCannotRate(new Date(), task.endsAt);
    if (early) throw illegalTransition(early);
    await transaction(this.db, async (m) => {
      const reg = await registrationReader(m).findOneByOrFail({ id: claim.registrationId });
      await this.insertServiceRating(m, p, claim, task, reg, dto.score, dto.comment);
    });
    return this.views.dto(p, claimId);
  }

  private async insertServiceRating(
    m: EntityManager,
    p: Principal,
    claim: ClaimEntity,
    task: TaskEntity,
    reg: RegistrationView,
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
      await this.waitlist.leave(m, claim, ClaimStatus.Rejected, { rejectReason: reason.trim(), promote: false });
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
    return this.views.dto(p, claimId);
  }

  async markNoShow(p: Principal, claimId: number): Promise<ClaimDto> {
    const { claim, task } = await this.reviewable(p, claimId, '记录自己缺席');
    machine(claim.status, ClaimAction.MarkNoShow);
    await transaction(this.db, (m) => this.noShow(m, claim, task, p.userId));
    return this.views.dto(p, claimId);
  }

  private async noShow(m: EntityManager, claim: ClaimEntity, task: TaskEntity, byUserId: number): Promise<void> {
    await this.waitlist.leave(m, claim, ClaimStatus.NoShow, { promote: false });
    const reg = await registrationReader(m).findOneByOrFail({ id: claim.registrationId });
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
    const open = await m
      .getRepository(ClaimEntity)
      .findBy({ taskId, status: In([ClaimStatus.Claimed, ClaimStatus.Waitlisted]) });
    for (const claim of open) {
      if (claim.status === ClaimStatus.Claimed) await this.noShow(m, claim, task, byUserId);
      else await this.waitlist.leave(m, claim, ClaimStatus.Expired, { promote: false });
    }
  }

  /** Back-filled hours (补录), with a reason, kept apart from credit hours. */
  async backfill(p: Principal, dto: BackfillDto): Promise<{ id: number; hours: number }> {
    await this.scope.assertNode(p, dto.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以补录时长');
    if (dto.userId === p.userId) throw forbidden('不能为自己补录时长');
    if (!Number.isInteger(dto.hours * 2)) throw badRequest('时长须为0.5小时的整数倍', 'hours');
    const reg = await registrationReader(this.db).findOneBy({ userId: dto.userId, communityId: dto.communityId });
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

  private async reviewable(
    p: Principal,
    claimId: number,
    selfWhat: string,
  ): Promise<{ claim: ClaimEntity; task: TaskEntity }> {
    const claim = await this.views.load(claimId);
    const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
    await this.scope.assertNode(p, task.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以处理');
    if (claim.memberUserId === p.userId) throw forbidden(`不能${selfWhat}`);
    return { claim, task };
  }
}
