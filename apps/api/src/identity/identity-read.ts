import { OrgNodeType, RegistrationStatus } from '@sbd/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { NodeRef } from '../platform/auth/scope.service';
import { readRepository, type ReadRepository } from '../platform/database/read-repository';
import { ORG_TABLES } from '../org';
import { RegistrationPositionEntity } from './registration/entities/registration-position.entity';
import { RegistrationEntity } from './registration/entities/registration.entity';
import { UserEntity } from './users/entities/user.entity';

/** A member's registration (报到) as other contexts read it (writes go through RegistrationService). */
export type RegistrationView = Readonly<RegistrationEntity>;
/** A position a registered member holds. */
export type RegistrationPositionView = Readonly<RegistrationPositionEntity>;
/** A user account as other contexts read it. */
export type UserView = Readonly<UserEntity>;

export function registrationReader(db: DataSource | EntityManager): ReadRepository<RegistrationView> {
  return readRepository(db, RegistrationEntity);
}

export function registrationPositionReader(db: DataSource | EntityManager): ReadRepository<RegistrationPositionView> {
  return readRepository(db, RegistrationPositionEntity);
}

export function userReader(db: DataSource | EntityManager): ReadRepository<UserView> {
  return readRepository(db, UserEntity);
}

/** User ids of the community's approved members who hold any of the positions. */
export async function positionHolderIds(
  db: DataSource | EntityManager,
  communityId: number,
  positionIds: number[],
): Promise<number[]> {
  if (!positionIds.length) return [];
  const rows = await db
    .getRepository(RegistrationEntity)
    .createQueryBuilder('r')
    .innerJoin(RegistrationPositionEntity, 'rp', 'rp.registration_id = r.id')
    .where('r.community_id = :c AND r.status = :s', { c: communityId, s: RegistrationStatus.Approved })
    .andWhere('rp.position_id IN (:...ids)', { ids: positionIds })
    .select('DISTINCT r.user_id', 'userId')
    .getRawMany<{ userId: number }>();
  return rows.map((r) => Number(r.userId));
}

/** Approved members whose community lies under the node, or whose grid or branch is the node. */
export async function approvedMembersUnder(db: DataSource | EntityManager, node: NodeRef): Promise<RegistrationView[]> {
  const qb = db
    .getRepository(RegistrationEntity)
    .createQueryBuilder('r')
    .where('r.status = :s', { s: RegistrationStatus.Approved });
  if (node.type === OrgNodeType.Grid) qb.andWhere('r.grid_id = :id', { id: node.id });
  else if (node.type === OrgNodeType.FunctionalBranch) qb.andWhere('r.branch_id = :id', { id: node.id });
  else
    qb.innerJoin(ORG_TABLES.nodes, 'c', 'c.id = r.community_id').andWhere('c.path LIKE :path', {
      path: `${node.path}%`,
    });
  return qb.getMany();
}
