import { ROUTES, type RegistrationStatus } from '@sbd/contracts';
import { useMemo } from 'react';
import { call } from '@/platform/api';
import { useKeysetPage } from '@/platform/use-keyset-page';

/** One community's registrations with a status filter, loaded page by page (keyset cursor). */
export function useRegistrations(communityId: number | null, status: RegistrationStatus | undefined) {
  const fetchPage = useMemo(
    () =>
      communityId === null
        ? null
        : (cursor: string | undefined) =>
            call(ROUTES.registrations.ofCommunity, {
              params: { id: communityId },
              query: { status, cursor, limit: 50 },
            }),
    [communityId, status],
  );
  return useKeysetPage(fetchPage);
}
