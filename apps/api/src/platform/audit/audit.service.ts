import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditObjectType, Role } from '@sbd/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { execute, toDbDate } from '../database/sql';
import { currentRequest, requestContextOf } from '../lifecycle/request-context';
import { actingRole } from './audit-actor';
import { sanitizeDetail } from './audit-detail';
import { AuditEventEntity } from './entities/audit-event.entity';

/** One audited action, as a caller describes it. */
export interface AuditRecord {
  action: AuditAction;
  /**
   * Who did it: the caller's principal (its role for the action is recorded, see `actorRoles`),
   * an account alone (no role recorded), or null for an anonymous attempt.
   */
  actor: Principal | { userId: number } | null;
  /** The roles that authorise the action, to pick the one recorded (default: any, narrowest over the node). */
  actorRoles?: Role[];
  objectType: AuditObjectType;
  objectId: number | string | null;
  /** The org node the object belongs to (district admins read their subtree); null: platform admins only. */
  nodeId: number | null;
  /** A few facts (filter, reason, delta); bounded and with every full phone or ID number masked. */
  detail?: Record<string, unknown> | null;
  /** Default: the current request's client address and request id (none in background jobs). */
  ip?: string | null;
  requestId?: string | null;
  /** Default: now. */
  occurredAt?: Date;
}

const PURGE_BATCH = 1000;

/**
 * The audit log (MLPS 2.0 / 等保2.0): an append-only table of who did what to which object from
 * where. Every context records into it through `record`; nothing updates a row, and rows are
 * deleted only by the retention purge (AUDIT_RETENTION_DAYS).
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Appends an event. With `manager` it is written inside the caller's transaction, so the action
   * and its audit row commit or roll back together; without one it is written at once.
   */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const target = manager ?? this.db;
    const nodePath = event.nodeId === null ? null : await this.nodePath(target, event.nodeId);
    const actor = event.actor;
    const role = actor && 'roles' in actor ? actingRole(actor, nodePath, event.actorRoles) : null;
    // Requests that may write have an ambient context; reads reach theirs through the Principal.
    const request = currentRequest() ?? requestContextOf(actor);
    await target.getRepository(AuditEventEntity).insert({
      occurredAt: event.occurredAt ?? new Date(),
      action: event.action,
      actorUserId: actor?.userId ?? null,
      actorRole: role?.role ?? null,
      actorScopeNodeId: role?.scopeNodeId ?? null,
      objectType: event.objectType,
      objectId: event.objectId === null ? null : String(event.objectId).slice(0, 64),
      nodeId: event.nodeId,
      nodePath,
      ip: (event.ip !== undefined ? event.ip : (request?.ip() ?? null))?.slice(0, 64) ?? null,
      requestId:
        (event.requestId !== undefined ? event.requestId : (request?.requestId() ?? null))?.slice(0, 64) ?? null,
      detail: sanitizeDetail(event.detail),
    });
  }

  private async nodePath(target: DataSource | EntityManager, nodeId: number): Promise<string | null> {
    const rows: { path: string }[] = await target.query('SELECT path FROM org_nodes WHERE id = ?', [nodeId]);
    return rows[0]?.path ?? null;
  }

  /** Days events are kept (AUDIT_RETENTION_DAYS). */
  get retentionDays(): number {
    return this.config.audit.retentionDays;
  }

  /**
   * Deletes events older than the retention, oldest first, in batches of 1000 (each a short
   * statement); stops between batches when `shouldStop` says so. Answers how many were deleted.
   */
  async purgeExpired(now = new Date(), shouldStop: () => boolean = () => false): Promise<number> {
    const cutoff = toDbDate(new Date(now.getTime() - this.retentionDays * 24 * 3600_000));
    let deleted = 0;
    for (;;) {
      const rows: { id: number }[] = await this.db.query(
        `SELECT id FROM audit_events WHERE occurred_at < ? ORDER BY occurred_at ASC LIMIT ${PURGE_BATCH}`,
        [cutoff],
      );
      if (!rows.length) break;
      const ids = rows.map((r) => Number(r.id));
      deleted += await execute(
        this.db,
        `DELETE FROM audit_events WHERE occurred_at < ? AND id IN (${ids.map(() => '?').join(',')})`,
        [cutoff, ...ids],
      );
      if (rows.length < PURGE_BATCH || shouldStop()) break;
    }
    return deleted;
  }
}
