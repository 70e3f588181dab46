import { ROUTES, type AuditEventDto, type AuditEventListQuery } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';

export type AuditFilters = Pick<AuditEventListQuery, 'action' | 'actorUserId' | 'from' | 'to'>;

/** The audit log with filters, newest first, loaded page by page (keyset cursor). */
export function useAuditEvents(filters: AuditFilters) {
  const [items, setItems] = useState<AuditEventDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { action, actorUserId, from, to } = filters;

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await call(ROUTES.audit.list, {
          query: { action, actorUserId, from, to, cursor: after ?? undefined, limit: 50 },
        });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [action, actorUserId, from, to],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, hasMore: cursor !== null, more: () => load(cursor) };
}
