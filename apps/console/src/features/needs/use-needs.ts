import { ROUTES, type NeedCategory, type NeedDto } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';
import { BOARD_STATUSES } from './board';

/** The first 50 needs of every status on the board for one community and category. */
export function useNeeds(communityId: number | null, category: NeedCategory | undefined) {
  const [items, setItems] = useState<NeedDto[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (communityId === null) return;
    setLoading(true);
    setError(null);
    try {
      const pages = await Promise.all(
        BOARD_STATUSES.map((status) =>
          call(ROUTES.needs.ofCommunity, { params: { id: communityId }, query: { status, category, limit: 50 } }),
        ),
      );
      setItems(pages.flatMap((p) => p.items));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [communityId, category]);

  useEffect(() => {
    void load();
  }, [load]);

  return { items, loading, error, reload: load };
}
