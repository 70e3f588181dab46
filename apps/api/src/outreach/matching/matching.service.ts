import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ATTRIBUTION_DAYS,
  DEFAULT_MATCH_WEIGHTS,
  InviteStatus,
  NotificationKind,
  OrgNodeType,
  RECOMMENDATION_LIMIT,
  RegistrationStatus,
  Role,
  TaskKind,
  type FreeTimeSlot,
  type InviteCandidateDto,
  type MatchWeights,
  type RecommendationStatsDto,
  type TaskInviteDto,
  type TaskRecommendationDto,
} from '@sbd/contracts';
import { rankMembersForTask, rankTasksForMember, type MemberFeatures, type TaskFeatures } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { badRequest, forbidden, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { fromDbDate, toDbDate, transaction } from '../../platform/database/sql';
import { NotificationsService } from '../../messaging';
import { MatchWeightsEntity } from './entities/match-weights.entity';
import { TaskInviteEntity } from './entities/task-invite.entity';
import { ImpressionsService, taskReader, TaskViewsService, type TaskView } from '../../loop';

const ACTIVE_CLAIMS = "('claimed', 'waitlisted', 'checked_in', 'checked_out')";
const DAY = 24 * 3600_000;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * 群众所需 ↔ 党员所能. Hard constraints are filtered in SQL (a task the member cannot take is never
 * offered: full, overlapping, branch-only, outside their street, or still reserved for position
 * holders); the one shared scoring function ranks what is left, in memory.
 */
/**
 * Positions and linked needs (building, its grid, age) of the tasks matching `taskFilter` (a
 * condition on the tasks alias `t`, used twice: pass its parameters twice).
 */
const extrasSql = (taskFilter: string) =>
  `SELECT 'p' AS k, tp.task_id, tp.position_id AS a, NULL AS b, NULL AS at
     FROM task_positions tp JOIN tasks t ON t.id = tp.task_id WHERE ${taskFilter}
   UNION ALL
   SELECT 'n' AS k, tn.task_id, n.building_id AS a, g.parent_id AS b, n.created_at AS at
     FROM task_needs tn JOIN tasks t ON t.id = tn.task_id JOIN needs n ON n.id = tn.need_id LEFT JOIN org_nodes g ON g.id = n.building_id
    WHERE ${taskFilter}`;

interface OpenTask {
  features: TaskFeatures;
  endsAt: number;
  claimDeadline: number;
  priorityUntil: number;
  full: boolean;
}

@Injectable()
export class MatchingService {
  /** Per-process cache of streets' open tasks, validated by version on every use (see openTasksOf). */
  private readonly openTasks = new Map<string, { version: string; tasks: OpenTask[] }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly taskViews: TaskViewsService,
    private readonly impressions: ImpressionsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** "为你推荐": the member's best open tasks, with reasons; the impressions are recorded. */
  async recommend(p: Principal, limit = RECOMMENDATION_LIMIT): Promise<TaskRecommendationDto[]> {
    const member = (await this.memberFeatures([p.userId]))[0];
    if (!member) throw forbidden('报到审核通过后才能获得推荐');
    const now = Date.now();
    const [candidates, weights] = await Promise.all([this.candidateTasks(member, now), this.weights(member.communityId)]);
    const ranked = rankTasksForMember(member, candidates, { now, weights, limit });
    if (!ranked.length) return [];
    const entities = await taskReader(this.db).findBy({ id: In(ranked.map((r) => r.task.id)) });
    const dtos = await this.taskViews.toDtos(entities, p, false);
    const byId = new Map(dtos.map((d) => [d.id, d]));
    this.impressions.record(p.userId, 'recommend', ranked.map((r, i) => ({ taskId: r.task.id, communityId: r.task.communityId, rank: i + 1, score: r.score })));
    return ranked.map((r) => ({ task: byId.get(r.task.id)!, score: r.score, reasons: r.reasons, factors: r.factors }));
  }

  /** Members to invite to a task, by the same score, excluding anyone who cannot take it. */
  async inviteCandidates(p: Principal, taskId: number, limit = 20): Promise<InviteCandidateDto[]> {
    const task = await this.staffTask(p, taskId);
    const features = await this.taskFeatures([task.id]);
    const userIds = await this.eligibleMembers(task);
    const members = await this.memberFeatures(userIds);
    const ranked = rankMembersForTask(features[0], members, { now: Date.now(), weights: await this.weights(task.communityId), limit });
    const invites = await this.db.getRepository(TaskInviteEntity).findBy({ taskId, userId: In(ranked.map((r) => r.member.userId)) });
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
    const eligible = new Set(await this.eligibleMembers(task));
    const refused = userIds.filter((u) => !eligible.has(u));
    if (refused.length) throw badRequest('所选党员中有人不能参加该任务（已报名、时间冲突或不在本街道）', 'userIds');
    const members = await this.memberFeatures(userIds);
    const [features] = await this.taskFeatures([taskId]);
    const scored = rankMembersForTask(features, members, { now: Date.now(), weights: await this.weights(task.communityId) });
    await transaction(this.db, async (m) => {
      const now = new Date();
      const existing = new Set((await m.getRepository(TaskInviteEntity).findBy({ taskId, userId: In(userIds) })).map((i) => i.userId));
      const fresh = scored.filter((s) => !existing.has(s.member.userId));
      if (fresh.length) {
        await m.getRepository(TaskInviteEntity).insert(
          fresh.map((s) => ({ taskId, userId: s.member.userId, invitedById: p.userId, status: InviteStatus.Pending, score: s.score, createdAt: now, updatedAt: now })),
        );
        await this.notifications.enqueue(
          m,
          fresh.map((s) => ({
            userId: s.member.userId,
            kind: NotificationKind.TaskPublished,
            title: '社区邀请您参加服务',
            body: `「${task.title}」${s.reasons.length ? `：${s.reasons.slice(0, 2).join('，')}` : ''}`,
            path: `/packageMember/pages/task/index?id=${taskId}`,
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
    return this.inviteDtos(await this.db.getRepository(TaskInviteEntity).find({ where: { taskId }, order: { id: 'ASC' } }));
  }

  async decline(p: Principal, inviteId: number): Promise<TaskInviteDto> {
    const invite = await this.db.getRepository(TaskInviteEntity).findOneBy({ id: inviteId });
    if (!invite) throw notFound('邀请不存在');
    if (invite.userId !== p.userId) throw forbidden('只能回复给自己的邀请');
    if (invite.status !== InviteStatus.Pending) throw illegalTransition('该邀请已回复');
    await this.db.getRepository(TaskInviteEntity).update({ id: inviteId, status: InviteStatus.Pending }, { status: InviteStatus.Declined, updatedAt: new Date() });
    return (await this.inviteDtos([{ ...invite, status: InviteStatus.Declined }]))[0];
  }

  async getWeights(p: Principal, communityId: number): Promise<MatchWeights> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    return { ...DEFAULT_MATCH_WEIGHTS, ...(await this.weights(communityId)) };
  }

  async setWeights(p: Principal, communityId: number, weights: Partial<MatchWeights>): Promise<MatchWeights> {
    const node = await this.scope.assertNode(p, communityId, [Role.CommunityAdmin], '只有本社区的管理员可以调整推荐权重');
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    // DTO instances carry absent fields as undefined: only the given ones change.
    const given = Object.fromEntries(Object.entries(weights).filter(([, v]) => v !== undefined && v !== null));
    const merged = { ...DEFAULT_MATCH_WEIGHTS, ...(await this.weights(communityId)), ...given };
    if (Object.values(merged).every((v) => v === 0)) throw badRequest('至少要有一项权重大于0', 'weights');
    const repo = this.db.getRepository(MatchWeightsEntity);
    const now = new Date();
    if (await repo.existsBy({ communityId })) await repo.update({ communityId }, { weights: merged, updatedById: p.userId, updatedAt: now });
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
      return { impressions: mine.length, claims, acceptanceRate: mine.length ? Math.round((claims / mine.length) * 10000) / 10000 : null };
    };
    const filled = (await this.db.query(
      `SELECT t.published_at, t.filled_at FROM tasks t JOIN org_nodes n ON n.id = t.community_id
        WHERE n.path LIKE ? AND t.filled_at IS NOT NULL AND t.published_at >= ? AND t.published_at < ?`,
      [`${node.path}%`, toDbDate(start), toDbDate(end)],
    )) as Row[];
    const hours = filled
      .map((r) => (fromDbDate(r.filled_at)!.getTime() - fromDbDate(r.published_at)!.getTime()) / 3600_000)
      .sort((a, b) => a - b);
    const median = hours.length ? (hours.length % 2 ? hours[(hours.length - 1) / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2) : null;
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

  /**
   * Open tasks this member could claim right now. One indexed range query for the street's open,
   * not-full, individual tasks; their positions and needs in one more; the member's own few
   * claims in a third. What depends on the member (already claimed, overlapping, reserved for
   * position holders) is then filtered in memory: correlated NOT EXISTS per task cost 50 ms here.
   */
  private async candidateTasks(m: MemberFeatures & { registrationId: number }, now: number): Promise<TaskFeatures[]> {
    const ts = toDbDate(new Date(now));
    const [street, mine] = await Promise.all([
      this.openTasksOf(m.streetId !== null ? { streetId: m.streetId } : { communityId: m.communityId }),
      this.db.query(
        `SELECT task_id, status, starts_at, ends_at FROM claims
          WHERE member_user_id = ? AND status NOT IN ('withdrawn', 'expired', 'cancelled') AND ends_at > ?`,
        [m.userId, ts],
      ) as Promise<Row[]>,
    ]);
    const claimed = new Set(mine.map((c) => Number(c.task_id)));
    const busy = mine
      .filter((c) => ['claimed', 'waitlisted', 'checked_in', 'checked_out'].includes(String(c.status)))
      .map((c) => ({ start: fromDbDate(c.starts_at)!.getTime(), end: fromDbDate(c.ends_at)!.getTime() }));
    return street
      .filter((o) => {
        if (o.endsAt <= now || o.claimDeadline <= now || o.full || claimed.has(o.features.id)) return false;
        const start = (o.features.startsAt as Date).getTime();
        if (busy.some((b) => b.start < o.endsAt && b.end > start)) return false;
        const t = o.features;
        if (o.priorityUntil > now && t.positionIds.length && !t.positionIds.some((p) => m.positionIds.includes(p))) return false;
        return true;
      })
      .map((o) => o.features);
  }

  /**
   * The open, individual tasks of a street with everything the scorer needs, cached per process
   * and revalidated on every call by a cheap version (count and newest updated_at of the street's
   * open tasks): every change to a task — a slot taken or freed, a status — bumps updated_at, so
   * a cached list is never used once it is out of date, whichever process changed the task.
   */
  private async openTasksOf(scope: { streetId: number } | { communityId: number }): Promise<OpenTask[]> {
    const scopeSql = 'streetId' in scope ? 't.street_id = ?' : 't.community_id = ?';
    const scopeId = 'streetId' in scope ? scope.streetId : scope.communityId;
    const key = `${'streetId' in scope ? 's' : 'c'}:${scopeId}`;
    const open = "t.status IN ('published', 'in_progress') AND t.target = 'individuals'";
    const [v] = (await this.db.query(`SELECT COUNT(*) AS n, MAX(t.updated_at) AS u FROM tasks t WHERE ${open} AND ${scopeSql}`, [scopeId])) as Row[];
    const version = `${v?.n}:${fromDbDate(v?.u)?.getTime() ?? 0}`;
    const hit = this.openTasks.get(key);
    if (hit && hit.version === version) return hit.tasks;
    const [rows, extras] = (await Promise.all([
      this.db.query(
        `SELECT t.id, t.kind, t.community_id, t.street_id, t.starts_at, t.ends_at, t.claim_deadline, t.priority_until,
                t.claimed_count, t.capacity, t.required_skills, t.latitude, t.longitude
           FROM tasks t WHERE ${open} AND ${scopeSql}
          ORDER BY t.starts_at ASC, t.id ASC LIMIT 20000`,
        [scopeId],
      ),
      this.db.query(extrasSql(`${open} AND ${scopeSql}`), [scopeId, scopeId]),
    ])) as [Row[], Row[]];
    const features = this.assemble(rows, extras);
    const tasks: OpenTask[] = rows.map((r, i) => ({
      features: features[i],
      endsAt: fromDbDate(r.ends_at)!.getTime(),
      claimDeadline: fromDbDate(r.claim_deadline)!.getTime(),
      priorityUntil: fromDbDate(r.priority_until)?.getTime() ?? 0,
      full: Number(r.claimed_count) >= Number(r.capacity),
    }));
    if (this.openTasks.size >= 64) this.openTasks.delete(this.openTasks.keys().next().value as string);
    this.openTasks.set(key, { version, tasks });
    return tasks;
  }

  private async taskFeatures(ids: number[]): Promise<TaskFeatures[]> {
    const rows = (await this.db.query(
      `SELECT t.id, t.kind, t.community_id, t.street_id, t.starts_at, t.required_skills, t.latitude, t.longitude FROM tasks t WHERE t.id IN (${ids.map(() => '?').join(',')})`,
      ids,
    )) as Row[];
    return this.withTaskExtras(rows);
  }

  /** Positions, linked needs' buildings/grids and their age, for a set of task rows. */
  private async withTaskExtras(rows: Row[]): Promise<TaskFeatures[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const extras: Row[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      const filter = `t.id IN (${part.map(() => '?').join(',')})`;
      extras.push(...((await this.db.query(extrasSql(filter), [...part, ...part])) as Row[]));
    }
    return this.assemble(rows, extras);
  }

  private assemble(rows: Row[], extras: Row[]): TaskFeatures[] {
    const byTask = new Map<number, Row[]>();
    for (const e of extras) {
      const list = byTask.get(Number(e.task_id)) ?? [];
      list.push(e);
      byTask.set(Number(e.task_id), list);
    }
    return rows.map((r) => {
      const ex = byTask.get(Number(r.id)) ?? [];
      const needs = ex.filter((e) => e.k === 'n');
      const lat = num(r.latitude);
      const lng = num(r.longitude);
      const oldest = needs.map((n) => fromDbDate(n.at)!.getTime()).sort((a, b) => a - b)[0];
      return {
        id: Number(r.id),
        kind: r.kind as TaskKind,
        communityId: Number(r.community_id),
        streetId: num(r.street_id),
        startsAt: fromDbDate(r.starts_at)!,
        skills: typeof r.required_skills === 'string' ? (JSON.parse(r.required_skills) as string[]) : [],
        positionIds: ex.filter((e) => e.k === 'p').map((e) => Number(e.a)),
        buildingIds: needs.map((n) => num(n.a)).filter((x): x is number => x !== null),
        gridIds: needs.map((n) => num(n.b)).filter((x): x is number => x !== null),
        place: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : null,
        oldestNeedAt: oldest ?? null,
      };
    });
  }

  /** Approved members of the task's community or street who could take it now. */
  private async eligibleMembers(task: TaskView): Promise<number[]> {
    const rows = (await this.db.query(
      `SELECT r.user_id FROM registrations r JOIN org_nodes c ON c.id = r.community_id
        WHERE r.status = ? AND (r.community_id = ? OR c.parent_id = ?)
          AND NOT EXISTS (SELECT 1 FROM claims x WHERE x.task_id = ? AND x.member_user_id = r.user_id AND x.status NOT IN ('withdrawn', 'expired', 'cancelled'))
          AND NOT EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND x.status IN ${ACTIVE_CLAIMS} AND x.starts_at < ? AND x.ends_at > ?)
          ${task.target === 'branches' ? 'AND EXISTS (SELECT 1 FROM task_branches tb WHERE tb.task_id = ? AND tb.branch_id = r.branch_id)' : ''}`,
      [RegistrationStatus.Approved, task.communityId, task.streetId ?? -1, task.id, toDbDate(task.endsAt), toDbDate(task.startsAt), ...(task.target === 'branches' ? [task.id] : [])],
    )) as Row[];
    return rows.map((r) => Number(r.user_id));
  }

  /** Everything the scorer needs about members, in four queries whatever their number. */
  private async memberFeatures(userIds: number[]): Promise<(MemberFeatures & { registrationId: number })[]> {
    if (!userIds.length) return [];
    const out: (MemberFeatures & { registrationId: number })[] = [];
    for (let i = 0; i < userIds.length; i += 1000) {
      const part = userIds.slice(i, i + 1000);
      const marks = part.map(() => '?').join(',');
      const since = toDbDate(new Date(Date.now() - 30 * DAY));
      const [regs, positions, recent, ratings] = await Promise.all([
        this.db.query(
          `SELECT r.id, r.user_id, r.community_id, c.parent_id AS street_id, r.grid_id, r.building_id, r.skills, r.free_time,
                  COALESCE(b.latitude, c.latitude) AS lat, COALESCE(b.longitude, c.longitude) AS lng
             FROM registrations r JOIN org_nodes c ON c.id = r.community_id LEFT JOIN org_nodes b ON b.id = r.building_id
            WHERE r.status = ? AND r.user_id IN (${marks})`,
          [RegistrationStatus.Approved, ...part],
        ) as Promise<Row[]>,
        this.db.query(
          `SELECT r.user_id, p.id, p.name FROM registration_positions rp JOIN registrations r ON r.id = rp.registration_id JOIN positions p ON p.id = rp.position_id WHERE r.user_id IN (${marks})`,
          part,
        ) as Promise<Row[]>,
        this.db.query(
          `SELECT member_user_id AS user_id, COUNT(*) AS n FROM claims WHERE status = 'verified' AND verified_at >= ? AND member_user_id IN (${marks}) GROUP BY member_user_id`,
          [since, ...part],
        ) as Promise<Row[]>,
        this.db.query(
          `SELECT r.member_user_id AS user_id, t.kind, AVG(r.score) AS average, COUNT(*) AS n
             FROM ratings r JOIN tasks t ON t.id = r.task_id
            WHERE r.kind = 'community' AND r.member_user_id IN (${marks}) GROUP BY r.member_user_id, t.kind`,
          part,
        ) as Promise<Row[]>,
      ]);
      for (const r of regs) {
        const userId = Number(r.user_id);
        const mine = positions.filter((x) => Number(x.user_id) === userId);
        const ratingByKind: MemberFeatures['ratingByKind'] = {};
        for (const x of ratings.filter((y) => Number(y.user_id) === userId)) {
          ratingByKind[x.kind as TaskKind] = { average: Number(x.average), count: Number(x.n) };
        }
        const lat = num(r.lat);
        const lng = num(r.lng);
        out.push({
          userId,
          registrationId: Number(r.id),
          communityId: Number(r.community_id),
          streetId: num(r.street_id),
          gridId: num(r.grid_id),
          buildingId: num(r.building_id),
          home: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : null,
          skills: parseJson<string[]>(r.skills, []),
          freeTime: parseJson<FreeTimeSlot[]>(r.free_time, []),
          positionIds: mine.map((x) => Number(x.id)),
          positionNames: Object.fromEntries(mine.map((x) => [Number(x.id), String(x.name)])),
          recentServices: Number(recent.find((x) => Number(x.user_id) === userId)?.n ?? 0),
          ratingByKind,
        });
      }
    }
    return out;
  }

  private async names(userIds: number[]): Promise<Map<number, string>> {
    if (!userIds.length) return new Map();
    const rows = (await this.db.query(`SELECT user_id, name FROM registrations WHERE user_id IN (${userIds.map(() => '?').join(',')})`, userIds)) as Row[];
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

function parseJson<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return (v as T) ?? fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}
