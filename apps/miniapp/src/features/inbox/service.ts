import { ROUTES, type InboxQuery, type InboxSummaryDto, type NotificationDto, type Page } from '@sbd/contracts';
import { call } from '@/platform/request';

export function inbox(
  params: Omit<InboxQuery, 'cursor'> & { cursor?: string | null } = {},
): Promise<Page<NotificationDto>> {
  return call(ROUTES.inbox.list, {
    query: {
      unreadOnly: params.unreadOnly ? true : undefined,
      cursor: params.cursor ?? undefined,
      limit: params.limit ?? 20,
    },
  });
}

/** The unread count for the home page badge: a background read, never a toast or a login jump. */
export function inboxSummary(): Promise<InboxSummaryDto> {
  return call(ROUTES.inbox.summary, { toast: false, loginOnExpiry: false });
}

export function markRead(ids: number[]): Promise<InboxSummaryDto> {
  return call(ROUTES.inbox.read, { body: { ids } });
}

export function markAllRead(): Promise<InboxSummaryDto> {
  return call(ROUTES.inbox.read, { body: { all: true } });
}
