import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { HeldSignup } from '@sbd/domain';
import { heldSignups } from '@/features/loop/loop';
import { attempt } from '@/platform/request';
import { myClaims } from './service';

/**
 * The member's live sign-ups (read each time the page shows), for the claim rule to show a time
 * clash before the tap; null until they are known. Quiet: without them the API still refuses the
 * clash when claiming.
 */
export function useHeldSignups(active: boolean): HeldSignup[] | null {
  const [held, setHeld] = useState<HeldSignup[] | null>(null);
  const load = useCallback(() => {
    if (!active) return;
    void attempt(myClaims({ limit: 50 })).then((r) => {
      // Unknown after a failure: none, and the API refuses a clash when claiming.
      setHeld(r.ok ? heldSignups(r.data.items, Date.now()) : []);
    });
  }, [active]);
  // On the first show (and once signed in), and each time the page shows again.
  useEffect(load, [load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load();
    shown.current = true;
  });
  return held;
}
