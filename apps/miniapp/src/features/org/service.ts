import {
  ROUTES,
  type CommunityPublicDto,
  type OrgNodeDto,
  type OrgNodeType,
  type Page,
  type PositionDto,
  type WorkUnitDirectoryEntryDto,
} from '@sbd/contracts';
import { call } from '@/platform/request';

/** The org nodes the caller administers (for a platform admin: the top-level nodes). */
export function fetchRoots(): Promise<OrgNodeDto[]> {
  return call(ROUTES.org.roots);
}

export function fetchChildren(nodeId: number, type?: OrgNodeType): Promise<OrgNodeDto[]> {
  return call(ROUTES.org.children, { params: { id: nodeId }, query: { type } });
}

/** The community's service positions (岗位); community staff only. */
export function fetchPositions(communityId: number): Promise<PositionDto[]> {
  return call(ROUTES.org.positions, { params: { id: communityId } });
}

/**
 * A community's public facts by id (buildings, positions, work units); any logged-in user. Quiet:
 * callers use it to fill optional pickers and carry on without it.
 */
export function fetchCommunityProfile(communityId: number): Promise<CommunityPublicDto> {
  return call(ROUTES.org.communityProfile, { params: { id: communityId }, toast: false });
}

/** The city-wide work unit directory by part of the name (at least 2 characters), for any signed-in user. */
export function searchWorkUnits(q: string, cursor?: string | null): Promise<Page<WorkUnitDirectoryEntryDto>> {
  return call(ROUTES.org.searchWorkUnits, {
    query: { q, cursor: cursor ?? undefined, limit: 20 },
    quietStatuses: [400],
  });
}
