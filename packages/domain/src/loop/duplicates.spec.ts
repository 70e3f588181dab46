import fc from 'fast-check';
import { NeedCategory, NeedStatus } from '@sbd/contracts';
import {
  bigrams,
  duplicateScore,
  findLikelyDuplicates,
  isLikelyDuplicate,
  needSimilarity,
  normalizeForSimilarity,
  similarity,
  type ExistingNeed,
} from './duplicates';

const DAY = 86_400_000;
const now = Date.UTC(2025, 5, 15, 2, 0);

describe('normalizeForSimilarity', () => {
  it.each([
    ['3号楼楼道灯坏了', '三号楼楼道灯坏'],
    ['三号楼的楼道灯不亮了！', '三号楼楼道灯不亮'],
    ['１２栋 电梯，停了？', '一二栋电梯停'],
    ['两位老人需要WiFi帮助', '二位老人需要wifi帮助'],
    ['  ……😀  ', ''],
  ])('%j → %j', (input, out) => expect(normalizeForSimilarity(input)).toBe(out));
});

describe('similarity', () => {
  it('compares character bigrams (Jaccard)', () => {
    expect([...bigrams('楼道灯')]).toEqual(['楼道', '道灯']);
    expect([...bigrams('灯')]).toEqual(['灯']);
    expect(similarity('楼道灯坏', '楼道灯坏')).toBe(1);
    // 楼道 道灯 灯坏 vs 楼道 道灯 灯不 不亮 → 2 / 5
    expect(similarity('楼道灯坏了', '楼道灯不亮了')).toBeCloseTo(0.4, 10);
  });

  it('finds "3号楼楼道灯坏了" and "三号楼的楼道灯不亮了" alike: 5 shared of 8 bigrams', () => {
    expect(similarity('3号楼楼道灯坏了', '三号楼的楼道灯不亮了')).toBe(5 / 8);
  });

  it('finds unrelated needs unlike', () => {
    expect(similarity('楼道灯坏了', '下水道堵了')).toBe(0);
    expect(similarity('3号楼楼道灯坏了', '3号楼下水道堵了')).toBe(2 / 10);
    // Same building, different problem: 三号 号楼 shared of 9 bigrams.
    expect(similarity('3号楼楼道灯坏了', '3号楼电梯坏了')).toBe(2 / 9);
    expect(similarity('3号楼楼道灯坏了', '小区门口路灯坏了')).toBe(1 / 11);
    expect(similarity('', '楼道灯坏了')).toBe(0);
    expect(similarity('！！', '？？')).toBe(0);
  });

  it('is symmetric, within 0..1, and 1 for the same non-empty text', () => {
    const zh = fc.string({ unit: fc.constantFrom(...'楼道灯坏了三号下水堵电梯停老人3，。 '), maxLength: 20 });
    fc.assert(
      fc.property(zh, zh, (a, b) => {
        const s = similarity(a, b);
        return (
          s === similarity(b, a) && s >= 0 && s <= 1 && (normalizeForSimilarity(a) === '' || similarity(a, a) === 1)
        );
      }),
    );
  });
});

describe('isLikelyDuplicate', () => {
  const candidate = { communityId: 1, category: NeedCategory.Repair, buildingId: 3, title: '3号楼楼道灯坏了' };
  const existing: ExistingNeed = {
    id: 7,
    communityId: 1,
    category: NeedCategory.Repair,
    buildingId: 3,
    title: '三号楼的楼道灯不亮了',
    description: '晚上上下楼很危险，麻烦尽快修一下',
    createdAt: now - 2 * DAY,
    status: NeedStatus.Submitted,
  };
  const opts = { now };

  it('matches the same thing told in other words', () => {
    expect(isLikelyDuplicate(candidate, existing, opts)).toBe(true);
    expect(duplicateScore(candidate, existing, opts)).toBe(5 / 8);
  });

  it('does not match a different problem', () => {
    expect(
      isLikelyDuplicate(
        { ...candidate, title: '楼道灯坏了' },
        { ...existing, title: '下水道堵了', description: null },
        opts,
      ),
    ).toBe(false);
  });

  it('requires the same community and category', () => {
    expect(isLikelyDuplicate(candidate, { ...existing, communityId: 2 }, opts)).toBe(false);
    expect(isLikelyDuplicate(candidate, { ...existing, category: NeedCategory.Safety }, opts)).toBe(false);
  });

  it('requires the same or a nearby building when both name one', () => {
    const other = { ...existing, buildingId: 5, title: '5号楼楼道灯坏了' };
    expect(isLikelyDuplicate(candidate, other, opts)).toBe(false);
    expect(isLikelyDuplicate(candidate, other, { now, nearbyBuildingIds: [4, 5] })).toBe(true);
    expect(isLikelyDuplicate(candidate, other, { now, nearbyBuildingIds: new Set([4]) })).toBe(false);
    expect(isLikelyDuplicate({ ...candidate, buildingId: null }, other, opts)).toBe(true);
    expect(isLikelyDuplicate(candidate, { ...other, buildingId: undefined }, opts)).toBe(true);
  });

  it('looks back 14 days by default, or as many as asked', () => {
    expect(isLikelyDuplicate(candidate, { ...existing, createdAt: now - 14 * DAY }, opts)).toBe(true);
    expect(isLikelyDuplicate(candidate, { ...existing, createdAt: new Date(now - 14 * DAY - 1) }, opts)).toBe(false);
    expect(isLikelyDuplicate(candidate, { ...existing, createdAt: now - 20 * DAY }, { now, withinDays: 30 })).toBe(
      true,
    );
  });

  it('only matches needs still open (submitted, accepted) when their status is known', () => {
    for (const status of Object.values(NeedStatus)) {
      const open = status === NeedStatus.Submitted || status === NeedStatus.Accepted;
      expect(isLikelyDuplicate(candidate, { ...existing, status }, opts)).toBe(open);
    }
    expect(isLikelyDuplicate(candidate, { ...existing, status: undefined }, opts)).toBe(true);
  });

  it('honours the threshold and never matches a need with itself', () => {
    expect(isLikelyDuplicate(candidate, existing, { now, threshold: 0.63 })).toBe(false);
    expect(isLikelyDuplicate(candidate, existing, { now, threshold: 0.625 })).toBe(true);
    expect(isLikelyDuplicate({ ...candidate, id: 7 }, existing, opts)).toBe(false);
  });

  it('uses the description when it makes two needs more alike than their titles', () => {
    const a = { ...candidate, title: '灯的问题', description: '3号楼2单元楼道灯坏了' };
    const b = { ...existing, title: '反映情况', description: '三号楼二单元楼道灯不亮' };
    expect(similarity(a.title, b.title)).toBe(0);
    expect(needSimilarity(a, b)).toBeGreaterThanOrEqual(0.35);
    expect(isLikelyDuplicate(a, b, opts)).toBe(true);
  });

  it('lists likely duplicates, most similar first', () => {
    const list: ExistingNeed[] = [
      { ...existing, id: 1, title: '三号楼道灯不亮了', description: null },
      { ...existing, id: 2, title: '3号楼楼道灯坏了', description: null },
      { ...existing, id: 3, title: '下水道堵了', description: null },
      { ...existing, id: 4, title: '楼道灯不亮', description: null },
    ];
    const found = findLikelyDuplicates(candidate, list, opts);
    expect(found.map((f) => f.need.id)).toEqual([2, 1]);
    expect(found[0].similarity).toBe(1);
    expect(found[1].similarity).toBe(0.5);
    expect(similarity(candidate.title, '楼道灯不亮')).toBe(0.25);
  });
});
