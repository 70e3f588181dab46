import type { RegistrationStatus } from '../identity/registration';
import type { ClaimStatus } from './claims';

/**
 * GET /api/me/next: what the home page needs to say what comes next, in one read, for every role
 * the caller holds (each part only when the caller has it). The choice is domain `nextStepFor`.
 */
export interface MeNextDto {
  /** The caller's latest registration (报到), if any. */
  registration: { status: RegistrationStatus; communityName: string } | null;
  /** The member's earliest live claim (claimed or checked in) of a service that has not ended. */
  nextService: NextServiceDto | null;
  /** A waitlist place offered to the member that waits for their confirmation (确认候补). */
  claimToConfirm: { claimId: number; taskId: number; title: string; holdExpiresAt: string } | null;
  /** The resident's fulfilled needs waiting for their rating: the oldest, and how many. */
  needToRate: { needId: number; title: string; count: number } | null;
  /** Needs waiting for triage (held or submitted) in the community the caller administers. */
  triage: { communityId: number; communityName: string; waiting: number } | null;
  /** Whether the caller belongs to a community (resident, member or staff of one). */
  hasCommunity: boolean;
}

export interface NextServiceDto {
  claimId: number;
  taskId: number;
  title: string;
  place: string;
  startAt: string;
  endAt: string;
  status: ClaimStatus;
  /** When check-in opens (the API's configured minutes before the start). */
  checkInOpensAt: string;
}
