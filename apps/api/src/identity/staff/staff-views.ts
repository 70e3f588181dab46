import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Role,
  RoleInvitationStatus,
  type NodeStaffDto,
  type OrgNodeType,
  type RoleGrantDto,
  type RoleInvitationDto,
} from '@sbd/contracts';
import { APPOINTABLE_ROLES, maskPhone } from '@sbd/domain';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { ScopeService } from '../../platform/auth/scope.service';
import { FieldCipher } from '../../platform/crypto/field-cipher';
import { fromDbDate, toDbDate } from '../../platform/database/sql';
import { RoleInvitationEntity } from './entities/role-invitation.entity';

/** Who may read a node's staff: the admins whose scope covers it. */
export const STAFF_READERS = [
  Role.PlatformAdmin,
  Role.DistrictAdmin,
  Role.StreetAdmin,
  Role.CommunityAdmin,
  Role.UnitAdmin,
];

/** Reads of invitations and grants; every phone in them is masked, even for its owner. */
@Injectable()
export class StaffViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: FieldCipher,
    private readonly scope: ScopeService,
  ) {}

  /** Keyed hashes of every phone the account has proven (WeChat's button or an SMS code). */
  async provenPhoneHashes(m: DataSource | EntityManager, userId: number): Promise<string[]> {
    const rows: { phone_hash: string }[] = await m.query(
      'SELECT DISTINCT phone_hash FROM phone_verifications WHERE user_id = ?',
      [userId],
    );
    return rows.map((r) => r.phone_hash);
  }

  async mine(p: Principal): Promise<RoleInvitationDto[]> {
    const hashes = await this.provenPhoneHashes(this.db, p.userId);
    if (!hashes.length) return [];
    const rows = await this.db.getRepository(RoleInvitationEntity).find({
      where: { phoneHash: In(hashes), status: RoleInvitationStatus.Pending, expiresAt: MoreThan(new Date()) },
      order: { id: 'DESC' },
      take: 50,
    });
    return this.toDtos(this.db, rows);
  }

  async ofNode(p: Principal, nodeId: number): Promise<NodeStaffDto> {
    const node = await this.scope.assertNode(p, nodeId, STAFF_READERS, '无权查看该组织的管理人员');
    const roles = APPOINTABLE_ROLES;
    const grants: {
      id: number;
      user_id: number;
      name: string;
      phone_enc: string | null;
      role: Role;
      starts_at: unknown;
      created_at: unknown;
      ends_at: unknown;
      granted_by_name: string | null;
    }[] = await this.db.query(
      `SELECT r.id, r.user_id, u.name, u.phone_enc, r.role, r.starts_at, r.created_at, r.ends_at,
              g.name AS granted_by_name
         FROM user_roles r
         JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
         LEFT JOIN users g ON g.id = r.granted_by_id
        WHERE r.scope_node_id = ? AND r.role IN (${roles.map(() => '?').join(', ')})
          AND (r.ends_at IS NULL OR r.ends_at > ?)
        ORDER BY r.id`,
      [nodeId, ...roles, toDbDate(new Date())],
    );
    const pending = await this.db.getRepository(RoleInvitationEntity).find({
      where: { scopeNodeId: nodeId, status: RoleInvitationStatus.Pending, expiresAt: MoreThan(new Date()) },
      order: { id: 'DESC' },
      take: 50,
    });
    return {
      nodeId: node.id,
      nodeName: node.name,
      grants: grants.map((g): RoleGrantDto => ({
        id: Number(g.id),
        userId: Number(g.user_id),
        name: g.name,
        phone: g.phone_enc ? maskPhone(this.cipher.decrypt(g.phone_enc)) : null,
        role: g.role,
        nodeId: node.id,
        startsAt: (fromDbDate(g.starts_at) ?? fromDbDate(g.created_at) ?? new Date(0)).toISOString(),
        endsAt: fromDbDate(g.ends_at)?.toISOString() ?? null,
        grantedByName: g.granted_by_name,
      })),
      pendingInvitations: await this.toDtos(this.db, pending),
    };
  }

  /** Node and inviter names in two queries for the whole list. */
  async toDtos(m: DataSource | EntityManager, rows: RoleInvitationEntity[]): Promise<RoleInvitationDto[]> {
    if (!rows.length) return [];
    const nodeIds = [...new Set(rows.map((r) => r.scopeNodeId).filter((id): id is number => id !== null))];
    const userIds = [...new Set(rows.map((r) => r.invitedById))];
    const nodes: { id: number; name: string; type: OrgNodeType }[] = nodeIds.length
      ? await m.query(
          `SELECT id, name, type FROM org_nodes WHERE id IN (${nodeIds.map(() => '?').join(', ')})`,
          nodeIds,
        )
      : [];
    const users: { id: number; name: string }[] = await m.query(
      `SELECT id, name FROM users WHERE id IN (${userIds.map(() => '?').join(', ')})`,
      userIds,
    );
    const nodeOf = new Map(nodes.map((n) => [Number(n.id), n]));
    const nameOf = new Map(users.map((u) => [Number(u.id), u.name]));
    const now = Date.now();
    return rows.map((r) => {
      const node = r.scopeNodeId === null ? undefined : nodeOf.get(r.scopeNodeId);
      const expired = r.status === RoleInvitationStatus.Pending && r.expiresAt.getTime() <= now;
      return {
        id: r.id,
        phone: maskPhone(this.cipher.decrypt(r.phoneEnc)),
        role: r.role,
        nodeId: r.scopeNodeId,
        nodeName: node?.name ?? null,
        nodeType: node?.type ?? null,
        status: expired ? RoleInvitationStatus.Expired : (r.status as RoleInvitationStatus),
        invitedByName: nameOf.get(r.invitedById) ?? '',
        termEndsAt: r.termEndsAt?.toISOString() ?? null,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        respondedAt: r.respondedAt?.toISOString() ?? null,
      };
    });
  }
}
