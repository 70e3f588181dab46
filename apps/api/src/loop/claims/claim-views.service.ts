import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, type ClaimDto, type Page } from '@sbd/contracts';
import { DAY_MS } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { notFound } from '../../platform/errors/app-errors';
import { KeyedReads, sharesReads } from '../../platform/database/keyed-reads';
import { toDbDate } from '../../platform/database/sql';
import { TaskEntity } from '../tasks/entities/task.entity';
import { CLAIM_VIEW_SELECT, claimFromRow, ownClaimDtos, toClaimDto, type ClaimTaskView } from './claim-view';
import type { ListClaimsQuery } from './dto/claim.dtos';
import type { CommunityClaimsQuery } from './dto/community-claims.query';
import { ClaimEntity } from './entities/claim.entity';

/** Reading claims: one claim, the member's and a task's lists, and claims as DTOs for a viewer. */
@Injectable()
export class ClaimViewsService {
  /**
   * Claims by id with their extras, read for concurrent requests in shared statements: a claim
   * just written (a burst's answers), the feed's claims on a page.
   */
  private readonly byId: KeyedReads<number, Record<string, unknown>>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.byId = new KeyedReads(async (ids) => {
      const sql = `${CLAIM_VIEW_SELECT} WHERE c.id IN (${ids.map(() => '?').join(', ')})`;
      const rows = (await db.query(sql, ids)) as Record<string, unknown>[];
      return new Map(rows.map((row) => [Number(row.c_id), row]));
    }, sharesReads(db));
  }

  /** One claim as the viewer sees it. */
  async dto(p: Principal, claimId: number): Promise<ClaimDto> {
    return (await this.toDtos([await this.load(claimId)], p))[0];
  }

  /**
   * A claim just written, on a task the caller has in hand (what a claim shows of its task does not
   * change with claims): one statement, the claim with its extras, shared with concurrent callers.
   */
  async dtoOnTask(p: Principal, claimId: number, task: TaskEntity): Promise<ClaimDto> {
    const row = await this.byId.get(claimId);
    const found = row ? claimFromRow(row) : null;
    if (!found) throw notFound('报名不存在');
    const staff = (await this.staffCommunities(p, [task])).has(task.communityId);
    return toClaimDto(
      found.claim,
      task,
      found.extras,
      { own: found.claim.memberUserId === p.userId, staff },
      this.config.attendance.checkinEarlyMinutes,
    );
  }

  /** The tasks' communities where `p` is staff (no lookup for a caller who is staff nowhere). */
  private async staffCommunities(p: Principal, tasks: TaskEntity[]): Promise<Set<number>> {
    const staff = new Set<number>();
    if (!p.roles.some((r) => r.role === Role.CommunityAdmin)) return staff;
    for (const communityId of new Set(tasks.map((t) => t.communityId))) {
      const node = await this.scope.node(communityId);
      if (this.scope.covers(p, node.path, [Role.CommunityAdmin])) staff.add(communityId);
    }
    return staff;
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

  /** 服务核验: the claims on a community's tasks, for its staff and those above. */
  async ofCommunity(p: Principal, communityId: number, q: CommunityClaimsQuery): Promise<Page<ClaimDto>> {
    await this.scope.assertNode(p, communityId, COMMUNITY_READERS);
    return this.page(p, { communityId, taskId: q.taskId }, q, startPeriod(q.from, q.to));
  }

  private async page(
    p: Principal,
    where: { memberUserId?: number; taskId?: number; communityId?: number },
    q: ListClaimsQuery,
    period: { from?: Date; before?: Date } = {},
  ): Promise<Page<ClaimDto>> {
    const limit = q.limit ?? 20;
    const qb = this.db
      .getRepository(ClaimEntity)
      .createQueryBuilder('c')
      .orderBy('c.id', 'DESC')
      .take(limit + 1);
    if (where.memberUserId) qb.andWhere('c.member_user_id = :u', { u: where.memberUserId });
    if (where.taskId) qb.andWhere('c.task_id = :t', { t: where.taskId });
    if (where.communityId)
      qb.andWhere('c.task_id IN (SELECT t.id FROM tasks t WHERE t.community_id = :cm)', { cm: where.communityId });
    if (period.from) qb.andWhere('c.starts_at >= :from', { from: toDbDate(period.from) });
    if (period.before) qb.andWhere('c.starts_at < :before', { before: toDbDate(period.before) });
    if (q.status) qb.andWhere('c.status = :s', { s: q.status });
    if (q.cursor) qb.andWhere('c.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.getMany();
    return {
      items: await this.toDtos(rows.slice(0, limit), p),
      nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null,
    };
  }

  async get(p: Principal, claimId: number): Promise<ClaimDto> {
    const claim = await this.load(claimId);
    if (claim.memberUserId !== p.userId && claim.claimedById !== p.userId) {
      const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: claim.taskId });
      await this.scope.assertNode(p, task.communityId, COMMUNITY_READERS, '无权查看该报名');
    }
    return (await this.toDtos([claim], p))[0];
  }

  async load(id: number): Promise<ClaimEntity> {
    const claim = await this.db.getRepository(ClaimEntity).findOneBy({ id });
    if (!claim) throw notFound('报名不存在');
    return claim;
  }

  /** Claims as `p` sees them: two queries whatever their number (the claims' extras, their tasks). */
  async toDtos(claims: ClaimEntity[], p: Principal): Promise<ClaimDto[]> {
    if (!claims.length) return [];
    const ids = claims.map((c) => c.id);
    const [tasks, rows] = await Promise.all([
      this.db.getRepository(TaskEntity).findBy({ id: In([...new Set(claims.map((c) => c.taskId))]) }),
      this.db.query(`${CLAIM_VIEW_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')})`, ids) as Promise<
        Record<string, unknown>[]
      >,
    ]);
    const taskOf = new Map(tasks.map((t) => [t.id, t]));
    const extrasOf = new Map(rows.map(claimFromRow).flatMap((x) => (x ? [[x.claim.id, x.extras] as const] : [])));
    const staffCommunities = await this.staffCommunities(p, tasks);
    return claims.map((c) => {
      const t = taskOf.get(c.taskId)!;
      return toClaimDto(
        c,
        t,
        extrasOf.get(c.id)!,
        { own: c.memberUserId === p.userId, staff: staffCommunities.has(t.communityId) },
        this.config.attendance.checkinEarlyMinutes,
      );
    });
  }

  /**
   * The caller's own claims on some tasks, keyed by task id, in one statement: the task lists
   * show each task with the viewer's claim on it.
   */
  async ownOnTasks(userId: number, tasks: (ClaimTaskView & { id: number })[]): Promise<Map<number, ClaimDto>> {
    if (!tasks.length) return new Map();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const rows = (await this.db.query(
      `${CLAIM_VIEW_SELECT} WHERE c.member_user_id = ? AND c.task_id IN (${tasks.map(() => '?').join(',')})`,
      [userId, ...byId.keys()],
    )) as Record<string, unknown>[];
    return ownClaimDtos(rows, byId, this.config.attendance.checkinEarlyMinutes);
  }

  /**
   * The caller's claims of these ids on these tasks, keyed by task id: read by id in statements
   * shared with concurrent requests (the feed's claims on a page, its ids read with the principal).
   */
  async ownByIds(
    userId: number,
    claimIds: number[],
    tasks: (ClaimTaskView & { id: number })[],
  ): Promise<Map<number, ClaimDto>> {
    const rows = await this.byId.getMany(claimIds);
    const own = rows.filter((r): r is Record<string, unknown> => r !== null && Number(r.c_member_user_id) === userId);
    return ownClaimDtos(own, new Map(tasks.map((t) => [t.id, t])), this.config.attendance.checkinEarlyMinutes);
  }
}

/** A period of China days (YYYY-MM-DD, `to` inclusive) or instants, as a half-open range. */
function startPeriod(from?: string, to?: string): { from?: Date; before?: Date } {
  const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
  return {
    from: from ? (DATE_ONLY.test(from) ? day(from) : new Date(from)) : undefined,
    before: to ? (DATE_ONLY.test(to) ? new Date(day(to).getTime() + DAY_MS) : new Date(to)) : undefined,
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
