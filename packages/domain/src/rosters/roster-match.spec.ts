import { isHomophone, isVariantChar, nameSoundsAlike, rosterMatch, type PinyinOf } from './roster-match';

/** A tiny stand-in for pinyin-pro: enough characters for the cases below. */
const PINYIN: Record<string, string> = {
  王: 'wang',
  丽: 'li',
  麗: 'li',
  莉: 'li',
  李: 'li',
  张: 'zhang',
  伟: 'wei',
  维: 'wei',
  明: 'ming',
  敏: 'min',
  国: 'guo',
  郭: 'guo',
  华: 'hua',
  强: 'qiang',
  刚: 'gang',
};
const POLYPHONES: Record<string, string[]> = { 单: ['dan', 'shan', 'chan'], 善: ['shan'], 曾: ['ceng', 'zeng'] };
const pinyinOf: PinyinOf = (c) => POLYPHONES[c] ?? PINYIN[c] ?? c;
const row = (name: string, phone: string | null = 'p1', idNumber: string | null = null) => ({ name, phone, idNumber });

describe('rosterMatch', () => {
  it('keeps an exact phone and name match as 匹配', () => {
    expect(rosterMatch(row('王丽'), row('王丽'), pinyinOf)).toBe('matched');
    expect(rosterMatch(row('王丽', 'p1', 'i1'), row('王丽', 'p1', 'i2'), pinyinOf)).toBe('matched');
  });

  it('asks for review when phone and ID number agree but the name differs', () => {
    expect(rosterMatch(row('王丽', 'p1', 'i1'), row('张强', 'p1', 'i1'), pinyinOf)).toBe('review');
  });

  it('asks for review for a variant or homophone name with the same phone or ID number', () => {
    expect(rosterMatch(row('王麗'), row('王丽'), pinyinOf)).toBe('review');
    expect(rosterMatch(row('王莉'), row('王丽'), pinyinOf)).toBe('review');
    expect(rosterMatch(row('张维', 'p9', 'i1'), row('张伟', 'p1', 'i1'), pinyinOf)).toBe('review');
    expect(rosterMatch(row('王丽', 'p9', 'i1'), row('王丽', 'p1', 'i1'), pinyinOf)).toBe('review');
  });

  it('does not match other names, lengths or numbers', () => {
    expect(rosterMatch(row('王明'), row('王敏'), pinyinOf)).toBe('unmatched');
    expect(rosterMatch(row('王丽丽'), row('王丽'), pinyinOf)).toBe('unmatched');
    expect(rosterMatch(row('王莉', 'p2'), row('王丽', 'p1'), pinyinOf)).toBe('unmatched');
    expect(rosterMatch(row('张强', 'p1', 'i1'), row('王丽', 'p1', 'i2'), pinyinOf)).toBe('unmatched');
    expect(rosterMatch(row('王丽', null, null), row('王丽', null, null), pinyinOf)).toBe('unmatched');
  });
});

describe('nameSoundsAlike', () => {
  it('needs at least one differing character, all of them alike', () => {
    expect(nameSoundsAlike('王丽', '王丽', pinyinOf)).toBe(false);
    expect(nameSoundsAlike('郭华', '国華', pinyinOf)).toBe(true);
    expect(nameSoundsAlike('郭刚', '国强', pinyinOf)).toBe(false);
    expect(nameSoundsAlike('Ann', 'Anm', pinyinOf)).toBe(false);
  });

  it('takes any shared reading of a 多音字, and ignores case and non-Han characters', () => {
    expect(isHomophone('单', '善', pinyinOf)).toBe(true);
    expect(isHomophone('曾', '善', pinyinOf)).toBe(false);
    expect(nameSoundsAlike('单明', '善明', pinyinOf)).toBe(true);
    expect(isHomophone('a', 'A', pinyinOf)).toBe(false);
    expect(isHomophone('王', '王', () => [])).toBe(false);
  });

  it('knows the variant table both ways', () => {
    expect(isVariantChar('丽', '麗')).toBe(true);
    expect(isVariantChar('國', '国')).toBe(true);
    expect(isVariantChar('丽', '国')).toBe(false);
  });
});
