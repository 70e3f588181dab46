import { NEED_ACTION_LABELS, NEED_STATUS_LABELS, NeedAction, NeedStatus } from '@sbd/contracts';
import { defineMachine } from './state-machine';

const S = NeedStatus;
const A = NeedAction;

/**
 * 点单 (DOMAIN §5.1).
 *
 *   held      --release-->  submitted      (staff review passes content the automatic check could not)
 *   held      --reject--->  rejected
 *   held      --withdraw->  withdrawn      (the resident may take back what is still under review)
 *   submitted --accept--->  accepted
 *   submitted --reject--->  rejected       (reason required by the API)
 *   submitted --merge---->  merged         (into another need: "同一件事")
 *   submitted --withdraw->  withdrawn
 *   accepted  --fulfil--->  fulfilled      (its task completes, or staff close it)
 *   accepted  --withdraw->  withdrawn      (the problem went away; staff are told)
 *   fulfilled --rate----->  rated          (the resident is satisfied it was dealt with)
 *   fulfilled --reopen--->  accepted       ("没解决")
 *
 * Terminal: rejected, merged, withdrawn, rated.
 */
export const needMachine = defineMachine<NeedStatus, NeedAction>({
  name: '需求',
  states: NEED_STATUS_LABELS,
  actionLabels: NEED_ACTION_LABELS,
  statePhrases: {
    [S.Held]: '正在审核',
    [S.Submitted]: '尚未受理',
    [S.Rejected]: '未被受理',
    [S.Fulfilled]: '已办结',
  },
  transitions: [
    { action: A.Release, from: [S.Held], to: S.Submitted },
    { action: A.Accept, from: [S.Submitted], to: S.Accepted },
    { action: A.Reject, from: [S.Held, S.Submitted], to: S.Rejected },
    { action: A.Merge, from: [S.Submitted], to: S.Merged },
    { action: A.Withdraw, from: [S.Held, S.Submitted, S.Accepted], to: S.Withdrawn },
    { action: A.Fulfil, from: [S.Accepted], to: S.Fulfilled },
    { action: A.Rate, from: [S.Fulfilled], to: S.Rated },
    { action: A.Reopen, from: [S.Fulfilled], to: S.Accepted },
  ],
});

/** Needs others may see (held ones wait for content review). */
export const PUBLIC_NEED_STATUSES: readonly NeedStatus[] = [S.Submitted, S.Accepted, S.Fulfilled, S.Rated];

/** Needs still being dealt with: candidates for "同一件事 +1" and for linking to a task. */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = [S.Submitted, S.Accepted];
