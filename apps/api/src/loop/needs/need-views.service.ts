import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NeedAction, OrgNodeType, type NeedDto, type NeedRatingDto, type Page } from '@sbd/contracts';
import { maskName, maskPhone, needMachine } from '@sbd/domain';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { badRequest, forbidden, notFound } from '../../platform/errors/app-errors';
import { fromDbDate } from '../../platform/database/sql';
import { RatingEntity } from './entities/rating.entity';
import type { CommunityNeedsQuery, MyNeedsQuery } from './dto/list-needs.query';
import { NeedEntity } from './entities/need.entity';
import { isNeedOwner, STAFF_ACTIONS, TRIAGERS } from './need-rules';
import { type UserView, userReader } from '../../identity';
import { type OrgNodeView, orgNodeReader } from '../../org';

/**
 * How much of a need a reader sees: the resident it is for sees their contact phone in full; staff
 * (including whoever posted it for the resident) see names and masked phones, and reveal a number
 * through the audited 查看完整号码; anyone else sees masked names and phones.
 */
type Viewer = 'resident' | 'staff' | 'other';

/** Reading needs: one need, the resident's and the community's lists, and needs as DTOs for a viewer. */
@Injectable()
export class NeedViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly cipher: FieldCipher,
  ) {}

  async get(p: Principal, id: number): Promise<NeedDto> {
    const need = await this.load(id);
    const community = await this.scope.node(need.communityId);
    if (!isNeedOwner(p, need) && !this.scope.covers(p, community.path, COMMUNITY_READERS)) {
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
    const qb = this.db
      .getRepository(NeedEntity)
      .createQueryBuilder('n')
      .where('n.community_id = :c', { c: communityId });
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
    const rows = await qb
      .orderBy('n.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const items = await this.toDtos(p, rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null };
  }

  async load(id: number): Promise<NeedEntity> {
    const need = await this.db.getRepository(NeedEntity).findOneBy({ id });
    if (!need) throw notFound('需求不存在');
    return need;
  }

  async nodeNames(ids: (number | null)[]): Promise<Map<number, OrgNodeView>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    if (!wanted.length) return new Map();
    const nodes = await orgNodeReader(this.db).findBy({ id: In(wanted) });
    return new Map(nodes.map((n) => [n.id, n]));
  }

  async toDto(p: Principal, need: NeedEntity): Promise<NeedDto> {
    return (await this.toDtos(p, [need]))[0];
  }

  /**
   * A page of needs in five queries whatever its size: org nodes, residents, task links, ratings.
   * The contact phone is shown in full only to the resident it belongs to (see Viewer).
   */
  async toDtos(p: Principal, needs: NeedEntity[]): Promise<NeedDto[]> {
    if (!needs.length) return [];
    const ids = needs.map((n) => n.id);
    const residentIds = [...new Set(needs.map((n) => n.residentUserId).filter((x): x is number => x !== null))];
    const [nodes, users, links, ratings] = await Promise.all([
      this.nodeNames(needs.flatMap((n) => [n.communityId, n.buildingId])),
      residentIds.length
        ? userReader(this.db).find({ select: { id: true, name: true, phoneEnc: true }, where: { id: In(residentIds) } })
        : Promise.resolve([] as UserView[]),
      // The task links with each task's end (the table is read by name: tasks sit above needs).
      this.db.query(
        `SELECT tn.need_id AS need_id, tn.task_id AS task_id, t.ends_at AS ends_at
           FROM task_needs tn JOIN tasks t ON t.id = tn.task_id
          WHERE tn.need_id IN (${ids.map(() => '?').join(',')}) ORDER BY tn.task_id ASC`,
        ids,
      ) as Promise<{ need_id: unknown; task_id: unknown; ends_at: unknown }[]>,
      this.db.getRepository(RatingEntity).find({ where: { kind: 'resident', needId: In(ids) }, order: { id: 'ASC' } }),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    return needs.map((n) => {
      const community = nodes.get(n.communityId);
      const path = community?.path ?? '/';
      const owner = isNeedOwner(p, n);
      const admin = this.scope.covers(p, path, TRIAGERS);
      const viewer: Viewer =
        n.residentUserId === p.userId
          ? 'resident'
          : owner || this.scope.covers(p, path, COMMUNITY_READERS)
            ? 'staff'
            : 'other';
      const mineLinks = links.filter((l) => Number(l.need_id) === n.id);
      const taskIds = mineLinks.map((l) => Number(l.task_id));
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
      const canRate =
        n.residentUserId === p.userId && latestTask !== undefined && !mine.some((r) => r.taskId === latestTask);
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
        contactPhone: phone === null ? null : viewer === 'resident' ? phone : maskPhone(phone),
        onBehalf: !!n.proxy,
        createdByUserId: n.createdById,
        rejectReason: n.rejectReason,
        mergedIntoId: n.mergedIntoId,
        plusOneCount: n.plusCount,
        taskIds,
        serviceEndsAt: mineLinks.length ? (fromDbDate(mineLinks.at(-1)!.ends_at)?.toISOString() ?? null) : null,
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
