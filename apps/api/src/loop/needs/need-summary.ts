import type { NeedCategory, NeedStatus } from '@sbd/contracts';
import type { SummaryPeriod } from './dto/list-needs.query';

/** China Standard Time has been UTC+8 all year since 1991: no daylight saving to handle. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Needs submitted longer ago than this and still not accepted are flagged (超时未受理). */
export const ACCEPT_WITHIN_HOURS = 48;
/** The overdue list is cut here (oldest first); `overdueCount` still counts them all. */
export const OVERDUE_LIST_MAX = 100;

export interface OverdueNeedDto {
  id: number;
  title: string;
  category: NeedCategory;
  status: NeedStatus;
  buildingId: number | null;
  createdAt: string;
  /** Whole hours since it was posted. */
  hoursWaiting: number;
}

/** 日汇总 / 周研判 / 月总结 of one community's needs. */
export interface NeedSummaryDto {
  communityId: number;
  period: SummaryPeriod;
  /** The day asked about (Asia/Shanghai), YYYY-MM-DD. */
  date: string;
  /** Start of the period (inclusive), ISO. */
  from: string;
  /** End of the period (exclusive), ISO. */
  to: string;
  /** Needs posted in the period. */
  total: number;
  /** Needs posted in the period, by category (every category present, zeros included). */
  byCategory: Record<NeedCategory, number>;
  /** Needs posted in the period, by their current status (every status present). */
  byStatus: Record<NeedStatus, number>;
  /** Needs waiting for the community (held or submitted) for more than 48 hours, now. */
  overdueCount: number;
  overdue: OverdueNeedDto[];
}

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
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 2000 || y > 2999) return null;
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
      return { from: new Date(Date.UTC(y, mo - 1, 1) - CST_OFFSET_MS), to: new Date(Date.UTC(y, mo, 1) - CST_OFFSET_MS) };
  }
}
