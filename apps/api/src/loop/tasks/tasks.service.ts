import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PAGES,
  pageUrl,
  CHECKIN_PERIOD_SECONDS,
  CHECKIN_RADIUS_M,
  CLAIM_WITHDRAW_CUTOFF_MINUTES,
  DEFAULT_POINTS_RULE,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  Role,
  TaskAction,
  TaskStatus,
  TaskTarget,
  type CheckinCodeDto,
  type Page,
  type TaskDto,
} from '@sbd/contracts';
import { IllegalTransitionError, checkinCode, secondsLeft, taskMachine } from '@sbd/domain';
import { randomBytes } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { badRequest, conflict, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { execute, toDbDate, transaction } from '../../platform/database/sql';
import { NeedEntity } from '../needs/entities/need.entity';
import { TriageService } from '../needs/triage.service';
import { NotificationsService, type NewNotification } from '../../messaging';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { ListTasksQuery } from './dto/list-tasks.query';
import { TaskBranchEntity } from './entities/task-branch.entity';
import { TaskNeedEntity } from '../needs/entities/task-need.entity';
import { TaskPositionEntity } from './entities/task-position.entity';
import { TaskEntity } from './entities/task.entity';
import { TaskHooks } from './task-hooks';
import { TaskViewsService } from './task-views.service';
import { positionHolderIds } from '../../identity';
import { type OrgNodeView, orgNodeReader, positionReader } from '../../org';

/** 岗位式: how long a task needing a position is offered only to members who hold it. */
export const POSITION_PRIORITY_MINUTES = 60;
/** Tasks stay in the feed until they end. */
const OPEN_STATUSES = [TaskStatus.Published, TaskStatus.InProgress];

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly hooks: TaskHooks,
    private readonly triage: TriageService,
    private readonly notifications: NotificationsService,
    private readonly views: TaskViewsService,
  ) {}

  /** 下单: a community admin publishes a task (or saves a draft) from zero or more accepted needs. */
  async create(p: Principal, dto: CreateTaskDto): Promise<TaskDto> {
    const node = await this.scope.assertNode(
      p,
      dto.communityId,
      [Role.CommunityAdmin],
      '只有本社区的管理员可以发布任务',
    );
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    const startAt = new Date(dto.startAt);
    const endAt = new Date(dto.endAt);
    if (endAt <= startAt) throw badRequest('结束时间必须晚于开始时间', 'endAt');
    if (endAt.getTime() - startAt.getTime() > 31 * 24 * 3600_000) throw badRequest('任务时长不能超过31天', 'endAt');
    if (dto.publish && endAt.getTime() <= Date.now()) throw badRequest('结束时间已过，不能发布', 'endAt');
    if (dto.target === TaskTarget.Branches && dto.branchIds === undefined) {
      // An empty list means every functional branch of the community.
    }

    const id = await transaction(this.db, async (m) => {
      const community = await orgNodeReader(m).findOneByOrFail({ id: dto.communityId });
      if (community.closedAt) throw conflict('该社区已撤销，不能发布新任务');
      await this.checkBelongs(m, community, dto);
      const now = new Date();
      const rule = dto.pointsRule ?? DEFAULT_POINTS_RULE;
      const publish = !!dto.publish;
      const { identifiers } = await m.getRepository(TaskEntity).insert({
        communityId: community.id,
        streetId: community.parentId,
        kind: dto.kind,
        target: dto.target,
        title: dto.title.trim(),
        description: dto.description.trim(),
        status: publish ? TaskStatus.Published : TaskStatus.Draft,
        capacity: dto.capacity,
        claimedCount: 0,
        waitlist: dto.waitlist ?? true,
        startsAt: startAt,
        endsAt: endAt,
        claimDeadline: startAt,
        withdrawCutoffMinutes: dto.withdrawCutoffMinutes ?? CLAIM_WITHDRAW_CUTOFF_MINUTES,
        priorityUntil: null,
        place: dto.place.trim(),
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        checkinRadiusM: dto.checkinRadiusM ?? CHECKIN_RADIUS_M,
        pointsPerHour: rule.perHour,
        pointsMinimum: rule.minimum,
        pointsMax: rule.max,
        requiredSkills: [...new Set((dto.skills ?? []).map((s) => s.trim()).filter(Boolean))],
        checkinSecret: randomBytes(20).toString('hex'),
        cancelReason: null,
        createdById: p.userId,
        publishedAt: null,
        completedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const taskId = Number(identifiers[0].id);
      if (dto.positionIds?.length) {
        await m.getRepository(TaskPositionEntity).insert(dto.positionIds.map((positionId) => ({ taskId, positionId })));
      }
      if (dto.branchIds?.length) {
        await m.getRepository(TaskBranchEntity).insert(dto.branchIds.map((branchId) => ({ taskId, branchId })));
      }
      if (dto.needIds?.length) {
        await m.getRepository(TaskNeedEntity).insert(dto.needIds.map((needId) => ({ taskId, needId })));
      }
      if (publish) await this.onPublished(m, taskId, now);
      return taskId;
    });
    return this.get(p, id);
  }

  /** Positions, branches and needs must all be this community's; needs must be accepted. */
  private async checkBelongs(m: EntityManager, community: OrgNodeView, dto: CreateTaskDto): Promise<void> {
    if (dto.positionIds?.length) {
      const n = await positionReader(m).countBy({ id: In(dto.positionIds), communityId: community.id, active: true });
      if (n !== dto.positionIds.length) throw badRequest('所选岗位不属于该社区或已停用', 'positionIds');
    }
    if (dto.branchIds?.length) {
      if (dto.target !== TaskTarget.Branches) throw badRequest('只有面向支部的任务可以指定支部', 'branchIds');
      const branches = await orgNodeReader(m).findBy({ id: In(dto.branchIds), type: OrgNodeType.FunctionalBranch });
      if (branches.length !== dto.branchIds.length || branches.some((b) => !b.path.startsWith(community.path))) {
        throw badRequest('所选支部不属于该社区', 'branchIds');
      }
    }
    if (dto.needIds?.length) {
      const needs = await m.getRepository(NeedEntity).findBy({ id: In(dto.needIds) });
      if (needs.length !== dto.needIds.length || needs.some((n) => n.communityId !== community.id)) {
        throw badRequest('所选需求不属于该社区', 'needIds');
      }
      if (needs.some((n) => n.status !== NeedStatus.Accepted))
        throw badRequest('只能为已受理的需求发布任务', 'needIds');
    }
  }

  async publish(p: Principal, id: number): Promise<TaskDto> {
    await this.transition(p, id, TaskAction.Publish, async (m, task, now) => {
      if (task.endsAt <= now) throw badRequest('结束时间已过，不能发布', 'endAt');
      await this.onPublished(m, id, now);
    });
    return this.get(p, id);
  }

  /**
   * On publishing: a task needing positions is offered first to the members who hold them
   * (岗位式: they alone may claim for an hour, and they are told at once).
   */
  private async onPublished(m: EntityManager, taskId: number, now: Date): Promise<void> {
    const task = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
    const positions = await m.getRepository(TaskPositionEntity).findBy({ taskId });
    let priorityUntil: Date | null = null;
    const notify: NewNotification[] = [];
    if (positions.length) {
      priorityUntil = new Date(Math.min(now.getTime() + POSITION_PRIORITY_MINUTES * 60_000, task.startsAt.getTime()));
      const holders = await positionHolderIds(
        m,
        task.communityId,
        positions.map((x) => x.positionId),
      );
      for (const h of holders) {
        notify.push({
          userId: h,
          kind: NotificationKind.TaskPublished,
          title: '有与您岗位相关的新任务',
          body: `「${task.title}」优先向您开放报名`,
          path: pageUrl(PAGES.task, { id: taskId }),
          entityType: 'task',
          entityId: taskId,
          dedupeKey: `task:${taskId}:published:${h}`,
        });
      }
    }
    await m.getRepository(TaskEntity).update({ id: taskId }, { publishedAt: now, priorityUntil, updatedAt: now });
    await this.notifications.enqueue(m, notify);
  }

  async start(p: Principal, id: number): Promise<TaskDto> {
    await this.transition(p, id, TaskAction.Start);
    return this.get(p, id);
  }

  /** Completing fulfils the needs it served and marks members who never checked in as no-shows. */
  async complete(p: Principal, id: number): Promise<TaskDto> {
    await this.transition(p, id, TaskAction.Complete, async (m, _task, now) => {
      await m.getRepository(TaskEntity).update({ id }, { completedAt: now });
      await this.hooks.completedTask(m, id, p.userId);
      await this.triage.fulfilForTask(m, id);
    });
    return this.get(p, id);
  }

  async close(p: Principal, id: number): Promise<TaskDto> {
    await this.transition(p, id, TaskAction.Close);
    return this.get(p, id);
  }

  /** Cancelling tells everyone who claimed or waited, and drops their reminders. */
  async cancel(p: Principal, id: number, reason: string): Promise<TaskDto> {
    await this.transition(p, id, TaskAction.Cancel, async (m) => {
      await m.getRepository(TaskEntity).update({ id }, { cancelReason: reason.trim() });
      await this.hooks.cancelledTask(m, id, p.userId, reason.trim());
    });
    return this.get(p, id);
  }

  /** One state change, decided by the task machine and applied with a conditional update. */
  private async transition(
    p: Principal,
    id: number,
    action: TaskAction,
    effect?: (m: EntityManager, task: TaskEntity, now: Date) => Promise<void>,
  ): Promise<void> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id });
    if (!task) throw notFound('任务不存在');
    await this.scope.assertNode(p, task.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以管理任务');
    let next: TaskStatus;
    try {
      next = taskMachine.next(task.status, action);
    } catch (err) {
      if (err instanceof IllegalTransitionError) throw illegalTransition(err.message);
      throw err;
    }
    await transaction(this.db, async (m) => {
      const now = new Date();
      const changed = await execute(m, 'UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
        next,
        toDbDate(now),
        id,
        task.status,
      ]);
      if (changed !== 1) throw illegalTransition('任务状态已变化，请刷新后重试');
      await effect?.(m, task, now);
    });
  }

  async get(p: Principal, id: number): Promise<TaskDto> {
    const task = await this.db.getRepository(TaskEntity).findOneBy({ id });
    if (!task) throw notFound('任务不存在');
    const community = await this.scope.node(task.communityId);
    const staff = this.scope.covers(p, community.path, COMMUNITY_READERS);
    if (task.status === TaskStatus.Draft && !staff) throw notFound('任务不存在');
    return (await this.views.toDtos([task], p, staff))[0];
  }

  async listForCommunity(p: Principal, communityId: number, q: ListTasksQuery): Promise<Page<TaskDto>> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    const limit = q.limit ?? 20;
    const qb = this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.community_id = :communityId', { communityId })
      .orderBy('t.id', 'DESC')
      .take(limit + 1);
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.cursor) qb.andWhere('t.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    return {
      items: await this.views.toDtos(rows.slice(0, limit), p, true),
      nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null,
    };
  }

  /** The rotating check-in code for the organiser's screen (changes every 30 s). */
  async checkinCode(p: Principal, id: number): Promise<CheckinCodeDto> {
    const task = await this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .addSelect('t.checkinSecret')
      .where('t.id = :id', { id })
      .getOne();
    if (!task) throw notFound('任务不存在');
    await this.scope.assertNode(p, task.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以查看签到码');
    if (!OPEN_STATUSES.includes(task.status)) throw illegalTransition('任务未在报名或进行中，不能签到');
    const now = Date.now();
    return {
      taskId: id,
      code: checkinCode(task.checkinSecret, now),
      periodSeconds: CHECKIN_PERIOD_SECONDS,
      secondsLeft: secondsLeft(now),
      serverTime: new Date(now).toISOString(),
    };
  }
}
