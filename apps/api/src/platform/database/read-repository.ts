import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/** The reading half of a TypeORM repository: what a context hands other contexts over its tables. */
export type ReadRepository<T extends ObjectLiteral> = Pick<
  Repository<T>,
  'find' | 'findBy' | 'findOne' | 'findOneBy' | 'findOneByOrFail' | 'count' | 'countBy' | 'exists' | 'existsBy'
>;

/** A read-only view of an entity's repository, typed over a read model (`Readonly<Entity>`). */
export function readRepository<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  target: EntityTarget<T>,
): ReadRepository<Readonly<T>> {
  return db.getRepository(target) as unknown as ReadRepository<Readonly<T>>;
}
