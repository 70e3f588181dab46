import fc from 'fast-check';
import { distanceMeters, EARTH_RADIUS_M, roundedPosition, withinRadius } from './geo';

const p = (latitude: number, longitude: number) => ({ latitude, longitude });

describe('distanceMeters', () => {
  it.each([
    ['the same point', p(32.0, 120.86), p(32.0, 120.86), 0],
    ['1° of latitude', p(0, 0), p(1, 0), 111_194.93],
    ['1° of longitude on the equator', p(0, 0), p(0, 1), 111_194.93],
    ['1° of longitude at 60°N', p(60, 0), p(60, 1), 55_596.93],
    ['half the globe', p(0, 0), p(0, 180), 20_015_086.8],
    ['pole to pole', p(90, 0), p(-90, 0), 20_015_086.8],
    ['天安门 → 人民广场 (上海)', p(39.9087, 116.3975), p(31.2304, 121.4737), 1_068_138.87],
    ['0.0009° north in 南通', p(32.0, 120.86), p(32.0009, 120.86), 100.08],
  ])('%s', (_n, a, b, metres) => {
    expect(distanceMeters(a, b)).toBeCloseTo(metres, 1);
    expect(distanceMeters(b, a)).toBeCloseTo(metres, 1);
  });

  it('crosses the antimeridian the short way', () => {
    expect(distanceMeters(p(0, 179.5), p(0, -179.5))).toBeCloseTo(111_194.93, 1);
  });

  it('refuses impossible coordinates', () => {
    expect(() => distanceMeters(p(91, 0), p(0, 0))).toThrow(RangeError);
    expect(() => distanceMeters(p(0, 0), p(0, -181))).toThrow(RangeError);
    expect(() => distanceMeters(p(NaN, 0), p(0, 0))).toThrow(RangeError);
  });

  const pt = fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  });

  it('is symmetric, non-negative, at most half the circumference, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(pt, pt, pt, (a, b, c) => {
        const ab = distanceMeters(a, b);
        return (
          ab >= 0 &&
          Math.abs(ab - distanceMeters(b, a)) < 1e-6 &&
          ab <= Math.PI * EARTH_RADIUS_M + 1e-6 &&
          // Haversine loses precision near antipodal points (asin close to 1): allow 1 m there.
          ab <= distanceMeters(a, c) + distanceMeters(c, b) + 1
        );
      }),
    );
  });
});

describe('withinRadius', () => {
  const center = p(32.0, 120.86);
  it('includes points inside and on the edge, excludes points outside', () => {
    expect(withinRadius(center, center, 0)).toBe(true);
    expect(withinRadius(p(32.0009, 120.86), center, 100.1)).toBe(true);
    expect(withinRadius(p(32.0009, 120.86), center, 100)).toBe(false);
    expect(withinRadius(p(32.0045, 120.86), center, 500)).toBe(false);
    expect(withinRadius(p(32.0044, 120.86), center, 500)).toBe(true);
  });
  it('refuses a negative radius', () => {
    expect(() => withinRadius(center, center, -1)).toThrow(RangeError);
  });
});

describe('roundedPosition', () => {
  it('rounds to 2 decimals (about 1 km) by default, and to what is asked', () => {
    expect(roundedPosition(p(32.0123, 120.8642))).toEqual(p(32.01, 120.86));
    expect(roundedPosition(p(32.0163, 120.8658))).toEqual(p(32.02, 120.87));
    expect(roundedPosition(p(32.0123456, 120.8642111), 3)).toEqual(p(32.012, 120.864));
    expect(roundedPosition(p(-0.004, -179.996))).toEqual(p(0, -180));
    expect(Object.is(roundedPosition(p(-0.001, 0)).latitude, 0)).toBe(true);
  });

  it('stays within half a unit of the last decimal of the true point', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (latitude, longitude) => {
          const r = roundedPosition({ latitude, longitude });
          expect(Math.abs(r.latitude - latitude)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(Math.abs(r.longitude - longitude)).toBeLessThanOrEqual(0.005 + 1e-9);
        },
      ),
    );
  });

  it('refuses impossible points and precisions', () => {
    expect(() => roundedPosition(p(91, 0))).toThrow(RangeError);
    expect(() => roundedPosition(p(0, 0), -1)).toThrow(RangeError);
  });
});
