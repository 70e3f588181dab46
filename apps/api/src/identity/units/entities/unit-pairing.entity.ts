import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** A work unit registered with a community it pairs with (结对共建). */
@Entity('unit_pairings')
export class UnitPairingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
