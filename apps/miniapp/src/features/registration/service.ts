import {
  ROUTES,
  type ApproveRegistrationRequest,
  type BranchMemberDto,
  type CommunityPublicDto,
  type ECardDto,
  type LiveCardCheckDto,
  type LiveCardCodeDto,
  type Page,
  type RegistrationDto,
  type RegistrationListQuery,
  type RejectRegistrationRequest,
  type SubmitRegistrationRequest,
  type UpdateProfileRequest,
} from '@sbd/contracts';
import { call, isApiError } from '@/platform/request';

export function fetchCommunityByCode(code: string): Promise<CommunityPublicDto> {
  return call(ROUTES.org.communityByCode, {
    params: { code },
    auth: false,
    quietStatuses: [404],
  });
}

export function submitRegistration(body: SubmitRegistrationRequest): Promise<RegistrationDto> {
  return call(ROUTES.registrations.submit, { body });
}

/** The caller's registration, or null when they have not registered yet (404). */
export async function fetchMyRegistration(): Promise<RegistrationDto | null> {
  try {
    return await call(ROUTES.registrations.mine, { quietStatuses: [404] });
  } catch (e) {
    if (isApiError(e) && e.status === 404) return null;
    throw e;
  }
}

export function updateMyProfile(body: UpdateProfileRequest): Promise<RegistrationDto> {
  return call(ROUTES.registrations.updateMine, { body });
}

/** The e-card, or null while the registration is not approved (409). */
export async function fetchMyCard(): Promise<ECardDto | null> {
  try {
    return await call(ROUTES.registrations.card, { quietStatuses: [404, 409] });
  } catch (e) {
    if (isApiError(e) && (e.status === 409 || e.status === 404)) return null;
    throw e;
  }
}

/** The e-card's live code (a fresh one every 30 s) and its QR. */
export function fetchLiveCardCode(): Promise<LiveCardCodeDto> {
  return call(ROUTES.registrations.liveCode, { quietStatuses: [404, 409] });
}

/** Staff: who a scanned live e-card belongs to (400 when expired or not an e-card). */
export function checkLiveCard(code: string): Promise<LiveCardCheckDto> {
  return call(ROUTES.registrations.checkLiveCard, { params: { code } });
}

export function listCommunityRegistrations(
  communityId: number,
  params: Omit<RegistrationListQuery, 'cursor'> & { cursor?: string | null } = {},
  quietStatuses: number[] = [],
): Promise<Page<RegistrationDto>> {
  return call(ROUTES.registrations.ofCommunity, {
    params: { id: communityId },
    query: { status: params.status, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
    quietStatuses,
  });
}

/** One registration (its owner, the community's staff, or the unit admin). */
export function fetchRegistration(id: number): Promise<RegistrationDto> {
  return call(ROUTES.registrations.get, { params: { id }, quietStatuses: [404] });
}

export function approveRegistration(id: number, body: ApproveRegistrationRequest): Promise<RegistrationDto> {
  return call(ROUTES.registrations.approve, { params: { id }, body });
}

export function rejectRegistration(id: number, body: RejectRegistrationRequest): Promise<RegistrationDto> {
  return call(ROUTES.registrations.reject, { params: { id }, body });
}

/** Approved members of a functional branch (its secretary, or community staff); phones masked. */
export function fetchBranchMembers(branchId: number): Promise<BranchMemberDto[]> {
  return call(ROUTES.registrations.ofBranch, { params: { id: branchId } });
}
