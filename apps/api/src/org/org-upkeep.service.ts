import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  ORG_ALLOWED_PARENTS,
  ORG_NODE_TYPE_LABELS,
  ORG_UPKEEP_TYPES,
  OrgNodeType,
  Role,
  type OrgNodeDto,
} from '@sbd/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { Principal } from '../platform/auth/principal';
import { ORG_MANAGERS, ScopeService } from '../platform/auth/scope.service';
import { execute, toDbDate, transaction } from '../platform/database/sql';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors/app-errors';
import { OrgNodeEntity } from './entities/org-node.entity';
import { toOrgNodeDto } from './org-dto';

const label = (type: string) => ORG_NODE_TYPE_LABELS[type as OrgNodeType] ?? type;

/** Who maintains a node of this type: grids also their community's admin. */
const upkeepRoles = (type: string): Role[] =>
  type === OrgNodeType.Grid ? [Role.CommunityAdmin, ...ORG_MANAGERS] : ORG_MANAGERS;

/**
 * 组织维护: moving, closing and reopening streets, communities, grids and work units. The caller
 * must manage the node's parent (a street admin keeps their own street, but maintains what is in
 * it) and, for a move, the new parent. A move rewrites the materialised paths of the whole
 * subtree in one transaction; closing marks the node and its open descendants, keeping every row
 * so past periods' numbers still count them. Every change goes into the audit log.
 */
@Injectable()
export class OrgUpkeepService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async move(p: Principal, id: number, parentId: number): Promise<OrgNodeDto> {
    return transaction(this.db, async (m) => {
      const [node, target] = await this.locked(m, [id, parentId]);
      if (!node) throw notFound('组织不存在');
      if (!target) throw badRequest('新的上级组织不存在', 'parentId');
      const from = await this.parentOf(m, node);
      const roles = this.assertMaintains(p, node, from);
      if (!this.scope.covers(p, target.path, roles)) throw forbidden('无权把组织迁到该上级组织之下');
      if (target.path.startsWith(node.path)) throw conflict('不能把组织迁到它自己或它的下级之下');
      if (!ORG_ALLOWED_PARENTS[node.type].includes(target.type)) {
        throw badRequest(`${label(node.type)}不能迁到${label(target.type)}之下`, 'parentId');
      }
      if (target.closedAt) throw conflict('新的上级组织已撤销，不能迁入');
      if (node.parentId === target.id) return toOrgNodeDto(node);
      const oldParentPath = node.path.slice(0, node.path.length - `${node.id}/`.length);
      const concat = m.connection.options.type === 'mysql' ? 'CONCAT(?, SUBSTR(path, ?))' : '(? || SUBSTR(path, ?))';
      const now = new Date();
      await execute(m, `UPDATE org_nodes SET path = ${concat}, depth = depth + ?, updated_at = ? WHERE path LIKE ?`, [
        target.path,
        oldParentPath.length + 1,
        target.depth + 1 - node.depth,
        toDbDate(now),
        `${node.path}%`,
      ]);
      await m.getRepository(OrgNodeEntity).update({ id }, { parentId: target.id, updatedAt: now });
      await this.audit.record(
        {
          action: AuditAction.OrgMove,
          actor: p,
          actorRoles: roles,
          objectType: AuditObjectType.OrgNode,
          objectId: id,
          nodeId: id,
          detail: {
            name: node.name,
            type: node.type,
            fromParentId: from?.id ?? null,
            fromParentName: from?.name ?? null,
            toParentId: target.id,
            toParentName: target.name,
          },
        },
        m,
      );
      return toOrgNodeDto(await m.getRepository(OrgNodeEntity).findOneByOrFail({ id }));
    });
  }

  /** Closes the node and its open descendants (撤销), all at the same instant. */
  async close(p: Principal, id: number, reason: string | undefined): Promise<OrgNodeDto> {
    return transaction(this.db, async (m) => {
      const [node] = await this.locked(m, [id]);
      if (!node) throw notFound('组织不存在');
      const roles = this.assertMaintains(p, node, await this.parentOf(m, node));
      if (node.closedAt) throw conflict('该组织已撤销');
      const now = new Date();
      const closed = await execute(
        m,
        'UPDATE org_nodes SET closed_at = ?, updated_at = ? WHERE path LIKE ? AND closed_at IS NULL',
        [toDbDate(now), toDbDate(now), `${node.path}%`],
      );
      await this.audit.record(
        {
          action: AuditAction.OrgClose,
          actor: p,
          actorRoles: roles,
          objectType: AuditObjectType.OrgNode,
          objectId: id,
          nodeId: id,
          detail: { name: node.name, type: node.type, reason: reason?.trim() || null, nodesClosed: closed },
        },
        m,
      );
      return toOrgNodeDto(await m.getRepository(OrgNodeEntity).findOneByOrFail({ id }));
    });
  }

  /** Reopens the node and the descendants that were closed with it (not those closed before). */
  async reopen(p: Principal, id: number): Promise<OrgNodeDto> {
    return transaction(this.db, async (m) => {
      const [node] = await this.locked(m, [id]);
      if (!node) throw notFound('组织不存在');
      const parent = await this.parentOf(m, node);
      const roles = this.assertMaintains(p, node, parent);
      if (!node.closedAt) throw conflict('该组织未撤销');
      if (parent?.closedAt) throw conflict('上级组织已撤销，请先恢复上级组织');
      const now = toDbDate(new Date());
      const reopened = await execute(
        m,
        'UPDATE org_nodes SET closed_at = NULL, updated_at = ? WHERE path LIKE ? AND closed_at = ?',
        [now, `${node.path}%`, toDbDate(node.closedAt)],
      );
      await this.audit.record(
        {
          action: AuditAction.OrgReopen,
          actor: p,
          actorRoles: roles,
          objectType: AuditObjectType.OrgNode,
          objectId: id,
          nodeId: id,
          detail: { name: node.name, type: node.type, nodesReopened: reopened },
        },
        m,
      );
      return toOrgNodeDto(await m.getRepository(OrgNodeEntity).findOneByOrFail({ id }));
    });
  }

  /** Checks the node is maintainable and the caller manages its parent; answers the roles that allow it. */
  private assertMaintains(p: Principal, node: OrgNodeEntity, parent: OrgNodeEntity | null): Role[] {
    if (!ORG_UPKEEP_TYPES.includes(node.type)) {
      throw badRequest(`${label(node.type)}不能迁移或撤销，只能维护街道、社区、网格和单位`, 'id');
    }
    const roles = upkeepRoles(node.type);
    if (!parent || !this.scope.covers(p, parent.path, roles)) throw forbidden('无权维护该组织');
    return roles;
  }

  private async parentOf(m: EntityManager, node: OrgNodeEntity): Promise<OrgNodeEntity | null> {
    return node.parentId ? m.getRepository(OrgNodeEntity).findOneBy({ id: node.parentId }) : null;
  }

  /**
   * The rows as they are now, in the order asked, locked until the transaction ends (MySQL; on
   * SQLite the gate runs one transaction at a time). Locks are taken in id order, so two moves
   * never wait on each other in a circle.
   */
  private async locked(m: EntityManager, ids: number[]): Promise<(OrgNodeEntity | null)[]> {
    const qb = m
      .getRepository(OrgNodeEntity)
      .createQueryBuilder('n')
      .where('n.id IN (:...ids)', { ids })
      .orderBy('n.id');
    if (m.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
    const rows = await qb.getMany();
    return ids.map((i) => rows.find((r) => r.id === i) ?? null);
  }
}
