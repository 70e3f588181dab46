import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { toDbDate } from '../database/sql';
import type { Principal } from './principal';

@Injectable()
export class PrincipalLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One query: the live account, its roles in their term with their scope paths, and its approved registration;
   * with `sessionId`, also whether that session (refresh-token family) still has an unrevoked token.
   * Answers 'ended' for a session that was logged out or revoked.
   */
  async load(userId: number): Promise<Principal | null>;
  async load(userId: number, sessionId: string): Promise<Principal | null | 'ended'>;
  async load(userId: number, sessionId?: string): Promise<Principal | null | 'ended'> {
    // Only roles within their term count (a term that ended takes effect at once).
    const now = toDbDate(new Date());
    const rows: {
      deleted_at: unknown;
      live_session: number | string;
      role: Role | null;
      scope_node_id: number | null;
      path: string | null;
      name: string | null;
      registration_id: number | null;
      home_community_id: number | null;
      home_street_id: number | null;
    }[] = await this.db.query(
      `SELECT u.deleted_at,
              EXISTS (SELECT 1 FROM refresh_tokens s WHERE s.family_id = ? AND s.revoked_at IS NULL AND s.user_id = u.id) AS live_session,
              r.role, r.scope_node_id, n.path, n.name,
              g.id AS registration_id, g.community_id AS home_community_id, hc.parent_id AS home_street_id
         FROM users u
         LEFT JOIN user_roles r ON r.user_id = u.id AND (r.starts_at IS NULL OR r.starts_at <= ?)
                                 AND (r.ends_at IS NULL OR r.ends_at > ?)
         LEFT JOIN org_nodes n ON n.id = r.scope_node_id
         LEFT JOIN registrations g ON g.user_id = u.id AND g.status = 'approved'
         LEFT JOIN org_nodes hc ON hc.id = g.community_id
        WHERE u.id = ?`,
      [sessionId ?? '', now, now, userId],
    );
    if (!rows.length || rows[0].deleted_at) return null;
    if (sessionId !== undefined && !Number(rows[0].live_session)) return 'ended';
    const home = rows[0].registration_id
      ? {
          registrationId: Number(rows[0].registration_id),
          communityId: Number(rows[0].home_community_id),
          streetId: rows[0].home_street_id === null ? null : Number(rows[0].home_street_id),
        }
      : null;
    return {
      userId,
      home,
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
