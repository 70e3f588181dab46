import type {
  CreateNeedRequest,
  NeedCategory,
  NeedDto,
  NeedDuplicateCheckRequest,
  NeedDuplicateSuggestionDto,
  NeedStatus,
  Page,
  RateNeedRequest,
} from '@sbd/contracts';
import { api } from '@/platform/request';

/** Answer of "同一件事 +1" (POST /api/needs/:id/plus-one). */
export interface PlusOneResult {
  needId: number;
  plusOneCount: number;
  /** False when the caller had already said +1. */
  added: boolean;
}

export type SummaryPeriod = 'day' | 'week' | 'month';

/** GET /api/communities/:id/needs/summary (日汇总/周研判/月总结); not in @sbd/contracts. */
export interface NeedSummary {
  communityId: number;
  period: SummaryPeriod;
  date: string;
  from: string;
  to: string;
  total: number;
  byCategory: Record<NeedCategory, number>;
  byStatus: Record<NeedStatus, number>;
  overdueCount: number;
  overdue: { id: number; title: string; category: NeedCategory; status: NeedStatus; createdAt: string; hoursWaiting: number }[];
}

export function createNeed(body: CreateNeedRequest): Promise<NeedDto> {
  return api.post<NeedDto>('/api/needs', body, { toast: false });
}

/** Suggestions are a hint: failures stay quiet. */
export function findDuplicates(body: NeedDuplicateCheckRequest): Promise<NeedDuplicateSuggestionDto[]> {
  return api.post<NeedDuplicateSuggestionDto[]>('/api/needs/duplicates', body, { toast: false });
}

export function plusOne(id: number): Promise<PlusOneResult> {
  return api.post<PlusOneResult>(`/api/needs/${id}/plus-one`);
}

export function myNeeds(cursor?: string | null, limit = 20): Promise<Page<NeedDto>> {
  return api.get<Page<NeedDto>>('/api/needs/mine', { query: { cursor: cursor ?? undefined, limit } });
}

export function getNeed(id: number): Promise<NeedDto> {
  return api.get<NeedDto>(`/api/needs/${id}`);
}

export function withdrawNeed(id: number, reason?: string): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/withdraw`, reason ? { reason } : {});
}

export function rateNeed(id: number, body: RateNeedRequest): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/rate`, body);
}

// ---------- staff (triage) ----------

export function communityNeeds(
  communityId: number,
  params: { status?: NeedStatus; category?: NeedCategory; cursor?: string | null; limit?: number } = {},
): Promise<Page<NeedDto>> {
  return api.get<Page<NeedDto>>(`/api/communities/${communityId}/needs`, {
    query: { status: params.status, category: params.category, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
  });
}

export function needSummary(communityId: number, period: SummaryPeriod): Promise<NeedSummary> {
  return api.get<NeedSummary>(`/api/communities/${communityId}/needs/summary`, { query: { period } });
}

export function releaseNeed(id: number): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/release`);
}

export function acceptNeed(id: number): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/accept`);
}

export function rejectNeed(id: number, reason: string): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/reject`, { reason });
}

export function mergeNeed(id: number, targetNeedId: number): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/merge`, { targetNeedId });
}

export function fulfilNeed(id: number): Promise<NeedDto> {
  return api.post<NeedDto>(`/api/needs/${id}/fulfil`);
}
