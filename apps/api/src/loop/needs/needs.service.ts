import type { PlusOneResultDto } from '@sbd/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DUPLICATE_WINDOW_DAYS,
  NEED_STATUS_LABELS,
  NeedAction,
  NeedStatus,
  NotificationKind,
  OrgNodeType,
  type NeedDto,
  type NeedDuplicateSuggestionDto,
} from '@sbd/contracts';
import { findLikelyDuplicates, OPEN_NEED_STATUSES, whyCannotRate } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, conflict, forbidden, illegalTransition } from '../../platform/errors/app-errors';
import { execute, fromDbDate, isUniqueViolation, lockRow, toDbDate, transaction } from '../../platform/database/sql';
import { RatingEntity } from './entities/rating.entity';
import { TaskNeedEntity } from './entities/task-need.entity';
import { UploadEntity } from '../uploads/entities/upload.entity';
import { ContentCheckService } from './content-check.service';
import type { CreateNeedDto } from './dto/create-need.dto';
import type { DuplicateCheckDto } from './dto/duplicate-check.dto';
import type { RateNeedDto } from './dto/need-actions.dto';
import { NeedPlusOneEntity } from './entities/need-plus-one.entity';
import { NeedEntity } from './entities/need.entity';
import { isNeedOwner, POSTERS, TRIAGERS } from './need-rules';
import { NeedTransitionsService } from './need-transitions.service';
import { NeedViewsService } from './need-views.service';
import { assertConsented, userReader } from '../../identity';
import { type OrgNodeView, orgNodeReader } from '../../org';

export type { PlusOneResultDto };

const DUPLICATE_SUGGESTIONS = 5;
/** Candidates read for duplicate suggestions: the community's newest open needs of the category. */
const DUPLICATE_CANDIDATES = 300;
const DAY_MS = 86_400_000;

/** 点单: posting needs, duplicate suggestions and "+1", and the resident's own withdrawal and rating. */
@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
    private readonly content: ContentCheckService,
    private readonly views: NeedViewsService,
    private readonly transitions: NeedTransitionsService,
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
    const user = proxy ? null : await userReader(this.db).findOneBy({ id: p.userId });
    // A phone (given, or the account's, which becomes the contact) is posted only after consent.
    if (dto.contactPhone || onBehalfOf?.phone || user?.phoneEnc) await assertConsented(this.db, p.userId);
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
    return this.views.toDto(p, await this.views.load(id));
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
      {
        communityId: community.id,
        category: dto.category,
        buildingId: dto.buildingId ?? null,
        title: dto.title,
        description: dto.description,
      },
      rows,
      { now, nearbyBuildingIds: nearby },
    ).slice(0, DUPLICATE_SUGGESTIONS);
    const names = await this.views.nodeNames(found.map((f) => f.need.buildingId));
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
    const need = await this.views.load(id);
    const community = await this.scope.node(need.communityId);
    if (!this.scope.covers(p, community.path, POSTERS)) throw forbidden('只有本社区的居民可以 +1');
    if (need.residentUserId === p.userId || need.createdById === p.userId)
      throw conflict('这是您自己提交的需求，无需 +1');
    if (!OPEN_NEED_STATUSES.includes(need.status))
      throw illegalTransition(`需求${NEED_STATUS_LABELS[need.status]}，不能 +1`);
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
    const fresh = await this.views.load(id);
    return { needId: id, plusOneCount: fresh.plusCount, added };
  }

  /* ─────────────────────────── the resident ─────────────────────────── */

  /** The poster (or the staff who posted it for someone) takes the need back. */
  async withdraw(p: Principal, id: number, reason: string | undefined): Promise<NeedDto> {
    const need = await this.views.load(id);
    if (!isNeedOwner(p, need)) throw forbidden('只有提出需求的居民可以撤回');
    this.transitions.next(need.status, NeedAction.Withdraw);
    await transaction(this.db, async (m) => {
      const now = new Date();
      await this.transitions.apply(m, need, NeedAction.Withdraw, [], [], now);
      if (need.status === NeedStatus.Accepted) {
        // Staff were already working on it: tell them.
        const why = reason?.trim() ? `，原因：${reason.trim()}` : '';
        await this.transitions.notifyStaff(
          m,
          need,
          NotificationKind.NeedWithdrawn,
          '需求已撤回',
          `已受理的需求「${need.title}」被撤回${why}`,
          'withdrawn',
          now,
        );
      }
    });
    return this.views.toDto(p, await this.views.load(id));
  }

  /**
   * 评单 by the resident who posted the need, once per serving task: 1–5 and a comment.
   * `resolved: false` ("没解决") reopens the need (back to accepted); otherwise it is rated.
   */
  async rate(p: Principal, id: number, dto: RateNeedDto): Promise<NeedDto> {
    const need = await this.views.load(id);
    if (need.residentUserId === null || need.residentUserId !== p.userId) throw forbidden('只能评价自己提出的需求');
    const action = dto.resolved ? NeedAction.Rate : NeedAction.Reopen;
    this.transitions.next(need.status, action);
    const [latest] = await this.db
      .getRepository(TaskNeedEntity)
      .find({ where: { needId: id }, order: { taskId: 'DESC' }, take: 1 });
    if (!latest) throw illegalTransition('该需求还没有关联的服务任务，暂不能评价');
    const taskId = latest.taskId;
    // The service is rated once it has ended (the tasks table is read by name: tasks sit above needs).
    const [task] = (await this.db.query('SELECT ends_at FROM tasks WHERE id = ?', [taskId])) as { ends_at: unknown }[];
    const early = task ? whyCannotRate(new Date(), fromDbDate(task.ends_at)!) : null;
    if (early) throw illegalTransition(early);
    if (await this.db.getRepository(RatingEntity).existsBy({ kind: 'resident', needId: id, taskId })) {
      throw conflict('您已评价过本次服务');
    }
    const comment = dto.comment?.trim() || null;
    if (comment) {
      const user = await userReader(this.db).findOneBy({ id: p.userId });
      await this.content.check(user?.openid ?? null, [{ field: 'comment', text: comment }]);
    }
    await transaction(this.db, async (m) => {
      const now = new Date();
      if (dto.resolved) {
        await this.transitions.apply(m, need, action, ['rated_at = ?'], [toDbDate(now)], now);
      } else {
        await this.transitions.apply(
          m,
          need,
          action,
          ['reopen_count = reopen_count + 1', 'fulfilled_at = NULL'],
          [],
          now,
        );
        const reopens = need.reopenCount + 1;
        await this.transitions.notifyStaff(
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
    return this.views.toDto(p, await this.views.load(id));
  }

  private async community(id: number): Promise<OrgNodeView> {
    const node = await orgNodeReader(this.db).findOneBy({ id });
    if (!node || node.type !== OrgNodeType.Community) throw badRequest('社区不存在', 'communityId');
    return node;
  }

  private async building(community: OrgNodeView, buildingId: number): Promise<OrgNodeView> {
    const building = await orgNodeReader(this.db).findOneBy({ id: buildingId, type: OrgNodeType.Building });
    if (!building || !building.path.startsWith(community.path))
      throw badRequest('所选小区/楼栋不属于该社区', 'buildingId');
    return building;
  }

  /** Buildings of the same grid count as nearby. */
  private async nearbyBuildings(building: OrgNodeView): Promise<number[]> {
    if (!building.parentId) return [];
    const parent = await orgNodeReader(this.db).findOneBy({ id: building.parentId });
    if (parent?.type !== OrgNodeType.Grid) return [];
    const siblings = await orgNodeReader(this.db).find({
      select: { id: true },
      where: { parentId: parent.id, type: OrgNodeType.Building },
    });
    return siblings.map((s) => s.id);
  }

  /** Photos must be the poster's own uploads. */
  private async checkPhotos(p: Principal, photos: string[]): Promise<void> {
    if (!photos.length) return;
    const ids = photos.map((u) => u.slice(u.lastIndexOf('/') + 1));
    const rows = await this.db
      .getRepository(UploadEntity)
      .find({ select: { id: true, ownerUserId: true }, where: { id: In(ids) } });
    if (rows.length !== new Set(ids).size || rows.some((r) => r.ownerUserId !== p.userId)) {
      throw badRequest('照片不存在或不是您本人上传的，请重新上传', 'photos');
    }
  }
}
