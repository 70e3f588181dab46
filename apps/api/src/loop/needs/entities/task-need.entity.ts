import { Entity, PrimaryColumn } from 'typeorm';

@Entity('task_needs')
export class TaskNeedEntity {
  @PrimaryColumn({ name: 'task_id', type: 'integer' })
  taskId: number;

  @PrimaryColumn({ name: 'need_id', type: 'integer' })
  needId: number;
}
