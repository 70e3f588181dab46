import { NEARBY_COMMUNITIES_LIMIT, OrgNodeType, type NearbyCommunityDto } from '@sbd/contracts';
import { distanceMeters } from '@sbd/domain';
import { In, IsNull, Not, type DataSource } from 'typeorm';
import { OrgNodeEntity } from './entities/org-node.entity';

/**
 * Open communities (with a code: one a resident can join) nearest to `point`, those without a map
 * position last; without a point, by name. A city has hundreds of communities, not thousands: the
 * distances are computed here rather than in SQL, the same on SQLite and MariaDB.
 */
export async function nearbyCommunities(
  db: DataSource,
  point: { lat: number; lng: number } | null,
): Promise<NearbyCommunityDto[]> {
  const repo = db.getRepository(OrgNodeEntity);
  const open = await repo.find({
    where: { type: OrgNodeType.Community, closedAt: IsNull(), code: Not(IsNull()) },
    select: ['id', 'code', 'name', 'parentId', 'address', 'latitude', 'longitude'],
  });
  const distance = (c: OrgNodeEntity): number | null =>
    point && c.latitude != null && c.longitude != null
      ? Math.round(
          distanceMeters(
            { latitude: point.lat, longitude: point.lng },
            { latitude: c.latitude, longitude: c.longitude },
          ) / 10,
        ) * 10
      : null;
  const ranked = open
    .map((c) => ({ c, d: distance(c) }))
    .sort((a, b) => (a.d ?? Infinity) - (b.d ?? Infinity) || a.c.name.localeCompare(b.c.name, 'zh-CN'))
    .slice(0, NEARBY_COMMUNITIES_LIMIT);
  const parentIds = [...new Set(ranked.map((r) => r.c.parentId).filter((id): id is number => id != null))];
  const parents = parentIds.length ? await repo.findBy({ id: In(parentIds), type: OrgNodeType.Street }) : [];
  const streets = new Map(parents.map((s) => [s.id, s.name]));
  return ranked.map(({ c, d }) => ({
    id: c.id,
    code: c.code as string,
    name: c.name,
    streetName: c.parentId != null ? (streets.get(c.parentId) ?? null) : null,
    address: c.address,
    distanceM: d,
  }));
}
