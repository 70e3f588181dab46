import type { NeedSummaryDto, OverdueNeedDto } from '@sbd/contracts';
import type { SummaryPeriod } from './dto/list-needs.query';

export type { NeedSummaryDto, OverdueNeedDto };

/** China Standard Time has been UTC+8 all year since 1991: no daylight saving to handle. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Needs submitted longer ago than this and still not accepted are flagged (超时未受理). */
export const ACCEPT_WITHIN_HOURS = 48;
/** The overdue list is cut here (oldest first); `overdueCount` still counts them all. */
export const OVERDUE_LIST_MAX = 100;

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The period (Asia/Shanghai calendar) containing `date`: the day; the week from Monday to
 * Sunday; the calendar month. Null when `date` is not a real calendar day.
 */
export function periodRange(period: SummaryPeriod, date: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utcMidnight = Date.UTC(y, mo - 1, d);
  const check = new Date(utcMidnight);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    y < 2000 ||
    y > 2999
  )
    return null;
  const startOfDay = utcMidnight - CST_OFFSET_MS;
  switch (period) {
    case 'day':
      return { from: new Date(startOfDay), to: new Date(startOfDay + DAY_MS) };
    case 'week': {
      const sinceMonday = (check.getUTCDay() + 6) % 7;
      const monday = startOfDay - sinceMonday * DAY_MS;
      return { from: new Date(monday), to: new Date(monday + 7 * DAY_MS) };
    }
    case 'month':
      return {
        from: new Date(Date.UTC(y, mo - 1, 1) - CST_OFFSET_MS),
        to: new Date(Date.UTC(y, mo, 1) - CST_OFFSET_MS),
      };
  }
}
