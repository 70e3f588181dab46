import fc from 'fast-check';
import { SizedLru } from './sized-lru';

describe('SizedLru (the feed cache’s bound)', () => {
  it('drops the least recently used first, counting a read as a use', () => {
    const lru = new SizedLru<number[]>(2, 100, (v) => v.length);
    lru.set('a', [1]);
    lru.set('b', [1]);
    expect(lru.get('a')).toEqual([1]); // a is now the most recent
    lru.set('c', [1]);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([[1], undefined, [1]]);
  });

  it('keeps the sum of sizes under its budget, but always keeps the newest entry', () => {
    const lru = new SizedLru<number[]>(10, 5, (v) => v.length);
    lru.set('a', [1, 2, 3]);
    lru.set('b', [1, 2]);
    expect(lru.totalSize).toBe(5);
    lru.set('c', [1]);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.totalSize).toBe(3);
    lru.set('huge', [1, 2, 3, 4, 5, 6, 7, 8]);
    expect([lru.size, lru.totalSize, lru.get('huge')?.length]).toEqual([1, 8, 8]);
  });

  it('after any sequence of sets and gets: within both bounds, and the total equals the sizes held', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(12)), { maxLength: 60 }),
        (ops) => {
          const held = new Map<string, number>();
          const lru = new SizedLru<number>(4, 20, (v) => v);
          let last: string | null = null;
          for (const [isSet, key, size] of ops) {
            if (isSet) {
              lru.set(key, size);
              last = key;
            } else lru.get(key);
          }
          for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
            const v = lru.get(key);
            if (v !== undefined) held.set(key, v);
          }
          expect(held.size).toBeLessThanOrEqual(4);
          expect(lru.totalSize).toBe([...held.values()].reduce((a, b) => a + b, 0));
          if (held.size > 1) expect(lru.totalSize).toBeLessThanOrEqual(20);
          if (last) expect(held.has(last)).toBe(true);
        },
      ),
    );
  });
});
