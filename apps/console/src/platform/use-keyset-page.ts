import type { Page } from '@sbd/contracts';
import { useCallback, useEffect, useState } from 'react';

/** Fetches one page after `cursor` (undefined: the first page). */
export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * A list loaded page by page with a keyset cursor: the first page whenever `fetchPage` changes
 * (memoise it with useCallback over the filters), then `more()` appends the next one. A null
 * `fetchPage` (nothing chosen yet) loads nothing and keeps what was there.
 */
export function useKeysetPage<T>(fetchPage: FetchPage<T> | null) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      if (fetchPage === null) return;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(after ?? undefined);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, hasMore: cursor !== null, more: () => load(cursor), reload: () => load(null) };
}
