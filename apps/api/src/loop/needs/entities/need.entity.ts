import { NeedCategory, NeedStatus } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, doubleColumn } from '../../../platform/database/column-types';

/** A resident's need (点单 / 微心愿). */
@Entity('needs')
export class NeedEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ name: 'building_id', type: 'integer', nullable: true })
  buildingId: number | null;

  /** The resident the need is for; null when staff posted it for someone not online. */
  @Column({ name: 'resident_user_id', type: 'integer', nullable: true })
  residentUserId: number | null;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  /** 代点单: posted by staff on behalf of a resident. */
  @Column({ type: 'boolean', default: false })
  proxy: boolean;

  @Column({ name: 'proxy_name', type: 'varchar', length: 50, nullable: true })
  proxyName: string | null;

  @Column({ name: 'proxy_phone_enc', type: 'varchar', length: 255, nullable: true })
  proxyPhoneEnc: string | null;

  @Column({ type: 'varchar', length: 50 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'varchar', length: 24 })
  category: NeedCategory;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place: string | null;

  @Column(doubleColumn('latitude'))
  latitude: number | null;

  @Column(doubleColumn('longitude'))
  longitude: number | null;

  @Column(dateColumn('expected_at', true))
  expectedAt: Date | null;

  /** AES-256-GCM ciphertext of a contact phone, when given. */
  @Column({ name: 'contact_phone_enc', type: 'varchar', length: 255, nullable: true })
  contactPhoneEnc: string | null;

  @Column({ type: 'simple-json' })
  photos: string[];

  @Column({ type: 'varchar', length: 16 })
  status: NeedStatus;

  /** Content check outcome: pass, review (held), unchecked (WeChat unreachable, held). */
  @Column({ type: 'varchar', length: 16 })
  moderation: string;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'merged_into_id', type: 'integer', nullable: true })
  mergedIntoId: number | null;

  @Column({ name: 'plus_count', type: 'integer', default: 0 })
  plusCount: number;

  /** How many times "没解决" sent it back. */
  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount: number;

  @Column(dateColumn('accepted_at', true))
  acceptedAt: Date | null;

  @Column(dateColumn('fulfilled_at', true))
  fulfilledAt: Date | null;

  @Column(dateColumn('rated_at', true))
  ratedAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
