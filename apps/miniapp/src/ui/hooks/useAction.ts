import { useCallback, useRef, useState } from 'react';
import { toast } from '@/platform/feedback';
import { attempt, showErrorToast, type ApiError, type Result } from '@/platform/request';

export interface ActionOptions<T, K extends string> {
  /** Which action is running (several buttons on one card); `busy` holds it meanwhile. */
  key?: K;
  /** Toast when the call succeeded: a fixed text or one made from the answer (empty: none). */
  success?: string | ((data: T) => string | null | undefined);
  /** Icon of the success toast (default 'success'). */
  icon?: 'success' | 'none';
  /**
   * Toast the error's Chinese message (default true). The request layer usually toasted it
   * already; identical messages within 1.5 s are shown once, so this never doubles up. Pass false
   * when the page shows the error itself (inline field errors).
   */
  errorToast?: boolean;
  onSuccess?: (data: T) => void;
  onError?: (error: ApiError) => void;
}

export interface Action<K extends string> {
  /** Key of the running action ('busy' when run without one), '' when idle. */
  busy: K | 'busy' | '';
  /**
   * Runs `call` unless an action of this hook is still running (a double tap): sets `busy`, awaits
   * the call as a Result, clears `busy`, then toasts and calls onSuccess / onError. Resolves to the
   * Result, or null when the tap was ignored.
   */
  run: <T>(call: () => Promise<T>, opts?: ActionOptions<T, K>) => Promise<Result<T> | null>;
}

/** The busy flag / attempt / toast sequence of a button that calls the API. */
export function useAction<K extends string = never>(): Action<K> {
  const [busy, setBusy] = useState<K | 'busy' | ''>('');
  const running = useRef(false);

  const run = useCallback(
    async <T>(call: () => Promise<T>, opts: ActionOptions<T, K> = {}): Promise<Result<T> | null> => {
      if (running.current) return null;
      running.current = true;
      setBusy(opts.key ?? 'busy');
      let r: Result<T>;
      try {
        r = await attempt(Promise.resolve().then(call));
      } finally {
        running.current = false;
        setBusy('');
      }
      if (r.ok) {
        const text = typeof opts.success === 'function' ? opts.success(r.data) : opts.success;
        if (text) toast(text, opts.icon ?? 'success');
        opts.onSuccess?.(r.data);
      } else {
        if (opts.errorToast !== false) showErrorToast(r.error.message);
        opts.onError?.(r.error);
      }
      return r;
    },
    [],
  );

  return { busy, run };
}
