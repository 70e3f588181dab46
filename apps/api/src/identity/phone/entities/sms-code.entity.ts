import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * An SMS verification code sent to a phone for an account, stored as a keyed hash (never the
 * code), with its wrong guesses: every API process checks it from here.
 */
@Entity('sms_codes')
export class SmsCodeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  /** Guesses so far (the right one included); at SMS_CODE_MAX_ATTEMPTS the code is dead. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(dateColumn('expires_at'))
  expiresAt: Date;

  /** Used, or replaced by a newer code, or its SMS could not be sent. */
  @Column(dateColumn('consumed_at', true))
  consumedAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
