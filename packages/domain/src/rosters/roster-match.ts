/**
 * Tolerant roster matching (单位名册 ↔ 报到记录). Phone and ID numbers are compared as the opaque
 * keys the caller gives (the API passes keyed hashes: the numbers are encrypted at rest).
 *
 * - 匹配 (matched): same phone and the very same name — as always.
 * - 待核对 (review): same phone and same ID number but another name; or same phone or same ID
 *   number and a name of the same length that differs only in homophones (same pinyin without
 *   tone) or known variant characters (异体/繁简). Staff confirm or reject such a pairing.
 * - 不匹配 (unmatched): anything else.
 */
export type RosterMatchOutcome = 'matched' | 'review' | 'unmatched';

export interface RosterMatchParty {
  name: string;
  /** Keyed hash (or any comparable key) of the phone number. */
  phone: string | null;
  /** Keyed hash of the ID number; null when not known. */
  idNumber: string | null;
}

/**
 * Pinyin of one character without tone (e.g. 'li'), or all its readings (多音字: 单 → dan, shan);
 * injected so the domain has no dependencies. A non-Han character is its own "reading".
 */
export type PinyinOf = (char: string) => string | readonly string[];

const readings = (pinyinOf: PinyinOf, c: string): string[] => {
  const r = pinyinOf(c);
  return (typeof r === 'string' ? [r] : [...r]).map((x) => x.toLowerCase()).filter((x) => x && x !== c.toLowerCase());
};

/** Whether two characters share a reading (homophones, tones ignored). */
export function isHomophone(a: string, b: string, pinyinOf: PinyinOf): boolean {
  const ra = readings(pinyinOf, a);
  return ra.length > 0 && readings(pinyinOf, b).some((x) => ra.includes(x));
}

/** Common variant pairs (繁简 and 异体), each written once; the table is symmetric. */
const VARIANT_PAIRS: readonly string[] = [
  '丽麗',
  '国國',
  '华華',
  '云雲',
  '杰傑',
  '强強',
  '峰峯',
  '军軍',
  '伟偉',
  '红紅',
  '龙龍',
  '刚剛',
  '东東',
  '兰蘭',
  '凤鳳',
  '丰豐',
  '庆慶',
  '辉輝',
  '钟鍾',
  '陈陳',
  '刘劉',
  '张張',
  '赵趙',
  '吴吳',
  '杨楊',
  '黄黃',
  '郑鄭',
  '冯馮',
  '叶葉',
  '艳艷',
  '涛濤',
  '锋鋒',
  '荣榮',
];

const VARIANTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string) => map.set(a, (map.get(a) ?? new Set()).add(b));
  for (const pair of VARIANT_PAIRS) {
    const [a, b] = Array.from(pair);
    link(a, b);
    link(b, a);
  }
  return map;
})();

/** Whether two characters are known variants of each other. */
export function isVariantChar(a: string, b: string): boolean {
  return VARIANTS.get(a)?.has(b) ?? false;
}

const clean = (name: string) => Array.from(name.normalize('NFKC').replace(/[\s·•.]/g, ''));

/**
 * Names of the same length that differ only in homophones or variant characters (and differ
 * somewhere). Characters without a reading (not Han) must be equal.
 */
export function nameSoundsAlike(a: string, b: string, pinyinOf: PinyinOf): boolean {
  const x = clean(a);
  const y = clean(b);
  if (!x.length || x.length !== y.length) return false;
  let differs = false;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    differs = true;
    if (!isVariantChar(x[i], y[i]) && !isHomophone(x[i], y[i], pinyinOf)) return false;
  }
  return differs;
}

const same = (a: string | null, b: string | null) => !!a && a === b;

/** Decides how a roster row relates to a registered member. */
export function rosterMatch(row: RosterMatchParty, member: RosterMatchParty, pinyinOf: PinyinOf): RosterMatchOutcome {
  const phone = same(row.phone, member.phone);
  const id = same(row.idNumber, member.idNumber);
  if (phone && row.name === member.name) return 'matched';
  if (phone && id) return 'review';
  if ((phone || id) && (row.name.trim() === member.name.trim() || nameSoundsAlike(row.name, member.name, pinyinOf)))
    return 'review';
  return 'unmatched';
}
