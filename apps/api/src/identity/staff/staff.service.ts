import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ORG_NODE_TYPE_LABELS,
  PAGES,
  ROLE_INVITATION_TTL_DAYS,
  ROLE_LABELS,
  RoleInvitationStatus,
  type OrgNodeType,
  type Role,
  type RoleInvitationDto,
} from '@sbd/contracts';
import {
  APPOINTABLE_ROLES,
  LAST_HOLDER_PROTECTED,
  ROLE_NODE_TYPES,
  appointersOf,
  maskPhone,
  roleFitsNode,
} from '@sbd/domain';
import { DataSource, IsNull, MoreThan, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService, type NodeRef } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { execute, forUpdate, toDbDate, transaction } from '../../platform/database/sql';
import { badRequest, conflict, forbidden, illegalTransition, notFound } from '../../platform/errors/app-errors';
import { UserRoleEntity } from '../users/entities/user-role.entity';
import { CreateRoleInvitationDto } from './dto/create-role-invitation.dto';
import { RoleInvitationEntity } from './entities/role-invitation.entity';
import { StaffEvents } from './staff-events';
import { StaffViews } from './staff-views';

const DAY_MS = 24 * 3600_000;
const placeOf = (role: Role, node: NodeRef | null) =>
  node ? `「${node.name}」${ROLE_LABELS[role]}` : ROLE_LABELS[role];

/**
 * Staff appointment by invitation (任命): an admin offers a role over a node in their scope to a
 * phone number (MAY_APPOINT says which role may appoint which); whoever proves that number accepts
 * or declines; admins remove grants, never the last admin of a node. Every step is audited.
 */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: FieldCipher,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly events: StaffEvents,
    private readonly views: StaffViews,
  ) {}

  mine(p: Principal): Promise<RoleInvitationDto[]> {
    return this.views.mine(p);
  }

  ofNode(p: Principal, nodeId: number) {
    return this.views.ofNode(p, nodeId);
  }

  async invite(p: Principal, dto: CreateRoleInvitationDto): Promise<RoleInvitationDto> {
    if (!APPOINTABLE_ROLES.includes(dto.role)) throw badRequest('该角色不能通过任命授予', 'role');
    const node = dto.nodeId === undefined ? null : await this.nodeOrBadRequest(dto.nodeId);
    if (!roleFitsNode(dto.role, node ? (node.type as OrgNodeType) : null)) {
      const types = ROLE_NODE_TYPES[dto.role] ?? [];
      throw badRequest(
        types.length
          ? `${ROLE_LABELS[dto.role]}只能任命在${types.map((t) => ORG_NODE_TYPE_LABELS[t]).join('或')}上`
          : `${ROLE_LABELS[dto.role]}不属于任何组织，请不要选择组织`,
        'nodeId',
      );
    }
    this.assertMayAppoint(p, dto.role, node);
    const now = new Date();
    const termEndsAt = dto.termEndsAt ? new Date(dto.termEndsAt) : null;
    if (termEndsAt && termEndsAt <= now) throw badRequest('任期结束时间必须晚于现在', 'termEndsAt');
    const phoneHash = this.cipher.hash(dto.phone);
    const scopeNodeId = node?.id ?? null;
    const id = await transaction(this.db, async (m) => {
      const repo = m.getRepository(RoleInvitationEntity);
      const same = { phoneHash, role: dto.role, scopeNodeId: scopeNodeId ?? IsNull() };
      if (await repo.existsBy({ ...same, status: RoleInvitationStatus.Pending, expiresAt: MoreThan(now) })) {
        throw conflict('已向该手机号发出相同的任命邀请，请等待对方确认');
      }
      const accounts = await this.accountsOfPhone(m, phoneHash);
      if (
        accounts.length &&
        (await this.holdsNow(
          m,
          accounts.map((a) => a.id),
          dto.role,
          scopeNodeId,
          now,
        ))
      ) {
        throw conflict('该手机号的用户已担任此职务');
      }
      const { identifiers } = await repo.insert({
        phoneEnc: this.cipher.encrypt(dto.phone),
        phoneHash,
        role: dto.role,
        scopeNodeId,
        termEndsAt,
        note: dto.note?.trim() || null,
        status: RoleInvitationStatus.Pending,
        invitedById: p.userId,
        inviteeUserId: null,
        expiresAt: new Date(now.getTime() + ROLE_INVITATION_TTL_DAYS * DAY_MS),
        respondedAt: null,
        createdAt: now,
      });
      const invitationId = Number(identifiers[0].id);
      await this.audit.record(
        {
          action: AuditAction.RoleInvite,
          actor: p,
          actorRoles: appointersOf(dto.role),
          objectType: AuditObjectType.RoleInvitation,
          objectId: invitationId,
          nodeId: scopeNodeId,
          detail: { role: dto.role, phone: maskPhone(dto.phone), termEndsAt, invitee: accounts[0]?.id ?? null },
        },
        m,
      );
      for (const a of accounts) {
        await this.events.invited(m, {
          userId: a.id,
          invitationId,
          title: '任命邀请',
          // Someone who has not proven the number is told only that there is something to see.
          body: a.proven
            ? `您被邀请担任${placeOf(dto.role, node)}，请在「我的邀请」中确认`
            : '您的手机号收到一条任命邀请，请在「我的邀请」中验证手机号后查看',
          path: PAGES.invitations,
          dedupeKey: `role-invitation:${invitationId}:u${a.id}`,
        });
      }
      return invitationId;
    });
    const row = await this.db.getRepository(RoleInvitationEntity).findOneByOrFail({ id });
    return (await this.views.toDtos(this.db, [row]))[0];
  }

  /** Accepts (the role is granted at once) or declines an invitation addressed to a phone the caller proved. */
  async answer(p: Principal, id: number, accept: boolean): Promise<RoleInvitationDto> {
    const now = new Date();
    await transaction(this.db, async (m) => {
      const inv = await m.getRepository(RoleInvitationEntity).findOneBy({ id });
      const hashes = await this.views.provenPhoneHashes(m, p.userId);
      // Someone else's invitation is "not found": its existence is not theirs to learn.
      if (!inv || !hashes.includes(inv.phoneHash)) throw notFound('邀请不存在，或不是发给您验证过的手机号的');
      if (inv.invitedById === p.userId) throw forbidden('不能接受或拒绝自己发出的任命邀请');
      const changed = await execute(
        m,
        `UPDATE role_invitations SET status = ?, invitee_user_id = ?, responded_at = ?
          WHERE id = ? AND status = ? AND expires_at > ?`,
        [
          accept ? RoleInvitationStatus.Accepted : RoleInvitationStatus.Declined,
          p.userId,
          toDbDate(now),
          id,
          RoleInvitationStatus.Pending,
          toDbDate(now),
        ],
      );
      if (changed !== 1) {
        throw illegalTransition(
          inv.expiresAt <= now ? '该邀请已过期，请联系邀请人重新发送' : '该邀请已处理，请刷新后查看',
        );
      }
      const event = {
        actor: p,
        objectType: AuditObjectType.RoleInvitation,
        objectId: inv.id,
        nodeId: inv.scopeNodeId,
        detail: { role: inv.role, invitedById: inv.invitedById },
      };
      if (!accept) {
        await this.audit.record({ ...event, action: AuditAction.RoleInviteDecline }, m);
        return;
      }
      await this.audit.record({ ...event, action: AuditAction.RoleInviteAccept }, m);
      const grantId = await this.grant(m, p.userId, inv, now);
      await this.audit.record(
        {
          action: AuditAction.RoleGrant,
          actor: p,
          objectType: AuditObjectType.Account,
          objectId: p.userId,
          nodeId: inv.scopeNodeId,
          detail: {
            role: inv.role,
            scopeNodeId: inv.scopeNodeId,
            grantId,
            grantedById: inv.invitedById,
            invitationId: inv.id,
            endsAt: inv.termEndsAt,
          },
        },
        m,
      );
    });
    const row = await this.db.getRepository(RoleInvitationEntity).findOneByOrFail({ id });
    return (await this.views.toDtos(this.db, [row]))[0];
  }

  /**
   * Withdraws a pending invitation (a wrong number, a change of plan): for anyone who may appoint
   * its role over its node, not only its sender. The invitee no longer sees it and cannot accept it.
   */
  async cancel(p: Principal, id: number): Promise<RoleInvitationDto> {
    const inv = await this.db.getRepository(RoleInvitationEntity).findOneBy({ id });
    if (!inv) throw notFound('邀请不存在');
    const node = inv.scopeNodeId === null ? null : await this.scope.node(inv.scopeNodeId);
    this.assertMayAppoint(p, inv.role, node, '撤销');
    const now = new Date();
    await transaction(this.db, async (m) => {
      const changed = await execute(
        m,
        'UPDATE role_invitations SET status = ?, responded_at = ? WHERE id = ? AND status = ? AND expires_at > ?',
        [RoleInvitationStatus.Cancelled, toDbDate(now), id, RoleInvitationStatus.Pending, toDbDate(now)],
      );
      if (changed !== 1) throw illegalTransition('该邀请已被处理或已过期，不能撤销');
      await this.audit.record(
        {
          action: AuditAction.RoleInviteCancel,
          actor: p,
          actorRoles: appointersOf(inv.role),
          objectType: AuditObjectType.RoleInvitation,
          objectId: inv.id,
          nodeId: inv.scopeNodeId,
          detail: { role: inv.role, invitedById: inv.invitedById },
        },
        m,
      );
    });
    const row = await this.db.getRepository(RoleInvitationEntity).findOneByOrFail({ id });
    return (await this.views.toDtos(this.db, [row]))[0];
  }

  /** Removes a staff grant. The last admin of a node stays: appoint the next one first. */
  async revoke(p: Principal, grantId: number): Promise<void> {
    const now = new Date();
    await transaction(this.db, async (m) => {
      const locked = (qb: SelectQueryBuilder<UserRoleEntity>) => forUpdate(qb).getMany();
      const [grant] = await locked(this.grants(m).where('r.id = :grantId', { grantId }));
      if (!grant) throw notFound('任职记录不存在');
      if (!APPOINTABLE_ROLES.includes(grant.role)) {
        throw forbidden(`${ROLE_LABELS[grant.role]}身份来自注册和报到，不能在这里移除`);
      }
      const node = grant.scopeNodeId === null ? null : await this.scope.node(grant.scopeNodeId);
      this.assertMayAppoint(p, grant.role, node, '移除');
      const active = !grant.endsAt || grant.endsAt > now;
      if (active && LAST_HOLDER_PROTECTED.includes(grant.role)) {
        const holders = await locked(
          this.grants(m)
            .where('r.role = :role', { role: grant.role })
            .andWhere(grant.scopeNodeId === null ? 'r.scope_node_id IS NULL' : 'r.scope_node_id = :node', {
              node: grant.scopeNodeId,
            }),
        );
        const others = holders.filter((h) => h.id !== grant.id && (!h.endsAt || h.endsAt > now));
        if (!others.length) {
          throw conflict(
            `${node ? `「${node.name}」` : '平台'}只剩这一位${ROLE_LABELS[grant.role]}，不能移除，请先任命新的${ROLE_LABELS[grant.role]}`,
          );
        }
      }
      await execute(m, 'DELETE FROM user_roles WHERE id = ?', [grant.id]);
      await this.audit.record(
        {
          action: AuditAction.RoleRevoke,
          actor: p,
          actorRoles: appointersOf(grant.role),
          objectType: AuditObjectType.Account,
          objectId: grant.userId,
          nodeId: grant.scopeNodeId,
          detail: {
            role: grant.role,
            scopeNodeId: grant.scopeNodeId,
            grantId: grant.id,
            grantedById: grant.grantedById ?? null,
            startsAt: grant.startsAt ?? grant.createdAt,
          },
        },
        m,
      );
    });
  }

  private grants(m: EntityManager) {
    return m.getRepository(UserRoleEntity).createQueryBuilder('r');
  }

  /** The grant the invitation makes: a new row, or the existing one renewed (a new term, a new grantor). */
  private async grant(m: EntityManager, userId: number, inv: RoleInvitationEntity, now: Date): Promise<number> {
    const repo = m.getRepository(UserRoleEntity);
    const existing = await repo.findOneBy({ userId, role: inv.role, scopeNodeId: inv.scopeNodeId ?? IsNull() });
    if (existing) {
      const active = !existing.endsAt || existing.endsAt > now;
      await repo.update(
        { id: existing.id },
        {
          startsAt: active ? (existing.startsAt ?? existing.createdAt) : now,
          endsAt: inv.termEndsAt,
          grantedById: inv.invitedById,
        },
      );
      return existing.id;
    }
    const { identifiers } = await repo.insert({
      userId,
      role: inv.role,
      scopeNodeId: inv.scopeNodeId,
      startsAt: now,
      endsAt: inv.termEndsAt,
      grantedById: inv.invitedById,
      createdAt: now,
    });
    return Number(identifiers[0].id);
  }

  /** 403 unless the caller holds a role that may appoint `role`, over the node. */
  private assertMayAppoint(p: Principal, role: Role, node: NodeRef | null, verb = '任命'): void {
    const appointers = appointersOf(role);
    const own = p.roles.filter((r) => appointers.includes(r.role));
    const covered = own.some((r) => r.scopeNodeId === null || (node !== null && node.path.startsWith(r.scopePath)));
    if (covered) return;
    throw forbidden(own.length ? `只能${verb}本辖区内的${ROLE_LABELS[role]}` : `您无权${verb}${ROLE_LABELS[role]}`);
  }

  private async nodeOrBadRequest(id: number): Promise<NodeRef> {
    try {
      return await this.scope.node(id);
    } catch {
      throw badRequest('所选组织不存在', 'nodeId');
    }
  }

  /** Live accounts the phone reaches: proven by the account, or its sign-up number (not proven). */
  private async accountsOfPhone(m: EntityManager, phoneHash: string): Promise<{ id: number; proven: boolean }[]> {
    const proven: { user_id: number }[] = await m.query(
      `SELECT DISTINCT v.user_id FROM phone_verifications v JOIN users u ON u.id = v.user_id
        WHERE v.phone_hash = ? AND u.deleted_at IS NULL`,
      [phoneHash],
    );
    const signedUp: { id: number }[] = await m.query(
      'SELECT id FROM users WHERE phone_hash = ? AND deleted_at IS NULL',
      [phoneHash],
    );
    const out = new Map<number, boolean>(proven.map((r) => [Number(r.user_id), true]));
    for (const u of signedUp) if (!out.has(Number(u.id))) out.set(Number(u.id), false);
    return [...out].map(([id, isProven]) => ({ id, proven: isProven }));
  }

  private async holdsNow(
    m: EntityManager,
    userIds: number[],
    role: Role,
    scopeNodeId: number | null,
    now: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT id FROM user_roles WHERE user_id IN (${userIds.map(() => '?').join(', ')}) AND role = ?
          AND ${scopeNodeId === null ? 'scope_node_id IS NULL' : 'scope_node_id = ?'}
          AND (ends_at IS NULL OR ends_at > ?)`,
      [...userIds, role, ...(scopeNodeId === null ? [] : [scopeNodeId]), toDbDate(now)],
    );
    return rows.length > 0;
  }
}
