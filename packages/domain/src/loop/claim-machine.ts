import { CLAIM_ACTION_LABELS, CLAIM_STATUS_LABELS, ClaimAction, ClaimStatus } from '@sbd/contracts';
import { defineMachine } from './state-machine';

const S = ClaimStatus;
const A = ClaimAction;

/**
 * 接单 (DOMAIN §5.3, §8).
 *
 *   waitlisted  --promote---->  claimed       (a slot freed up; may start as an unconfirmed hold)
 *   claimed     --check_in--->  checked_in
 *   checked_in  --check_out-->  checked_out
 *   checked_out --verify----->  verified      (by someone other than the member)
 *   checked_out --reject----->  rejected      (reason required)
 *   checked_in  --reject----->  rejected      (never checked out / left early: no hours; 补录 is separate)
 *   claimed     --withdraw--->  withdrawn     (only before the cut-off: see canWithdraw)
 *   waitlisted  --withdraw--->  withdrawn     (any time)
 *   claimed     --mark_no_show> no_show
 *   claimed     --expire----->  expired       (unconfirmed hold lapsed; the slot goes to the waitlist)
 *   waitlisted  --expire----->  expired       (the task ended before a slot freed up)
 *   claimed | waitlisted --cancel--> cancelled (the task was cancelled)
 *
 * Not allowed: checked_in → no_show (a check-in proves presence by code and place; leaving without
 * checking out is a `reject`, not a no-show penalty); checked_in → cancelled (the member is already
 * serving: they check out and are verified or rejected as usual).
 * Terminal: verified, rejected, withdrawn, no_show, expired, cancelled.
 */
export const claimMachine = defineMachine<ClaimStatus, ClaimAction>({
  name: '报名',
  states: CLAIM_STATUS_LABELS,
  actionLabels: CLAIM_ACTION_LABELS,
  statePhrases: {
    [S.Claimed]: '尚未签到',
    [S.Waitlisted]: '还在候补',
    [S.CheckedIn]: '已签到',
    [S.CheckedOut]: '已签退',
    [S.Withdrawn]: '已退出',
    [S.NoShow]: '已记缺席',
    [S.Cancelled]: '所属任务已取消',
  },
  transitions: [
    { action: A.Promote, from: [S.Waitlisted], to: S.Claimed },
    { action: A.CheckIn, from: [S.Claimed], to: S.CheckedIn },
    { action: A.CheckOut, from: [S.CheckedIn], to: S.CheckedOut },
    { action: A.Verify, from: [S.CheckedOut], to: S.Verified },
    { action: A.Reject, from: [S.CheckedIn, S.CheckedOut], to: S.Rejected },
    { action: A.Withdraw, from: [S.Claimed, S.Waitlisted], to: S.Withdrawn },
    { action: A.MarkNoShow, from: [S.Claimed], to: S.NoShow },
    { action: A.Expire, from: [S.Claimed, S.Waitlisted], to: S.Expired },
    { action: A.Cancel, from: [S.Claimed, S.Waitlisted], to: S.Cancelled },
  ],
});
