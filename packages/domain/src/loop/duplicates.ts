import {
  DUPLICATE_SIMILARITY_THRESHOLD,
  DUPLICATE_WINDOW_DAYS,
  type NeedCategory,
  type NeedStatus,
} from '@sbd/contracts';
import { OPEN_NEED_STATUSES } from './need-machine';
import { DAY_MS, toMs, type Instant } from './time';

const DIGITS = '零一二三四五六七八九';
/** Sentence particles that carry no meaning for "is this the same thing". */
const PARTICLES = new Set(['的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '啦']);

function isKept(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs (and extension A)
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0x61 && c <= 0x7a) // a–z (after lower-casing)
  );
}

/**
 * Text as compared for duplicates: full-width forms folded to ASCII, lower case, Arabic digits
 * written as Chinese numerals (3号楼 ≡ 三号楼, 两 ≡ 二), particles (的了吗呢吧啊呀哦嘛啦) dropped,
 * and everything but ideographs and letters (punctuation, spaces, emoji) stripped.
 */
export function normalizeForSimilarity(text: string): string {
  let out = '';
  for (const raw of text) {
    let ch = raw;
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCharCode(c - 0xfee0);
    ch = ch.toLowerCase();
    if (ch >= '0' && ch <= '9') ch = DIGITS[Number(ch)];
    else if (ch === '两') ch = '二';
    if (PARTICLES.has(ch) || !isKept(ch)) continue;
    out += ch;
  }
  return out;
}

/** Character bigrams of normalised text (a single character stands for itself). */
export function bigrams(text: string): Set<string> {
  const chars = Array.from(normalizeForSimilarity(text));
  if (chars.length === 1) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** Jaccard similarity of the character bigrams of two texts, 0..1 (0 when either is empty). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  return common / (x.size + y.size - common);
}

/** The need being posted. */
export interface DuplicateCandidate {
  id?: number;
  communityId: number;
  category: NeedCategory;
  buildingId?: number | null;
  title: string;
  description?: string | null;
}

/** A need already posted. */
export interface ExistingNeed extends DuplicateCandidate {
  createdAt: Instant;
  /** When given, only open needs (submitted, accepted) can be duplicates. */
  status?: NeedStatus;
}

export interface DuplicateOptions {
  now: Instant;
  /** Buildings near the candidate's building; the same building always counts. */
  nearbyBuildingIds?: Iterable<number>;
  /** Only needs posted within this many days before `now` (default DUPLICATE_WINDOW_DAYS). */
  withinDays?: number;
  /** Minimum similarity (default DUPLICATE_SIMILARITY_THRESHOLD). */
  threshold?: number;
}

/** How alike two needs read: the better of title-vs-title and (title+description) vs (title+description). */
export function needSimilarity(a: DuplicateCandidate, b: DuplicateCandidate): number {
  const titles = similarity(a.title, b.title);
  if (!a.description && !b.description) return titles;
  const full = similarity(`${a.title} ${a.description ?? ''}`, `${b.title} ${b.description ?? ''}`);
  return Math.max(titles, full);
}

/**
 * Whether `existing` is likely the same thing as `candidate` ("同一件事 +1", DOMAIN §5.1): same
 * community and category; same or nearby building (when both name one; a need without a building
 * is not ruled out by place); posted within the last N days; open (when its status is known);
 * and similarity ≥ threshold.
 */
export function isLikelyDuplicate(
  candidate: DuplicateCandidate,
  existing: ExistingNeed,
  opts: DuplicateOptions,
): boolean {
  return duplicateScore(candidate, existing, opts) !== null;
}

/** The similarity when `existing` is a likely duplicate of `candidate`, otherwise null. */
export function duplicateScore(
  candidate: DuplicateCandidate,
  existing: ExistingNeed,
  opts: DuplicateOptions,
): number | null {
  if (candidate.id !== undefined && candidate.id === existing.id) return null;
  if (candidate.communityId !== existing.communityId || candidate.category !== existing.category) return null;
  if (existing.status !== undefined && !OPEN_NEED_STATUSES.includes(existing.status)) return null;
  const a = candidate.buildingId ?? null;
  const b = existing.buildingId ?? null;
  if (a !== null && b !== null && a !== b && !new Set(opts.nearbyBuildingIds ?? []).has(b)) return null;
  const days = opts.withinDays ?? DUPLICATE_WINDOW_DAYS;
  if (toMs(opts.now, 'now') - toMs(existing.createdAt, 'createdAt') > days * DAY_MS) return null;
  const score = needSimilarity(candidate, existing);
  return score >= (opts.threshold ?? DUPLICATE_SIMILARITY_THRESHOLD) ? score : null;
}

/** Likely duplicates among `existing`, most similar first. */
export function findLikelyDuplicates<E extends ExistingNeed>(
  candidate: DuplicateCandidate,
  existing: readonly E[],
  opts: DuplicateOptions,
): { need: E; similarity: number }[] {
  const out: { need: E; similarity: number }[] = [];
  for (const need of existing) {
    const s = duplicateScore(candidate, need, opts);
    if (s !== null) out.push({ need, similarity: s });
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}
