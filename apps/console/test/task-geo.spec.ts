import {
  distance,
  fitScale,
  inside,
  metresPerDegreeLng,
  moveBy,
  niceCeil,
  niceFloor,
  offsetOf,
  project,
  round6,
  scaleBar,
  unproject,
  type Plane,
} from '@/features/tasks/geo';

const TAOYUAN = { lat: 32.0123, lng: 120.8642 };

describe('the map picker geometry', () => {
  it('should count about 111 km in a degree of latitude and fewer in one of longitude away from the equator', () => {
    expect(metresPerDegreeLng(0)).toBeCloseTo(111_320, 0);
    expect(metresPerDegreeLng(32)).toBeCloseTo(94_405, -1);
    expect(metresPerDegreeLng(60)).toBeCloseTo(55_660, 0);
  });

  it('should move a point by metres and measure the offset back', () => {
    const p = moveBy(TAOYUAN, 300, -400);
    expect(p.lat).toBeLessThan(TAOYUAN.lat);
    expect(p.lng).toBeGreaterThan(TAOYUAN.lng);
    const o = offsetOf(TAOYUAN, p);
    expect(o.east).toBeCloseTo(300, 6);
    expect(o.north).toBeCloseTo(-400, 6);
    expect(distance(TAOYUAN, p)).toBeCloseTo(500, 6);
  });

  it('should project the centre to the middle of the plane, north up and east right, and back', () => {
    const plane: Plane = { center: TAOYUAN, metresPerPx: 2, width: 480, height: 360 };
    expect(project(plane, TAOYUAN)).toEqual({ x: 240, y: 180 });
    const ne = project(plane, moveBy(TAOYUAN, 100, 100));
    expect(ne.x).toBeCloseTo(290, 6);
    expect(ne.y).toBeCloseTo(130, 6);
    const back = unproject(plane, 10, 350);
    const again = project(plane, back);
    expect(again.x).toBeCloseTo(10, 6);
    expect(again.y).toBeCloseTo(350, 6);
    expect(inside(plane, back)).toBe(true);
    expect(inside(plane, back, 20)).toBe(false);
    expect(inside(plane, moveBy(TAOYUAN, 2000, 0))).toBe(false);
  });

  it('should pick round scale bars of 1, 2 or 5 × 10ⁿ metres that fit the room given', () => {
    expect(niceFloor(7)).toBe(5);
    expect(niceFloor(199)).toBe(100);
    expect(niceCeil(1.2)).toBe(2);
    expect(niceCeil(5)).toBe(5);
    expect(niceCeil(5.1)).toBe(10);
    expect(scaleBar(2, 120)).toEqual({ metres: 200, px: 100, label: '200 米' });
    expect(scaleBar(20, 120)).toEqual({ metres: 2000, px: 100, label: '2 公里' });
  });

  it('should zoom out so the check-in circle fits, never closer than the minimum span', () => {
    expect(fitScale(20, 480, 360)).toBe(2); // 250 m half span over 180 units → 1.39 → 2
    const s = fitScale(5000, 480, 360);
    expect(5000 / s).toBeLessThanOrEqual(180);
    expect(s).toBe(50);
    // A pin 640 m east with a 200 m radius: the scale stays where the pin is still on the plane.
    expect(fitScale(200, 640, 400, { east: 640, north: 300 })).toBe(5);
    expect(fitScale(200, 640, 400, { east: 0, north: -100 })).toBe(2);
  });

  it('should keep six decimals of a degree', () => {
    expect(round6(32.01234567)).toBe(32.012346);
  });
});
