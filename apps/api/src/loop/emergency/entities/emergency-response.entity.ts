import { CallupResponse } from '@sbd/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

@Entity('emergency_responses')
export class EmergencyResponseEntity {
  @PrimaryColumn({ name: 'callup_id', type: 'integer' })
  callupId: number;

  @PrimaryColumn({ name: 'member_user_id', type: 'integer' })
  memberUserId: number;

  @Column({ type: 'varchar', length: 16 })
  answer: CallupResponse;

  @Column({ name: 'eta_minutes', type: 'integer', nullable: true })
  etaMinutes: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'group_no', type: 'integer', nullable: true })
  groupNo: number | null;

  @Column(dateColumn('responded_at'))
  respondedAt: Date;
}
