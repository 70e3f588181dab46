import { Entity, PrimaryColumn } from 'typeorm';

/** Positions a registered member wants or holds (岗位). */
@Entity('registration_positions')
export class RegistrationPositionEntity {
  @PrimaryColumn({ name: 'registration_id', type: 'integer' })
  registrationId: number;

  @PrimaryColumn({ name: 'position_id', type: 'integer' })
  positionId: number;
}
