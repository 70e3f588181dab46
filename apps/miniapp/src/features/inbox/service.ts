import type { InboxSummaryDto, NotificationDto, Page } from '@sbd/contracts';
import { api } from '@/platform/request';

export function inbox(params: { unreadOnly?: boolean; cursor?: string | null; limit?: number } = {}): Promise<Page<NotificationDto>> {
  return api.get<Page<NotificationDto>>('/api/inbox', {
    query: { unreadOnly: params.unreadOnly ? 'true' : undefined, cursor: params.cursor ?? undefined, limit: params.limit ?? 20 },
  });
}

/** The unread count for the home page badge: a background read, never a toast or a login jump. */
export function inboxSummary(): Promise<InboxSummaryDto> {
  return api.get<InboxSummaryDto>('/api/inbox/summary', { toast: false, loginOnExpiry: false });
}

export function markRead(ids: number[]): Promise<InboxSummaryDto> {
  return api.post<InboxSummaryDto>('/api/inbox/read', { ids });
}

export function markAllRead(): Promise<InboxSummaryDto> {
  return api.post<InboxSummaryDto>('/api/inbox/read', { all: true });
}
