import { roundedPosition } from '@sbd/domain';

/**
 * A task's place on the map as a viewer may see it: exact for the community staff who manage the
 * task, rounded (MAP_POSITION_DECIMALS, about 1 km) for everyone else, so the point location
 * check-in is measured from never reaches members' devices.
 */
export function mapPosition(
  latitude: number | null,
  longitude: number | null,
  exact: boolean,
): { latitude: number | null; longitude: number | null } {
  if (latitude === null || longitude === null) return { latitude: null, longitude: null };
  return exact ? { latitude, longitude } : roundedPosition({ latitude, longitude });
}
