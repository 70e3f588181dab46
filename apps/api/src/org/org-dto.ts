import type { OrgNodeDto, PositionDto } from '@sbd/contracts';
import type { OrgNodeEntity } from './entities/org-node.entity';
import type { PositionEntity } from './entities/position.entity';

export const toOrgNodeDto = (n: OrgNodeEntity): OrgNodeDto => ({
  id: n.id,
  type: n.type,
  name: n.name,
  code: n.code,
  parentId: n.parentId,
  address: n.address,
  latitude: n.latitude,
  longitude: n.longitude,
  closedAt: n.closedAt?.toISOString() ?? null,
});

export const toPositionDto = (p: PositionEntity): PositionDto => ({
  id: p.id,
  communityId: p.communityId,
  code: p.code,
  name: p.name,
  description: p.description,
  active: !!p.active,
  sortOrder: p.sortOrder,
});
