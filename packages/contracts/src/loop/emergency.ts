/* ───────────────────────────── 应急式: emergency call-ups ───────────────────────────── */

export enum CallupStatus {
  Open = 'open',
  Closed = 'closed',
}

export const CALLUP_STATUS_LABELS: Record<CallupStatus, string> = {
  [CallupStatus.Open]: '召集中',
  [CallupStatus.Closed]: '已结束',
};

export enum CallupResponse {
  Available = 'available',
  Unavailable = 'unavailable',
}

export const CALLUP_RESPONSE_LABELS: Record<CallupResponse, string> = {
  [CallupResponse.Available]: '能到',
  [CallupResponse.Unavailable]: '不能到',
};

/** One tap notifies every member in scope. */
export interface CreateCallupRequest {
  /** Org node whose members are called (community, grid, branch…). */
  scopeNodeId: number;
  title: string;
  description: string;
  place: string;
  latitude?: number;
  longitude?: number;
  /** When and where to gather (ISO). */
  musterAt?: string;
  /** How many people are wanted, if known. */
  needed?: number;
}

export interface RespondCallupRequest {
  response: CallupResponse;
  /** Minutes until the member can be there. */
  etaMinutes?: number;
  note?: string;
}

export interface FormCallupGroupsRequest {
  /** Members per group; leaders are the first of each group unless chosen. */
  groupSize: number;
}

export interface CallupGroupDto {
  index: number;
  name: string;
  leaderUserId: number | null;
  members: { userId: number; name: string; phone: string }[];
}

export interface CallupDto {
  id: number;
  scopeNodeId: number;
  scopeName: string;
  title: string;
  description: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  musterAt: string | null;
  needed: number | null;
  status: CallupStatus;
  taskId: number | null;
  notifiedCount: number;
  availableCount: number;
  unavailableCount: number;
  myResponse: CallupResponse | null;
  /** The arrival time the caller gave with their answer. */
  myEtaMinutes: number | null;
  groups: CallupGroupDto[];
  createdByUserId: number;
  createdAt: string;
  closedAt: string | null;
}

/** One row of the exported muster list (花名册). */
export interface MusterListRowDto {
  name: string;
  /** Masked except in the staff export. */
  phone: string;
  workUnitName: string;
  branchName: string | null;
  response: CallupResponse | null;
  etaMinutes: number | null;
  respondedAt: string | null;
  groupName: string | null;
}

/** GET /api/callups */
export interface CallupScopeQuery {
  scopeNodeId: number;
}
