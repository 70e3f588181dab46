import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { HeldSignup } from '@sbd/domain';
import { heldSignups } from '@/features/loop/loop';
import { attempt } from '@/platform/request';
import { myClaims } from './service';

/**
 * The member's live sign-ups (read each time the page shows), for the claim rule to show a time
 * clash before the tap. Quiet: without them the API still refuses the clash when claiming.
 */
export function useHeldSignups(active: boolean): HeldSignup[] {
  const [held, setHeld] = useState<HeldSignup[]>([]);
  useDidShow(() => {
    if (!active) return;
    void attempt(myClaims({ limit: 50 })).then((r) => {
      if (r.ok) setHeld(heldSignups(r.data.items, Date.now()));
    });
  });
  return held;
}
