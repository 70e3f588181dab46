import type { CheckInRequest, ClaimDto, ClaimStatus, Page, VerifyClaimRequest } from '@sbd/contracts';
import { api } from '@/platform/request';

export function claimTask(taskId: number, joinWaitlist?: boolean): Promise<ClaimDto> {
  return api.post<ClaimDto>('/api/claims', { taskId, ...(joinWaitlist !== undefined ? { joinWaitlist } : {}) });
}

/** Branch secretary: one claim per assigned member. */
export function claimForBranch(taskId: number, branchId: number, memberUserIds: number[]): Promise<ClaimDto[]> {
  return api.post<ClaimDto[]>('/api/claims', { taskId, branchId, memberUserIds });
}

export function myClaims(params: { status?: ClaimStatus; cursor?: string | null; limit?: number } = {}): Promise<Page<ClaimDto>> {
  return api.get<Page<ClaimDto>>('/api/claims/mine', { query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 } });
}

export function taskClaims(taskId: number, params: { status?: ClaimStatus; cursor?: string | null; limit?: number } = {}): Promise<Page<ClaimDto>> {
  return api.get<Page<ClaimDto>>(`/api/tasks/${taskId}/claims`, {
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 100 },
  });
}

export function getClaim(id: number): Promise<ClaimDto> {
  return api.get<ClaimDto>(`/api/claims/${id}`);
}

export function withdrawClaim(id: number): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/withdraw`);
}

export function confirmClaim(id: number): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/confirm`);
}

export type Attendance = 'check-in' | 'check-out';

/** Check-in/out errors (wrong code, out of range) are shown next to the input, not as a toast. */
export function attend(id: number, which: Attendance, body: Partial<CheckInRequest>): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/${which}`, body, { toast: false });
}

export function verifyClaim(id: number, body: VerifyClaimRequest): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/verify`, body);
}

export function rejectClaim(id: number, reason: string): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/reject`, { reason });
}

export function markNoShow(id: number): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/no-show`);
}

export function rateService(id: number, score: number, comment?: string): Promise<ClaimDto> {
  return api.post<ClaimDto>(`/api/claims/${id}/rating`, { score, ...(comment ? { comment } : {}) });
}
