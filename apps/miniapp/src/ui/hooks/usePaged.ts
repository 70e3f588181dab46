import { useRef, useState } from 'react';
import type { Page } from '@sbd/contracts';
import { attempt } from '@/platform/request';

export type LoadState = 'loading' | 'ready' | 'error';

export interface Paged<T> {
  items: T[];
  state: LoadState;
  error: string;
  /** The API's code of the last failure (e.g. FORBIDDEN), for pages that explain it. */
  errorStatus: number;
  hasMore: boolean;
  loadingMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Replace one item in place (after an action on it). */
  update: (match: (item: T) => boolean, next: T) => void;
  setItems: (items: T[]) => void;
}

/**
 * A keyset-paginated list ("加载更多"): a reload drops answers of older requests (filters changed
 * meanwhile), and pages are merged by `keyOf` so an item never shows twice.
 */
export function usePaged<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  keyOf: (item: T) => string | number,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const [errorStatus, setErrorStatus] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const reload = async () => {
    const gen = ++generation.current;
    const r = await attempt(fetchRef.current(null));
    if (gen !== generation.current) return;
    if (!r.ok) {
      setError(r.error.message);
      setErrorStatus(r.error.status);
      setState((s) => (s === 'ready' && items.length ? 'ready' : 'error'));
      return;
    }
    setError('');
    setItems(r.data.items);
    setCursor(r.data.nextCursor);
    setState('ready');
  };

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const gen = generation.current;
    const r = await attempt(fetchRef.current(cursor));
    setLoadingMore(false);
    if (gen !== generation.current || !r.ok) return;
    setItems((prev) => {
      const seen = new Set(prev.map(keyOf));
      return [...prev, ...r.data.items.filter((x) => !seen.has(keyOf(x)))];
    });
    setCursor(r.data.nextCursor);
  };

  const update = (match: (item: T) => boolean, next: T) => setItems((prev) => prev.map((x) => (match(x) ? next : x)));

  return { items, state, error, errorStatus, hasMore: !!cursor, loadingMore, reload, loadMore, update, setItems };
}
