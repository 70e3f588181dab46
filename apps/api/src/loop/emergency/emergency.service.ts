import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PAGES,
  pageUrl,
  CallupResponse,
  CallupStatus,
  NotificationKind,
  RegistrationStatus,
  Role,
  type CallupDto,
  type CallupGroupDto,
} from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService, type NodeRef } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { forbidden, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { execute, isUniqueViolation, toDbDate, transaction } from '../../platform/database/sql';
import { NotificationsService } from '../../messaging';
import type { CreateCallupDto, RespondCallupDto } from './dto/emergency.dtos';
import { EmergencyCallupEntity } from './entities/emergency-callup.entity';
import { EmergencyResponseEntity } from './entities/emergency-response.entity';
import { approvedMembersUnder, registrationReader, type RegistrationView } from '../../identity';

/** Who calls members up, groups them and exports the muster list. */
export const CALLERS = [Role.CommunityAdmin, Role.StreetAdmin, Role.DistrictAdmin];

/** 应急式: one tap notifies every approved member in scope; they answer; responders are grouped. */
@Injectable()
export class EmergencyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly notifications: NotificationsService,
    private readonly cipher: FieldCipher,
  ) {}

  async create(p: Principal, dto: CreateCallupDto): Promise<CallupDto> {
    const node = await this.scope.assertNode(p, dto.scopeNodeId, CALLERS, '只有社区或街道管理员可以发起应急召集');
    const id = await transaction(this.db, async (m) => {
      const now = new Date();
      const { identifiers } = await m.getRepository(EmergencyCallupEntity).insert({
        scopeNodeId: node.id,
        title: dto.title.trim(),
        description: dto.description.trim(),
        place: dto.place.trim(),
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        musterAt: dto.musterAt ? new Date(dto.musterAt) : null,
        needed: dto.needed ?? null,
        notifiedCount: 0,
        taskId: null,
        createdById: p.userId,
        groupSize: 0,
        closedAt: null,
        createdAt: now,
      });
      const callupId = Number(identifiers[0].id);
      const members = await this.membersInScope(node);
      await this.notifications.enqueue(
        m,
        members.map((r) => ({
          userId: r.userId,
          kind: NotificationKind.EmergencyCallup,
          title: `应急召集：${dto.title.trim()}`,
          body: `${dto.description.trim().slice(0, 60)}。集合地点：${dto.place.trim()}，请尽快回复能否到场`,
          path: pageUrl(PAGES.callup, { id: callupId }),
          entityType: 'callup' as const,
          entityId: callupId,
          dedupeKey: `callup:${callupId}:${r.userId}`,
        })),
      );
      await m.getRepository(EmergencyCallupEntity).update({ id: callupId }, { notifiedCount: members.length });
      return callupId;
    });
    return this.get(p, id);
  }

  /** Approved members whose community lies under the scope, or whose grid or branch is the scope. */
  private async membersInScope(node: NodeRef): Promise<RegistrationView[]> {
    return approvedMembersUnder(this.db, node);
  }

  private async inScope(callup: EmergencyCallupEntity, userId: number): Promise<boolean> {
    const node = await this.scope.node(callup.scopeNodeId);
    return (await this.membersInScope(node)).some((r) => r.userId === userId);
  }

  async respond(p: Principal, id: number, dto: RespondCallupDto): Promise<CallupDto> {
    const callup = await this.load(id);
    if (callup.closedAt) throw illegalTransition('召集已结束，不能再回复');
    if (!(await this.inScope(callup, p.userId))) throw forbidden('您不在本次召集的范围内');
    const answer = () =>
      transaction(this.db, async (m) => {
        const repo = m.getRepository(EmergencyResponseEntity);
        const values = {
          answer: dto.response,
          etaMinutes: dto.etaMinutes ?? null,
          note: dto.note?.trim() || null,
          respondedAt: new Date(),
        };
        if (await repo.existsBy({ callupId: id, memberUserId: p.userId })) {
          await repo.update(
            { callupId: id, memberUserId: p.userId },
            { ...values, ...(dto.response === CallupResponse.Unavailable ? { groupNo: null } : {}) },
          );
        } else {
          await repo.insert({ callupId: id, memberUserId: p.userId, groupNo: null, ...values });
        }
      });
    // A simultaneous answer of the same member (a double tap) inserted the row first: update it.
    await answer().catch((err: unknown) => {
      if (isUniqueViolation(err)) return answer();
      throw err;
    });
    return this.get(p, id);
  }

  /** Groups available responders in the order they answered; the first of each group leads it. */
  async formGroups(p: Principal, id: number, groupSize: number): Promise<CallupDto> {
    const callup = await this.load(id);
    await this.scope.assertNode(p, callup.scopeNodeId, CALLERS, '只有发起范围内的管理员可以编组');
    await transaction(this.db, async (m) => {
      const responders = await m.getRepository(EmergencyResponseEntity).find({
        where: { callupId: id, answer: CallupResponse.Available },
        order: { respondedAt: 'ASC', memberUserId: 'ASC' },
      });
      await m.getRepository(EmergencyResponseEntity).update({ callupId: id }, { groupNo: null });
      for (const [i, r] of responders.entries()) {
        await m
          .getRepository(EmergencyResponseEntity)
          .update({ callupId: id, memberUserId: r.memberUserId }, { groupNo: Math.floor(i / groupSize) + 1 });
      }
      await m.getRepository(EmergencyCallupEntity).update({ id }, { groupSize });
    });
    return this.get(p, id);
  }

  async close(p: Principal, id: number): Promise<CallupDto> {
    const callup = await this.load(id);
    await this.scope.assertNode(p, callup.scopeNodeId, CALLERS, '只有发起范围内的管理员可以结束召集');
    const changed = await execute(
      this.db,
      'UPDATE emergency_callups SET closed_at = ? WHERE id = ? AND closed_at IS NULL',
      [toDbDate(new Date()), id],
    );
    if (changed !== 1) throw illegalTransition('召集已结束');
    return this.get(p, id);
  }

  async get(p: Principal, id: number): Promise<CallupDto> {
    const callup = await this.load(id);
    const node = await this.scope.node(callup.scopeNodeId);
    const staff = this.scope.covers(p, node.path, CALLERS);
    if (!staff && !(await this.inScope(callup, p.userId))) throw forbidden('无权查看该召集');
    return this.toDto(callup, node, p, staff);
  }

  /** Call-ups issued for a node and everything below it, newest first (staff). */
  async listForNode(p: Principal, nodeId: number): Promise<CallupDto[]> {
    const node = await this.scope.assertNode(p, nodeId, CALLERS, '无权查看该组织的应急召集');
    const rows = await this.db
      .getRepository(EmergencyCallupEntity)
      .createQueryBuilder('c')
      .innerJoin('org_nodes', 'n', 'n.id = c.scope_node_id')
      .where('n.path LIKE :path', { path: `${node.path}%` })
      .orderBy('c.id', 'DESC')
      .take(50)
      .getMany();
    const out: CallupDto[] = [];
    for (const c of rows) out.push(await this.toDto(c, await this.scope.node(c.scopeNodeId), p, true));
    return out;
  }

  /** Open call-ups addressed to the caller as a member. */
  async mine(p: Principal): Promise<CallupDto[]> {
    const reg = await registrationReader(this.db).findOneBy({ userId: p.userId, status: RegistrationStatus.Approved });
    if (!reg) return [];
    const community = await this.scope.node(reg.communityId);
    const ancestorIds = community.path.split('/').filter(Boolean).map(Number);
    const scopes = [...ancestorIds, reg.gridId, reg.branchId].filter((x): x is number => !!x);
    const rows = await this.db
      .getRepository(EmergencyCallupEntity)
      .find({ where: { scopeNodeId: In(scopes) }, order: { id: 'DESC' }, take: 20 });
    const out: CallupDto[] = [];
    for (const c of rows) out.push(await this.toDto(c, await this.scope.node(c.scopeNodeId), p, false));
    return out;
  }

  private async load(id: number): Promise<EmergencyCallupEntity> {
    const callup = await this.db.getRepository(EmergencyCallupEntity).findOneBy({ id });
    if (!callup) throw notFound('召集不存在');
    return callup;
  }

  private async toDto(c: EmergencyCallupEntity, node: NodeRef, p: Principal, staff: boolean): Promise<CallupDto> {
    const responses = await this.db.getRepository(EmergencyResponseEntity).findBy({ callupId: c.id });
    const mine = responses.find((r) => r.memberUserId === p.userId);
    let groups: CallupGroupDto[] = [];
    if (staff && c.groupSize > 0) {
      const grouped = responses
        .filter((r) => r.groupNo)
        .sort((a, b) => a.groupNo! - b.groupNo! || a.respondedAt.getTime() - b.respondedAt.getTime());
      const regs = await registrationReader(this.db).findBy({ userId: In(grouped.map((r) => r.memberUserId)) });
      const regOf = new Map(regs.map((r) => [r.userId, r]));
      const byGroup = new Map<number, CallupGroupDto>();
      for (const r of grouped) {
        const g = byGroup.get(r.groupNo!) ?? {
          index: r.groupNo!,
          name: `第${r.groupNo}组`,
          leaderUserId: r.memberUserId,
          members: [],
        };
        const reg = regOf.get(r.memberUserId);
        g.members.push({
          userId: r.memberUserId,
          name: reg?.name ?? '',
          phone: reg ? maskPhone(this.cipher.decrypt(reg.phoneEnc)) : '',
        });
        byGroup.set(r.groupNo!, g);
      }
      groups = [...byGroup.values()];
    }
    return {
      id: c.id,
      scopeNodeId: c.scopeNodeId,
      scopeName: node.name,
      title: c.title,
      description: c.description,
      place: c.place,
      latitude: c.latitude,
      longitude: c.longitude,
      musterAt: c.musterAt?.toISOString() ?? null,
      needed: c.needed,
      status: c.closedAt ? CallupStatus.Closed : CallupStatus.Open,
      taskId: c.taskId,
      notifiedCount: c.notifiedCount,
      availableCount: responses.filter((r) => r.answer === CallupResponse.Available).length,
      unavailableCount: responses.filter((r) => r.answer === CallupResponse.Unavailable).length,
      myResponse: mine?.answer ?? null,
      myEtaMinutes: mine?.etaMinutes ?? null,
      groups,
      createdByUserId: c.createdById,
      createdAt: c.createdAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    };
  }
}
