import type { PageQuery } from '../platform/errors';

/* ───────────────────────────── inbox (站内消息) ───────────────────────────── */

export enum NotificationKind {
  NeedAccepted = 'need_accepted',
  NeedRejected = 'need_rejected',
  NeedMerged = 'need_merged',
  NeedFulfilled = 'need_fulfilled',
  NeedReopened = 'need_reopened',
  NeedWithdrawn = 'need_withdrawn',
  TaskPublished = 'task_published',
  TaskCancelled = 'task_cancelled',
  TaskReminder = 'task_reminder',
  ClaimPromoted = 'claim_promoted',
  ClaimExpiring = 'claim_expiring',
  ClaimExpired = 'claim_expired',
  ClaimWithdrawn = 'claim_withdrawn',
  ClaimVerified = 'claim_verified',
  ClaimRejected = 'claim_rejected',
  NoShowMarked = 'no_show_marked',
  PointsChanged = 'points_changed',
  LowSatisfaction = 'low_satisfaction',
  EmergencyCallup = 'emergency_callup',
  /** Too many failed logins from all sources: the account is locked for a while. */
  AccountLocked = 'account_locked',
  /** The community approved the member's 报到. */
  RegistrationApproved = 'registration_approved',
  /** The community did not approve the member's 报到 (with the reason). */
  RegistrationRejected = 'registration_rejected',
  /** Someone was invited to a staff role (任命邀请). */
  RoleInvited = 'role_invited',
}

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  [NotificationKind.NeedAccepted]: '需求已受理',
  [NotificationKind.NeedRejected]: '需求未受理',
  [NotificationKind.NeedMerged]: '需求已合并',
  [NotificationKind.NeedFulfilled]: '需求已办结',
  [NotificationKind.NeedReopened]: '需求重新办理',
  [NotificationKind.NeedWithdrawn]: '需求已撤回',
  [NotificationKind.TaskPublished]: '新任务发布',
  [NotificationKind.TaskCancelled]: '任务已取消',
  [NotificationKind.TaskReminder]: '服务提醒',
  [NotificationKind.ClaimPromoted]: '候补转正',
  [NotificationKind.ClaimExpiring]: '报名即将失效',
  [NotificationKind.ClaimExpired]: '报名已失效',
  [NotificationKind.ClaimWithdrawn]: '党员退出报名',
  [NotificationKind.ClaimVerified]: '服务已核验',
  [NotificationKind.ClaimRejected]: '服务未通过核验',
  [NotificationKind.NoShowMarked]: '缺席记录',
  [NotificationKind.PointsChanged]: '积分变动',
  [NotificationKind.LowSatisfaction]: '满意率偏低',
  [NotificationKind.EmergencyCallup]: '应急召集',
  [NotificationKind.AccountLocked]: '账号安全提醒',
  [NotificationKind.RegistrationApproved]: '报到审核通过',
  [NotificationKind.RegistrationRejected]: '报到未通过',
  [NotificationKind.RoleInvited]: '任命邀请',
};

export interface NotificationDto {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Mini-program page to open, with its query string; null when there is none. */
  path: string | null;
  entityType: 'need' | 'task' | 'claim' | 'callup' | 'points' | null;
  entityId: number | null;
  read: boolean;
  createdAt: string;
}

export interface InboxQuery extends PageQuery {
  unreadOnly?: boolean;
}

export interface MarkNotificationsReadRequest {
  /** Mark these; omit and set `all` to mark everything read. */
  ids?: number[];
  all?: boolean;
}

export interface InboxSummaryDto {
  unread: number;
}
