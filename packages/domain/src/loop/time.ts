/** A moment as a Date or epoch milliseconds. */
export type Instant = Date | number;

/** Epoch milliseconds of an instant; throws RangeError for invalid dates and non-finite numbers. */
export function toMs(value: Instant, what = 'time'): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError(`invalid ${what}`);
  return ms;
}

export interface TimeWindow {
  start: Instant;
  end: Instant;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Asia/Shanghai has no daylight saving: UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/**
 * The wall clock in China at an instant, as a Date whose UTC fields read China time
 * (getUTCFullYear/Month/Date/Hours/Minutes), whatever the server's time zone.
 */
export function chinaClock(at: Instant): Date {
  return new Date(toMs(at) + CHINA_OFFSET_MS);
}

const pad2 = (x: number) => String(x).padStart(2, '0');

/** "HH:mm" in China time. */
export function chinaHourMinute(at: Instant): string {
  const c = chinaClock(at);
  return `${pad2(c.getUTCHours())}:${pad2(c.getUTCMinutes())}`;
}

/** "YYYY-MM-DD HH:mm" in China time. */
export function chinaDateTime(at: Instant): string {
  const c = chinaClock(at);
  return `${c.getUTCFullYear()}-${pad2(c.getUTCMonth() + 1)}-${pad2(c.getUTCDate())} ${chinaHourMinute(at)}`;
}

/** "6月1日 08:30" in China time. */
export function chinaMonthDayTime(at: Instant): string {
  const c = chinaClock(at);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${chinaHourMinute(at)}`;
}

/** The China-time calendar day as a number, e.g. 20261122. */
export function chinaDayNumber(at: Instant): number {
  const c = chinaClock(at);
  return c.getUTCFullYear() * 10000 + (c.getUTCMonth() + 1) * 100 + c.getUTCDate();
}
