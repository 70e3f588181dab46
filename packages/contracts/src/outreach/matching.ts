/**
 * Matching 群众所需 ↔ 党员所能: recommendations of tasks to members and members to tasks.
 * Plain types and constants; the scoring function lives in `@sbd/domain` (matching/score.ts).
 */
import type { TaskDto } from '../loop/tasks';

export enum MatchFactor {
  Position = 'position',
  Skill = 'skill',
  Distance = 'distance',
  Time = 'time',
  Fairness = 'fairness',
  Rating = 'rating',
  Urgency = 'urgency',
}

export type MatchWeights = Record<MatchFactor, number>;

/** Defaults, editable per community. */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  [MatchFactor.Position]: 3,
  [MatchFactor.Skill]: 1.5,
  [MatchFactor.Distance]: 2,
  [MatchFactor.Time]: 2,
  [MatchFactor.Fairness]: 1,
  [MatchFactor.Rating]: 1,
  [MatchFactor.Urgency]: 1.5,
};

export const MATCH_WEIGHT_MAX = 10;
/** Recommendations shown to a member. */
export const RECOMMENDATION_LIMIT = 10;
/** Impressions followed by a claim within this many days count as accepted. */
export const ATTRIBUTION_DAYS = 7;

export interface TaskRecommendationDto {
  task: TaskDto;
  /** 0..1 */
  score: number;
  /** Chinese, e.g. "你有法律援助岗 · 距你约300米 · 周六上午你有空". */
  reasons: string[];
  factors: Record<MatchFactor, number>;
}

export interface InviteCandidateDto {
  userId: number;
  name: string;
  score: number;
  reasons: string[];
  factors: Record<MatchFactor, number>;
  /** Already invited to this task, and how it went. */
  invite: TaskInviteDto | null;
}

export enum InviteStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
}

export interface TaskInviteDto {
  id: number;
  taskId: number;
  userId: number;
  name: string;
  status: InviteStatus;
  invitedByUserId: number;
  createdAt: string;
}

export interface CreateInvitesRequest {
  userIds: number[];
}

export interface UpdateMatchWeightsRequest {
  weights: Partial<MatchWeights>;
}

export interface RecommendationStatsDto {
  from: string;
  to: string;
  /** Distinct member × task pairs shown, and how many were then claimed, per source. */
  recommended: { impressions: number; claims: number; acceptanceRate: number | null };
  feed: { impressions: number; claims: number; acceptanceRate: number | null };
  /** Median hours from publishing to the last slot being taken, for tasks that filled. */
  medianHoursToFull: number | null;
  tasksFilled: number;
}

/** GET /api/recommendations/tasks, /api/tasks/:id/invite-candidates */
export interface ListLimitQuery {
  limit?: number;
}

/** GET /api/communities/:id/recommendation-stats */
export interface DateRangeQuery {
  /** ISO date or instant. */
  from?: string;
  to?: string;
}
