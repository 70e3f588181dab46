/* ───────────── staff appointment (任命管理员) ───────────── */
import type { OrgNodeType } from '../org/org';
import type { Role } from '../platform/roles';

/** An invitation lives this many days unless it is answered first. */
export const ROLE_INVITATION_TTL_DAYS = 14;

export enum RoleInvitationStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  /** Withdrawn before it was answered, by an admin who may appoint that role (e.g. a wrong number). */
  Cancelled = 'cancelled',
  /** Not answered within ROLE_INVITATION_TTL_DAYS (derived when read; never stored). */
  Expired = 'expired',
}

export const ROLE_INVITATION_STATUS_LABELS: Record<RoleInvitationStatus, string> = {
  [RoleInvitationStatus.Pending]: '待确认',
  [RoleInvitationStatus.Accepted]: '已接受',
  [RoleInvitationStatus.Declined]: '已拒绝',
  [RoleInvitationStatus.Cancelled]: '已撤销',
  [RoleInvitationStatus.Expired]: '已过期',
};

/**
 * POST /api/role-invitations: offer a staff role over a node to whoever proves the phone number.
 * The caller must hold a role that may appoint it (MAY_APPOINT in @sbd/domain) over the node.
 */
export interface CreateRoleInvitationRequest {
  /** The invitee's mainland mobile number. */
  phone: string;
  role: Role;
  /** The node the role is held over; omitted only for a platform admin. */
  nodeId?: number;
  /** End of the term (ISO date-time with a zone); none: until removed. */
  termEndsAt?: string;
  note?: string;
}

export interface RoleInvitationDto {
  id: number;
  /** Masked (138****1234), even to the invitee. */
  phone: string;
  role: Role;
  nodeId: number | null;
  nodeName: string | null;
  nodeType: OrgNodeType | null;
  status: RoleInvitationStatus;
  invitedByName: string;
  termEndsAt: string | null;
  note: string | null;
  createdAt: string;
  expiresAt: string;
  respondedAt: string | null;
}

/** One role held by one person over a node (a row of user_roles). */
export interface RoleGrantDto {
  id: number;
  userId: number;
  name: string;
  /** Masked. */
  phone: string | null;
  role: Role;
  nodeId: number | null;
  startsAt: string;
  /** End of the term; null: until removed. */
  endsAt: string | null;
  grantedByName: string | null;
}

/** GET /api/nodes/:id/staff: who holds staff roles over the node itself, and who is invited. */
export interface NodeStaffDto {
  nodeId: number;
  nodeName: string;
  grants: RoleGrantDto[];
  pendingInvitations: RoleInvitationDto[];
}
