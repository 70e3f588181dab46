import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../errors/app-errors';
import type { Principal } from './principal';

export interface NodeRef {
  id: number;
  type: string;
  path: string;
  name: string;
}

/**
 * Role *and* subtree checks. A role assignment covers its scope node and everything below it
 * (materialised path prefix); a platform admin's null scope covers everything.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async node(id: number): Promise<NodeRef> {
    const rows: NodeRef[] = await this.db.query('SELECT id, type, path, name FROM org_nodes WHERE id = ?', [id]);
    if (!rows.length) throw notFound('组织不存在');
    return { ...rows[0], id: Number(rows[0].id) };
  }

  covers(principal: Principal, nodePath: string, roles: Role[]): boolean {
    return principal.roles.some(
      (r) => roles.includes(r.role) && (r.scopeNodeId === null || nodePath.startsWith(r.scopePath)),
    );
  }

  /** Throws 403 unless one of `roles` is held over the node; answers the node. */
  async assertNode(principal: Principal, nodeId: number, roles: Role[], message?: string): Promise<NodeRef> {
    const node = await this.node(nodeId);
    if (!this.covers(principal, node.path, roles)) throw forbidden(message ?? '无权访问该组织的数据');
    return node;
  }

  /** Scope paths where the caller holds one of `roles` ("/" for platform-wide). */
  scopePaths(principal: Principal, roles: Role[]): string[] {
    return principal.roles.filter((r) => roles.includes(r.role)).map((r) => r.scopePath);
  }

  isPlatformAdmin(principal: Principal): boolean {
    return principal.roles.some((r) => r.role === Role.PlatformAdmin);
  }
}

/** Roles that may read a community's data, from the community up to the platform. */
export const COMMUNITY_READERS = [Role.CommunityAdmin, Role.StreetAdmin, Role.DistrictAdmin, Role.PlatformAdmin];
/** Roles that manage the org tree within their subtree. */
export const ORG_MANAGERS = [Role.DistrictAdmin, Role.StreetAdmin, Role.PlatformAdmin];
