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
