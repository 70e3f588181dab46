import { ClaimAction, ClaimStatus, type ClaimDto } from '@sbd/contracts';
import { checkInOpensAt, claimMachine, withdrawDeadline } from '@sbd/domain';
import { fromDbDate } from '../../platform/database/sql';
import { mapPosition } from '../tasks/map-position';
import type { ClaimTaskView } from '../tasks/task-hooks';
import { ClaimEntity } from './entities/claim.entity';

/** What a claim's DTO shows of its task (defined by tasks). */
export type { ClaimTaskView } from '../tasks/task-hooks';

/** What a claim's DTO shows besides the claim row and its task. */
export interface ClaimExtras {
  memberName: string;
  branchName: string | null;
  rating: { score: number; comment: string | null; raterUserId: number; createdAt: Date } | null;
  points: number | null;
  /** 1-based place in the task's waitlist, for a waitlisted claim. */
  waitlistPosition: number | null;
}

const MEMBER_ACTIONS = [ClaimAction.Withdraw, ClaimAction.CheckIn, ClaimAction.CheckOut];
const STAFF_ACTIONS = [ClaimAction.Verify, ClaimAction.Reject, ClaimAction.MarkNoShow];

/**
 * The one place a claim becomes a DTO. `own`: the viewer is the member; `staff`: the viewer
 * administers the task's community (and is not the member: nobody verifies their own hours), and
 * sees the task's exact map position (everyone else a rounded one). `checkinEarlyMinutes`: the
 * configured CHECKIN_EARLY_MINUTES.
 */
export function toClaimDto(
  c: ClaimEntity,
  t: ClaimTaskView,
  x: ClaimExtras,
  viewer: { own: boolean; staff: boolean },
  checkinEarlyMinutes: number,
): ClaimDto {
  const position = mapPosition(t.latitude, t.longitude, viewer.staff);
  return {
    id: c.id,
    taskId: c.taskId,
    taskTitle: t.title,
    taskStartAt: t.startsAt.toISOString(),
    taskEndAt: t.endsAt.toISOString(),
    taskPlace: t.place,
    taskLatitude: position.latitude,
    taskLongitude: position.longitude,
    checkInOpensAt: new Date(checkInOpensAt(t.startsAt, checkinEarlyMinutes)).toISOString(),
    userId: c.memberUserId,
    memberName: x.memberName,
    branchId: c.branchId,
    branchName: c.branchId ? x.branchName : null,
    claimedByUserId: c.claimedById,
    status: c.status,
    waitlistPosition: c.status === ClaimStatus.Waitlisted ? x.waitlistPosition : null,
    holdExpiresAt: c.holdExpiresAt?.toISOString() ?? null,
    withdrawDeadline: new Date(
      withdrawDeadline({ startAt: t.startsAt, withdrawCutoffMinutes: t.withdrawCutoffMinutes }),
    ).toISOString(),
    claimedAt: c.claimedAt.toISOString(),
    checkInAt: c.checkedInAt?.toISOString() ?? null,
    checkOutAt: c.checkedOutAt?.toISOString() ?? null,
    creditedHours: c.checkedOutAt ? c.creditHalfHours / 2 : null,
    verifiedByUserId: c.verifiedById,
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    rejectReason: c.rejectReason,
    serviceRating: x.rating
      ? {
          score: x.rating.score,
          comment: x.rating.comment,
          ratedByUserId: x.rating.raterUserId,
          ratedAt: x.rating.createdAt.toISOString(),
        }
      : null,
    pointsAwarded: x.points,
    allowedActions: claimMachine
      .allowedActions(c.status)
      .filter(
        (a) => (viewer.own && MEMBER_ACTIONS.includes(a)) || (viewer.staff && !viewer.own && STAFF_ACTIONS.includes(a)),
      ),
  };
}

/**
 * SQL for a waitlisted claim `c`'s 1-based place in its task's queue. The queue is first come,
 * first served by the time of joining (claimed_at, then id), as `promoteWaitlist` takes it: a
 * member who withdrew and joins again queues behind everyone already waiting, although their
 * claim row is reused.
 */
export const WAITLIST_POSITION_SQL = `(SELECT COUNT(*) FROM claims w WHERE w.task_id = c.task_id AND w.status = 'waitlisted'
  AND (w.claimed_at < c.claimed_at OR (w.claimed_at = c.claimed_at AND w.id <= c.id)))`;

/**
 * Claims with everything their DTOs show besides the task, in one statement: `c_`-prefixed
 * columns, read back by `claimFromRow`. The caller appends the WHERE clause on the claims `c`.
 */
export const CLAIM_VIEW_SELECT = `SELECT c.id AS c_id, c.task_id AS c_task_id, c.member_user_id AS c_member_user_id, c.registration_id AS c_registration_id,
    c.branch_id AS c_branch_id, c.claimed_by_id AS c_claimed_by_id, c.status AS c_status, c.starts_at AS c_starts_at, c.ends_at AS c_ends_at,
    c.checked_in_at AS c_checked_in_at, c.checked_out_at AS c_checked_out_at, c.checkin_method AS c_checkin_method,
    c.credit_half_hours AS c_credit_half_hours, c.verified_by_id AS c_verified_by_id, c.verified_at AS c_verified_at,
    c.reject_reason AS c_reject_reason, c.hold_expires_at AS c_hold_expires_at, c.claimed_at AS c_claimed_at, c.updated_at AS c_updated_at,
    u.name AS c_member_name, b.name AS c_branch_name,
    r.score AS c_rating_score, r.comment AS c_rating_comment, r.rater_user_id AS c_rating_rater, r.created_at AS c_rating_at,
    (SELECT SUM(pl.delta) FROM points_ledger pl WHERE pl.claim_id = c.id) AS c_points,
    CASE WHEN c.status = 'waitlisted' THEN ${WAITLIST_POSITION_SQL} ELSE NULL END AS c_queue
  FROM claims c
  LEFT JOIN users u ON u.id = c.member_user_id
  LEFT JOIN org_nodes b ON b.id = c.branch_id
  LEFT JOIN ratings r ON r.claim_id = c.id`;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A row of CLAIM_VIEW_SELECT (either driver) as the claim and its extras; null for a row without a claim. */
export function claimFromRow(r: Row): { claim: ClaimEntity; extras: ClaimExtras } | null {
  if (r.c_id === null || r.c_id === undefined) return null;
  const c = new ClaimEntity();
  Object.assign(c, {
    id: Number(r.c_id),
    taskId: Number(r.c_task_id),
    memberUserId: Number(r.c_member_user_id),
    registrationId: Number(r.c_registration_id),
    branchId: num(r.c_branch_id),
    claimedById: Number(r.c_claimed_by_id),
    status: r.c_status as ClaimStatus,
    startsAt: fromDbDate(r.c_starts_at)!,
    endsAt: fromDbDate(r.c_ends_at)!,
    checkedInAt: fromDbDate(r.c_checked_in_at),
    checkedOutAt: fromDbDate(r.c_checked_out_at),
    checkinMethod: r.c_checkin_method ?? null,
    creditHalfHours: Number(r.c_credit_half_hours),
    verifiedById: num(r.c_verified_by_id),
    verifiedAt: fromDbDate(r.c_verified_at),
    rejectReason: (r.c_reject_reason as string | null) ?? null,
    holdExpiresAt: fromDbDate(r.c_hold_expires_at),
    claimedAt: fromDbDate(r.c_claimed_at)!,
    updatedAt: fromDbDate(r.c_updated_at)!,
  });
  return {
    claim: c,
    extras: {
      memberName: String(r.c_member_name ?? ''),
      branchName: (r.c_branch_name as string | null) ?? null,
      rating:
        r.c_rating_score === null || r.c_rating_score === undefined
          ? null
          : {
              score: Number(r.c_rating_score),
              comment: (r.c_rating_comment as string | null) ?? null,
              raterUserId: Number(r.c_rating_rater),
              createdAt: fromDbDate(r.c_rating_at)!,
            },
      points: num(r.c_points),
      waitlistPosition: num(r.c_queue),
    },
  };
}

/** The viewer's own claims among rows of CLAIM_VIEW_SELECT, as DTOs keyed by task id, for the tasks given. */
export function ownClaimDtos(
  rows: Row[],
  tasks: Map<number, ClaimTaskView>,
  checkinEarlyMinutes: number,
): Map<number, ClaimDto> {
  const out = new Map<number, ClaimDto>();
  for (const row of rows) {
    const own = claimFromRow(row);
    const task = own && tasks.get(own.claim.taskId);
    if (own && task) {
      const dto = toClaimDto(own.claim, task, own.extras, { own: true, staff: false }, checkinEarlyMinutes);
      out.set(own.claim.taskId, dto);
    }
  }
  return out;
}
