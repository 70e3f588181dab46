import { MAP_POSITION_DECIMALS } from '@sbd/contracts';

/** A WGS-84 or GCJ-02 point; both points compared must use the same datum. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Mean Earth radius (metres) used by the haversine formula. */
export const EARTH_RADIUS_M = 6_371_000;

const rad = (deg: number) => (deg * Math.PI) / 180;

function check(p: GeoPoint, what: string): void {
  if (!Number.isFinite(p.latitude) || p.latitude < -90 || p.latitude > 90)
    throw new RangeError(`invalid ${what} latitude`);
  if (!Number.isFinite(p.longitude) || p.longitude < -180 || p.longitude > 180) {
    throw new RangeError(`invalid ${what} longitude`);
  }
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  check(a, 'first');
  check(b, 'second');
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether `point` lies within `radiusM` metres of `center` (the boundary counts as inside). */
export function withinRadius(point: GeoPoint, center: GeoPoint, radiusM: number): boolean {
  if (!Number.isFinite(radiusM) || radiusM < 0) throw new RangeError('invalid radius');
  return distanceMeters(point, center) <= radiusM;
}

/**
 * A point rounded to `decimals` decimals of a degree (MAP_POSITION_DECIMALS: about 1 km), for
 * showing members roughly where a task is without handing out the point check-in is measured from.
 */
export function roundedPosition(p: GeoPoint, decimals = MAP_POSITION_DECIMALS): GeoPoint {
  check(p, 'position');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError('invalid decimals');
  const f = 10 ** decimals;
  // "+ 0" turns the -0 of a small negative value into 0.
  const round = (x: number) => Math.round(x * f) / f + 0;
  return { latitude: round(p.latitude), longitude: round(p.longitude) };
}
