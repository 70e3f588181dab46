import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RegistrationStatus, TaskKind, TaskStatus, TaskTarget, type FreeTimeSlot } from '@sbd/contracts';
import { whyMemberCannotClaim, type MemberFeatures, type TaskFeatures } from '@sbd/domain';
import { DataSource } from 'typeorm';
import { fromDbDate, toDbDate } from '../../platform/database/sql';
import type { TaskView } from '../../loop';

const ACTIVE_CLAIMS = "('claimed', 'waitlisted', 'checked_in', 'checked_out')";
const DAY = 24 * 3600_000;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

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

/**
 * The features the shared scoring function ranks, read with SQL: open tasks a member may take
 * (hard constraints filtered here), tasks by id, and members eligible for a task.
 */
@Injectable()
export class MatchFeaturesService {
  /** Per-process cache of streets' open tasks, validated by version on every use (see openTasksOf). */
  private readonly openTasks = new Map<string, { version: string; tasks: OpenTask[] }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Open tasks this member could claim right now. One indexed range query for the street's open,
   * not-full, individual tasks; their positions and needs in one more; the member's own few
   * claims in a third. What depends on the member (already claimed, overlapping, reserved for
   * position holders) is then filtered in memory: correlated NOT EXISTS per task cost 50 ms here.
   * The deadline, area and position priority are the shared claim rule's (whyMemberCannotClaim),
   * the one a claim is checked against, so a recommended task is one the member may claim.
   */
  async candidateTasks(m: MemberFeatures & { registrationId: number }, now: number): Promise<TaskFeatures[]> {
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
        if (o.endsAt <= now || o.full || claimed.has(o.features.id)) return false;
        const start = (o.features.startsAt as Date).getTime();
        if (busy.some((b) => b.start < o.endsAt && b.end > start)) return false;
        const t = o.features;
        // The street's open tasks are published or in progress (both claimable) and for individuals.
        const why = whyMemberCannotClaim(
          {
            status: TaskStatus.Published,
            target: TaskTarget.Individuals,
            claimDeadline: o.claimDeadline,
            communityId: t.communityId,
            streetId: t.streetId,
            priorityUntil: o.priorityUntil || null,
            positionIds: t.positionIds,
          },
          { approved: true, communityId: m.communityId, streetId: m.streetId, positionIds: m.positionIds },
          now,
        );
        return why === null;
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
    const [v] = (await this.db.query(
      `SELECT COUNT(*) AS n, MAX(t.updated_at) AS u FROM tasks t WHERE ${open} AND ${scopeSql}`,
      [scopeId],
    )) as Row[];
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

  async taskFeatures(ids: number[]): Promise<TaskFeatures[]> {
    const rows = (await this.db.query(
      `SELECT t.id, t.kind, t.community_id, t.street_id, t.starts_at, t.required_skills, t.latitude, t.longitude FROM tasks t WHERE t.id IN (${ids.map(() => '?').join(',')})`,
      ids,
    )) as Row[];
    return this.withTaskExtras(rows);
  }

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

  async eligibleMembers(task: TaskView): Promise<number[]> {
    const rows = (await this.db.query(
      `SELECT r.user_id FROM registrations r JOIN org_nodes c ON c.id = r.community_id
        WHERE r.status = ? AND (r.community_id = ? OR c.parent_id = ?)
          AND NOT EXISTS (SELECT 1 FROM claims x WHERE x.task_id = ? AND x.member_user_id = r.user_id AND x.status NOT IN ('withdrawn', 'expired', 'cancelled'))
          AND NOT EXISTS (SELECT 1 FROM claims x WHERE x.member_user_id = r.user_id AND x.status IN ${ACTIVE_CLAIMS} AND x.starts_at < ? AND x.ends_at > ?)
          ${task.target === 'branches' ? 'AND EXISTS (SELECT 1 FROM task_branches tb WHERE tb.task_id = ? AND tb.branch_id = r.branch_id)' : ''}`,
      [
        RegistrationStatus.Approved,
        task.communityId,
        task.streetId ?? -1,
        task.id,
        toDbDate(task.endsAt),
        toDbDate(task.startsAt),
        ...(task.target === 'branches' ? [task.id] : []),
      ],
    )) as Row[];
    return rows.map((r) => Number(r.user_id));
  }

  async memberFeatures(userIds: number[]): Promise<(MemberFeatures & { registrationId: number })[]> {
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
}

function parseJson<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return (v as T) ?? fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}
