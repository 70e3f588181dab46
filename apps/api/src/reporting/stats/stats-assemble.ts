import {
  OrgNodeType,
  REGISTRATION_RATE_TERRITORY_NOTE,
  TaskKind,
  TaskStatus,
  type DurationFigures,
  type RatingFigures,
  type StatsDto,
  type StatsSeriesPoint,
} from '@sbd/contracts';
import type { NodeRef } from '../../platform/auth/scope.service';
import { bucketKey, bucketsOf, type StatsPeriod } from './period';
import type { DayFigures, NeedDurations, RosterCounts, TaskDayFigures, TopMemberRow } from './stats-queries';

/**
 * The needs accepted in a period, summed: counts, sums of seconds (for the means) and the median
 * seconds (the middle value, or the mean of the two middle values).
 */
export interface NeedAggregates {
  accepted: number;
  fulfilled: number;
  acceptSeconds: number;
  fulfilSeconds: number;
  acceptMedian: number | null;
  fulfilMedian: number | null;
}

export function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function aggregateNeeds(needs: NeedDurations[]): NeedAggregates {
  const fulfil = needs.filter((n) => n.fulfilSeconds !== null).map((n) => n.fulfilSeconds as number);
  const accept = needs.map((n) => n.acceptSeconds);
  return {
    accepted: needs.length,
    fulfilled: fulfil.length,
    acceptSeconds: accept.reduce((a, v) => a + v, 0),
    fulfilSeconds: fulfil.reduce((a, v) => a + v, 0),
    acceptMedian: medianOf(accept),
    fulfilMedian: medianOf(fulfil),
  };
}

/** What a statistics answer is made of; the raw path and the district roll-ups both produce it. */
export interface StatsParts {
  /** Additive figures per day of the period (days without any may be missing). */
  days: DayFigures[];
  /** Tasks created per day, kind and status; null for a unit. */
  taskDays: TaskDayFigures[] | null;
  /** The needs accepted in the period; null for a unit. */
  needs: NeedAggregates | null;
  registered: number;
  serving: number;
  top: TopMemberRow[];
  /** Roster terms of 报到率 for units and districts; null for communities and streets. */
  roster: RosterCounts | null;
}

export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
const hours = (half: number) => half / 2;
const round2 = (x: number) => Math.round(x * 100) / 100;

function ratingFigures(total: number, satisfied: number): RatingFigures {
  return { total, satisfied, rate: ratio(satisfied, total) };
}

/** Median and mean, in hours (2 decimals). */
function durationFigures(median: number | null, sum: number, count: number): DurationFigures {
  if (!count || median === null) return { median: null, mean: null };
  return { median: round2(median / 3600), mean: round2(sum / count / 3600) };
}

export function assembleStats(node: NodeRef, period: StatsPeriod, parts: StatsParts): StatsDto {
  const days = parts.days.filter((d) => d.day >= period.fromDay && d.day <= period.lastDay);
  const sum = (f: (d: DayFigures) => number) => days.reduce((acc, d) => acc + f(d), 0);
  const residentRatings = sum((d) => d.residentRatings);
  const residentSatisfied = sum((d) => d.residentSatisfied);
  const communityRatings = sum((d) => d.communityRatings);
  const communitySatisfied = sum((d) => d.communitySatisfied);

  const byBucket = new Map<string, DayFigures[]>();
  for (const d of days) {
    const key = bucketKey(d.day, period.granularity);
    const list = byBucket.get(key);
    if (list) list.push(d);
    else byBucket.set(key, [d]);
  }
  const series: StatsSeriesPoint[] = bucketsOf(period).map((b) => {
    const in_ = byBucket.get(b.key) ?? [];
    const s = (f: (d: DayFigures) => number) => in_.reduce((acc, d) => acc + f(d), 0);
    const ratings = s((d) => d.residentRatings + d.communityRatings);
    const satisfied = s((d) => d.residentSatisfied + d.communitySatisfied);
    return {
      bucket: b.key,
      from: b.from.toISOString(),
      to: b.to.toISOString(),
      services: s((d) => d.services),
      hours: hours(s((d) => d.halfHours)),
      ratings,
      satisfiedRatings: satisfied,
      satisfaction: ratio(satisfied, ratings),
    };
  });

  let tasks: StatsDto['tasks'] = null;
  if (parts.taskDays) {
    const byKind = Object.fromEntries(Object.values(TaskKind).map((k) => [k, 0])) as Record<string, number>;
    const byStatus = Object.fromEntries(Object.values(TaskStatus).map((k) => [k, 0])) as Record<string, number>;
    let total = 0;
    for (const t of parts.taskDays) {
      if (t.day < period.fromDay || t.day > period.lastDay) continue;
      byKind[t.kind] = (byKind[t.kind] ?? 0) + t.n;
      byStatus[t.status] = (byStatus[t.status] ?? 0) + t.n;
      total += t.n;
    }
    tasks = { total, byKind, byStatus };
  }

  let needs: StatsDto['needs'] = null;
  if (parts.needs) {
    const n = parts.needs;
    needs = {
      accepted: n.accepted,
      fulfilled: n.fulfilled,
      closureRate: ratio(n.fulfilled, n.accepted),
      hoursToAccept: durationFigures(n.acceptMedian, n.acceptSeconds, n.accepted),
      hoursToFulfil: durationFigures(n.fulfilMedian, n.fulfilSeconds, n.fulfilled),
    };
  }

  const territoryWithoutRoster = node.type === OrgNodeType.Community || node.type === OrgNodeType.Street;
  return {
    nodeId: node.id,
    nodeType: node.type,
    nodeName: node.name,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    granularity: period.granularity,
    registrationRate: parts.roster ? ratio(parts.roster.registered, parts.roster.entries) : null,
    registrationRateNote: territoryWithoutRoster ? REGISTRATION_RATE_TERRITORY_NOTE : null,
    rosterEntries: parts.roster?.entries ?? null,
    rosterRegistered: parts.roster?.registered ?? null,
    registeredMembers: parts.registered,
    servingMembers: parts.serving,
    serviceRate: ratio(parts.serving, parts.registered),
    services: sum((d) => d.services),
    verifiedHours: hours(sum((d) => d.halfHours)),
    backfilledHours: hours(sum((d) => d.backfillHalfHours)),
    satisfaction: ratingFigures(residentRatings + communityRatings, residentSatisfied + communitySatisfied),
    residentSatisfaction: ratingFigures(residentRatings, residentSatisfied),
    communitySatisfaction: ratingFigures(communityRatings, communitySatisfied),
    needs,
    tasks,
    topMembers: parts.top.map((t) => ({
      userId: t.userId,
      name: t.name,
      services: t.services,
      hours: hours(t.halfHours),
    })),
    series,
  };
}
