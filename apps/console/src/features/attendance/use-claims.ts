import { ROUTES, type ClaimDto, type CommunityClaimListQuery, type TaskDto } from '@sbd/contracts';
import { useEffect, useMemo, useState } from 'react';
import { call } from '@/platform/api';
import { useKeysetPage } from '@/platform/use-keyset-page';

export type ClaimFilters = Omit<CommunityClaimListQuery, 'cursor' | 'limit'>;

/** A community's claims with filters, loaded 50 at a time (keyset cursor), newest first. */
export function useCommunityClaims(communityId: number | null, filters: ClaimFilters) {
  const { status, taskId, from, to } = filters;
  const fetchPage = useMemo(
    () =>
      communityId === null
        ? null
        : (cursor: string | undefined) =>
            call(ROUTES.claims.ofCommunity, {
              params: { id: communityId },
              query: { status, taskId, from, to, cursor, limit: 50 },
            }),
    [communityId, status, taskId, from, to],
  );
  return useKeysetPage<ClaimDto>(fetchPage);
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
