/* ───────────────────────────── audit log (审计日志, MLPS 2.0) ───────────────────────────── */
import type { PageQuery } from './errors';
import type { Role } from './roles';

/** What was done. Stored as the string; new actions are added here, never renamed. */
export enum AuditAction {
  Login = 'auth.login',
  LoginFailed = 'auth.login_failed',
  RegistrationApprove = 'registration.approve',
  RegistrationReject = 'registration.reject',
  AttendanceVerify = 'attendance.verify',
  PointsAdjust = 'points.adjust',
  RoleGrant = 'role.grant',
  RoleRevoke = 'role.revoke',
  /** A staff role was offered to a phone number (任命邀请). */
  RoleInvite = 'role.invite',
  RoleInviteAccept = 'role.accept',
  RoleInviteDecline = 'role.decline',
  /** A pending invitation was withdrawn by an admin who may appoint that role (撤销邀请). */
  RoleInviteCancel = 'role.cancel',
  ExportDownload = 'export.download',
  /** A full phone or ID number was shown to someone other than its owner. */
  PiiReveal = 'pii.reveal',
  AccountDelete = 'account.delete',
  OrgCreate = 'org.create',
  OrgRename = 'org.rename',
  OrgMove = 'org.move',
  OrgClose = 'org.close',
  OrgReopen = 'org.reopen',
  /** A hand-typed work unit name of a registration was linked to a unit of the tree (归并). */
  RegistrationLinkUnit = 'registration.link_unit',
  /** A 待核对 roster pairing (homophone/variant name) was confirmed or rejected by unit staff. */
  RosterMatchConfirm = 'roster.match_confirm',
  RosterMatchReject = 'roster.match_reject',
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  [AuditAction.Login]: '登录',
  [AuditAction.LoginFailed]: '登录失败',
  [AuditAction.RegistrationApprove]: '报到审核通过',
  [AuditAction.RegistrationReject]: '报到审核驳回',
  [AuditAction.AttendanceVerify]: '服务时长核验',
  [AuditAction.PointsAdjust]: '积分调整',
  [AuditAction.RoleGrant]: '授予角色',
  [AuditAction.RoleRevoke]: '撤销角色',
  [AuditAction.RoleInvite]: '发出任命邀请',
  [AuditAction.RoleInviteAccept]: '接受任命邀请',
  [AuditAction.RoleInviteDecline]: '拒绝任命邀请',
  [AuditAction.RoleInviteCancel]: '撤销任命邀请',
  [AuditAction.ExportDownload]: '导出数据',
  [AuditAction.PiiReveal]: '查看完整号码',
  [AuditAction.AccountDelete]: '注销账号',
  [AuditAction.OrgCreate]: '新建组织',
  [AuditAction.OrgRename]: '组织更名',
  [AuditAction.OrgMove]: '组织迁移',
  [AuditAction.OrgClose]: '撤销组织',
  [AuditAction.OrgReopen]: '恢复组织',
  [AuditAction.RegistrationLinkUnit]: '报到单位归并',
  [AuditAction.RosterMatchConfirm]: '名册待核对确认',
  [AuditAction.RosterMatchReject]: '名册待核对驳回',
};

/** The kind of object an action was done to. */
export enum AuditObjectType {
  Account = 'account',
  Registration = 'registration',
  Claim = 'claim',
  PointsEntry = 'points_entry',
  Role = 'role',
  RoleInvitation = 'role_invitation',
  OrgNode = 'org_node',
  Need = 'need',
  Callup = 'callup',
  RosterEntry = 'roster_entry',
}

/** Values a detail may hold: a few short facts, never a full phone or ID number. */
export type AuditDetailValue = string | number | boolean | null | string[] | number[] | AuditDetailObject;
export interface AuditDetailObject {
  [key: string]: string | number | boolean | null | string[] | number[];
}
export type AuditDetail = Record<string, AuditDetailValue>;

/** One row of the audit log (GET /api/audit-events). Rows are never changed or deleted over the API. */
export interface AuditEventDto {
  id: number;
  /** ISO time. */
  occurredAt: string;
  action: AuditAction;
  /** Who did it; null for an anonymous attempt (a failed login with no such account). */
  actorUserId: number | null;
  actorName: string | null;
  /** The actor's role for this action, and the node it is held over (null: platform-wide), at the time. */
  actorRole: Role | null;
  actorScopeNodeId: number | null;
  objectType: AuditObjectType;
  objectId: string | null;
  /** The org node the object belongs to; district admins see the events of their subtree. */
  nodeId: number | null;
  nodeName: string | null;
  /** Client address and request id (X-Request-Id) of the request that did it. */
  ip: string | null;
  requestId: string | null;
  detail: AuditDetail | null;
}

/**
 * Filters of GET /api/audit-events, newest first (keyset paging by id). Platform admins read
 * everything; district admins the events whose node is in their district.
 */
export interface AuditEventListQuery extends PageQuery {
  action?: AuditAction;
  actorUserId?: number;
  objectType?: AuditObjectType;
  objectId?: string;
  /** Only events of this node's subtree. */
  nodeId?: number;
  /** ISO date-times with a zone: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}
