/* ───────────────────────── 报回单位: unit rosters, member records, statistics ───────────────────────── */
// Plain types, enums and constants only. Definitions of every figure: DOMAIN §6–§7 and the
// descriptions of GET /api/stats/nodes/:id in the API docs.

/* ─────────────── statistics of an org node (the dashboard) ─────────────── */

export enum StatsGranularity {
  Week = 'week',
  Month = 'month',
}

/** Returned instead of 报到率 for communities and streets: a territory has no roster of its own. */
export const REGISTRATION_RATE_TERRITORY_NOTE = '报到率按单位和区统计';
/** How many members the ranking lists. */
export const TOP_MEMBERS_LIMIT = 10;

export interface RatingFigures {
  total: number;
  /** Ratings with score ≥ SATISFIED_MIN_SCORE (4). */
  satisfied: number;
  /** satisfied ÷ total; null without ratings. */
  rate: number | null;
}

export interface DurationFigures {
  /** Hours; null when nothing to measure. */
  median: number | null;
  mean: number | null;
}

export interface StatsSeriesPoint {
  /** YYYY-MM-DD (Monday of an Asia/Shanghai week) or YYYY-MM. */
  bucket: string;
  /** Bucket bounds, ISO, clipped to the period. */
  from: string;
  to: string;
  services: number;
  hours: number;
  ratings: number;
  satisfiedRatings: number;
  satisfaction: number | null;
}

export interface TopMemberDto {
  userId: number;
  name: string;
  services: number;
  hours: number;
}

export interface StatsDto {
  nodeId: number;
  nodeType: string;
  nodeName: string;
  /** Period, ISO instants: [from, to). */
  from: string;
  to: string;
  granularity: StatsGranularity;

  /** 报到率 (unit and district scopes): rosterRegistered ÷ rosterEntries; null elsewhere or without roster entries. */
  registrationRate: number | null;
  registrationRateNote: string | null;
  rosterEntries: number | null;
  rosterRegistered: number | null;

  /** Approved registrations in scope (the 服务率 denominator). */
  registeredMembers: number;
  /** Of them, members with ≥ 1 verified service in the period. */
  servingMembers: number;
  /** 服务率: servingMembers ÷ registeredMembers; null when nobody is registered. */
  serviceRate: number | null;

  /** Verified services (claims verified in the period) and their credit hours. */
  services: number;
  verifiedHours: number;
  /** Back-filled hours (补录) entered in the period, never added to verifiedHours. */
  backfilledHours: number;

  /** 满意率 over both kinds, and each kind apart. */
  satisfaction: RatingFigures;
  residentSatisfaction: RatingFigures;
  communitySatisfaction: RatingFigures;

  /** 点单办结率 (territories; null for a unit). */
  needs: {
    accepted: number;
    fulfilled: number;
    closureRate: number | null;
    hoursToAccept: DurationFigures;
    hoursToFulfil: DurationFigures;
  } | null;

  /** Tasks created in the period (territories; null for a unit). */
  tasks: { total: number; byKind: Record<string, number>; byStatus: Record<string, number> } | null;

  topMembers: TopMemberDto[];
  series: StatsSeriesPoint[];
}

/** GET /api/stats/nodes/:id and its export.xlsx */
export interface NodeStatsQuery {
  from?: string;
  to?: string;
  granularity?: StatsGranularity;
}

/**
 * POST /api/stats/rollups/rebuild. With the background builder (SCHEDULER_ENABLED, production) the
 * rebuild is queued (`queued`, `rebuiltAt` null) and done within about a minute; district figures
 * answer 503 STATS_BUILDING meanwhile. Without it the rebuild is done before the answer.
 */
export interface RollupRebuildDto {
  rebuiltAt: string | null;
  queued: boolean;
}

/* ─────────────── the district screen (数据大屏) ─────────────── */

/** How many verified services the screen lists. */
export const SCREEN_LATEST_LIMIT = 20;

/** One child node of the screen's node (streets of a district, communities of a street), ranked. */
export interface ScreenChildDto {
  nodeId: number;
  nodeType: string;
  name: string;
  /** Same definitions as StatsDto for the child over the same period. */
  registeredMembers: number;
  servingMembers: number;
  serviceRate: number | null;
  services: number;
  verifiedHours: number;
}

/** One verified service, newest first; the member's name masked (张*明). */
export interface ScreenServiceDto {
  claimId: number;
  verifiedAt: string;
  communityId: number;
  communityName: string;
  taskTitle: string;
  memberName: string;
  hours: number;
}

/** GET /api/stats/nodes/:id/screen: what the screen adds to StatsDto (same query, granularity ignored). */
export interface ScreenDto {
  nodeId: number;
  nodeType: string;
  nodeName: string;
  from: string;
  to: string;
  /** When the API answered (the screen's 更新于). */
  generatedAt: string;
  /** Open child territories by 服务率, then hours, then name; empty for a community. */
  children: ScreenChildDto[];
  /** The latest verified services in the node's communities, whatever the period. */
  latest: ScreenServiceDto[];
}
