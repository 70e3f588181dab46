/** The outreach context's routes; see ./index.ts. */
import { route } from '../platform/route';
import type {
  CreateInvitesRequest,
  DateRangeQuery,
  InviteCandidateDto,
  ListLimitQuery,
  MatchWeights,
  RecommendationStatsDto,
  TaskInviteDto,
  TaskRecommendationDto,
  UpdateMatchWeightsRequest,
} from '../outreach/matching';
import type { NoteRequest } from '../platform/errors';

export const OUTREACH_ROUTES = {
  matching: {
    recommendations: route<never, ListLimitQuery, TaskRecommendationDto[]>()('GET', '/api/recommendations/tasks'),
    inviteCandidates: route<never, ListLimitQuery, InviteCandidateDto[]>()('GET', '/api/tasks/:id/invite-candidates'),
    invite: route<CreateInvitesRequest, never, TaskInviteDto[]>()('POST', '/api/tasks/:id/invites'),
    invites: route<never, never, TaskInviteDto[]>()('GET', '/api/tasks/:id/invites'),
    decline: route<NoteRequest, never, TaskInviteDto>()('POST', '/api/invites/:id/decline'),
    weights: route<never, never, MatchWeights>()('GET', '/api/communities/:id/matching-weights'),
    setWeights: route<UpdateMatchWeightsRequest, never, MatchWeights>()('PUT', '/api/communities/:id/matching-weights'),
    stats: route<never, DateRangeQuery, RecommendationStatsDto>()('GET', '/api/communities/:id/recommendation-stats'),
  },
} as const;
