import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** The last roster upload of a unit: its size, who uploaded it and when. */
@Entity('unit_rosters')
export class UnitRosterEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'integer' })
  entries: number;

  @Column({ name: 'uploaded_by_id', type: 'integer' })
  uploadedById: number;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
