import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * A refresh token, stored as a SHA-256 hash. Each refresh rotates it within its family;
 * presenting a token that was already rotated revokes the whole family (theft detection).
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId: string;

  @Column(dateColumn('expires_at'))
  expiresAt: Date;

  @Column(dateColumn('revoked_at', true))
  revokedAt: Date | null;

  @Column({ name: 'replaced_by_id', type: 'integer', nullable: true })
  replacedById: number | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
