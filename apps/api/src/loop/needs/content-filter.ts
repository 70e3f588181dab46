/**
 * The local fallback of content checking (DOMAIN §8), used when WeChat's msgSecCheck cannot be
 * asked (H5 users without an openid, WeChat unreachable). Deliberately small: it refuses the
 * obvious (gambling, fraud, drugs, weapons, abuse) and everything else it lets through is held
 * for staff review anyway, since it was not checked properly.
 */
export const BLOCKED_WORDS: readonly string[] = [
  // gambling
  '赌博',
  '博彩',
  '网赌',
  '赌场',
  '六合彩',
  '时时彩',
  '百家乐',
  // fraud and illegal trades
  '刷单返利',
  '套现',
  '代开发票',
  '办假证',
  '裸贷',
  '洗钱',
  '传销',
  // drugs and weapons
  '冰毒',
  '海洛因',
  '摇头丸',
  '出售枪支',
  '卖枪',
  // abuse
  '傻逼',
  '他妈的',
  '去死吧',
  '王八蛋',
];

/** Text as the filter reads it: NFKC (full-width → ASCII), lower case, separators and spaces removed. */
export function normalizeForFilter(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}_]+/gu, '');
}

/** The first blocked word in `text`, or null. Spaces and punctuation slipped between characters do not hide a word. */
export function findBlockedWord(text: string, words: readonly string[] = BLOCKED_WORDS): string | null {
  const normalized = normalizeForFilter(text);
  if (!normalized) return null;
  for (const w of words) if (normalized.includes(normalizeForFilter(w))) return w;
  return null;
}
