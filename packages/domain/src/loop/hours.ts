import { toMs, type Instant, type TimeWindow } from './time';

const HALF_HOUR_MS = 1_800_000;

/**
 * Credit hours of one service (DOMAIN §6): the time between check-in and check-out that lies
 * inside the task window, rounded DOWN to the half hour; never negative (0 when check-out is not
 * after check-in or the service lies outside the window). Dates or epoch ms.
 */
export function creditedHours(window: TimeWindow, checkIn: Instant, checkOut: Instant): number {
  const from = Math.max(toMs(window.start, 'window start'), toMs(checkIn, 'check-in'));
  const to = Math.min(toMs(window.end, 'window end'), toMs(checkOut, 'check-out'));
  if (to <= from) return 0;
  return Math.floor((to - from) / HALF_HOUR_MS) / 2;
}

/** Sum of hours, kept exact for half-hour multiples. */
export function totalHours(hours: readonly number[]): number {
  return hours.reduce((acc, h) => acc + h, 0);
}
