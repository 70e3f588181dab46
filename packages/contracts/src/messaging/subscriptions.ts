import { NotificationKind } from './notifications';

/* ─────────────────────── WeChat subscribe messages (订阅消息) ─────────────────────── */

/**
 * The moments the mini-program asks the user to subscribe (WeChat allows the request only in a
 * tap handler): after claiming a task, after posting a need, after submitting 报到, and the
 * "提醒我" switch of a task.
 */
export enum SubscribeMoment {
  AfterClaim = 'after_claim',
  AfterNeed = 'after_need',
  AfterRegistration = 'after_registration',
  RemindMe = 'remind_me',
}

/** WeChat shows at most three templates in one `requestSubscribeMessage`. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The notices worth asking for at each moment, most useful first (≤ 3 each). */
export const SUBSCRIBE_MOMENT_KINDS: Record<SubscribeMoment, NotificationKind[]> = {
  [SubscribeMoment.AfterClaim]: [
    NotificationKind.TaskReminder,
    NotificationKind.TaskCancelled,
    NotificationKind.ClaimVerified,
  ],
  [SubscribeMoment.AfterNeed]: [
    NotificationKind.NeedAccepted,
    NotificationKind.NeedFulfilled,
    NotificationKind.NeedRejected,
  ],
  [SubscribeMoment.AfterRegistration]: [NotificationKind.RegistrationApproved, NotificationKind.RegistrationRejected],
  [SubscribeMoment.RemindMe]: [NotificationKind.TaskReminder],
};

/**
 * What `requestSubscribeMessage` answers per template id: accepted (one message may be sent),
 * rejected, banned by WeChat, or filtered (a template with a duplicate title). The mini-program's
 * "提醒我" switch turned off is recorded as a rejection.
 */
export enum SubscribeChoice {
  Accept = 'accept',
  Reject = 'reject',
  Ban = 'ban',
  Filter = 'filter',
}

export interface SubscribeTemplatesQuery {
  moment: SubscribeMoment;
}

export interface SubscribeTemplateDto {
  templateId: string;
  /** The notices this template carries. */
  kinds: NotificationKind[];
  /** What the notice is, in Chinese (e.g. 服务提醒). */
  label: string;
}

/** The templates to pass to `requestSubscribeMessage` now; empty when none is configured. */
export interface SubscribeTemplatesDto {
  moment: SubscribeMoment;
  templates: SubscribeTemplateDto[];
}

export interface SubscribeChoiceItem {
  templateId: string;
  choice: SubscribeChoice;
}

/** The user's answers, as `requestSubscribeMessage` gave them (one item per template id). */
export interface RecordSubscribeChoicesRequest {
  choices: SubscribeChoiceItem[];
}

/** Where the caller stands with one template. */
export interface SubscriptionDto {
  templateId: string;
  kinds: NotificationKind[];
  label: string;
  /** Accepted one-time subscriptions not used yet: each lets one WeChat message through. */
  remaining: number;
  lastChoice: SubscribeChoice | null;
}
