import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** Unit staff's decision on a 待核对 pairing of a roster entry (unit, phone hash, name) with a registration. */
@Entity('roster_match_decisions')
export class RosterDecisionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'registration_id', type: 'integer' })
  registrationId: number;

  /** 'confirmed' | 'rejected' */
  @Column({ type: 'varchar', length: 16 })
  decision: string;

  @Column({ name: 'decided_by_id', type: 'integer' })
  decidedById: number;

  @Column(dateColumn('decided_at'))
  decidedAt: Date;
}
