// Offline evaluation of the matching score against two baselines (newest first, nearest first) on
// a synthetic street. The acceptance model below is the "truth" the policies are judged against;
// it is documented here and in bench/results/latest.md, and uses its own noise, so no policy sees it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, round } from './lib.mjs';

const require = createRequire(import.meta.url);
// Loaded on first use: `npm run bench` builds the domain package after importing this module.
let domainModule;
const domain = new Proxy(
  {},
  { get: (_, name) => (domainModule ??= require(join(ROOT, 'packages', 'domain', 'dist', 'index.js')))[name] },
);

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const gauss = (r) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
const sigmoid = (x) => 1 / (1 + Math.exp(-x));

const POSITIONS = [1, 2, 3, 4, 5, 6, 7, 8];
const SKILLS = ['法律', '电工', '水暖', '医护', '心理', '摄影', '书法', '电脑', '驾驶', '烹饪', '教学', '翻译'];
const PERIOD_HOURS = { morning: 9, afternoon: 14, evening: 19 };
const DAY = 24 * 3600_000;

/** The synthetic street: 8 communities about 1 km apart, members living near theirs. */
export function makeStreet(seed = 42, members = 600, tasks = 400) {
  const r = rng(seed);
  const centers = Array.from({ length: 8 }, (_, i) => ({
    latitude: 32.0 + (i % 4) * 0.009,
    longitude: 120.86 + Math.floor(i / 4) * 0.011,
  }));
  const now = Date.UTC(2026, 10, 23, 0, 0);
  const people = Array.from({ length: members }, (_, i) => {
    const c = i % centers.length;
    const nPos = r() < 0.6 ? 1 : 2;
    const positionIds = [
      ...new Set(Array.from({ length: nPos }, () => POSITIONS[Math.floor(r() ** 1.5 * POSITIONS.length)])),
    ];
    const skills = [
      ...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => SKILLS[Math.floor(r() * SKILLS.length)])),
    ];
    const freeTime = [];
    for (let w = 1; w <= 7; w++)
      for (const p of ['morning', 'afternoon', 'evening']) {
        const weekend = w >= 6;
        if (r() < (p === 'evening' ? 0.35 : weekend ? 0.45 : 0.08)) freeTime.push({ weekday: w, period: p });
      }
    return {
      userId: i + 1,
      communityId: 100 + c,
      streetId: 1,
      gridId: null,
      buildingId: null,
      home: { latitude: centers[c].latitude + gauss(r) * 0.003, longitude: centers[c].longitude + gauss(r) * 0.003 },
      positionIds,
      skills,
      freeTime,
      recentServices: 0,
      // Heavy-tailed activity: a few members open the app almost daily, most rarely.
      activity: Math.min(0.9, 0.03 * Math.exp(gauss(r) * 1.1)),
      registeredAt: now - Math.floor(r() * 365) * DAY,
    };
  });
  const makeTask = (id, publishedAt) => {
    const c = Math.floor(r() * centers.length);
    const day = 1 + Math.floor(r() * 14);
    const period = ['morning', 'afternoon', 'evening'][Math.floor(r() * 3)];
    const startsAt = Math.floor(publishedAt / DAY) * DAY + day * DAY + (PERIOD_HOURS[period] - 8) * 3600_000;
    return {
      id,
      kind: r() < 0.05 ? 'emergency' : r() < 0.7 ? 'micro' : 'project',
      communityId: 100 + c,
      streetId: 1,
      place: { latitude: centers[c].latitude + gauss(r) * 0.002, longitude: centers[c].longitude + gauss(r) * 0.002 },
      positionIds: r() < 0.5 ? [POSITIONS[Math.floor(r() * POSITIONS.length)]] : [],
      skills: r() < 0.4 ? [SKILLS[Math.floor(r() * SKILLS.length)]] : [],
      startsAt,
      publishedAt,
      capacity: 1 + Math.floor(r() * 4),
      oldestNeedAt: r() < 0.5 ? publishedAt - Math.floor(r() * 72) * 3600_000 : null,
    };
  };
  const openTasks = Array.from({ length: tasks }, (_, i) => makeTask(i + 1, now - Math.floor(r() * 7 * DAY)));
  return { people, openTasks, now, makeTask, noiseSeed: seed * 7919 };
}

/**
 * The acceptance model ("truth"): utility = 2.0·position (+1 holds a required one, −1 lacks it)
 * + 1.0·skill overlap + 1.5·(starts in a declared free slot) + 1.2·e^(−distance/800 m)
 * − 0.4·ln(1 + services already done) − 2.0 + N(0, 0.7); P(accept) = sigmoid(utility).
 */
export function acceptProbability(m, t, done, noise) {
  const pos = t.positionIds.length ? (t.positionIds.some((p) => m.positionIds.includes(p)) ? 1 : -1) : 0;
  const skill = t.skills.length
    ? t.skills.filter((s) => m.skills.some((x) => x.includes(s) || s.includes(x))).length / t.skills.length
    : 0;
  const slot = domain.slotOf(t.startsAt);
  const free = m.freeTime.some((f) => f.weekday === slot.weekday && f.period === slot.period) ? 1 : 0;
  const d = domain.distanceMeters(m.home, t.place);
  const u = 2.0 * pos + 1.0 * skill + 1.5 * free + 1.2 * Math.exp(-d / 800) - 0.4 * Math.log1p(done) - 2.0 + noise;
  return sigmoid(u);
}

const policies = {
  ours: (m, tasks, now) => domain.rankTasksForMember(m, tasks, { now }).map((x) => x.task),
  newestFirst: (_m, tasks) => [...tasks].sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id),
  nearestFirst: (m, tasks) =>
    [...tasks].sort(
      (a, b) => domain.distanceMeters(m.home, a.place) - domain.distanceMeters(m.home, b.place) || a.id - b.id,
    ),
};

function ndcg(rels, k) {
  const dcg = rels.slice(0, k).reduce((acc, rel, i) => acc + rel / Math.log2(i + 2), 0);
  const ideal = [...rels]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((acc, rel, i) => acc + rel / Math.log2(i + 2), 0);
  return ideal ? dcg / ideal : 0;
}

/** Ranking quality: every member ranks every open task; relevance = the member would accept. */
export function rankingQuality(street) {
  const nr = rng(street.noiseSeed);
  const noise = new Map();
  const noiseOf = (m, t) => {
    const key = `${m.userId}:${t.id}`;
    if (!noise.has(key)) noise.set(key, gauss(nr) * 0.7);
    return noise.get(key);
  };
  const accepts = new Map();
  const ar = rng(street.noiseSeed + 1);
  const accepted = (m, t) => {
    const key = `${m.userId}:${t.id}`;
    if (!accepts.has(key)) accepts.set(key, ar() < acceptProbability(m, t, 0, noiseOf(m, t)) ? 1 : 0);
    return accepts.get(key);
  };
  // Fix every outcome first, in a fixed order, so all policies are judged on the same truth.
  for (const m of street.people) for (const t of street.openTasks) accepted(m, t);
  const out = {};
  for (const [name, rank] of Object.entries(policies)) {
    let p5 = 0;
    let n10 = 0;
    for (const m of street.people) {
      const ranked = rank(m, street.openTasks, street.now);
      const rels = ranked.map((t) => accepted(m, t));
      p5 += rels.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
      n10 += ndcg(rels, 10);
    }
    out[name] = { precisionAt5: round(p5 / street.people.length, 4), ndcgAt10: round(n10 / street.people.length, 4) };
  }
  return out;
}

/**
 * Spread of services over 30 simulated days: each day 15 tasks are published; staff invite 3
 * members per task (ours: by the same score, fairness included; baselines: the members who served
 * most recently — "the usual volunteers" — for newest-first, the nearest for nearest-first);
 * then members who open the app that day look at their top 5 and claim the first they accept.
 */
export function simulateSpread(seed = 42) {
  const out = {};
  for (const name of Object.keys(policies)) {
    const street = makeStreet(seed, 600, 0);
    const r = rng(seed + 99);
    const nr = rng(seed + 7);
    const services = new Map(street.people.map((m) => [m.userId, []]));
    const open = [];
    let nextId = 1;
    for (let day = 0; day < 30; day++) {
      const now = street.now + day * DAY;
      for (let k = 0; k < 15; k++) open.push({ ...street.makeTask(nextId++, now), taken: 0, members: new Set() });
      const recent = (m) => services.get(m.userId).filter((at) => at > now - 30 * DAY).length;
      for (const m of street.people) m.recentServices = recent(m);
      const take = (m, t) => {
        t.taken++;
        t.members.add(m.userId);
        services.get(m.userId).push(now);
        m.recentServices++;
      };
      const wouldAccept = (m, t) => r() < acceptProbability(m, t, recent(m), gauss(nr) * 0.7);
      // Staff invitations for today's tasks.
      for (const t of open.slice(-15)) {
        let invited;
        if (name === 'ours')
          invited = domain.rankMembersForTask(t, street.people, { now, limit: 3 }).map((x) => x.member);
        else if (name === 'newestFirst')
          invited = [...street.people]
            .sort(
              (a, b) =>
                (services.get(b.userId).at(-1) ?? 0) - (services.get(a.userId).at(-1) ?? 0) || b.activity - a.activity,
            )
            .slice(0, 3);
        else
          invited = [...street.people]
            .sort((a, b) => domain.distanceMeters(a.home, t.place) - domain.distanceMeters(b.home, t.place))
            .slice(0, 3);
        for (const m of invited) if (t.taken < t.capacity && !t.members.has(m.userId) && wouldAccept(m, t)) take(m, t);
      }
      // Members who open the app today.
      for (const m of street.people) {
        if (r() >= m.activity) continue;
        const available = open.filter((t) => t.taken < t.capacity && t.startsAt > now && !t.members.has(m.userId));
        for (const t of policies[name](m, available, now).slice(0, 5)) {
          if (wouldAccept(m, t)) {
            take(m, t);
            break;
          }
        }
      }
    }
    const counts = street.people.map((m) => services.get(m.userId).length);
    out[name] = {
      services: counts.reduce((a, b) => a + b, 0),
      membersServing: counts.filter((c) => c > 0).length,
      gini: round(domain.gini(counts), 4),
    };
  }
  return out;
}

export function offlineEvaluation() {
  const street = makeStreet(42, 600, 400);
  const quality = rankingQuality(street);
  const spread = simulateSpread(42);
  return {
    street: { members: street.people.length, openTasks: street.openTasks.length, communities: 8 },
    quality,
    spread,
    ratios: {
      precisionAt5OursOverNewest: round(quality.ours.precisionAt5 / quality.newestFirst.precisionAt5, 2),
      giniOursMinusNewest: round(spread.ours.gini - spread.newestFirst.gini, 4),
    },
    targets: {
      precisionAt5AtLeast1_5xNewest: quality.ours.precisionAt5 >= 1.5 * quality.newestFirst.precisionAt5,
      giniLowerThanNewest: spread.ours.gini < spread.newestFirst.gini,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(offlineEvaluation(), null, 2));
}
