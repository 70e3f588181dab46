import { Role } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** A role held over the subtree of one org node (null scope: platform-wide). */
@Entity('user_roles')
export class UserRoleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'scope_node_id', type: 'integer', nullable: true })
  scopeNodeId: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
