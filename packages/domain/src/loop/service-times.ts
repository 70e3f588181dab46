import { CHECKIN_EARLY_MINUTES } from '@sbd/contracts';
import { formatMinutes } from './claim-rules';
import { chinaMonthDayTime, MINUTE_MS, toMs, type Instant, type TimeWindow } from './time';

/*
 * When each part of a service record may be written, so that a record says what happened:
 * check-in from `earlyMinutes` before the start until the end, check-out not before the check-in,
 * and the community's verification and everyone's ratings only once the service has ended.
 * Each `whyCannot…` answers null when the step is allowed at `now`, else the reason in Chinese;
 * the API refuses with it (409) and the mini-program shows it beside the disabled button.
 */

/** The first moment check-in is open (epoch ms): `earlyMinutes` before the start. */
export function checkInOpensAt(start: Instant, earlyMinutes = CHECKIN_EARLY_MINUTES): number {
  if (!Number.isFinite(earlyMinutes) || earlyMinutes < 0) throw new RangeError('invalid early minutes');
  return toMs(start, 'start') - earlyMinutes * MINUTE_MS;
}

/** Whether check-in is open at `now`: from `earlyMinutes` before the window starts until it ends. */
export function checkInOpen(now: Instant, window: TimeWindow, earlyMinutes = CHECKIN_EARLY_MINUTES): boolean {
  const t = toMs(now, 'now');
  return t >= checkInOpensAt(window.start, earlyMinutes) && t <= toMs(window.end, 'end');
}

/** Null when a member may check in at `now`, else why not. */
export function whyCannotCheckIn(
  now: Instant,
  window: TimeWindow,
  earlyMinutes = CHECKIN_EARLY_MINUTES,
): string | null {
  const t = toMs(now, 'now');
  const opens = checkInOpensAt(window.start, earlyMinutes);
  if (t < opens) {
    return `还没到签到时间，活动开始前${formatMinutes(earlyMinutes)}起可签到（${chinaMonthDayTime(opens)}起）`;
  }
  if (t > toMs(window.end, 'end')) return '活动已结束，不能签到';
  return null;
}

/** Null when a member checked in at `checkedInAt` may check out at `now`, else why not. */
export function whyCannotCheckOut(now: Instant, checkedInAt: Instant | null | undefined): string | null {
  if (checkedInAt === null || checkedInAt === undefined) return '还没有签到，不能签退';
  if (toMs(now, 'now') < toMs(checkedInAt, 'check-in')) return '签退时间不能早于签到时间';
  return null;
}

/** Whether the service of a window ending at `end` is over at `now` (the end itself counts as over). */
export function serviceEnded(now: Instant, end: Instant): boolean {
  return toMs(now, 'now') >= toMs(end, 'end');
}

/** Null when staff may verify (核验) hours of a service ending at `end`, else why not. */
export function whyCannotVerify(now: Instant, end: Instant): string | null {
  return serviceEnded(now, end) ? null : `服务还没结束（${chinaMonthDayTime(end)}结束），结束后才能核验服务时长`;
}

/** Null when a service ending at `end` may be rated (评价) at `now`, else why not. */
export function whyCannotRate(now: Instant, end: Instant): string | null {
  return serviceEnded(now, end) ? null : `服务还没结束（${chinaMonthDayTime(end)}结束），结束后才能评价`;
}
