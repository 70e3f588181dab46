import { createHash } from 'node:crypto';
import { hashRanges } from './stats-rollup-people';

describe('hashRanges: a rebuild splits a district’s roster lines by phone hash', () => {
  const hashes = Array.from({ length: 2000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
  const inRange = (h: string, [from, to]: [string | null, string | null]) =>
    (from === null || h >= from) && (to === null || h < to);

  it('uses one unbounded statement for a small district', () => {
    expect(hashRanges(0)).toEqual([[null, null]]);
    expect(hashRanges(25_000)).toEqual([[null, null]]);
  });

  it('puts every hash in exactly one range, in order, with about as many lines in each', () => {
    const ranges = hashRanges(2000, 100);
    expect(ranges).toHaveLength(20);
    for (const h of hashes) expect(ranges.filter((r) => inRange(h, r))).toHaveLength(1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    const sizes = ranges.map((r) => hashes.filter((h) => inRange(h, r)).length);
    expect(Math.max(...sizes)).toBeLessThan(200);
  });

  it('stops at 4096 ranges', () => {
    expect(hashRanges(10_000_000_000)).toHaveLength(4096);
  });
});
