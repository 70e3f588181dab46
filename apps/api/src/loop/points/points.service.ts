import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  NotificationKind,
  OrgNodeType,
  PointsReason,
  RankingScope,
  RegistrationStatus,
  Role,
  type Page,
  type PointsBalanceDto,
  type PointsLedgerEntryDto,
  type PointsRankingEntryDto,
  type ServiceHoursDto,
} from '@sbd/contracts';
import { manualAdjustmentViolation } from '@sbd/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { COMMUNITY_READERS, ScopeService } from '../../platform/auth/scope.service';
import { UnitMembership } from '../../platform/auth/unit-membership';
import { badRequest, forbidden, notFound } from '../../platform/errors/app-errors';
import { transaction } from '../../platform/database/sql';
import { NotificationsService } from '../../messaging';
import type { AdjustPointsDto } from './dto/adjust-points.dto';
import { PointsEntryEntity } from './entities/points-entry.entity';
import { registrationReader, userReader } from '../../identity';

export interface NewPointsEntry {
  memberUserId: number;
  communityId: number;
  unitId: number | null;
  delta: number;
  reason: PointsReason;
  claimId?: number | null;
  note?: string | null;
  createdById?: number | null;
  /** Automatic entries carry a key, so the same event never earns twice. */
  dedupeKey?: string | null;
}

/** The append-only points ledger: balances and rankings are always sums over it. */
@Injectable()
export class PointsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly units: UnitMembership,
  ) {}

  /**
   * Appends an entry inside the caller's transaction; a repeated dedupe key is ignored. Answers the
   * new entry's id (null when nothing was written: a zero delta or a repeated key).
   */
  async append(m: EntityManager, e: NewPointsEntry): Promise<number | null> {
    if (e.delta === 0) return null;
    const values = {
      memberUserId: e.memberUserId,
      communityId: e.communityId,
      unitId: e.unitId,
      delta: e.delta,
      reason: e.reason,
      claimId: e.claimId ?? null,
      note: e.note ?? null,
      createdById: e.createdById ?? null,
      dedupeKey: e.dedupeKey ?? null,
      createdAt: new Date(),
    } as QueryDeepPartialEntity<PointsEntryEntity>;
    if (!e.dedupeKey) {
      // Nothing to deduplicate: a plain insert, whose generated id is this entry's.
      const { identifiers } = await m.getRepository(PointsEntryEntity).insert(values);
      return Number(identifiers[0].id);
    }
    await m
      .createQueryBuilder()
      .insert()
      .into(PointsEntryEntity)
      .values(values)
      .orIgnore()
      // An ignored duplicate has no generated id to read back.
      .updateEntity(false)
      .execute();
    return null;
  }

  /** Manual adjustment by a community admin, with a reason; nobody adjusts their own points. */
  async adjust(p: Principal, dto: AdjustPointsDto): Promise<PointsLedgerEntryDto> {
    const violation = manualAdjustmentViolation(dto.delta, dto.note);
    if (violation) throw badRequest(violation, dto.note?.trim() ? 'delta' : 'note');
    await this.scope.assertNode(p, dto.communityId, [Role.CommunityAdmin], '只有本社区的管理员可以调整积分');
    if (dto.userId === p.userId) throw forbidden('不能调整自己的积分');
    const reg = await registrationReader(this.db).findOneBy({ userId: dto.userId, communityId: dto.communityId });
    if (!reg || reg.status !== RegistrationStatus.Approved) throw badRequest('该党员未在本社区报到', 'userId');
    const id = await transaction(this.db, async (m) => {
      // The entry's own id: "the member's latest entry" could be another admin's simultaneous one.
      const entryId = (await this.append(m, {
        memberUserId: dto.userId,
        communityId: dto.communityId,
        unitId: reg.workUnitId,
        delta: dto.delta,
        reason: PointsReason.ManualAdjustment,
        note: dto.note.trim(),
        createdById: p.userId,
      }))!; // a manual entry has a non-zero delta and no dedupe key: always written
      await this.notifications.enqueue(m, {
        userId: dto.userId,
        kind: NotificationKind.PointsChanged,
        title: '积分变动',
        body: `${dto.delta > 0 ? '增加' : '扣减'}${Math.abs(dto.delta)}分：${dto.note.trim()}`,
        entityType: 'points',
        entityId: entryId,
        dedupeKey: `points:${entryId}`,
      });
      await this.audit.record(
        {
          action: AuditAction.PointsAdjust,
          actor: p,
          actorRoles: [Role.CommunityAdmin],
          objectType: AuditObjectType.PointsEntry,
          objectId: entryId,
          nodeId: dto.communityId,
          detail: { memberUserId: dto.userId, delta: dto.delta, note: dto.note.trim() },
        },
        m,
      );
      return entryId;
    });
    return (await this.toDtos(await this.db.getRepository(PointsEntryEntity).findBy({ id })))[0];
  }

  async balance(p: Principal, userId: number): Promise<PointsBalanceDto> {
    await this.assertCanRead(p, userId);
    const [row] = await this.db.query(
      `SELECT COALESCE(SUM(delta), 0) AS balance,
              COALESCE(SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END), 0) AS earned,
              COALESCE(SUM(CASE WHEN delta < 0 THEN -delta ELSE 0 END), 0) AS deducted
         FROM points_ledger WHERE member_user_id = ?`,
      [userId],
    );
    return { userId, balance: Number(row.balance), earned: Number(row.earned), deducted: Number(row.deducted) };
  }

  async ledger(p: Principal, userId: number, cursor?: string, limit = 20): Promise<Page<PointsLedgerEntryDto>> {
    await this.assertCanRead(p, userId);
    const qb = this.db
      .getRepository(PointsEntryEntity)
      .createQueryBuilder('e')
      .where('e.member_user_id = :userId', { userId })
      .orderBy('e.id', 'DESC')
      .take(limit + 1);
    if (cursor) qb.andWhere('e.id < :cursor', { cursor: Number(cursor) });
    const rows = await qb.getMany();
    return {
      items: await this.toDtos(rows.slice(0, limit)),
      nextCursor: rows.length > limit ? String(rows[limit - 1].id) : null,
    };
  }

  /** Verified credit hours and back-filled hours, kept apart (DOMAIN §6). */
  async hours(p: Principal, userId: number): Promise<ServiceHoursDto> {
    await this.assertCanRead(p, userId);
    const [verified] = await this.db.query(
      `SELECT COALESCE(SUM(credit_half_hours), 0) AS half, COUNT(*) AS n FROM claims WHERE member_user_id = ? AND status = 'verified'`,
      [userId],
    );
    const [backfilled] = await this.db.query(
      'SELECT COALESCE(SUM(half_hours), 0) AS half FROM backfills WHERE member_user_id = ?',
      [userId],
    );
    return {
      userId,
      verifiedHours: Number(verified.half) / 2,
      backfilledHours: Number(backfilled.half) / 2,
      services: Number(verified.n),
    };
  }

  /**
   * Rankings from the ledger: members of a community or unit, or communities of a street/district,
   * or units of a district. Competition ranking: ties share a rank.
   */
  async ranking(
    p: Principal,
    q: { scope: RankingScope; communityId?: number; unitId?: number; limit?: number },
  ): Promise<PointsRankingEntryDto[]> {
    const limit = q.limit ?? 20;
    let rows: { id: number; name: string; points: number }[];
    if (q.scope === RankingScope.Member) {
      if (q.communityId) await this.scope.assertNode(p, q.communityId, [...COMMUNITY_READERS, Role.Member]);
      else if (q.unitId)
        await this.scope.assertNode(p, q.unitId, [Role.UnitAdmin, Role.DistrictAdmin, Role.PlatformAdmin]);
      else throw badRequest('请指定社区或单位', 'communityId');
      const col = q.communityId ? 'community_id' : 'unit_id';
      rows = await this.db.query(
        `SELECT l.member_user_id AS id, u.name AS name, SUM(l.delta) AS points
           FROM points_ledger l JOIN users u ON u.id = l.member_user_id
          WHERE l.${col} = ?
          GROUP BY l.member_user_id, u.name
          ORDER BY points DESC, l.member_user_id ASC
          LIMIT ${Number(limit)}`,
        [q.communityId ?? q.unitId],
      );
    } else {
      const rootId = q.communityId ?? q.unitId;
      if (!rootId) throw badRequest('请指定统计范围', 'communityId');
      const root = await this.scope.assertNode(p, rootId, [
        Role.StreetAdmin,
        Role.DistrictAdmin,
        Role.PlatformAdmin,
        Role.CommunityAdmin,
      ]);
      const col = q.scope === RankingScope.Community ? 'community_id' : 'unit_id';
      const type = q.scope === RankingScope.Community ? OrgNodeType.Community : OrgNodeType.WorkUnit;
      rows = await this.db.query(
        `SELECT n.id AS id, n.name AS name, SUM(l.delta) AS points
           FROM points_ledger l JOIN org_nodes n ON n.id = l.${col}
          WHERE n.type = ? AND n.path LIKE ?
          GROUP BY n.id, n.name
          ORDER BY points DESC, n.id ASC
          LIMIT ${Number(limit)}`,
        [type, `${root.path}%`],
      );
    }
    let rank = 0;
    let prev: number | null = null;
    return rows.map((r, i) => {
      const points = Number(r.points);
      if (points !== prev) rank = i + 1;
      prev = points;
      return { rank, id: Number(r.id), name: r.name, points };
    });
  }

  /** The member, community staff above the member's community, or the member's unit admin. */
  private async assertCanRead(p: Principal, userId: number): Promise<void> {
    if (p.userId === userId) return;
    const reg = await registrationReader(this.db).findOneBy({ userId });
    if (!reg) throw notFound('该用户没有报到记录');
    const community = await this.scope.node(reg.communityId);
    if (this.scope.covers(p, community.path, COMMUNITY_READERS)) return;
    // The unit admin of every unit whose member records list the member (the same rule).
    for (const unitId of await this.units.unitsOf(this.db, userId)) {
      const unit = await this.scope.node(unitId);
      if (this.scope.covers(p, unit.path, [Role.UnitAdmin])) return;
    }
    throw forbidden('无权查看该党员的积分');
  }

  private async toDtos(rows: PointsEntryEntity[]): Promise<PointsLedgerEntryDto[]> {
    if (!rows.length) return [];
    const users = await userReader(this.db).findBy({ id: In([...new Set(rows.map((r) => r.memberUserId))]) });
    const names = new Map(users.map((u) => [u.id, u.name]));
    const claimTasks: { id: number; task_id: number }[] = rows.some((r) => r.claimId)
      ? await this.db.query(
          `SELECT id, task_id FROM claims WHERE id IN (${rows
            .filter((r) => r.claimId)
            .map(() => '?')
            .join(',')})`,
          rows.filter((r) => r.claimId).map((r) => r.claimId),
        )
      : [];
    const taskOf = new Map(claimTasks.map((c) => [Number(c.id), Number(c.task_id)]));
    return rows.map((r) => ({
      id: r.id,
      userId: r.memberUserId,
      memberName: names.get(r.memberUserId) ?? '',
      communityId: r.communityId,
      unitId: r.unitId,
      delta: r.delta,
      reason: r.reason,
      taskId: r.claimId ? (taskOf.get(r.claimId) ?? null) : null,
      claimId: r.claimId,
      note: r.note,
      createdByUserId: r.createdById,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
