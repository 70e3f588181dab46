import { ROUTES, RegistrationStatus, type RegistrationDto } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';

/** One community's registrations with a status filter, loaded page by page (keyset cursor). */
export function useRegistrations(communityId: number | null, status: RegistrationStatus | undefined) {
  const [items, setItems] = useState<RegistrationDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      if (communityId === null) return;
      setLoading(true);
      setError(null);
      try {
        const page = await call(ROUTES.registrations.ofCommunity, {
          params: { id: communityId },
          query: { status, cursor: from ?? undefined, limit: 50 },
        });
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [communityId, status],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, hasMore: cursor !== null, more: () => load(cursor), reload: () => load(null) };
}
