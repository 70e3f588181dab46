import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from './principal';

@Injectable()
export class PrincipalLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One query: the live account and its roles with their scope paths. */
  async load(userId: number): Promise<Principal | null> {
    const rows: { deleted_at: unknown; role: Role | null; scope_node_id: number | null; path: string | null; name: string | null }[] =
      await this.db.query(
        `SELECT u.deleted_at, r.role, r.scope_node_id, n.path, n.name
           FROM users u
           LEFT JOIN user_roles r ON r.user_id = u.id
           LEFT JOIN org_nodes n ON n.id = r.scope_node_id
          WHERE u.id = ?`,
        [userId],
      );
    if (!rows.length || rows[0].deleted_at) return null;
    return {
      userId,
      roles: rows
        .filter((r) => r.role)
        .map((r) => ({
          role: r.role as Role,
          scopeNodeId: r.scope_node_id === null ? null : Number(r.scope_node_id),
          scopePath: r.path ?? '/',
          scopeName: r.name,
        })),
    };
  }
}
