import type { AuditAction, AuditDetail, AuditObjectType, Role } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../database/column-types';

/** One audited action: who did what to which object, from where. Rows are only ever inserted (and purged when old). */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column(dateColumn('occurred_at'))
  occurredAt: Date;

  @Column({ type: 'varchar', length: 48 })
  action: AuditAction;

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: Role | null;

  @Column({ name: 'actor_scope_node_id', type: 'integer', nullable: true })
  actorScopeNodeId: number | null;

  @Column({ name: 'object_type', type: 'varchar', length: 32 })
  objectType: AuditObjectType;

  @Column({ name: 'object_id', type: 'varchar', length: 64, nullable: true })
  objectId: string | null;

  @Column({ name: 'node_id', type: 'integer', nullable: true })
  nodeId: number | null;

  @Column({ name: 'node_path', type: 'varchar', length: 255, nullable: true })
  nodePath: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  detail: AuditDetail | null;
}
