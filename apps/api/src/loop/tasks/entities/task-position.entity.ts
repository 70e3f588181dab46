import { Entity, PrimaryColumn } from 'typeorm';

@Entity('task_positions')
export class TaskPositionEntity {
  @PrimaryColumn({ name: 'task_id', type: 'integer' })
  taskId: number;

  @PrimaryColumn({ name: 'position_id', type: 'integer' })
  positionId: number;
}
