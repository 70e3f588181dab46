import { Role } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * An offer of a staff role over a node to a phone number (任命邀请). Whoever proves that number
 * (WeChat's phone button or an SMS code) sees it and accepts or declines; the number is stored
 * encrypted, with its keyed hash for the look-up.
 */
@Entity('role_invitations')
export class RoleInvitationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'phone_enc', type: 'varchar', length: 255 })
  phoneEnc: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'scope_node_id', type: 'integer', nullable: true })
  scopeNodeId: number | null;

  @Column(dateColumn('term_ends_at', true))
  termEndsAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  /** pending | accepted | declined (expiry is derived from expires_at). */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'invited_by_id', type: 'integer' })
  invitedById: number;

  /** The account that answered. */
  @Column({ name: 'invitee_user_id', type: 'integer', nullable: true })
  inviteeUserId: number | null;

  @Column(dateColumn('expires_at'))
  expiresAt: Date;

  @Column(dateColumn('responded_at', true))
  respondedAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
