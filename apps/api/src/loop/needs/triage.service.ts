import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  NEED_STATUS_LABELS,
  NeedAction,
  NeedCategory,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  type NeedDto,
} from '@sbd/contracts';
import { needMachine, OPEN_NEED_STATUSES } from '@sbd/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { badRequest, illegalTransition } from '../../platform/errors/app-errors';
import { execute, fromDbDate, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { automaticTransition } from '../../platform/database/automatic-transition';
import type { MergeNeedDto } from './dto/need-actions.dto';
import type { NeedSummaryQuery } from './dto/list-needs.query';
import { NeedPlusOneEntity } from './entities/need-plus-one.entity';
import { NeedEntity } from './entities/need.entity';
import { TRIAGERS } from './need-rules';
import { ACCEPT_WITHIN_HOURS, OVERDUE_LIST_MAX, periodRange, shanghaiDate, type NeedSummaryDto } from './need-summary';
import { NeedTransitionsService } from './need-transitions.service';
import { NeedViewsService } from './need-views.service';

/** A completed task fulfils its accepted needs (accepted → fulfilled, by the need machine). */
const FULFILLED_BY_TASK = automaticTransition(needMachine, NeedAction.Fulfil);

/** 下单: the community's summaries of its needs and its staff's decisions on each. */
@Injectable()
export class TriageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly views: NeedViewsService,
    private readonly transitions: NeedTransitionsService,
  ) {}

  /**
   * 日汇总、周研判、月总结: the community's needs posted in the period, counted by category and
   * by status in SQL, and the needs that have waited more than 48 hours to be accepted.
   */
  async summary(p: Principal, communityId: number, q: NeedSummaryQuery): Promise<NeedSummaryDto> {
    const node = await this.scope.assertNode(p, communityId, COMMUNITY_READERS, '无权查看该社区的需求');
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    const now = new Date();
    const date = q.date ?? shanghaiDate(now);
    const range = periodRange(q.period, date);
    if (!range) throw badRequest('日期无效', 'date');
    const inPeriod = 'community_id = ? AND created_at >= ? AND created_at < ?';
    const params = [communityId, toDbDate(range.from), toDbDate(range.to)];
    const cutoff = toDbDate(new Date(now.getTime() - ACCEPT_WITHIN_HOURS * 3_600_000));
    const waiting = [NeedStatus.Held, NeedStatus.Submitted];
    const [byCategoryRows, byStatusRows, overdueCountRows, overdueRows] = await Promise.all([
      this.db.query(`SELECT category AS k, COUNT(*) AS n FROM needs WHERE ${inPeriod} GROUP BY category`, params),
      this.db.query(`SELECT status AS k, COUNT(*) AS n FROM needs WHERE ${inPeriod} GROUP BY status`, params),
      this.db.query(`SELECT COUNT(*) AS n FROM needs WHERE community_id = ? AND status IN (?, ?) AND created_at < ?`, [
        communityId,
        ...waiting,
        cutoff,
      ]),
      this.db.query(
        `SELECT id, title, category, status, building_id, created_at FROM needs
          WHERE community_id = ? AND status IN (?, ?) AND created_at < ?
          ORDER BY created_at ASC, id ASC LIMIT ${OVERDUE_LIST_MAX}`,
        [communityId, ...waiting, cutoff],
      ),
    ]);
    const byCategory = Object.fromEntries(Object.values(NeedCategory).map((c) => [c, 0])) as Record<
      NeedCategory,
      number
    >;
    const byStatus = Object.fromEntries(Object.values(NeedStatus).map((s) => [s, 0])) as Record<NeedStatus, number>;
    let total = 0;
    for (const r of byCategoryRows as { k: NeedCategory; n: unknown }[]) {
      byCategory[r.k] = Number(r.n);
      total += Number(r.n);
    }
    for (const r of byStatusRows as { k: NeedStatus; n: unknown }[]) byStatus[r.k] = Number(r.n);
    type OverdueRow = {
      id: unknown;
      title: string;
      category: NeedCategory;
      status: NeedStatus;
      building_id: unknown;
      created_at: unknown;
    };
    return {
      communityId,
      period: q.period,
      date,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      total,
      byCategory,
      byStatus,
      overdueCount: Number((overdueCountRows as { n: unknown }[])[0]?.n ?? 0),
      overdue: (overdueRows as OverdueRow[]).map((r) => {
        const createdAt = fromDbDate(r.created_at) as Date;
        return {
          id: Number(r.id),
          title: r.title,
          category: r.category,
          status: r.status,
          buildingId: r.building_id === null ? null : Number(r.building_id),
          createdAt: createdAt.toISOString(),
          hoursWaiting: Math.floor((now.getTime() - createdAt.getTime()) / 3_600_000),
        };
      }),
    };
  }

  /** Staff review passes a held need: it becomes public and waits for triage. */
  async release(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Release);
    await transaction(this.db, (m) => this.transitions.apply(m, need, NeedAction.Release, [], []));
    return this.views.toDto(p, await this.views.load(id));
  }

  async accept(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Accept);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.transitions.apply(m, need, NeedAction.Accept, ['accepted_at = ?'], [toDbDate(now)], now);
      await this.transitions.notifyResident(
        m,
        need,
        NotificationKind.NeedAccepted,
        '需求已受理',
        `您的需求「${need.title}」已被社区受理，我们会尽快安排服务。`,
        'accepted',
        now,
      );
    });
    return this.views.toDto(p, await this.views.load(id));
  }

  async reject(p: Principal, id: number, reason: string): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Reject);
    const why = reason.trim();
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.transitions.apply(m, need, NeedAction.Reject, ['reject_reason = ?'], [why], now);
      await this.transitions.notifyResident(
        m,
        need,
        NotificationKind.NeedRejected,
        '需求未受理',
        `您的需求「${need.title}」未被受理：${why}`,
        'rejected',
        now,
      );
    });
    return this.views.toDto(p, await this.views.load(id));
  }

  /**
   * Folds a need into another about the same thing: the target must be the same community's,
   * still open, and not the need itself. The merged need's requester and its "+1"s count toward
   * the target.
   */
  async merge(p: Principal, id: number, dto: MergeNeedDto): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Merge);
    if (dto.targetNeedId === id) throw badRequest('不能合并到需求自身', 'targetNeedId');
    const target = await this.db.getRepository(NeedEntity).findOneBy({ id: dto.targetNeedId });
    if (!target || target.communityId !== need.communityId)
      throw badRequest('要合并到的需求不存在或不属于本社区', 'targetNeedId');
    if (!OPEN_NEED_STATUSES.includes(target.status)) {
      throw illegalTransition(`目标需求${NEED_STATUS_LABELS[target.status]}，不能合并到该需求`);
    }
    await transaction(this.db, async (m) => {
      // Both rows, in id order, so two merges of the same pair cannot deadlock.
      for (const lock of [id, target.id].sort((a, b) => a - b)) await lockRow(m, 'needs', lock);
      const now = new Date();
      await this.transitions.apply(m, need, NeedAction.Merge, ['merged_into_id = ?'], [target.id], now);
      const backers = (await m.getRepository(NeedPlusOneEntity).findBy({ needId: id })).map((x) => x.userId);
      if (need.residentUserId !== null) backers.push(need.residentUserId);
      const already = new Set(
        (await m.getRepository(NeedPlusOneEntity).findBy({ needId: target.id })).map((x) => x.userId),
      );
      if (target.residentUserId !== null) already.add(target.residentUserId);
      const moved = [...new Set(backers)].filter((u) => !already.has(u));
      if (moved.length) {
        await m
          .getRepository(NeedPlusOneEntity)
          .insert(moved.map((userId) => ({ needId: target.id, userId, createdAt: now })));
      }
      // A need posted for an offline resident (代点单) counts that resident once more.
      const increment = moved.length + (need.proxy ? 1 : 0);
      const changed = await execute(
        m,
        `UPDATE needs SET plus_count = plus_count + ?, updated_at = ? WHERE id = ? AND status IN (?, ?)`,
        [increment, toDbDate(now), target.id, ...OPEN_NEED_STATUSES],
      );
      if (changed !== 1) throw illegalTransition('目标需求状态已变化，不能合并到该需求');
      await this.transitions.notifyResident(
        m,
        need,
        NotificationKind.NeedMerged,
        '需求已合并',
        `您的需求「${need.title}」与社区已登记的同类需求「${target.title}」合并办理，办理进展会同步通知您。`,
        'merged',
        now,
      );
    });
    return this.views.toDto(p, await this.views.load(id));
  }

  /** Staff close a need by hand (tasks fulfil theirs with `fulfilForTask`). */
  async fulfil(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Fulfil);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.transitions.apply(m, need, NeedAction.Fulfil, ['fulfilled_at = ?'], [toDbDate(now)], now);
      await this.transitions.notifyFulfilled(m, need, now);
    });
    return this.views.toDto(p, await this.views.load(id));
  }

  /**
   * Called by the tasks module, inside its own transaction, when a task completes: every accepted
   * need linked to the task becomes fulfilled and its resident is told. Answers the needs fulfilled.
   */
  async fulfilForTask(m: EntityManager, taskId: number): Promise<number[]> {
    const rows: { id: unknown }[] = await m.query(
      `SELECT n.id FROM needs n JOIN task_needs tn ON tn.need_id = n.id WHERE tn.task_id = ? AND n.${FULFILLED_BY_TASK.statusIn} ORDER BY n.id`,
      [taskId, ...FULFILLED_BY_TASK.from],
    );
    const done: number[] = [];
    for (const row of rows) {
      const need = await m.getRepository(NeedEntity).findOneBy({ id: Number(row.id) });
      if (!need || !FULFILLED_BY_TASK.from.includes(need.status)) continue;
      const now = new Date();
      const changed = await execute(
        m,
        `UPDATE needs SET status = ?, fulfilled_at = ?, updated_at = ? WHERE id = ? AND ${FULFILLED_BY_TASK.statusIn}`,
        [FULFILLED_BY_TASK.to, toDbDate(now), toDbDate(now), need.id, ...FULFILLED_BY_TASK.from],
      );
      if (changed !== 1) continue; // decided otherwise meanwhile (withdrawn)
      await this.transitions.notifyFulfilled(m, need, now, taskId);
      done.push(need.id);
    }
    return done;
  }

  /** A need a community admin of its community decides on, in a state that allows `action`. */
  private async forStaff(p: Principal, id: number, action: NeedAction): Promise<NeedEntity> {
    const need = await this.views.load(id);
    await this.scope.assertNode(p, need.communityId, TRIAGERS, '只有本社区的管理员可以处理该需求');
    this.transitions.next(need.status, action);
    return need;
  }
}
