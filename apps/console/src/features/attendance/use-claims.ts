import { ROUTES, type ClaimDto, type CommunityClaimListQuery, type TaskDto } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';

export type ClaimFilters = Omit<CommunityClaimListQuery, 'cursor' | 'limit'>;

/** A community's claims with filters, loaded 50 at a time (keyset cursor), newest first. */
export function useCommunityClaims(communityId: number | null, filters: ClaimFilters) {
  const [items, setItems] = useState<ClaimDto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { status, taskId, from, to } = filters;

  const load = useCallback(
    async (after: string | null) => {
      if (communityId === null) return;
      setLoading(true);
      setError(null);
      try {
        const page = await call(ROUTES.claims.ofCommunity, {
          params: { id: communityId },
          query: { status, taskId, from, to, cursor: after ?? undefined, limit: 50 },
        });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [communityId, status, taskId, from, to],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, hasMore: cursor !== null, more: () => load(cursor), reload: () => load(null) };
}

/** The community's latest tasks, for the task filter. */
export function useCommunityTasks(communityId: number | null): TaskDto[] {
  const [tasks, setTasks] = useState<TaskDto[]>([]);
  useEffect(() => {
    if (communityId === null) return;
    call(ROUTES.tasks.ofCommunity, { params: { id: communityId }, query: { limit: 100 } }).then(
      (page) => setTasks(page.items),
      () => setTasks([]),
    );
  }, [communityId]);
  return tasks;
}
