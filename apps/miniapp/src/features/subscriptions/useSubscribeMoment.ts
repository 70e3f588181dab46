import { useEffect } from 'react';
import type { SubscribeMoment } from '@sbd/contracts';
import { prepareSubscribe } from './subscribe';

/** Fetches the moment's templates when the page opens, so a tap can show WeChat's dialog at once. */
export function useSubscribeMoment(moment: SubscribeMoment, active = true): void {
  useEffect(() => {
    if (active) void prepareSubscribe(moment);
  }, [moment, active]);
}
