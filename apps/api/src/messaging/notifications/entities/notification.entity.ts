import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface NotificationPayload {
  path: string | null;
  entityType: 'need' | 'task' | 'claim' | 'callup' | 'points' | null;
  entityId: number | null;
}
import { dateColumn } from '../../../platform/database/column-types';

/**
 * The outbox and the in-app inbox in one table: every notification is written here in the same
 * transaction as the change it reports; the dispatcher delivers it (WeChat subscribe message,
 * or the inbox alone) exactly once, whichever API process picks it up.
 */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ type: 'simple-json' })
  payload: NotificationPayload;

  /** pending → sending → sent | inbox (WeChat not possible: shown in the inbox only) | failed. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: string | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 96 })
  dedupeKey: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(dateColumn('not_before'))
  notBefore: Date;

  @Column({ name: 'locked_by', type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;

  @Column(dateColumn('locked_until', true))
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @Column(dateColumn('sent_at', true))
  sentAt: Date | null;

  @Column(dateColumn('read_at', true))
  readAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
