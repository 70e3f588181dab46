import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** An uploaded photo, stored in the database so any API process can serve it. */
@Entity('uploads')
export class UploadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_user_id', type: 'integer' })
  ownerUserId: number;

  @Column({ type: 'varchar', length: 32 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'blob', select: false })
  data: Buffer;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
