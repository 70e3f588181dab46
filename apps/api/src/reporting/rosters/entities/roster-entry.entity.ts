import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** One person on a work unit's party-member roster (单位党员名册), as uploaded by the unit. */
@Entity('unit_roster_entries')
export class RosterEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  /** Row of the uploaded spreadsheet (the header is row 1). */
  @Column({ name: 'row_no', type: 'integer' })
  rowNo: number;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'phone_enc', type: 'varchar', length: 255 })
  phoneEnc: string;

  /** Keyed hash of the phone (FieldCipher.hash), matched against registrations.phone_hash. */
  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  /** Optional ID number (身份证号), encrypted; its keyed hash pairs rows with registrations. */
  @Column({ name: 'id_number_enc', type: 'varchar', length: 255, nullable: true })
  idNumberEnc: string | null;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  @Column({ name: 'party_branch', type: 'varchar', length: 100, nullable: true })
  partyBranch: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  position: string | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;
}
