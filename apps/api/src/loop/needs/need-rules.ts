import { NeedAction, Role } from '@sbd/contracts';
import type { Principal } from '../../platform/auth/principal';
import type { NeedEntity } from './entities/need.entity';

/** The mini-program page of one need (opened from notifications). */
export const NEED_PAGE_PATH = 'packageResident/pages/need/index';
/** Who may post in a community as a resident (点单). */
export const POSTERS = [Role.Resident, Role.Member];
/** Triage (下单) decisions: the community's own staff only. */
export const TRIAGERS = [Role.CommunityAdmin];
export const STAFF_ACTIONS: readonly NeedAction[] = [
  NeedAction.Release,
  NeedAction.Accept,
  NeedAction.Reject,
  NeedAction.Merge,
  NeedAction.Fulfil,
];

/** The resident who posted the need, or the staff member who posted it for them (代点单). */
export function isNeedOwner(p: Principal, need: NeedEntity): boolean {
  return need.residentUserId === p.userId || (need.proxy && need.createdById === p.userId);
}
