import type { DataSource, EntityManager } from 'typeorm';
import { readRepository, type ReadRepository } from '../platform/database/read-repository';
import { OrgNodeEntity } from './entities/org-node.entity';
import { PositionEntity } from './entities/position.entity';

/** An org node as other contexts read it (writes go through OrgService). */
export type OrgNodeView = Readonly<OrgNodeEntity>;
/** A community position (岗位) as other contexts read it. */
export type PositionView = Readonly<PositionEntity>;

/** Org tables other contexts may join by name in raw SQL and query builders. */
export const ORG_TABLES = { nodes: 'org_nodes', positions: 'positions' } as const;

export function orgNodeReader(db: DataSource | EntityManager): ReadRepository<OrgNodeView> {
  return readRepository(db, OrgNodeEntity);
}

export function positionReader(db: DataSource | EntityManager): ReadRepository<PositionView> {
  return readRepository(db, PositionEntity);
}
