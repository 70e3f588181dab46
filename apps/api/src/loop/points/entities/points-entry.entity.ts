import { PointsReason } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** Append-only points ledger (积分); balances and rankings are sums over it. */
@Entity('points_ledger')
export class PointsEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'member_user_id', type: 'integer' })
  memberUserId: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ type: 'integer' })
  delta: number;

  @Column({ type: 'varchar', length: 24 })
  reason: PointsReason;

  @Column({ name: 'claim_id', type: 'integer', nullable: true })
  claimId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'created_by_id', type: 'integer', nullable: true })
  createdById: number | null;

  /** Makes automatic entries idempotent, e.g. "verified:claim:42". */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 64, nullable: true })
  dedupeKey: string | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
