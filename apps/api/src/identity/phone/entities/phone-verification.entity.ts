import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/**
 * A proof that a phone number belongs to an account (by WeChat's phone button or an SMS code),
 * valid until `expiresAt`: a registration must use a number proven this way. The number itself is
 * kept only as its keyed hash.
 */
@Entity('phone_verifications')
export class PhoneVerificationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  /** wechat | sms */
  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column(dateColumn('verified_at'))
  verifiedAt: Date;

  @Column(dateColumn('expires_at'))
  expiresAt: Date;
}
