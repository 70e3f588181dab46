/**
 * The map picker's geometry: a local flat plane (equirectangular, fine over a few kilometres)
 * centred on a point, metres ↔ degrees, and the projection to and from the SVG's coordinates.
 * Pure, so it is unit-tested without a browser.
 */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Metres in one degree of latitude (and of longitude on the equator). */
export const METRES_PER_DEGREE = 111_320;

/** Metres in one degree of longitude at this latitude. */
export function metresPerDegreeLng(lat: number): number {
  return METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
}

/** The point `east` and `north` metres away from `from` (negative: west, south). */
export function moveBy(from: LatLng, east: number, north: number): LatLng {
  return { lat: from.lat + north / METRES_PER_DEGREE, lng: from.lng + east / metresPerDegreeLng(from.lat) };
}

/** How far `to` lies east and north of `from`, in metres. */
export function offsetOf(from: LatLng, to: LatLng): { east: number; north: number } {
  return { east: (to.lng - from.lng) * metresPerDegreeLng(from.lat), north: (to.lat - from.lat) * METRES_PER_DEGREE };
}

/** Straight-line distance in metres (on the local plane). */
export function distance(a: LatLng, b: LatLng): number {
  const o = offsetOf(a, b);
  return Math.hypot(o.east, o.north);
}

/** The SVG plane: `center` in the middle of a `width`×`height` box, `metresPerPx` metres per unit. */
export interface Plane {
  center: LatLng;
  metresPerPx: number;
  width: number;
  height: number;
}

/** Where a point falls on the plane (y grows southwards, as in SVG). */
export function project(plane: Plane, p: LatLng): { x: number; y: number } {
  const o = offsetOf(plane.center, p);
  return { x: plane.width / 2 + o.east / plane.metresPerPx, y: plane.height / 2 - o.north / plane.metresPerPx };
}

/** The point at (x, y) of the plane. */
export function unproject(plane: Plane, x: number, y: number): LatLng {
  return moveBy(plane.center, (x - plane.width / 2) * plane.metresPerPx, (plane.height / 2 - y) * plane.metresPerPx);
}

/** Whether a point lies inside the plane's box, `margin` units in from its edges. */
export function inside(plane: Plane, p: LatLng, margin = 0): boolean {
  const { x, y } = project(plane, p);
  return x >= margin && y >= margin && x <= plane.width - margin && y <= plane.height - margin;
}

/** The largest 1, 2 or 5 × 10ⁿ not above `n` (n > 0). */
export function niceFloor(n: number): number {
  const pow = 10 ** Math.floor(Math.log10(n));
  const f = n / pow;
  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * pow;
}

/** The smallest 1, 2 or 5 × 10ⁿ not below `n` (n > 0). */
export function niceCeil(n: number): number {
  const pow = 10 ** Math.floor(Math.log10(n));
  const f = n / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** The scale bar: a round number of metres that takes at most `maxPx` units, and its length. */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number; label: string } {
  const metres = niceFloor(metresPerPx * maxPx);
  return { metres, px: metres / metresPerPx, label: metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米` };
}

/**
 * Metres per unit so that the radius circle fills about half of the box's shorter side (never
 * closer than `minHalfSpan` metres from the centre to that side) and a pin `reach` metres from the
 * centre stays inside, on a 1-2-5 ladder so the scale does not creep as the radius changes.
 */
export function fitScale(
  radiusM: number,
  width: number,
  height: number,
  reach: { east: number; north: number } = { east: 0, north: 0 },
  minHalfSpan = 250,
): number {
  const half = Math.min(width, height) / 2;
  return niceCeil(
    Math.max(
      minHalfSpan / half,
      (radiusM * 1.6) / half,
      (Math.abs(reach.east) * 1.1) / (width / 2),
      (Math.abs(reach.north) * 1.1) / (height / 2),
    ),
  );
}

/** A coordinate rounded to 6 decimals (about 0.1 m), as the form and the API keep it. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
