import { NeedAction, ROUTES, type NeedDto } from '@sbd/contracts';
import { call } from '@/platform/api';

/** The staff actions the board offers; the API's allowedActions decides which show on a need. */
export const BOARD_ACTIONS: NeedAction[] = [
  NeedAction.Release,
  NeedAction.Accept,
  NeedAction.Reject,
  NeedAction.Merge,
  NeedAction.Fulfil,
];

export function boardActions(need: NeedDto): NeedAction[] {
  return BOARD_ACTIONS.filter((a) => need.allowedActions.includes(a));
}

/** Runs one action on a need: reject needs a reason, merge a target. */
export function runAction(id: number, action: NeedAction, input: { reason?: string; targetNeedId?: number }) {
  switch (action) {
    case NeedAction.Release:
      return call(ROUTES.needs.release, { params: { id }, body: {} });
    case NeedAction.Accept:
      return call(ROUTES.needs.accept, { params: { id }, body: {} });
    case NeedAction.Reject:
      return call(ROUTES.needs.reject, { params: { id }, body: { reason: input.reason ?? '' } });
    case NeedAction.Merge:
      return call(ROUTES.needs.merge, { params: { id }, body: { targetNeedId: input.targetNeedId ?? 0 } });
    case NeedAction.Fulfil:
      return call(ROUTES.needs.fulfil, { params: { id }, body: {} });
    default:
      throw new Error('该操作不能在此处进行');
  }
}
