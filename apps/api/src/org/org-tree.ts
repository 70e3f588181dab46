import { DEFAULT_POSITION_CLASSES, OrgNodeType } from '@sbd/contracts';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../platform/errors/app-errors';
import { OrgNodeEntity } from './entities/org-node.entity';
import { PositionEntity } from './entities/position.entity';

export interface NewOrgNode {
  type: OrgNodeType;
  name: string;
  parentId?: number | null;
  code?: string | null;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * Inserts a node and fills in its materialised path ("/district/street/community/");
 * a new community gets the eight default service positions. Used by the API and the seed.
 */
export async function insertOrgNode(m: EntityManager, input: NewOrgNode): Promise<OrgNodeEntity> {
  const repo = m.getRepository(OrgNodeEntity);
  const parent = input.parentId ? await repo.findOneBy({ id: input.parentId }) : null;
  if (input.parentId && !parent) throw notFound('上级组织不存在');
  if (parent?.closedAt) throw conflict('上级组织已撤销，不能在其下新建');
  // Codes are case-insensitive (MySQL's collation is; SQLite's is not): store them upper-case.
  let code = input.code?.toUpperCase() ?? null;
  if (!code && input.type === OrgNodeType.Community) code = `C${randomBytes(4).toString('hex').toUpperCase()}`;
  if (code && (await repo.existsBy({ code }))) throw conflict('该编码已被使用');
  const now = new Date();
  const { identifiers } = await repo.insert({
    type: input.type,
    name: input.name.trim(),
    code,
    parentId: parent?.id ?? null,
    path: '/',
    depth: parent ? parent.depth + 1 : 0,
    address: input.address ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  });
  const id = Number(identifiers[0].id);
  await repo.update({ id }, { path: `${parent?.path ?? '/'}${id}/` });
  if (input.type === OrgNodeType.Community) {
    await m.getRepository(PositionEntity).insert(
      DEFAULT_POSITION_CLASSES.map((c, i) => ({
        communityId: id,
        code: c.code,
        name: c.name,
        description: null,
        active: true,
        sortOrder: i,
        createdAt: now,
      })),
    );
  }
  return repo.findOneByOrFail({ id });
}
