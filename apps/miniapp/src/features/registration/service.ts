import type {
  ApproveRegistrationRequest,
  BranchMemberDto,
  CommunityPublicDto,
  ECardDto,
  Page,
  RegistrationDto,
  RegistrationStatus,
  RejectRegistrationRequest,
  SubmitRegistrationRequest,
  UpdateProfileRequest,
} from '@sbd/contracts';
import { api, isApiError } from '@/platform/request';

export function fetchCommunityByCode(code: string): Promise<CommunityPublicDto> {
  return api.get<CommunityPublicDto>(`/api/communities/by-code/${encodeURIComponent(code)}`, {
    auth: false,
    quietStatuses: [404],
  });
}

export function submitRegistration(body: SubmitRegistrationRequest): Promise<RegistrationDto> {
  return api.post<RegistrationDto>('/api/registrations', body);
}

/** The caller's registration, or null when they have not registered yet (404). */
export async function fetchMyRegistration(): Promise<RegistrationDto | null> {
  try {
    return await api.get<RegistrationDto>('/api/registrations/me', { quietStatuses: [404] });
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null;
    throw e;
  }
}

export function updateMyProfile(body: UpdateProfileRequest): Promise<RegistrationDto> {
  return api.patch<RegistrationDto>('/api/registrations/me', body);
}

/** The e-card, or null while the registration is not approved (409). */
export async function fetchMyCard(): Promise<ECardDto | null> {
  try {
    return await api.get<ECardDto>('/api/registrations/me/card', { quietStatuses: [404, 409] });
  } catch (e) {
    if (isApiError(e) && (e.status === 409 || e.status === 404)) return null;
    throw e;
  }
}

export function listCommunityRegistrations(
  communityId: number,
  params: { status?: RegistrationStatus; cursor?: string | null; limit?: number } = {},
  quietStatuses: number[] = [],
): Promise<Page<RegistrationDto>> {
  return api.get<Page<RegistrationDto>>(`/api/communities/${communityId}/registrations`, {
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
    quietStatuses,
  });
}

/** One registration (its owner, the community's staff, or the unit admin). */
export function fetchRegistration(id: number): Promise<RegistrationDto> {
  return api.get<RegistrationDto>(`/api/registrations/${id}`, { quietStatuses: [404] });
}

export function approveRegistration(id: number, body: ApproveRegistrationRequest): Promise<RegistrationDto> {
  return api.post<RegistrationDto>(`/api/registrations/${id}/approve`, body);
}

export function rejectRegistration(id: number, body: RejectRegistrationRequest): Promise<RegistrationDto> {
  return api.post<RegistrationDto>(`/api/registrations/${id}/reject`, body);
}

/** Approved members of a functional branch (its secretary, or community staff); phones masked. */
export function fetchBranchMembers(branchId: number): Promise<BranchMemberDto[]> {
  return api.get<BranchMemberDto[]>(`/api/branches/${branchId}/members`);
}
