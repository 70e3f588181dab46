import {
  ROUTES,
  type CheckInRequest,
  type ClaimDto,
  type ClaimListQuery,
  type Page,
  type VerifyClaimRequest,
} from '@sbd/contracts';
import { call } from '@/platform/request';

/** A claims list query; `cursor` may be null (first page). */
type ClaimsParams = Omit<ClaimListQuery, 'cursor'> & { cursor?: string | null };

export function claimTask(taskId: number, joinWaitlist?: boolean): Promise<ClaimDto> {
  // A member's claim answers one claim (a list only for a branch secretary's claim).
  return call(ROUTES.claims.create, {
    body: { taskId, ...(joinWaitlist !== undefined ? { joinWaitlist } : {}) },
  }) as Promise<ClaimDto>;
}

/** Branch secretary: one claim per assigned member. */
export function claimForBranch(taskId: number, branchId: number, memberUserIds: number[]): Promise<ClaimDto[]> {
  return call(ROUTES.claims.create, { body: { taskId, branchId, memberUserIds } }) as Promise<ClaimDto[]>;
}

export function myClaims(params: ClaimsParams = {}): Promise<Page<ClaimDto>> {
  return call(ROUTES.claims.mine, {
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
  });
}

export function taskClaims(taskId: number, params: ClaimsParams = {}): Promise<Page<ClaimDto>> {
  return call(ROUTES.claims.forTask, {
    params: { id: taskId },
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 100 },
  });
}

export function getClaim(id: number): Promise<ClaimDto> {
  return call(ROUTES.claims.get, { params: { id } });
}

export function withdrawClaim(id: number): Promise<ClaimDto> {
  return call(ROUTES.claims.withdraw, { params: { id } });
}

export function confirmClaim(id: number): Promise<ClaimDto> {
  return call(ROUTES.claims.confirm, { params: { id } });
}

export type Attendance = 'check-in' | 'check-out';

/** Check-in/out errors (wrong code, out of range) are shown next to the input, not as a toast. */
export function attend(id: number, which: Attendance, body: CheckInRequest): Promise<ClaimDto> {
  return call(which === 'check-in' ? ROUTES.claims.checkIn : ROUTES.claims.checkOut, {
    params: { id },
    body,
    toast: false,
  });
}

export function verifyClaim(id: number, body: VerifyClaimRequest): Promise<ClaimDto> {
  return call(ROUTES.claims.verify, { params: { id }, body });
}

export function rejectClaim(id: number, reason: string): Promise<ClaimDto> {
  return call(ROUTES.claims.reject, { params: { id }, body: { reason } });
}

export function markNoShow(id: number): Promise<ClaimDto> {
  return call(ROUTES.claims.noShow, { params: { id } });
}

export function rateService(id: number, score: number, comment?: string): Promise<ClaimDto> {
  return call(ROUTES.claims.rate, { params: { id }, body: { score, ...(comment ? { comment } : {}) } });
}
