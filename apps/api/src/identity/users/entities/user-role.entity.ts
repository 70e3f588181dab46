import { Role } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * A role held over the subtree of one org node (null scope: platform-wide), from `startsAt` until
 * `endsAt` (the end of a term; null: until removed). Removing a role deletes the row; the audit
 * log keeps who granted and who removed it.
 */
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

  /** Null on rows older than terms: held since `createdAt`. */
  @Column(dateColumn('starts_at', true))
  startsAt?: Date | null;

  @Column(dateColumn('ends_at', true))
  endsAt?: Date | null;

  /** Who appointed them (or approved the 报到); null for the seed and sign-up. */
  @Column({ name: 'granted_by_id', type: 'integer', nullable: true })
  grantedById?: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
