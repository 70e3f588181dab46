import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { sharesReads } from '../database/keyed-reads';
import { ReadBatcher } from '../database/read-batcher';
import { toDbDate } from '../database/sql';
import type { Principal } from './principal';
import type { CompanionRow, PrincipalCompanion } from './principal-companion';

/**
 * The live account, its roles in their term (one row each) with their scope paths, its approved
 * registration, and whether session `?` (a refresh-token family) still has an unrevoked token.
 * Placeholders: session id, now, now, user id.
 */
const PRINCIPAL_SQL = `SELECT u.deleted_at,
              EXISTS (SELECT 1 FROM refresh_tokens s WHERE s.family_id = ? AND s.revoked_at IS NULL AND s.user_id = u.id) AS live_session,
              r.id AS role_row_id, r.role, r.scope_node_id, n.path, n.name,
              g.id AS registration_id, g.community_id AS home_community_id, hc.parent_id AS home_street_id
         FROM users u
         LEFT JOIN user_roles r ON r.user_id = u.id AND (r.starts_at IS NULL OR r.starts_at <= ?)
                                 AND (r.ends_at IS NULL OR r.ends_at > ?)
         LEFT JOIN org_nodes n ON n.id = r.scope_node_id
         LEFT JOIN registrations g ON g.user_id = u.id AND g.status = 'approved'
         LEFT JOIN org_nodes hc ON hc.id = g.community_id
        WHERE u.id = ?`;

interface PrincipalRow {
  deleted_at: unknown;
  live_session: number | string;
  role_row_id: number | null;
  role: Role | null;
  scope_node_id: number | null;
  path: string | null;
  name: string | null;
  registration_id: number | null;
  home_community_id: number | null;
  home_street_id: number | null;
}

type Loaded = Principal | null | 'ended';

@Injectable()
export class PrincipalLoader {
  /** Every request reads its principal: concurrent reads share one statement on MySQL (see ReadBatcher). */
  private readonly reads: ReadBatcher;

  constructor(@InjectDataSource() db: DataSource) {
    this.reads = new ReadBatcher((sql, params) => db.query(sql, params), sharesReads(db));
  }

  /**
   * One query (shared with concurrent callers on MySQL): the principal, fresh from the database (only roles within their term count: a term
   * that ended takes effect at once); with `sessionId`, 'ended' for a session that was logged out
   * or revoked.
   */
  async load(userId: number): Promise<Principal | null>;
  async load(userId: number, sessionId: string): Promise<Loaded>;
  async load(userId: number, sessionId?: string): Promise<Loaded> {
    const rows = (await this.reads.query(
      PRINCIPAL_SQL,
      this.params(userId, sessionId, new Date()),
    )) as unknown as PrincipalRow[];
    return fromRows(userId, sessionId, rows);
  }

  /** As `load`, with the route's companion read in the same statement (see PrincipalCompanion). */
  async loadWith(
    userId: number,
    sessionId: string,
    companion: PrincipalCompanion,
  ): Promise<{ principal: Loaded; rows: CompanionRow[] }> {
    const now = new Date();
    const rows = (await this.reads.query(companion.wrap(PRINCIPAL_SQL), [
      ...this.params(userId, sessionId, now),
      ...companion.params(userId, now),
    ])) as unknown as (PrincipalRow & CompanionRow)[];
    return { principal: fromRows(userId, sessionId, rows), rows };
  }

  private params(userId: number, sessionId: string | undefined, now: Date): unknown[] {
    const at = toDbDate(now);
    return [sessionId ?? '', at, at, userId];
  }
}

function fromRows(userId: number, sessionId: string | undefined, rows: PrincipalRow[]): Loaded {
  if (!rows.length || rows[0].deleted_at) return null;
  if (sessionId !== undefined && !Number(rows[0].live_session)) return 'ended';
  const home = rows[0].registration_id
    ? {
        registrationId: Number(rows[0].registration_id),
        communityId: Number(rows[0].home_community_id),
        streetId: rows[0].home_street_id === null ? null : Number(rows[0].home_street_id),
      }
    : null;
  // A companion's rows repeat each role row: one role per user_roles row.
  const seen = new Set<number>();
  const roles = [];
  for (const r of rows) {
    if (!r.role || seen.has(Number(r.role_row_id))) continue;
    seen.add(Number(r.role_row_id));
    roles.push({
      role: r.role,
      scopeNodeId: r.scope_node_id === null ? null : Number(r.scope_node_id),
      scopePath: r.path ?? '/',
      scopeName: r.name,
    });
  }
  return { userId, home, roles };
}
