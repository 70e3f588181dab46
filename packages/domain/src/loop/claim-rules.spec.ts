import { ClaimStatus } from '@sbd/contracts';
import {
  canWithdraw,
  holdExpiresAt,
  isHoldExpired,
  placeClaim,
  whyCannotWithdraw,
  windowsOverlap,
  withdrawDeadline,
} from './claim-rules';

const H = 3_600_000;
const M = 60_000;
const start = Date.UTC(2025, 5, 1, 1, 0); // 2025-06-01 09:00 Beijing
const task = { startAt: new Date(start) };

describe('withdrawal cut-off', () => {
  it('defaults to two hours before the start', () => {
    expect(withdrawDeadline(task)).toBe(start - 2 * H);
  });
  it('allows withdrawing strictly before the deadline', () => {
    expect(canWithdraw(start - 2 * H - 1, task)).toBe(true);
    expect(canWithdraw(start - 2 * H, task)).toBe(false);
    expect(canWithdraw(new Date(start + H), task)).toBe(false);
  });
  it('takes the task’s own cut-off, including zero', () => {
    expect(canWithdraw(start - 1, { startAt: start, withdrawCutoffMinutes: 0 })).toBe(true);
    expect(canWithdraw(start, { startAt: start, withdrawCutoffMinutes: 0 })).toBe(false);
    expect(canWithdraw(start - 23 * H, { startAt: start, withdrawCutoffMinutes: 24 * 60 })).toBe(false);
    expect(() => withdrawDeadline({ startAt: start, withdrawCutoffMinutes: -5 })).toThrow(RangeError);
  });
  it('explains refusals in Chinese', () => {
    expect(whyCannotWithdraw(ClaimStatus.Claimed, start - 3 * H, task)).toBeNull();
    expect(whyCannotWithdraw(ClaimStatus.Claimed, start - H, task)).toBe('活动开始前2小时内不能退出报名，请联系社区');
    expect(whyCannotWithdraw(ClaimStatus.Claimed, start - 10 * M, { startAt: start, withdrawCutoffMinutes: 45 })).toBe(
      '活动开始前45分钟内不能退出报名，请联系社区',
    );
    expect(whyCannotWithdraw(ClaimStatus.Waitlisted, start + H, task)).toBeNull();
    expect(whyCannotWithdraw(ClaimStatus.CheckedIn, start - 3 * H, task)).toBe('报名已签到，不能退出报名');
  });
});

describe('holds', () => {
  it('expire CLAIM_HOLD_MINUTES after they are made', () => {
    expect(holdExpiresAt(start)).toBe(start + 2 * H);
    expect(holdExpiresAt(new Date(start), 15)).toBe(start + 15 * M);
    expect(isHoldExpired(start + 2 * H - 1, start + 2 * H - 2)).toBe(false);
    expect(isHoldExpired(start, start)).toBe(true);
    expect(isHoldExpired(null, start)).toBe(false);
    expect(isHoldExpired(undefined, start)).toBe(false);
  });
});

describe('placeClaim', () => {
  it.each([
    [{ capacity: 3, taken: 2, waitlist: false }, ClaimStatus.Claimed],
    [{ capacity: 3, taken: 3, waitlist: true }, ClaimStatus.Waitlisted],
    [{ capacity: 3, taken: 3, waitlist: false }, null],
    [{ capacity: 0, taken: 0, waitlist: false }, null],
    [{ capacity: 3, taken: 5, waitlist: true }, ClaimStatus.Waitlisted],
  ])('%j → %s', (input, expected) => expect(placeClaim(input)).toBe(expected));
});

describe('windowsOverlap', () => {
  it.each([
    [9, 10, 10, 11, false],
    [9, 11, 10, 12, true],
    [10, 12, 9, 11, true],
    [9, 12, 10, 11, true],
    [9, 10, 11, 12, false],
    [9, 10, 9, 10, true],
  ])('%i–%i vs %i–%i → %s', (a, b, c, d, expected) => {
    expect(windowsOverlap({ start: a * H, end: b * H }, { start: new Date(c * H), end: d * H })).toBe(expected);
  });
});
