import { ROUTES, type MemberRecordDto, type MemberRecordFilter, type RosterEntryDto } from '@sbd/contracts';
import { useMemo } from 'react';
import { call } from '@/platform/api';
import { useKeysetPage } from '@/platform/use-keyset-page';

// Each fetcher is memoised over `version` as well: a new version (after an upload) is a new
// fetcher, so useKeysetPage reloads the first page.

/** The unit's roster, with each entry's match status; `version` changes after an upload. */
export function useRoster(unitId: number | null, version: number) {
  const fetchPage = useMemo(
    () =>
      unitId === null
        ? null
        : (cursor: string | undefined) =>
            call(ROUTES.rosters.list, { params: { id: unitId }, query: { cursor, limit: 100 } }),
    [unitId, version],
  );
  return useKeysetPage<RosterEntryDto>(fetchPage);
}

/** The unit's member records (报回单位), filtered by one flag or the honours. */
export function useMemberRecords(unitId: number | null, flag: MemberRecordFilter | undefined, version: number) {
  const fetchPage = useMemo(
    () =>
      unitId === null
        ? null
        : (cursor: string | undefined) =>
            call(ROUTES.rosters.memberRecords, { params: { id: unitId }, query: { flag, cursor, limit: 100 } }),
    [unitId, flag, version],
  );
  return useKeysetPage<MemberRecordDto>(fetchPage);
}
