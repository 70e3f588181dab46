import Taro from '@tarojs/taro';
import { ROUTES, type JoinCommunityRequest, type MeDto, type NearbyCommunityDto } from '@sbd/contracts';
import { isH5 } from '@/platform/env';
import { call } from '@/platform/request';
import { saveUser } from '@/platform/session';

/** Where the device is, or null when the user (or WeChat) refuses or it takes too long. */
export async function currentPoint(): Promise<{ lat: number; lng: number } | null> {
  try {
    const loc = await Taro.getLocation({ type: isH5() ? 'wgs84' : 'gcj02' });
    return Number.isFinite(loc.latitude) && Number.isFinite(loc.longitude)
      ? { lat: loc.latitude, lng: loc.longitude }
      : null;
  } catch {
    return null;
  }
}

/** Open communities nearest the point; all open ones by name without it (location refused). */
export function nearbyCommunities(point: { lat: number; lng: number } | null): Promise<NearbyCommunityDto[]> {
  return call(ROUTES.org.nearbyCommunities, { query: point ?? {}, toast: false });
}

/** Becomes a resident of the community; the session's roles follow at once. */
export async function joinCommunity(body: JoinCommunityRequest): Promise<MeDto> {
  const me = await call(ROUTES.users.joinCommunity, { body, toast: false });
  saveUser(me);
  return me;
}

/** "1.2公里" / "350米" for the list. */
export function distanceText(m: number | null): string {
  if (m === null) return '';
  return m >= 1000 ? `${(m / 1000).toFixed(1)}公里` : `${m}米`;
}
