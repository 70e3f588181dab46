/* ─────────────── 名册待核对: tolerant roster matching, confirmed by unit staff ─────────────── */
// A roster row and a registered member with the same phone or ID number whose names differ only
// in homophones or variant characters (or the same phone and ID number, another name) are
// reported as 待核对, never silently unmatched; staff confirm or reject the pairing. Only
// confirmed pairs count as matched (报到率, member records).

/** Optional roster column: an ID number helps pair rows whose name was written differently. */
export const ROSTER_OPTIONAL_COLUMNS = ['身份证号'] as const;
export type RosterOptionalColumn = (typeof ROSTER_OPTIONAL_COLUMNS)[number];

/** How a roster entry relates to the registered members. */
export enum RosterMatchStatus {
  /** Same phone and name, or a 待核对 pairing staff confirmed. */
  Matched = 'matched',
  /** A candidate member awaits the staff's decision. */
  Review = 'review',
  Unmatched = 'unmatched',
}

export const ROSTER_MATCH_STATUS_LABELS: Record<RosterMatchStatus, string> = {
  [RosterMatchStatus.Matched]: '已匹配',
  [RosterMatchStatus.Review]: '待核对',
  [RosterMatchStatus.Unmatched]: '未匹配',
};

export enum RosterMatchDecision {
  Confirmed = 'confirmed',
  Rejected = 'rejected',
}

/** The registered member a 待核对 entry may be; numbers always masked. */
export interface RosterCandidateDto {
  registrationId: number;
  name: string;
  phone: string;
  idNumber: string | null;
  registrationStatus: string;
  /** Why the pair is 待核对: 同手机号, 同身份证号, or both. */
  reason: string;
}

/** One 待核对 row of an upload report. */
export interface RosterReviewRow {
  /** Spreadsheet row. */
  row: number;
  rosterEntryId: number;
  name: string;
  candidate: RosterCandidateDto;
}

/** POST /api/units/:id/roster/entries/:entryId/decision */
export interface RosterDecisionBody {
  registrationId: number;
  decision: RosterMatchDecision;
}

/** The entry after the decision. */
export interface RosterDecisionResult {
  rosterEntryId: number;
  registrationId: number;
  decision: RosterMatchDecision;
  matchStatus: RosterMatchStatus;
}
