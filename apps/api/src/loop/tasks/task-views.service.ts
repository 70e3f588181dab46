import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TaskDto } from '@sbd/contracts';
import { taskMachine } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { fromDbDate } from '../../platform/database/sql';
import { TaskEntity } from './entities/task.entity';
import { mapPosition } from './map-position';
import { TaskHooks } from './task-hooks';
import { type OrgNodeView, orgNodeReader } from '../../org';

/** A task's DTO as every viewer sees it: without the viewer's own claim and actions. */
export type SharedTaskDto = Omit<TaskDto, 'myClaim' | 'allowedActions'>;

/** Turns tasks into DTOs: the part every viewer shares, and the viewer's own claim and actions. */
@Injectable()
export class TaskViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hooks: TaskHooks,
  ) {}

  /**
   * Task DTOs for a viewer in two parallel round trips whatever the page size (plus one for
   * community names not given): the shared parts, and the viewer's own claims. `staff`: the viewer
   * manages these tasks and sees the actions they may take and the exact map position.
   */
  async toDtos(
    tasks: TaskEntity[],
    p: Principal,
    staff: boolean,
    communityNames?: Map<number, string>,
  ): Promise<TaskDto[]> {
    if (!tasks.length) return [];
    const [shared, mine] = await Promise.all([
      this.sharedDtos(tasks, communityNames),
      this.hooks.claims.ownOnTasks(p.userId, tasks),
    ]);
    return shared.map((d, i) => ({
      ...d,
      ...(staff ? mapPosition(tasks[i].latitude, tasks[i].longitude, true) : {}),
      myClaim: mine.get(d.id) ?? null,
      allowedActions: staff ? taskMachine.allowedActions(tasks[i].status) : [],
    }));
  }

  /**
   * The shared parts: positions, branches, needs and waitlist counts in one UNION, and the names of
   * communities not given. The map position is the rounded one members see (see `mapPosition`).
   */
  async sharedDtos(tasks: TaskEntity[], communityNames?: Map<number, string>): Promise<SharedTaskDto[]> {
    if (!tasks.length) return [];
    const ids = tasks.map((t) => t.id);
    const marks = ids.map(() => '?').join(',');
    const missing = [...new Set(tasks.map((t) => t.communityId))].filter((id) => !communityNames?.has(id));
    const [rows, communities] = await Promise.all([
      this.db.query(
        `SELECT 'p' AS k, tp.task_id AS task_id, x.id AS id, x.name AS name FROM task_positions tp JOIN positions x ON x.id = tp.position_id WHERE tp.task_id IN (${marks})
         UNION ALL
         SELECT 'b' AS k, tb.task_id AS task_id, x.id AS id, x.name AS name FROM task_branches tb JOIN org_nodes x ON x.id = tb.branch_id WHERE tb.task_id IN (${marks})
         UNION ALL
         SELECT 'n' AS k, tn.task_id AS task_id, tn.need_id AS id, NULL AS name FROM task_needs tn WHERE tn.task_id IN (${marks})
         UNION ALL
         SELECT 'w' AS k, c.task_id AS task_id, COUNT(*) AS id, NULL AS name FROM claims c WHERE c.status = 'waitlisted' AND c.task_id IN (${marks}) GROUP BY c.task_id`,
        [...ids, ...ids, ...ids, ...ids],
      ) as Promise<{ k: string; task_id: number; id: number; name: string | null }[]>,
      missing.length ? orgNodeReader(this.db).findBy({ id: In(missing) }) : Promise.resolve([] as OrgNodeView[]),
    ]);
    const names = new Map(communityNames ?? []);
    for (const c of communities) names.set(c.id, c.name);
    const byTask = new Map<
      number,
      { p: { id: number; name: string }[]; b: { id: number; name: string }[]; n: number[]; w: number }
    >();
    for (const id of ids) byTask.set(id, { p: [], b: [], n: [], w: 0 });
    for (const r of rows) {
      const x = byTask.get(Number(r.task_id));
      if (!x) continue;
      if (r.k === 'p') x.p.push({ id: Number(r.id), name: String(r.name) });
      else if (r.k === 'b') x.b.push({ id: Number(r.id), name: String(r.name) });
      else if (r.k === 'n') x.n.push(Number(r.id));
      else if (r.k === 'w') x.w = Number(r.id);
    }
    return tasks.map((t) => {
      const x = byTask.get(t.id)!;
      const position = mapPosition(t.latitude, t.longitude, false);
      return {
        id: t.id,
        communityId: t.communityId,
        communityName: names.get(t.communityId) ?? '',
        kind: t.kind,
        target: t.target,
        title: t.title,
        description: t.description,
        status: t.status,
        capacity: t.capacity,
        waitlist: !!t.waitlist,
        claimedCount: t.claimedCount,
        waitlistCount: x.w,
        startAt: t.startsAt.toISOString(),
        endAt: t.endsAt.toISOString(),
        place: t.place,
        latitude: position.latitude,
        longitude: position.longitude,
        checkinRadiusM: t.checkinRadiusM,
        positions: x.p,
        skills: t.requiredSkills,
        pointsRule: { perHour: t.pointsPerHour, minimum: t.pointsMinimum, max: t.pointsMax },
        needIds: x.n,
        branches: x.b,
        withdrawCutoffMinutes: t.withdrawCutoffMinutes,
        cancelReason: t.cancelReason,
        createdByUserId: t.createdById,
        createdAt: t.createdAt.toISOString(),
        publishedAt: t.publishedAt?.toISOString() ?? null,
        completedAt: t.completedAt?.toISOString() ?? null,
      };
    });
  }
}

/** A raw `tasks` row (either driver) as an entity; the check-in secret is left out. */
export function rowToTask(r: Record<string, unknown>): TaskEntity {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const t = new TaskEntity();
  Object.assign(t, {
    id: Number(r.id),
    communityId: Number(r.community_id),
    streetId: num(r.street_id),
    kind: r.kind,
    target: r.target,
    title: r.title,
    description: r.description,
    status: r.status,
    capacity: Number(r.capacity),
    claimedCount: Number(r.claimed_count),
    startsAt: fromDbDate(r.starts_at)!,
    endsAt: fromDbDate(r.ends_at)!,
    claimDeadline: fromDbDate(r.claim_deadline)!,
    withdrawCutoffMinutes: Number(r.withdraw_cutoff_minutes),
    priorityUntil: fromDbDate(r.priority_until),
    waitlist: r.waitlist === true || Number(r.waitlist) === 1,
    place: r.place,
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    checkinRadiusM: Number(r.checkin_radius_m),
    pointsPerHour: Number(r.points_per_hour),
    pointsMinimum: Number(r.points_minimum),
    pointsMax: Number(r.points_max),
    requiredSkills: typeof r.required_skills === 'string' ? (JSON.parse(r.required_skills) as string[]) : [],
    cancelReason: (r.cancel_reason as string | null) ?? null,
    createdById: Number(r.created_by_id),
    publishedAt: fromDbDate(r.published_at),
    completedAt: fromDbDate(r.completed_at),
    createdAt: fromDbDate(r.created_at)!,
    updatedAt: fromDbDate(r.updated_at)!,
  });
  return t;
}
