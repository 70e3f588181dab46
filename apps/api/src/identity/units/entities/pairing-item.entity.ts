import { PairingItemStatus, PairingListType } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** One entry of a pairing's three lists (需求清单、资源清单、项目清单). */
@Entity('pairing_items')
export class PairingItemEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'pairing_id', type: 'integer' })
  pairingId: number;

  @Column({ name: 'list_type', type: 'varchar', length: 16 })
  listType: PairingListType;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: PairingItemStatus;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
