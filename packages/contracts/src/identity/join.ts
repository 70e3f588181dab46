/**
 * A resident without a community joins one (加入社区): by the code on the community's poster, or by
 * choosing one of the communities near where they are.
 */

/** GET /api/communities/nearby: both or neither of lat/lng; without them, open communities by name. */
export interface NearbyCommunitiesQuery {
  lat?: number;
  lng?: number;
}

export interface NearbyCommunityDto {
  id: number;
  code: string;
  name: string;
  streetName: string | null;
  address: string | null;
  /** Metres from the given point, rounded to 10 m; null without a point or a position on the map. */
  distanceM: number | null;
}

/** How many communities the nearby list offers at most. */
export const NEARBY_COMMUNITIES_LIMIT = 10;

/** POST /api/me/community: exactly one of `code` (the poster's code) and `communityId` (a nearby one). */
export interface JoinCommunityRequest {
  code?: string;
  communityId?: number;
}
