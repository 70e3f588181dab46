import {
  DAY_PERIOD_LABELS,
  DEFAULT_MATCH_WEIGHTS,
  MatchFactor,
  TaskKind,
  WEEKDAY_LABELS,
  type DayPeriod,
  type FreeTimeSlot,
  type MatchWeights,
  type Weekday,
} from '@sbd/contracts';
import { distanceMeters, type GeoPoint } from '../loop/geo';
import { CHINA_OFFSET_MS, DAY_MS, HOUR_MS } from '../loop/time';

/** What the scorer knows about a member. */
export interface MemberFeatures {
  userId: number;
  positionIds: readonly number[];
  /** Position names, for reasons ("你有法律援助岗"). */
  positionNames?: Readonly<Record<number, string>>;
  skills: readonly string[];
  communityId: number;
  streetId: number | null;
  gridId: number | null;
  buildingId: number | null;
  home?: GeoPoint | null;
  freeTime: readonly FreeTimeSlot[];
  /** Verified services in the last 30 days. */
  recentServices: number;
  /** Average community rating (1–5) of the member's services of this task's kind, and how many. */
  ratingByKind?: Partial<Record<TaskKind, { average: number; count: number }>>;
}

/** What the scorer knows about a task. */
export interface TaskFeatures {
  id: number;
  kind: TaskKind;
  positionIds: readonly number[];
  skills: readonly string[];
  communityId: number;
  streetId: number | null;
  /** Grid / building of the place, when the task was published from needs in a known building. */
  gridIds?: readonly number[];
  buildingIds?: readonly number[];
  place?: GeoPoint | null;
  startsAt: Date | number;
  /** Oldest linked need's creation time, if any: needs that waited longest come first. */
  oldestNeedAt?: Date | number | null;
}

export interface MatchResult {
  /** Weighted mean of the factors, 0..1. */
  score: number;
  factors: Record<MatchFactor, number>;
  /** Chinese reasons, strongest first. */
  reasons: string[];
}

const HOUR = HOUR_MS;

const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());

/** Weekday (1 = Monday) and period of a moment, in China time. */
export function slotOf(at: Date | number): FreeTimeSlot {
  const local = ms(at) + CHINA_OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  const weekday = ((((days + 3) % 7) + 7) % 7) + 1;
  const hour = Math.floor((local - days * DAY_MS) / HOUR);
  const period = (hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening') as DayPeriod;
  return { weekday: weekday as Weekday, period };
}

/** Position: 1 when the member holds a required position, 0 when the task needs one they lack. */
export function positionFactor(m: MemberFeatures, t: TaskFeatures): number {
  if (!t.positionIds.length) return 0.5;
  return t.positionIds.some((p) => m.positionIds.includes(p)) ? 1 : 0;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Skills: share of the task's skills the member has (a skill matches if one contains the other). */
export function skillFactor(m: MemberFeatures, t: TaskFeatures): number {
  if (!t.skills.length) return 0.5;
  const mine = m.skills.map(norm).filter(Boolean);
  const hit = t.skills.map(norm).filter((s) => mine.some((x) => x.includes(s) || s.includes(x))).length;
  return hit / t.skills.length;
}

/** Distance: from coordinates when both are known (1 at the door, ½ at about 700 m), else from the org tree. */
export function distanceFactor(m: MemberFeatures, t: TaskFeatures): { value: number; meters: number | null } {
  if (m.home && t.place) {
    const d = distanceMeters(m.home, t.place);
    return { value: Math.exp(-d / 1000), meters: d };
  }
  if (m.buildingId !== null && t.buildingIds?.includes(m.buildingId)) return { value: 1, meters: null };
  if (m.gridId !== null && t.gridIds?.includes(m.gridId)) return { value: 0.8, meters: null };
  if (m.communityId === t.communityId) return { value: 0.6, meters: null };
  if (m.streetId !== null && m.streetId === t.streetId) return { value: 0.3, meters: null };
  return { value: 0.1, meters: null };
}

/** Time: 1 when the task starts in a slot the member declared free, ¼ when they declared none. */
export function timeFactor(m: MemberFeatures, t: TaskFeatures): number {
  if (!m.freeTime.length) return 0.25;
  const s = slotOf(t.startsAt);
  return m.freeTime.some((f) => f.weekday === s.weekday && f.period === s.period) ? 1 : 0;
}

/** Fairness: fewer verified services in the last 30 days rank higher (1, ½, ⅓, …). */
export function fairnessFactor(m: MemberFeatures): number {
  return 1 / (1 + Math.max(0, m.recentServices));
}

/** Past ratings in this kind of service, shrunk toward neutral when there are few. */
export function ratingFactor(m: MemberFeatures, t: TaskFeatures): number {
  const r = m.ratingByKind?.[t.kind];
  if (!r || r.count <= 0) return 0.5;
  const observed = (r.average - 1) / 4;
  const k = 3; // prior strength: three neutral ratings
  return (observed * r.count + 0.5 * k) / (r.count + k);
}

/** Urgency: emergencies first; then needs that have waited longest (up to 3 days), then soon-starting tasks. */
export function urgencyFactor(t: TaskFeatures, now: Date | number): number {
  if (t.kind === TaskKind.Emergency) return 1;
  const waited = t.oldestNeedAt ? Math.min(1, (ms(now) - ms(t.oldestNeedAt)) / (72 * HOUR)) : 0;
  const soon = Math.max(0, 1 - Math.max(0, ms(t.startsAt) - ms(now)) / (7 * 24 * HOUR));
  return Math.max(0, Math.min(1, 0.7 * waited + 0.3 * soon));
}

/**
 * The one scoring function for both directions (tasks for a member, members for a task):
 * deterministic, each factor in 0..1, combined as a weighted mean with per-community weights.
 */
export function scoreMatch(
  m: MemberFeatures,
  t: TaskFeatures,
  opts: { now: Date | number; weights?: Partial<MatchWeights>; audience?: 'member' | 'staff'; reasons?: boolean } = {
    now: Date.now(),
  },
): MatchResult {
  const w: MatchWeights = { ...DEFAULT_MATCH_WEIGHTS, ...(opts.weights ?? {}) };
  const dist = distanceFactor(m, t);
  const factors: Record<MatchFactor, number> = {
    [MatchFactor.Position]: positionFactor(m, t),
    [MatchFactor.Skill]: skillFactor(m, t),
    [MatchFactor.Distance]: dist.value,
    [MatchFactor.Time]: timeFactor(m, t),
    [MatchFactor.Fairness]: fairnessFactor(m),
    [MatchFactor.Rating]: ratingFactor(m, t),
    [MatchFactor.Urgency]: urgencyFactor(t, opts.now),
  };
  const totalWeight = Object.values(w).reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const score =
    (Object.keys(factors) as MatchFactor[]).reduce((acc, f) => acc + Math.max(0, w[f]) * factors[f], 0) / totalWeight;
  return {
    score: Math.round(score * 1e6) / 1e6,
    factors,
    reasons: opts.reasons === false ? [] : reasonsFor(m, t, factors, dist.meters, opts.audience ?? 'member'),
  };
}

function reasonsFor(
  m: MemberFeatures,
  t: TaskFeatures,
  f: Record<MatchFactor, number>,
  meters: number | null,
  audience: 'member' | 'staff',
): string[] {
  const you = audience === 'member' ? '你' : '该党员';
  const out: { weight: number; text: string }[] = [];
  if (t.kind === TaskKind.Emergency) out.push({ weight: 10, text: '应急任务' });
  if (f.position === 1) {
    const held = t.positionIds.find((p) => m.positionIds.includes(p));
    const name = held !== undefined ? m.positionNames?.[held] : undefined;
    out.push({ weight: 9, text: name ? `${you}有${name}岗` : `${you}持有所需岗位` });
  }
  if (f.skill >= 0.5 && t.skills.length) {
    const mine = m.skills.map(norm);
    const skill = t.skills.find((s) => mine.some((x) => x.includes(norm(s)) || norm(s).includes(x)));
    if (skill) out.push({ weight: 7, text: `${you}擅长${skill}` });
  }
  if (meters !== null && meters <= 3000) {
    const rounded = meters < 100 ? '不到100' : String(Math.round(meters / 100) * 100);
    out.push({ weight: 6, text: `距${you}约${rounded}米` });
  } else if (f.distance >= 0.8) {
    out.push({ weight: 6, text: f.distance === 1 ? `就在${you}住的楼` : `就在${you}的网格` });
  } else if (f.distance >= 0.6 && meters === null) {
    out.push({ weight: 4, text: `在${you}的社区` });
  }
  if (f.time === 1) {
    const s = slotOf(t.startsAt);
    out.push({ weight: 5, text: `${WEEKDAY_LABELS[s.weekday]}${DAY_PERIOD_LABELS[s.period]}${you}有空` });
  }
  if (f.rating >= 0.7) out.push({ weight: 3, text: `${you}在此类服务中评价很好` });
  if (audience === 'staff' && f.fairness >= 0.5) out.push({ weight: 2, text: '近30天服务较少' });
  if (t.kind !== TaskKind.Emergency && f.urgency >= 0.6 && t.oldestNeedAt)
    out.push({ weight: 8, text: '居民已等待较久' });
  return out.sort((a, b) => b.weight - a.weight).map((r) => r.text);
}

/**
 * The same score as `scoreMatch`, with everything about the member and the weights worked out
 * once: ranking thousands of tasks for one member stays a few milliseconds.
 */
export function createTaskScorer(
  m: MemberFeatures,
  opts: { now: Date | number; weights?: Partial<MatchWeights> },
): (t: TaskFeatures) => number {
  const w: MatchWeights = { ...DEFAULT_MATCH_WEIGHTS, ...(opts.weights ?? {}) };
  const pos = (f: MatchFactor) => Math.max(0, w[f]);
  const total = (Object.keys(w) as MatchFactor[]).reduce((a, f) => a + pos(f), 0) || 1;
  const wp = pos(MatchFactor.Position) / total;
  const ws = pos(MatchFactor.Skill) / total;
  const wd = pos(MatchFactor.Distance) / total;
  const wt = pos(MatchFactor.Time) / total;
  const fairness = (pos(MatchFactor.Fairness) / total) * fairnessFactor(m);
  const wr = pos(MatchFactor.Rating) / total;
  const wu = pos(MatchFactor.Urgency) / total;
  const held = new Set(m.positionIds);
  const skills = m.skills.map(norm).filter(Boolean);
  const free = new Set(m.freeTime.map((f) => `${f.weekday}:${f.period}`));
  const now = ms(opts.now);
  return (t) => {
    const position = t.positionIds.length ? (t.positionIds.some((p) => held.has(p)) ? 1 : 0) : 0.5;
    let skill = 0.5;
    if (t.skills.length) {
      let hit = 0;
      for (const raw of t.skills) {
        const sk = norm(raw);
        if (skills.some((x) => x.includes(sk) || sk.includes(x))) hit++;
      }
      skill = hit / t.skills.length;
    }
    const distance = distanceFactor(m, t).value;
    let time = 0.25;
    if (free.size) {
      const slot = slotOf(t.startsAt);
      time = free.has(`${slot.weekday}:${slot.period}`) ? 1 : 0;
    }
    const score =
      wp * position +
      ws * skill +
      wd * distance +
      wt * time +
      fairness +
      wr * ratingFactor(m, t) +
      wu * urgencyFactor(t, now);
    return Math.round(score * 1e6) / 1e6;
  };
}

/** Ranks candidates by score (ties: the earlier-starting task, then the lower id). */
export function rankTasksForMember<T extends TaskFeatures>(
  m: MemberFeatures,
  tasks: readonly T[],
  opts: { now: Date | number; weights?: Partial<MatchWeights>; limit?: number },
): (MatchResult & { task: T })[] {
  // Score everything with the precomputed scorer; explain (factors, reasons) the ones shown only.
  const score = createTaskScorer(m, opts);
  return tasks
    .map((task) => ({ task, score: score(task) }))
    .sort((a, b) => b.score - a.score || ms(a.task.startsAt) - ms(b.task.startsAt) || a.task.id - b.task.id)
    .slice(0, opts.limit ?? tasks.length)
    .map((r) => ({ task: r.task, ...scoreMatch(m, r.task, { ...opts, audience: 'member' }) }));
}

/** Ranks members for a task by the same score (ties: fewer recent services, then lower id). */
export function rankMembersForTask<M extends MemberFeatures>(
  t: TaskFeatures,
  members: readonly M[],
  opts: { now: Date | number; weights?: Partial<MatchWeights>; limit?: number },
): (MatchResult & { member: M })[] {
  return members
    .map((member) => ({ member, ...scoreMatch(member, t, { ...opts, audience: 'staff', reasons: false }) }))
    .sort(
      (a, b) =>
        b.score - a.score || a.member.recentServices - b.member.recentServices || a.member.userId - b.member.userId,
    )
    .slice(0, opts.limit ?? members.length)
    .map((r) => ({ ...r, reasons: scoreMatch(r.member, t, { ...opts, audience: 'staff' }).reasons }));
}

/** Gini coefficient of non-negative counts (0 = perfectly even). */
export function gini(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const sum = v.reduce((a, b) => a + b, 0);
  if (!n || sum === 0) return 0;
  const weighted = v.reduce((acc, x, i) => acc + (i + 1) * x, 0);
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}
