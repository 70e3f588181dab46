import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ATTRIBUTION_DAYS,
  DEFAULT_MATCH_WEIGHTS,
  InviteStatus,
  NotificationKind,
  OrgNodeType,
  PAGES,
  pageUrl,
  RECOMMENDATION_LIMIT,
  Role,
  type InviteCandidateDto,
  type MatchWeights,
  type RecommendationStatsDto,
  type TaskInviteDto,
  type TaskRecommendationDto,
} from '@sbd/contracts';
import { rankMembersForTask, rankTasksForMember } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { badRequest, forbidden, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { fromDbDate, toDbDate, transaction } from '../../platform/database/sql';
import { NotificationsService } from '../../messaging';
import { MatchWeightsEntity } from './entities/match-weights.entity';
import { TaskInviteEntity } from './entities/task-invite.entity';
import { MatchFeaturesService } from './match-features.service';
import { ImpressionsService, taskReader, TaskViewsService, type TaskView } from '../../loop';

const DAY = 24 * 3600_000;

type Row = Record<string, unknown>;

/**
 * 群众所需 ↔ 党员所能. Hard constraints are filtered in SQL (a task the member cannot take is never
 * offered: full, overlapping, branch-only, outside their street, or still reserved for position
 * holders); the one shared scoring function ranks what is left, in memory.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly taskViews: TaskViewsService,
    private readonly impressions: ImpressionsService,
    private readonly notifications: NotificationsService,
    private readonly features: MatchFeaturesService,
  ) {}

  /** "为你推荐": the member's best open tasks, with reasons; the impressions are recorded. */
  async recommend(p: Principal, limit = RECOMMENDATION_LIMIT): Promise<TaskRecommendationDto[]> {
    const member = (await this.features.memberFeatures([p.userId]))[0];
    if (!member) throw forbidden('报到审核通过后才能获得推荐');
    const now = Date.now();
    const [candidates, weights] = await Promise.all([
      this.features.candidateTasks(member, now),
      this.weights(member.communityId),
    ]);
    const ranked = rankTasksForMember(member, candidates, { now, weights, limit });
    if (!ranked.length) return [];
    const entities = await taskReader(this.db).findBy({ id: In(ranked.map((r) => r.task.id)) });
    const dtos = await this.taskViews.toDtos(entities, p, false);
    const byId = new Map(dtos.map((d) => [d.id, d]));
    this.impressions.record(
      p.userId,
      'recommend',
      ranked.map((r, i) => ({ taskId: r.task.id, communityId: r.task.communityId, rank: i + 1, score: r.score })),
    );
    return ranked.map((r) => ({ task: byId.get(r.task.id)!, score: r.score, reasons: r.reasons, factors: r.factors }));
  }

  /** Members to invite to a task, by the same score, excluding anyone who cannot take it. */
  async inviteCandidates(p: Principal, taskId: number, limit = 20): Promise<InviteCandidateDto[]> {
    const task = await this.staffTask(p, taskId);
    const features = await this.features.taskFeatures([task.id]);
    const userIds = await this.features.eligibleMembers(task);
    const members = await this.features.memberFeatures(userIds);
    const ranked = rankMembersForTask(features[0], members, {
      now: Date.now(),
      weights: await this.weights(task.communityId),
      limit,
    });
    const invites = await this.db
      .getRepository(TaskInviteEntity)
      .findBy({ taskId, userId: In(ranked.map((r) => r.member.userId)) });
    const names = await this.names(ranked.map((r) => r.member.userId));
    const inviteDtos = await this.inviteDtos(invites);
    return ranked.map((r) => ({
      userId: r.member.userId,
      name: names.get(r.member.userId) ?? '',
      score: r.score,
      reasons: r.reasons,
      factors: r.factors,
      invite: inviteDtos.find((i) => i.userId === r.member.userId) ?? null,
    }));
  }

  async invite(p: Principal, taskId: number, userIds: number[]): Promise<TaskInviteDto[]> {
    const task = await this.staffTask(p, taskId);
    const eligible = new Set(await this.features.eligibleMembers(task));
    const refused = userIds.filter((u) => !eligible.has(u));
    if (refused.length) throw badRequest('所选党员中有人不能参加该任务（已报名、时间冲突或不在本街道）', 'userIds');
    const members = await this.features.memberFeatures(userIds);
    const [features] = await this.features.taskFeatures([taskId]);
    const scored = rankMembersForTask(features, members, {
      now: Date.now(),
      weights: await this.weights(task.communityId),
    });
    await transaction(this.db, async (m) => {
      const now = new Date();
      const existing = new Set(
        (await m.getRepository(TaskInviteEntity).findBy({ taskId, userId: In(userIds) })).map((i) => i.userId),
      );
      const fresh = scored.filter((s) => !existing.has(s.member.userId));
      if (fresh.length) {
        await m.getRepository(TaskInviteEntity).insert(
          fresh.map((s) => ({
            taskId,
            userId: s.member.userId,
            invitedById: p.userId,
            status: InviteStatus.Pending,
            score: s.score,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await this.notifications.enqueue(
          m,
          fresh.map((s) => ({
            userId: s.member.userId,
            kind: NotificationKind.TaskPublished,
            title: '社区邀请您参加服务',
            body: `「${task.title}」${s.reasons.length ? `：${s.reasons.slice(0, 2).join('，')}` : ''}`,
            path: pageUrl(PAGES.task, { id: taskId }),
            entityType: 'task' as const,
            entityId: taskId,
            dedupeKey: `invite:${taskId}:${s.member.userId}`,
          })),
        );
      }
    });
    return this.invites(p, taskId);
  }

  /** Invitations of a task; an invite is accepted once the member holds a claim on the task. */
  async invites(p: Principal, taskId: number): Promise<TaskInviteDto[]> {
    await this.staffTask(p, taskId);
    return this.inviteDtos(
      await this.db.getRepository(TaskInviteEntity).find({ where: { taskId }, order: { id: 'ASC' } }),
    );
  }

  async decline(p: Principal, inviteId: number): Promise<TaskInviteDto> {
    const invite = await this.db.getRepository(TaskInviteEntity).findOneBy({ id: inviteId });
    if (!invite) throw notFound('邀请不存在');
    if (invite.userId !== p.userId) throw forbidden('只能回复给自己的邀请');
    if (invite.status !== InviteStatus.Pending) throw illegalTransition('该邀请已回复');
    await this.db
      .getRepository(TaskInviteEntity)
      .update({ id: inviteId, status: InviteStatus.Pending }, { status: InviteStatus.Declined, updatedAt: new Date() });
    return (await this.inviteDtos([{ ...invite, status: InviteStatus.Declined }]))[0];
  }

  async getWeights(p: Principal, communityId: number): Promise<MatchWeights> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    return { ...DEFAULT_MATCH_WEIGHTS, ...(await this.weights(communityId)) };
  }

  async setWeights(p: Principal, communityId: number, weights: Partial<MatchWeights>): Promise<MatchWeights> {
    const node = await this.scope.assertNode(
      p,
      communityId,
      [Role.CommunityAdmin],
      '只有本社区的管理员可以调整推荐权重',
    );
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    // DTO instances carry absent fields as undefined: only the given ones change.
    const given = Object.fromEntries(Object.entries(weights).filter(([, v]) => v !== undefined && v !== null));
    const merged = { ...DEFAULT_MATCH_WEIGHTS, ...(await this.weights(communityId)), ...given };
    if (Object.values(merged).every((v) => v === 0)) throw badRequest('至少要有一项权重大于0', 'weights');
    const repo = this.db.getRepository(MatchWeightsEntity);
    const now = new Date();
    if (await repo.existsBy({ communityId }))
      await repo.update({ communityId }, { weights: merged, updatedById: p.userId, updatedAt: now });
    else await repo.insert({ communityId, weights: merged, updatedById: p.userId, updatedAt: now });
    return merged;
  }

  /**
   * Acceptance of recommended tasks against the plain feed: of the distinct member × task pairs
   * shown from each source in the period, how many the member claimed within ATTRIBUTION_DAYS
   * after first seeing it; and the median time from publishing to full.
   */
  async stats(p: Principal, communityId: number, from?: string, to?: string): Promise<RecommendationStatsDto> {
    const node = await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    await this.impressions.flush();
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - 30 * DAY);
    const rows = (await this.db.query(
      `SELECT i.source, i.user_id, i.task_id, MIN(i.created_at) AS first_at, MIN(c.claimed_at) AS claimed_at
         FROM rec_impressions i
         JOIN org_nodes n ON n.id = i.community_id
         LEFT JOIN claims c ON c.task_id = i.task_id AND c.member_user_id = i.user_id AND c.claimed_at >= i.created_at
        WHERE n.path LIKE ? AND i.created_at >= ? AND i.created_at < ?
        GROUP BY i.source, i.user_id, i.task_id`,
      [`${node.path}%`, toDbDate(start), toDbDate(end)],
    )) as Row[];
    const bucket = (source: string) => {
      const mine = rows.filter((r) => r.source === source);
      const claims = mine.filter((r) => {
        const first = fromDbDate(r.first_at)!;
        const claimed = fromDbDate(r.claimed_at);
        return claimed !== null && claimed.getTime() - first.getTime() <= ATTRIBUTION_DAYS * DAY;
      }).length;
      return {
        impressions: mine.length,
        claims,
        acceptanceRate: mine.length ? Math.round((claims / mine.length) * 10000) / 10000 : null,
      };
    };
    const filled = (await this.db.query(
      `SELECT t.published_at, t.filled_at FROM tasks t JOIN org_nodes n ON n.id = t.community_id
        WHERE n.path LIKE ? AND t.filled_at IS NOT NULL AND t.published_at >= ? AND t.published_at < ?`,
      [`${node.path}%`, toDbDate(start), toDbDate(end)],
    )) as Row[];
    const hours = filled
      .map((r) => (fromDbDate(r.filled_at)!.getTime() - fromDbDate(r.published_at)!.getTime()) / 3600_000)
      .sort((a, b) => a - b);
    const median = hours.length
      ? hours.length % 2
        ? hours[(hours.length - 1) / 2]
        : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2
      : null;
    return {
      from: start.toISOString(),
      to: end.toISOString(),
      recommended: bucket('recommend'),
      feed: bucket('feed'),
      medianHoursToFull: median === null ? null : Math.round(median * 100) / 100,
      tasksFilled: hours.length,
    };
  }

  // ----------------------------------------------------------------------------------------------

  private async weights(communityId: number): Promise<Partial<MatchWeights>> {
    return (await this.db.getRepository(MatchWeightsEntity).findOneBy({ communityId }))?.weights ?? {};
  }

  private async staffTask(p: Principal, taskId: number): Promise<TaskView> {
    const task = await taskReader(this.db).findOneBy({ id: taskId });
    if (!task) throw notFound('任务不存在');
    await this.scope.assertNode(p, task.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以邀请党员');
    return task;
  }

  /** Positions, linked needs' buildings/grids and their age, for a set of task rows. */

  /** Approved members of the task's community or street who could take it now. */

  /** Everything the scorer needs about members, in four queries whatever their number. */

  private async names(userIds: number[]): Promise<Map<number, string>> {
    if (!userIds.length) return new Map();
    const rows = (await this.db.query(
      `SELECT user_id, name FROM registrations WHERE user_id IN (${userIds.map(() => '?').join(',')})`,
      userIds,
    )) as Row[];
    return new Map(rows.map((r) => [Number(r.user_id), String(r.name)]));
  }

  private async inviteDtos(invites: TaskInviteEntity[]): Promise<TaskInviteDto[]> {
    if (!invites.length) return [];
    const names = await this.names(invites.map((i) => i.userId));
    const claims = (await this.db.query(
      `SELECT task_id, member_user_id FROM claims WHERE status NOT IN ('withdrawn', 'expired', 'cancelled') AND (${invites.map(() => '(task_id = ? AND member_user_id = ?)').join(' OR ')})`,
      invites.flatMap((i) => [i.taskId, i.userId]),
    )) as Row[];
    const claimed = new Set(claims.map((c) => `${c.task_id}:${c.member_user_id}`));
    return invites.map((i) => ({
      id: i.id,
      taskId: i.taskId,
      userId: i.userId,
      name: names.get(i.userId) ?? '',
      status: claimed.has(`${i.taskId}:${i.userId}`) ? InviteStatus.Accepted : i.status,
      invitedByUserId: i.invitedById,
      createdAt: i.createdAt.toISOString(),
    }));
  }
}
