import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DUPLICATE_WINDOW_DAYS,
  NEED_STATUS_LABELS,
  NeedAction,
  NeedCategory,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  Role,
  type NeedDto,
  type NeedDuplicateSuggestionDto,
  type NeedRatingDto,
  type Page,
} from '@sbd/contracts';
import { findLikelyDuplicates, IllegalTransitionError, maskName, maskPhone, needMachine, OPEN_NEED_STATUSES } from '@sbd/domain';
import { DataSource, In, QueryFailedError, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../common/auth/scope.service';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { badRequest, conflict, forbidden, illegalTransition, notFound } from '../../common/errors/app-errors';
import { execute, fromDbDate, lockRow, toDbDate, transaction } from '../../database/sql';
import { RatingEntity } from '../claims/entities/rating.entity';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service';
import { OrgNodeEntity } from '../org/entities/org-node.entity';
import { TaskNeedEntity } from '../tasks/entities/task-need.entity';
import { UploadEntity } from '../uploads/entities/upload.entity';
import { UserEntity } from '../users/entities/user.entity';
import { ContentCheckService } from './content-check.service';
import type { CreateNeedDto } from './dto/create-need.dto';
import type { DuplicateCheckDto } from './dto/duplicate-check.dto';
import type { CommunityNeedsQuery, MyNeedsQuery, NeedSummaryQuery } from './dto/list-needs.query';
import type { MergeNeedDto, RateNeedDto } from './dto/need-actions.dto';
import { NeedPlusOneEntity } from './entities/need-plus-one.entity';
import { NeedEntity } from './entities/need.entity';
import {
  ACCEPT_WITHIN_HOURS,
  OVERDUE_LIST_MAX,
  periodRange,
  shanghaiDate,
  type NeedSummaryDto,
} from './need-summary';

/** The mini-program page of one need (opened from notifications). */
export const NEED_PAGE_PATH = 'packageResident/pages/need/index';

/** Who may post in a community as a resident (点单). */
const POSTERS = [Role.Resident, Role.Member];
/** Triage (下单) decisions: the community's own staff only. */
const TRIAGERS = [Role.CommunityAdmin];
const STAFF_ACTIONS: readonly NeedAction[] = [NeedAction.Release, NeedAction.Accept, NeedAction.Reject, NeedAction.Merge, NeedAction.Fulfil];
const DUPLICATE_SUGGESTIONS = 5;
/** Candidates read for duplicate suggestions: the community's newest open needs of the category. */
const DUPLICATE_CANDIDATES = 300;
const DAY_MS = 86_400_000;

/** How much of a need a reader sees: overseers (street, district) get masked phones, others masked everything. */
type Viewer = 'owner' | 'admin' | 'overseer' | 'other';

/** Answer of "同一件事 +1". */
export interface PlusOneResultDto {
  needId: number;
  plusOneCount: number;
  /** False when the caller had already said +1 (nothing changed). */
  added: boolean;
}

@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
    private readonly content: ContentCheckService,
    private readonly notifications: NotificationsService,
  ) {}

  /* ─────────────────────────── 点单 ─────────────────────────── */

  /**
   * A resident (or member) posts a need in their community; community staff post for a resident
   * who is not online (代点单). Residents' text is checked first: risky → 400, nothing written;
   * anything not passed by WeChat is held for staff review.
   */
  async create(p: Principal, dto: CreateNeedDto): Promise<NeedDto> {
    const community = await this.community(dto.communityId);
    const isAdmin = this.scope.covers(p, community.path, TRIAGERS);
    // null reads as absent everywhere (IsOptional lets it through).
    const onBehalfOf = dto.onBehalfOf ?? null;
    const proxy = onBehalfOf !== null;
    if (proxy && !isAdmin) throw forbidden('只有本社区的工作人员可以代居民点单');
    if (!proxy && !this.scope.covers(p, community.path, POSTERS)) {
      if (isAdmin) throw badRequest('代居民点单请填写居民姓名', 'onBehalfOf.name');
      throw forbidden('您不是该社区的居民，不能在此发布需求');
    }
    const buildingId = dto.buildingId == null ? null : (await this.building(community, dto.buildingId)).id;
    const photos = dto.photos ?? [];
    await this.checkPhotos(p, photos);

    const title = dto.title.trim();
    const description = dto.description.trim();
    const place = dto.place?.trim() || null;
    let moderation: string;
    let status: NeedStatus;
    if (proxy) {
      moderation = 'staff';
      status = NeedStatus.Submitted;
    } else {
      const user = await this.db.getRepository(UserEntity).findOneBy({ id: p.userId });
      moderation = await this.content.check(user?.openid ?? null, [
        { field: 'title', text: title },
        { field: 'description', text: description },
        ...(place ? [{ field: 'place', text: place }] : []),
      ]);
      status = moderation === 'pass' ? NeedStatus.Submitted : NeedStatus.Held;
    }

    const id = await transaction(this.db, async (m) => {
      const now = new Date();
      const { identifiers } = await m.getRepository(NeedEntity).insert({
        communityId: community.id,
        buildingId,
        residentUserId: proxy ? null : p.userId,
        createdById: p.userId,
        proxy,
        proxyName: onBehalfOf ? onBehalfOf.name.trim() : null,
        proxyPhoneEnc: onBehalfOf?.phone ? this.cipher.encrypt(onBehalfOf.phone) : null,
        title,
        description,
        category: dto.category,
        place,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        expectedAt: dto.expectedAt ? new Date(dto.expectedAt) : null,
        contactPhoneEnc: dto.contactPhone ? this.cipher.encrypt(dto.contactPhone) : null,
        photos,
        status,
        moderation,
        rejectReason: null,
        mergedIntoId: null,
        plusCount: 0,
        reopenCount: 0,
        acceptedAt: null,
        fulfilledAt: null,
        ratedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      return Number(identifiers[0].id);
    });
    return this.toDto(p, await this.load(id));
  }

  /** "同一件事": open needs of the community that look like the one about to be posted (top 5). */
  async duplicates(p: Principal, dto: DuplicateCheckDto): Promise<NeedDuplicateSuggestionDto[]> {
    const community = await this.community(dto.communityId);
    if (!this.scope.covers(p, community.path, [...POSTERS, ...COMMUNITY_READERS])) {
      throw forbidden('您不是该社区的居民，无法查看相似需求');
    }
    let nearby: number[] = [];
    if (dto.buildingId != null) {
      const building = await this.building(community, dto.buildingId);
      nearby = await this.nearbyBuildings(building);
    }
    const now = new Date();
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS);
    const rows = await this.db
      .getRepository(NeedEntity)
      .createQueryBuilder('n')
      .where('n.community_id = :c AND n.category = :cat', { c: community.id, cat: dto.category })
      .andWhere('n.status IN (:...open)', { open: OPEN_NEED_STATUSES })
      .andWhere('n.created_at >= :since', { since: toDbDate(since) })
      .orderBy('n.id', 'DESC')
      .take(DUPLICATE_CANDIDATES)
      .getMany();
    const found = findLikelyDuplicates(
      { communityId: community.id, category: dto.category, buildingId: dto.buildingId ?? null, title: dto.title, description: dto.description },
      rows,
      { now, nearbyBuildingIds: nearby },
    ).slice(0, DUPLICATE_SUGGESTIONS);
    const names = await this.nodeNames(found.map((f) => f.need.buildingId));
    return found.map(({ need, similarity }) => ({
      id: need.id,
      title: need.title,
      category: need.category,
      buildingName: need.buildingId ? (names.get(need.buildingId)?.name ?? null) : null,
      status: need.status,
      createdAt: need.createdAt.toISOString(),
      similarity: Math.round(similarity * 100) / 100,
      plusOneCount: need.plusCount,
    }));
  }

  /** "同一件事 +1" by a resident or member of the community (not the poster); once per person. */
  async plusOne(p: Principal, id: number): Promise<PlusOneResultDto> {
    const need = await this.load(id);
    const community = await this.scope.node(need.communityId);
    if (!this.scope.covers(p, community.path, POSTERS)) throw forbidden('只有本社区的居民可以 +1');
    if (need.residentUserId === p.userId || need.createdById === p.userId) throw conflict('这是您自己提交的需求，无需 +1');
    if (!OPEN_NEED_STATUSES.includes(need.status)) throw illegalTransition(`需求${NEED_STATUS_LABELS[need.status]}，不能 +1`);
    const added = await transaction(this.db, async (m) => {
      await lockRow(m, 'needs', id);
      if (await m.getRepository(NeedPlusOneEntity).existsBy({ needId: id, userId: p.userId })) return false;
      await m.getRepository(NeedPlusOneEntity).insert({ needId: id, userId: p.userId, createdAt: new Date() });
      const changed = await execute(
        m,
        `UPDATE needs SET plus_count = plus_count + 1, updated_at = ? WHERE id = ? AND status IN (?, ?)`,
        [toDbDate(new Date()), id, ...OPEN_NEED_STATUSES],
      );
      if (changed !== 1) throw illegalTransition('需求状态已变化，不能 +1');
      return true;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) return false; // a simultaneous repeat of the same +1
      throw err;
    });
    const fresh = await this.load(id);
    return { needId: id, plusOneCount: fresh.plusCount, added };
  }

  /* ─────────────────────────── reading ─────────────────────────── */

  async get(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.load(id);
    const community = await this.scope.node(need.communityId);
    if (!this.isOwner(p, need) && !this.scope.covers(p, community.path, COMMUNITY_READERS)) {
      throw forbidden('无权查看该需求');
    }
    return this.toDto(p, need);
  }

  /** My needs (posted by me, or for someone else as 代点单), newest first. */
  async mine(p: Principal, q: MyNeedsQuery): Promise<Page<NeedDto>> {
    const qb = this.db
      .getRepository(NeedEntity)
      .createQueryBuilder('n')
      .where('(n.resident_user_id = :me OR (n.proxy = 1 AND n.created_by_id = :me))', { me: p.userId });
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    return this.page(p, qb, q);
  }

  /** A community's needs for its staff, newest first, filtered by status, category, building. */
  async listForCommunity(p: Principal, communityId: number, q: CommunityNeedsQuery): Promise<Page<NeedDto>> {
    const node = await this.scope.assertNode(p, communityId, COMMUNITY_READERS, '无权查看该社区的需求');
    if (node.type !== OrgNodeType.Community) throw badRequest('请选择社区', 'communityId');
    const qb = this.db.getRepository(NeedEntity).createQueryBuilder('n').where('n.community_id = :c', { c: communityId });
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    if (q.category) qb.andWhere('n.category = :category', { category: q.category });
    if (q.buildingId) qb.andWhere('n.building_id = :b', { b: q.buildingId });
    return this.page(p, qb, q);
  }

  /** Keyset pagination on id: every page is one indexed range read, whatever its depth. */
  private async page(
    p: Principal,
    qb: SelectQueryBuilder<NeedEntity>,
    q: { cursor?: string; limit?: number },
  ): Promise<Page<NeedDto>> {
    const limit = q.limit ?? 20;
    if (q.cursor) qb.andWhere('n.id < :cursor', { cursor: Number(q.cursor) });
    const rows = await qb.orderBy('n.id', 'DESC').take(limit + 1).getMany();
    const items = await this.toDtos(p, rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null };
  }

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
    const byCategory = Object.fromEntries(Object.values(NeedCategory).map((c) => [c, 0])) as Record<NeedCategory, number>;
    const byStatus = Object.fromEntries(Object.values(NeedStatus).map((s) => [s, 0])) as Record<NeedStatus, number>;
    let total = 0;
    for (const r of byCategoryRows as { k: NeedCategory; n: unknown }[]) {
      byCategory[r.k] = Number(r.n);
      total += Number(r.n);
    }
    for (const r of byStatusRows as { k: NeedStatus; n: unknown }[]) byStatus[r.k] = Number(r.n);
    type OverdueRow = { id: unknown; title: string; category: NeedCategory; status: NeedStatus; building_id: unknown; created_at: unknown };
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

  /* ─────────────────────────── 下单: staff decisions ─────────────────────────── */

  /** Staff review passes a held need: it becomes public and waits for triage. */
  async release(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Release);
    await transaction(this.db, (m) => this.apply(m, need, NeedAction.Release, [], []));
    return this.toDto(p, await this.load(id));
  }

  async accept(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Accept);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.apply(m, need, NeedAction.Accept, ['accepted_at = ?'], [toDbDate(now)], now);
      await this.notifyResident(m, need, NotificationKind.NeedAccepted, '需求已受理', `您的需求「${need.title}」已被社区受理，我们会尽快安排服务。`, 'accepted', now);
    });
    return this.toDto(p, await this.load(id));
  }

  async reject(p: Principal, id: number, reason: string): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Reject);
    const why = reason.trim();
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.apply(m, need, NeedAction.Reject, ['reject_reason = ?'], [why], now);
      await this.notifyResident(m, need, NotificationKind.NeedRejected, '需求未受理', `您的需求「${need.title}」未被受理：${why}`, 'rejected', now);
    });
    return this.toDto(p, await this.load(id));
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
    if (!target || target.communityId !== need.communityId) throw badRequest('要合并到的需求不存在或不属于本社区', 'targetNeedId');
    if (!OPEN_NEED_STATUSES.includes(target.status)) {
      throw illegalTransition(`目标需求${NEED_STATUS_LABELS[target.status]}，不能合并到该需求`);
    }
    await transaction(this.db, async (m) => {
      // Both rows, in id order, so two merges of the same pair cannot deadlock.
      for (const lock of [id, target.id].sort((a, b) => a - b)) await lockRow(m, 'needs', lock);
      const now = new Date();
      await this.apply(m, need, NeedAction.Merge, ['merged_into_id = ?'], [target.id], now);
      const backers = (await m.getRepository(NeedPlusOneEntity).findBy({ needId: id })).map((x) => x.userId);
      if (need.residentUserId !== null) backers.push(need.residentUserId);
      const already = new Set((await m.getRepository(NeedPlusOneEntity).findBy({ needId: target.id })).map((x) => x.userId));
      if (target.residentUserId !== null) already.add(target.residentUserId);
      const moved = [...new Set(backers)].filter((u) => !already.has(u));
      if (moved.length) {
        await m.getRepository(NeedPlusOneEntity).insert(moved.map((userId) => ({ needId: target.id, userId, createdAt: now })));
      }
      // A need posted for an offline resident (代点单) counts that resident once more.
      const increment = moved.length + (need.proxy ? 1 : 0);
      const changed = await execute(
        m,
        `UPDATE needs SET plus_count = plus_count + ?, updated_at = ? WHERE id = ? AND status IN (?, ?)`,
        [increment, toDbDate(now), target.id, ...OPEN_NEED_STATUSES],
      );
      if (changed !== 1) throw illegalTransition('目标需求状态已变化，不能合并到该需求');
      await this.notifyResident(
        m,
        need,
        NotificationKind.NeedMerged,
        '需求已合并',
        `您的需求「${need.title}」与社区已登记的同类需求「${target.title}」合并办理，办理进展会同步通知您。`,
        'merged',
        now,
      );
    });
    return this.toDto(p, await this.load(id));
  }

  /** Staff close a need by hand (tasks fulfil theirs with `fulfilForTask`). */
  async fulfil(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.forStaff(p, id, NeedAction.Fulfil);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.apply(m, need, NeedAction.Fulfil, ['fulfilled_at = ?'], [toDbDate(now)], now);
      await this.notifyFulfilled(m, need, now);
    });
    return this.toDto(p, await this.load(id));
  }

  /**
   * Called by the tasks module, inside its own transaction, when a task completes: every accepted
   * need linked to the task becomes fulfilled and its resident is told. Answers the needs fulfilled.
   */
  async fulfilForTask(m: EntityManager, taskId: number): Promise<number[]> {
    const rows: { id: unknown }[] = await m.query(
      `SELECT n.id FROM needs n JOIN task_needs tn ON tn.need_id = n.id WHERE tn.task_id = ? AND n.status = ? ORDER BY n.id`,
      [taskId, NeedStatus.Accepted],
    );
    const done: number[] = [];
    for (const row of rows) {
      const need = await m.getRepository(NeedEntity).findOneBy({ id: Number(row.id) });
      if (!need || need.status !== NeedStatus.Accepted) continue;
      const now = new Date();
      const changed = await execute(
        m,
        `UPDATE needs SET status = ?, fulfilled_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
        [needMachine.next(need.status, NeedAction.Fulfil), toDbDate(now), toDbDate(now), need.id, NeedStatus.Accepted],
      );
      if (changed !== 1) continue; // decided otherwise meanwhile (withdrawn)
      await this.notifyFulfilled(m, need, now, taskId);
      done.push(need.id);
    }
    return done;
  }

  /* ─────────────────────────── the resident ─────────────────────────── */

  /** The poster (or the staff who posted it for someone) takes the need back. */
  async withdraw(p: Principal, id: number, reason: string | undefined): Promise<NeedDto> {
    const need = await this.load(id);
    if (!this.isOwner(p, need)) throw forbidden('只有提出需求的居民可以撤回');
    this.next(need.status, NeedAction.Withdraw);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.apply(m, need, NeedAction.Withdraw, [], [], now);
      if (need.status === NeedStatus.Accepted) {
        // Staff were already working on it: tell them.
        const why = reason?.trim() ? `，原因：${reason.trim()}` : '';
        await this.notifyStaff(m, need, NotificationKind.NeedWithdrawn, '需求已撤回', `已受理的需求「${need.title}」被撤回${why}`, 'withdrawn', now);
      }
    });
    return this.toDto(p, await this.load(id));
  }

  /**
   * 评单 by the resident who posted the need, once per serving task: 1–5 and a comment.
   * `resolved: false` ("没解决") reopens the need (back to accepted); otherwise it is rated.
   */
  async rate(p: Principal, id: number, dto: RateNeedDto): Promise<NeedDto> {
    const need = await this.load(id);
    if (need.residentUserId === null || need.residentUserId !== p.userId) throw forbidden('只能评价自己提出的需求');
    const action = dto.resolved ? NeedAction.Rate : NeedAction.Reopen;
    this.next(need.status, action);
    const [latest] = await this.db.getRepository(TaskNeedEntity).find({ where: { needId: id }, order: { taskId: 'DESC' }, take: 1 });
    if (!latest) throw illegalTransition('该需求还没有关联的服务任务，暂不能评价');
    const taskId = latest.taskId;
    if (await this.db.getRepository(RatingEntity).existsBy({ kind: 'resident', needId: id, taskId })) {
      throw conflict('您已评价过本次服务');
    }
    const comment = dto.comment?.trim() || null;
    if (comment) {
      const user = await this.db.getRepository(UserEntity).findOneBy({ id: p.userId });
      await this.content.check(user?.openid ?? null, [{ field: 'comment', text: comment }]);
    }
    await transaction(this.db, async (m) => {
      const now = new Date();
      if (dto.resolved) {
        await this.apply(m, need, action, ['rated_at = ?'], [toDbDate(now)], now);
      } else {
        await this.apply(m, need, action, ['reopen_count = reopen_count + 1', 'fulfilled_at = NULL'], [], now);
        const reopens = need.reopenCount + 1;
        await this.notifyStaff(
          m,
          need,
          NotificationKind.NeedReopened,
          '需求重新办理',
          `居民反馈需求「${need.title}」没有解决（评分${dto.score}），已退回重新办理。`,
          `reopened:${reopens}`,
          now,
        );
      }
      await m.getRepository(RatingEntity).insert({
        kind: 'resident',
        taskId,
        needId: id,
        claimId: null,
        memberUserId: null,
        raterUserId: p.userId,
        score: dto.score,
        comment,
        resolved: dto.resolved,
        createdAt: now,
      });
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('您已评价过本次服务');
      throw err;
    });
    return this.toDto(p, await this.load(id));
  }

  /* ─────────────────────────── helpers ─────────────────────────── */

  private async load(id: number): Promise<NeedEntity> {
    const need = await this.db.getRepository(NeedEntity).findOneBy({ id });
    if (!need) throw notFound('需求不存在');
    return need;
  }

  private isOwner(p: Principal, need: NeedEntity): boolean {
    return need.residentUserId === p.userId || (need.proxy && need.createdById === p.userId);
  }

  /** A need a community admin of its community decides on, in a state that allows `action`. */
  private async forStaff(p: Principal, id: number, action: NeedAction): Promise<NeedEntity> {
    const need = await this.load(id);
    await this.scope.assertNode(p, need.communityId, TRIAGERS, '只有本社区的管理员可以处理该需求');
    this.next(need.status, action);
    return need;
  }

  /** needMachine.next, with its Chinese refusal as a 409 ILLEGAL_TRANSITION. */
  private next(status: NeedStatus, action: NeedAction): NeedStatus {
    try {
      return needMachine.next(status, action);
    } catch (err) {
      if (err instanceof IllegalTransitionError) throw illegalTransition(err.message);
      throw err;
    }
  }

  /**
   * The transition as one conditional UPDATE (`WHERE id = ? AND status = ?`): of two simultaneous
   * decisions only one changes the row; the other gets the machine's refusal for the new state.
   */
  private async apply(
    m: EntityManager,
    need: NeedEntity,
    action: NeedAction,
    assignments: string[],
    params: unknown[],
    now = new Date(),
  ): Promise<NeedStatus> {
    const to = this.next(need.status, action);
    const set = ['status = ?', ...assignments, 'updated_at = ?'].join(', ');
    const changed = await execute(m, `UPDATE needs SET ${set} WHERE id = ? AND status = ?`, [
      to,
      ...params,
      toDbDate(now),
      need.id,
      need.status,
    ]);
    if (changed !== 1) {
      const rows: { status: NeedStatus }[] = await m.query('SELECT status FROM needs WHERE id = ?', [need.id]);
      const current = rows[0]?.status;
      throw illegalTransition((current && current !== need.status && needMachine.whyNot(current, action)) || '需求状态已变化，请刷新后重试');
    }
    return to;
  }

  private async community(id: number): Promise<OrgNodeEntity> {
    const node = await this.db.getRepository(OrgNodeEntity).findOneBy({ id });
    if (!node || node.type !== OrgNodeType.Community) throw badRequest('社区不存在', 'communityId');
    return node;
  }

  private async building(community: OrgNodeEntity, buildingId: number): Promise<OrgNodeEntity> {
    const building = await this.db.getRepository(OrgNodeEntity).findOneBy({ id: buildingId, type: OrgNodeType.Building });
    if (!building || !building.path.startsWith(community.path)) throw badRequest('所选小区/楼栋不属于该社区', 'buildingId');
    return building;
  }

  /** Buildings of the same grid count as nearby. */
  private async nearbyBuildings(building: OrgNodeEntity): Promise<number[]> {
    if (!building.parentId) return [];
    const parent = await this.db.getRepository(OrgNodeEntity).findOneBy({ id: building.parentId });
    if (parent?.type !== OrgNodeType.Grid) return [];
    const siblings = await this.db.getRepository(OrgNodeEntity).find({
      select: { id: true },
      where: { parentId: parent.id, type: OrgNodeType.Building },
    });
    return siblings.map((s) => s.id);
  }

  /** Photos must be the poster's own uploads. */
  private async checkPhotos(p: Principal, photos: string[]): Promise<void> {
    if (!photos.length) return;
    const ids = photos.map((u) => u.slice(u.lastIndexOf('/') + 1));
    const rows = await this.db.getRepository(UploadEntity).find({ select: { id: true, ownerUserId: true }, where: { id: In(ids) } });
    if (rows.length !== new Set(ids).size || rows.some((r) => r.ownerUserId !== p.userId)) {
      throw badRequest('照片不存在或不是您本人上传的，请重新上传', 'photos');
    }
  }

  private async nodeNames(ids: (number | null)[]): Promise<Map<number, OrgNodeEntity>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    if (!wanted.length) return new Map();
    const nodes = await this.db.getRepository(OrgNodeEntity).findBy({ id: In(wanted) });
    return new Map(nodes.map((n) => [n.id, n]));
  }

  private async notifyResident(
    m: EntityManager,
    need: NeedEntity,
    kind: NotificationKind,
    title: string,
    body: string,
    event: string,
    now: Date,
  ): Promise<void> {
    if (need.residentUserId === null) return; // 代点单: the resident is not online
    await this.notifications.enqueue(m, {
      userId: need.residentUserId,
      kind,
      title,
      body,
      path: `${NEED_PAGE_PATH}?id=${need.id}`,
      entityType: 'need',
      entityId: need.id,
      dedupeKey: `need:${need.id}:${event}:${now.getTime()}`,
    });
  }

  private async notifyFulfilled(m: EntityManager, need: NeedEntity, now: Date, taskId?: number): Promise<void> {
    await this.notifyResident(
      m,
      need,
      NotificationKind.NeedFulfilled,
      '需求已办结',
      `您的需求「${need.title}」已办结，请对服务进行评价。`,
      taskId ? `fulfilled:task${taskId}` : 'fulfilled',
      now,
    );
  }

  /** The community's admins (scope = the community itself). */
  private async notifyStaff(
    m: EntityManager,
    need: NeedEntity,
    kind: NotificationKind,
    title: string,
    body: string,
    event: string,
    now: Date,
  ): Promise<void> {
    const admins: { user_id: unknown }[] = await m.query(
      `SELECT DISTINCT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = ? AND r.scope_node_id = ? AND u.deleted_at IS NULL`,
      [Role.CommunityAdmin, need.communityId],
    );
    const items: NewNotification[] = admins.map((a) => ({
      userId: Number(a.user_id),
      kind,
      title,
      body,
      path: `${NEED_PAGE_PATH}?id=${need.id}`,
      entityType: 'need',
      entityId: need.id,
      dedupeKey: `need:${need.id}:${event}:${now.getTime()}:u${Number(a.user_id)}`,
    }));
    await this.notifications.enqueue(m, items);
  }

  private async toDto(p: Principal, need: NeedEntity): Promise<NeedDto> {
    return (await this.toDtos(p, [need]))[0];
  }

  /**
   * A page of needs in five queries whatever its size: org nodes, residents, task links, ratings.
   * Names and phones are shown to the owner and community admins; street/district readers get
   * masked phones.
   */
  private async toDtos(p: Principal, needs: NeedEntity[]): Promise<NeedDto[]> {
    if (!needs.length) return [];
    const ids = needs.map((n) => n.id);
    const residentIds = [...new Set(needs.map((n) => n.residentUserId).filter((x): x is number => x !== null))];
    const [nodes, users, links, ratings] = await Promise.all([
      this.nodeNames(needs.flatMap((n) => [n.communityId, n.buildingId])),
      residentIds.length
        ? this.db.getRepository(UserEntity).find({ select: { id: true, name: true, phoneEnc: true }, where: { id: In(residentIds) } })
        : Promise.resolve([] as UserEntity[]),
      this.db.getRepository(TaskNeedEntity).find({ where: { needId: In(ids) }, order: { taskId: 'ASC' } }),
      this.db.getRepository(RatingEntity).find({ where: { kind: 'resident', needId: In(ids) }, order: { id: 'ASC' } }),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    return needs.map((n) => {
      const community = nodes.get(n.communityId);
      const path = community?.path ?? '/';
      const owner = this.isOwner(p, n);
      const admin = this.scope.covers(p, path, TRIAGERS);
      const viewer: Viewer = owner ? 'owner' : admin ? 'admin' : this.scope.covers(p, path, COMMUNITY_READERS) ? 'overseer' : 'other';
      const taskIds = links.filter((l) => l.needId === n.id).map((l) => l.taskId);
      const mine = ratings.filter((r) => r.needId === n.id);
      const last = mine.at(-1);
      const latestTask = taskIds.at(-1);
      const resident = n.residentUserId !== null ? userById.get(n.residentUserId) : undefined;
      const name = n.proxy ? (n.proxyName ?? '') : (resident?.name ?? '');
      const phoneEnc = n.contactPhoneEnc ?? (n.proxy ? n.proxyPhoneEnc : (resident?.phoneEnc ?? null));
      const phone = phoneEnc ? this.cipher.decrypt(phoneEnc) : null;

      const roleActions = new Set<NeedAction>();
      if (admin) STAFF_ACTIONS.forEach((a) => roleActions.add(a));
      if (owner) roleActions.add(NeedAction.Withdraw);
      const canRate = n.residentUserId === p.userId && latestTask !== undefined && !mine.some((r) => r.taskId === latestTask);
      if (canRate) [NeedAction.Rate, NeedAction.Reopen].forEach((a) => roleActions.add(a));

      const rating: NeedRatingDto | null = last
        ? { score: last.score, comment: last.comment, resolved: !!last.resolved, ratedAt: last.createdAt.toISOString() }
        : null;
      return {
        id: n.id,
        communityId: n.communityId,
        communityName: community?.name ?? '',
        category: n.category,
        title: n.title,
        description: n.description,
        buildingId: n.buildingId,
        buildingName: n.buildingId ? (nodes.get(n.buildingId)?.name ?? null) : null,
        place: n.place,
        latitude: n.latitude,
        longitude: n.longitude,
        expectedAt: n.expectedAt?.toISOString() ?? null,
        photos: n.photos ?? [],
        status: n.status,
        requesterName: viewer === 'other' ? maskName(name) : name,
        contactPhone: phone === null ? null : viewer === 'owner' || viewer === 'admin' ? phone : maskPhone(phone),
        onBehalf: !!n.proxy,
        createdByUserId: n.createdById,
        rejectReason: n.rejectReason,
        mergedIntoId: n.mergedIntoId,
        plusOneCount: n.plusCount,
        taskIds,
        rating,
        reopenCount: n.reopenCount,
        createdAt: n.createdAt.toISOString(),
        acceptedAt: n.acceptedAt?.toISOString() ?? null,
        fulfilledAt: n.fulfilledAt?.toISOString() ?? null,
        ratedAt: n.ratedAt?.toISOString() ?? null,
        allowedActions: needMachine.allowedActions(n.status).filter((a) => roleActions.has(a)),
      };
    });
  }
}

function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err as QueryFailedError & { code?: string }).code ?? (err.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
