/** The messaging context's routes; see ./index.ts. */
import { route } from '../platform/route';
import type {
  InboxQuery,
  InboxSummaryDto,
  MarkNotificationsReadRequest,
  NotificationDto,
} from '../messaging/notifications';
import type {
  RecordSubscribeChoicesRequest,
  SubscribeTemplatesDto,
  SubscribeTemplatesQuery,
  SubscriptionDto,
} from '../messaging/subscriptions';
import type { Page } from '../platform/errors';

export const MESSAGING_ROUTES = {
  inbox: {
    list: route<never, InboxQuery, Page<NotificationDto>>()('GET', '/api/inbox'),
    summary: route<never, never, InboxSummaryDto>()('GET', '/api/inbox/summary'),
    read: route<MarkNotificationsReadRequest, never, InboxSummaryDto>()('POST', '/api/inbox/read'),
  },
  subscriptions: {
    /** The template ids to request (Taro.requestSubscribeMessage) at a moment. */
    templates: route<never, SubscribeTemplatesQuery, SubscribeTemplatesDto>()('GET', '/api/subscriptions/templates'),
    /** Records what the user chose for each template. */
    record: route<RecordSubscribeChoicesRequest, never, SubscriptionDto[]>()('POST', '/api/subscriptions/choices'),
    /** The caller's standing with every configured template. */
    mine: route<never, never, SubscriptionDto[]>()('GET', '/api/subscriptions'),
  },
} as const;
