import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** "同一件事 +1": a resident backs an existing need instead of posting a duplicate. */
@Entity('need_plus_ones')
export class NeedPlusOneEntity {
  @PrimaryColumn({ name: 'need_id', type: 'integer' })
  needId: number;

  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
