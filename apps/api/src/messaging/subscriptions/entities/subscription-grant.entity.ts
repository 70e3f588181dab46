import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * What one user chose for one subscribe-message template: `remaining` counts the accepted
 * one-time subscriptions not used yet (each lets one WeChat message through and is consumed by
 * it); a rejection or a ban sets it to 0.
 */
@Entity('subscription_grants')
export class SubscriptionGrantEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'integer', default: 0 })
  remaining: number;

  @Column({ name: 'last_choice', type: 'varchar', length: 8, nullable: true })
  lastChoice: string | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
