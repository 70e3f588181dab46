import type { DataSource, EntityManager } from 'typeorm';
import { readRepository, type ReadRepository } from '../platform/database/read-repository';
import { TaskEntity } from './tasks/entities/task.entity';

/** A task as other contexts read it (writes go through TasksService). */
export type TaskView = Readonly<TaskEntity>;

export function taskReader(db: DataSource | EntityManager): ReadRepository<TaskView> {
  return readRepository(db, TaskEntity);
}
