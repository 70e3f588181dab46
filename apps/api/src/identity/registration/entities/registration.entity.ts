import { RegistrationStatus, type FreeTimeSlot } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** A member's registration (报到) with the community where they live. One per user. */
@Entity('registrations')
export class RegistrationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ type: 'varchar', length: 16 })
  status: RegistrationStatus;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'phone_enc', type: 'varchar', length: 255 })
  phoneEnc: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ name: 'id_number_enc', type: 'varchar', length: 255, nullable: true })
  idNumberEnc: string | null;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  @Column({ name: 'work_unit_id', type: 'integer', nullable: true })
  workUnitId: number | null;

  @Column({ name: 'work_unit_name', type: 'varchar', length: 100 })
  workUnitName: string;

  @Column({ name: 'unit_party_org_name', type: 'varchar', length: 100 })
  unitPartyOrgName: string;

  @Column({ name: 'building_id', type: 'integer', nullable: true })
  buildingId: number | null;

  @Column({ name: 'residence_detail', type: 'varchar', length: 200 })
  residenceDetail: string;

  @Column({ type: 'simple-json' })
  skills: string[];

  @Column({ name: 'free_time', type: 'simple-json' })
  freeTime: FreeTimeSlot[];

  @Column({ name: 'branch_id', type: 'integer', nullable: true })
  branchId: number | null;

  @Column({ name: 'group_id', type: 'integer', nullable: true })
  groupId: number | null;

  @Column({ name: 'grid_id', type: 'integer', nullable: true })
  gridId: number | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'reviewed_by_id', type: 'integer', nullable: true })
  reviewedById: number | null;

  @Column(dateColumn('reviewed_at', true))
  reviewedAt: Date | null;

  @Column(dateColumn('approved_at', true))
  approvedAt: Date | null;

  @Column({ name: 'consent_version', type: 'varchar', length: 20 })
  consentVersion: string;

  @Column({ name: 'card_no', type: 'varchar', length: 32, nullable: true })
  cardNo: string | null;

  @Column({ name: 'unit_confirmed', type: 'boolean', default: false })
  unitConfirmed: boolean;

  @Column(dateColumn('submitted_at'))
  submittedAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
