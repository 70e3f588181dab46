import { ClaimStatus } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** A member's claim on a task slot (接单), through check-in, check-out and verification. */
@Entity('claims')
export class ClaimEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @Column({ name: 'member_user_id', type: 'integer' })
  memberUserId: number;

  @Column({ name: 'registration_id', type: 'integer' })
  registrationId: number;

  /** Set when a branch secretary claimed the slot for the branch. */
  @Column({ name: 'branch_id', type: 'integer', nullable: true })
  branchId: number | null;

  @Column({ name: 'claimed_by_id', type: 'integer' })
  claimedById: number;

  @Column({ type: 'varchar', length: 16 })
  status: ClaimStatus;

  @Column(dateColumn('starts_at'))
  startsAt: Date;

  @Column(dateColumn('ends_at'))
  endsAt: Date;

  @Column(dateColumn('checked_in_at', true))
  checkedInAt: Date | null;

  @Column(dateColumn('checked_out_at', true))
  checkedOutAt: Date | null;

  @Column({ name: 'checkin_method', type: 'varchar', length: 16, nullable: true })
  checkinMethod: string | null;

  /** Credit hours × 2 (hours are rounded down to the half hour). */
  @Column({ name: 'credit_half_hours', type: 'integer', default: 0 })
  creditHalfHours: number;

  @Column({ name: 'verified_by_id', type: 'integer', nullable: true })
  verifiedById: number | null;

  @Column(dateColumn('verified_at', true))
  verifiedAt: Date | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column(dateColumn('hold_expires_at', true))
  holdExpiresAt: Date | null;

  @Column(dateColumn('claimed_at'))
  claimedAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
