import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Role,
  type AuditAction,
  type AuditDetail,
  type AuditEventDto,
  type AuditObjectType,
  type Page,
} from '@sbd/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ScopeService } from '../auth/scope.service';
import { forbidden } from '../errors/app-errors';
import { fromDbDate, toDbDate } from '../database/sql';
import type { AuditEventsQuery } from './dto/audit-events.query';

interface Row {
  id: number | string;
  occurred_at: unknown;
  action: string;
  actor_user_id: number | string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_scope_node_id: number | string | null;
  object_type: string;
  object_id: string | null;
  node_id: number | string | null;
  node_name: string | null;
  ip: string | null;
  request_id: string | null;
  detail: string | null;
}

const READERS = [Role.PlatformAdmin, Role.DistrictAdmin];
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

function parseDetail(raw: string | null): AuditDetail | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AuditDetail;
  } catch {
    return null;
  }
}

/**
 * Reading the audit log: platform admins read every event; district admins the events whose node
 * lies in their district (events with no node, such as a platform admin's login, are not theirs).
 */
@Injectable()
export class AuditViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(p: Principal, q: AuditEventsQuery): Promise<Page<AuditEventDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!this.scope.isPlatformAdmin(p)) {
      const paths = this.scope.scopePaths(p, [Role.DistrictAdmin]);
      if (!paths.length) throw forbidden('只有平台管理员和区管理员可以查看审计日志');
      where.push(`(${paths.map(() => 'e.node_path LIKE ?').join(' OR ')})`);
      params.push(...paths.map((path) => `${path}%`));
    }
    if (q.nodeId !== undefined) {
      const node = await this.scope.assertNode(p, q.nodeId, READERS, '无权查看该组织的审计日志');
      where.push('e.node_path LIKE ?');
      params.push(`${node.path}%`);
    }
    const filter = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (q.action) filter('e.action = ?', q.action);
    if (q.actorUserId !== undefined) filter('e.actor_user_id = ?', q.actorUserId);
    if (q.objectType) filter('e.object_type = ?', q.objectType);
    if (q.objectId !== undefined) filter('e.object_id = ?', q.objectId);
    if (q.from) filter('e.occurred_at >= ?', toDbDate(new Date(q.from)));
    if (q.to) filter('e.occurred_at < ?', toDbDate(new Date(q.to)));
    if (q.cursor) filter('e.id < ?', Number(q.cursor));
    const limit = q.limit ?? 20;
    const rows: Row[] = await this.db.query(
      `SELECT e.id, e.occurred_at, e.action, e.actor_user_id, u.name AS actor_name, e.actor_role,
              e.actor_scope_node_id, e.object_type, e.object_id, e.node_id, n.name AS node_name,
              e.ip, e.request_id, e.detail
         FROM audit_events e
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN org_nodes n ON n.id = e.node_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.id DESC
        LIMIT ${Number(limit) + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: Number(r.id),
        occurredAt: fromDbDate(r.occurred_at)!.toISOString(),
        action: r.action as AuditAction,
        actorUserId: numOrNull(r.actor_user_id),
        actorName: r.actor_name,
        actorRole: r.actor_role as Role | null,
        actorScopeNodeId: numOrNull(r.actor_scope_node_id),
        objectType: r.object_type as AuditObjectType,
        objectId: r.object_id,
        nodeId: numOrNull(r.node_id),
        nodeName: r.node_name,
        ip: r.ip,
        requestId: r.request_id,
        detail: parseDetail(r.detail),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }
}
