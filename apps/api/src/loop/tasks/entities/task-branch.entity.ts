import { Entity, PrimaryColumn } from 'typeorm';

/** For a task targeting branches: the functional branches that may claim it. */
@Entity('task_branches')
export class TaskBranchEntity {
  @PrimaryColumn({ name: 'task_id', type: 'integer' })
  taskId: number;

  @PrimaryColumn({ name: 'branch_id', type: 'integer' })
  branchId: number;
}
