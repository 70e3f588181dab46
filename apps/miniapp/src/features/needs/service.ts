import {
  ROUTES,
  type CreateNeedRequest,
  type NeedDto,
  type NeedDuplicateCheckRequest,
  type NeedDuplicateSuggestionDto,
  type NeedListQuery,
  type NeedSummaryDto,
  type Page,
  type PlusOneResultDto,
  type RateNeedRequest,
  type SummaryPeriod,
} from '@sbd/contracts';
import { call } from '@/platform/request';

export function createNeed(body: CreateNeedRequest): Promise<NeedDto> {
  return call(ROUTES.needs.create, { body, toast: false });
}

/** Suggestions are a hint: failures stay quiet. */
export function findDuplicates(body: NeedDuplicateCheckRequest): Promise<NeedDuplicateSuggestionDto[]> {
  return call(ROUTES.needs.duplicates, { body, toast: false });
}

export function plusOne(id: number): Promise<PlusOneResultDto> {
  return call(ROUTES.needs.plusOne, { params: { id } });
}

export function myNeeds(cursor?: string | null, limit = 20): Promise<Page<NeedDto>> {
  return call(ROUTES.needs.mine, { query: { cursor: cursor ?? undefined, limit } });
}

export function getNeed(id: number): Promise<NeedDto> {
  return call(ROUTES.needs.get, { params: { id } });
}

export function withdrawNeed(id: number, reason?: string): Promise<NeedDto> {
  return call(ROUTES.needs.withdraw, { params: { id }, body: reason ? { reason } : {} });
}

export function rateNeed(id: number, body: RateNeedRequest): Promise<NeedDto> {
  return call(ROUTES.needs.rate, { params: { id }, body });
}

// ---------- staff (triage) ----------

export function communityNeeds(
  communityId: number,
  params: Omit<NeedListQuery, 'cursor' | 'buildingId'> & { cursor?: string | null } = {},
): Promise<Page<NeedDto>> {
  return call(ROUTES.needs.ofCommunity, {
    params: { id: communityId },
    query: {
      status: params.status,
      category: params.category,
      cursor: params.cursor ?? undefined,
      limit: params.limit ?? 20,
    },
  });
}

export function needSummary(communityId: number, period: SummaryPeriod): Promise<NeedSummaryDto> {
  return call(ROUTES.needs.summary, { params: { id: communityId }, query: { period } });
}

export function releaseNeed(id: number): Promise<NeedDto> {
  return call(ROUTES.needs.release, { params: { id } });
}

export function acceptNeed(id: number): Promise<NeedDto> {
  return call(ROUTES.needs.accept, { params: { id } });
}

export function rejectNeed(id: number, reason: string): Promise<NeedDto> {
  return call(ROUTES.needs.reject, { params: { id }, body: { reason } });
}

export function mergeNeed(id: number, targetNeedId: number): Promise<NeedDto> {
  return call(ROUTES.needs.merge, { params: { id }, body: { targetNeedId } });
}

export function fulfilNeed(id: number): Promise<NeedDto> {
  return call(ROUTES.needs.fulfil, { params: { id } });
}
