import { InviteStatus } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, doubleColumn } from '../../../platform/database/column-types';

/** Staff invited a member to a task (the member is notified; claiming the task accepts it). */
@Entity('task_invites')
export class TaskInviteEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'invited_by_id', type: 'integer' })
  invitedById: number;

  @Column({ type: 'varchar', length: 16 })
  status: InviteStatus;

  @Column(doubleColumn('score'))
  score: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
