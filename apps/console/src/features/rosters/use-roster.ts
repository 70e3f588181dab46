import { ROUTES, type MemberRecordDto, type MemberRecordFilter, type RosterEntryDto } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/platform/api';

interface Paged<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  more: () => Promise<void>;
  reload: () => Promise<void>;
}

/** A keyset-paginated list of one unit, reloaded when its inputs change. */
function usePaged<T>(
  unitId: number | null,
  version: number,
  fetchPage: (unitId: number, cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      if (unitId === null) return;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(unitId, from ?? undefined);
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [unitId, fetchPage],
  );

  useEffect(() => {
    void load(null);
  }, [load, version]);

  return { items, loading, error, hasMore: cursor !== null, more: () => load(cursor), reload: () => load(null) };
}

const rosterPage = (id: number, cursor: string | undefined) =>
  call(ROUTES.rosters.list, { params: { id }, query: { cursor, limit: 100 } });

/** The unit's roster, with each entry's match status; `version` changes after an upload. */
export function useRoster(unitId: number | null, version: number): Paged<RosterEntryDto> {
  return usePaged(unitId, version, rosterPage);
}

/** The unit's member records (报回单位), filtered by one flag or the honours. */
export function useMemberRecords(
  unitId: number | null,
  flag: MemberRecordFilter | undefined,
  version: number,
): Paged<MemberRecordDto> {
  const fetchPage = useCallback(
    (id: number, cursor: string | undefined) =>
      call(ROUTES.rosters.memberRecords, { params: { id }, query: { flag, cursor, limit: 100 } }),
    [flag],
  );
  return usePaged(unitId, version, fetchPage);
}
