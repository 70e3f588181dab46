import { OrgNodeType } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, doubleColumn } from '../../platform/database/column-types';

/**
 * One node of the org tree (territory, community party side, work units).
 * `path` is the materialised path of ids, e.g. "/1/3/7/", so a subtree is `path LIKE '/1/3/%'`.
 */
@Entity('org_nodes')
export class OrgNodeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 32 })
  type: OrgNodeType;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  code: string | null;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address: string | null;

  @Column(doubleColumn('latitude'))
  latitude: number | null;

  @Column(doubleColumn('longitude'))
  longitude: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;

  /** When the node was closed (撤销); null while open. Closed nodes stay for the numbers of the past. */
  @Column(dateColumn('closed_at', true))
  closedAt: Date | null;
}
