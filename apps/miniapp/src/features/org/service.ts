import {
  ROUTES,
  type CommunityPublicDto,
  type OrgNodeDto,
  type OrgNodeType,
  type Page,
  type PositionDto,
  type WorkUnitDirectoryEntryDto,
} from '@sbd/contracts';
import { call, callPath, request } from '@/platform/request';
import { bytesToBase64 } from '@/platform/base64';

/** The org nodes the caller administers (for a platform admin: the top-level nodes). */
export function fetchRoots(): Promise<OrgNodeDto[]> {
  return call(ROUTES.org.roots);
}

export function fetchChildren(nodeId: number, type?: OrgNodeType): Promise<OrgNodeDto[]> {
  return call(ROUTES.org.children, { params: { id: nodeId }, query: { type } });
}

/**
 * The community's QR poster (PNG). The endpoint needs the Authorization header, so the image is
 * fetched as bytes and shown through a data URL.
 */
export async function fetchCommunityQrDataUrl(communityId: number): Promise<string> {
  const buf = await request<ArrayBuffer>(callPath(ROUTES.org.qrcodePng, { id: communityId }), {
    responseType: 'arraybuffer',
    timeout: 30_000,
  });
  return `data:image/png;base64,${bytesToBase64(new Uint8Array(buf))}`;
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
