import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, doubleColumn } from '../../../platform/database/column-types';

/** 应急式: a call-up to every approved member in scope. */
@Entity('emergency_callups')
export class EmergencyCallupEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'scope_node_id', type: 'integer' })
  scopeNodeId: number;

  @Column({ type: 'varchar', length: 50 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'varchar', length: 255 })
  place: string;

  @Column(doubleColumn('latitude'))
  latitude: number | null;

  @Column(doubleColumn('longitude'))
  longitude: number | null;

  @Column(dateColumn('muster_at', true))
  musterAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  needed: number | null;

  @Column({ name: 'notified_count', type: 'integer', default: 0 })
  notifiedCount: number;

  @Column({ name: 'task_id', type: 'integer', nullable: true })
  taskId: number | null;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  /** Members per group once groups are formed; 0 before. */
  @Column({ name: 'group_size', type: 'integer', default: 0 })
  groupSize: number;

  @Column(dateColumn('closed_at', true))
  closedAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
