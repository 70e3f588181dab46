import { ROUTES, type AuditEventDto, type AuditEventListQuery } from '@sbd/contracts';
import { useCallback } from 'react';
import { call } from '@/platform/api';
import { useKeysetPage } from '@/platform/use-keyset-page';

export type AuditFilters = Pick<AuditEventListQuery, 'action' | 'actorUserId' | 'from' | 'to'>;

/** The audit log with filters, newest first, loaded page by page (keyset cursor). */
export function useAuditEvents(filters: AuditFilters) {
  const { action, actorUserId, from, to } = filters;
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      call(ROUTES.audit.list, { query: { action, actorUserId, from, to, cursor, limit: 50 } }),
    [action, actorUserId, from, to],
  );
  const { items, loading, error, hasMore, more } = useKeysetPage<AuditEventDto>(fetchPage);
  return { items, loading, error, hasMore, more };
}
