import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** 评单: a resident rates the task that served their need; the community rates each member's claim. */
@Entity('ratings')
export class RatingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: 'resident' | 'community';

  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @Column({ name: 'need_id', type: 'integer', nullable: true })
  needId: number | null;

  @Column({ name: 'claim_id', type: 'integer', nullable: true })
  claimId: number | null;

  @Column({ name: 'member_user_id', type: 'integer', nullable: true })
  memberUserId: number | null;

  @Column({ name: 'rater_user_id', type: 'integer' })
  raterUserId: number;

  @Column({ type: 'integer' })
  score: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column({ type: 'boolean', default: true })
  resolved: boolean;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
