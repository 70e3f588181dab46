import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** Back-filled hours (补录) entered by staff, with a reason; reported apart from credit hours. */
@Entity('backfills')
export class BackfillEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'member_user_id', type: 'integer' })
  memberUserId: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ name: 'task_id', type: 'integer', nullable: true })
  taskId: number | null;

  @Column({ name: 'half_hours', type: 'integer' })
  halfHours: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
