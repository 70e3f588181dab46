import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { attempt } from '@/platform/request';
import { stopPullDown } from '@/platform/feedback';
import type { LoadState } from './usePaged';

export interface Loaded<T> {
  data: T | null;
  state: LoadState;
  error: string;
  reload: () => Promise<void>;
  /** Show what an action answered, without waiting for a reload. */
  setData: (data: T) => void;
}

/**
 * What a page shows (a task, a need, my hours): loaded when the page shows and on pull-down, while
 * `active` (signed in, or holding the right role). A failed reload keeps what is already on the
 * screen; a failed first load is the error state. `invalid`: the page was opened without a usable
 * id, so nothing is requested and this message is shown.
 */
export function useLoaded<T>(fetch: () => Promise<T>, opts: { active: boolean; invalid?: string | null }): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const invalid = opts.invalid ?? null;

  const reload = async () => {
    if (invalid) {
      setError(invalid);
      setState('error');
      return;
    }
    const r = await attempt(fetchRef.current());
    if (!r.ok) {
      setError(r.error.message);
      setState((s) => (s === 'ready' ? s : 'error'));
      return;
    }
    setData(r.data);
    setState('ready');
  };

  useDidShow(() => {
    if (opts.active) void reload();
  });
  usePullDownRefresh(() => void reload().finally(stopPullDown));

  return { data, state, error, reload, setData };
}

/** The message for a page opened with an id that is not a positive integer, else null. */
export function invalidId(id: number, message: string): string | null {
  return Number.isInteger(id) && id > 0 ? null : message;
}
