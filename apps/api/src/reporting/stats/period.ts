import { StatsGranularity } from '@sbd/contracts';
import { badRequest } from '../../platform/errors/app-errors';

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const CST_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
/** The longest period the statistics accept. */
export const MAX_PERIOD_DAYS = 366 * 5;

/**
 * A statistics period: whole Asia/Shanghai days, [from, to) as instants. Day keys are integers
 * yyyymmdd (Shanghai calendar), the unit of the roll-ups.
 */
export interface StatsPeriod {
  from: Date;
  to: Date;
  /** First day, yyyymmdd. */
  fromDay: number;
  /** Last day (inclusive), yyyymmdd. */
  lastDay: number;
  granularity: StatsGranularity;
  /** Set when the period is exactly one calendar year (1 January to 31 December). */
  calendarYear: number | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** yyyymmdd of the Shanghai calendar day containing `at`. */
export function dayKeyOf(at: Date): number {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** The instant a Shanghai day starts. */
export function dayStart(dayKey: number): Date {
  return new Date(
    Date.UTC(Math.floor(dayKey / 10_000), (Math.floor(dayKey / 100) % 100) - 1, dayKey % 100) - CST_OFFSET_MS,
  );
}

export function addDays(dayKey: number, days: number): number {
  return dayKeyOf(new Date(dayStart(dayKey).getTime() + days * DAY_MS));
}

/** 20260315 → "2026-03-15". */
export function dayLabel(dayKey: number): string {
  const s = String(dayKey);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function parseDay(value: string, field: 'from' | 'to'): number {
  const m = DATE.exec(value);
  const bad = () => badRequest(`${field === 'from' ? '开始日期' : '结束日期'}格式应为 YYYY-MM-DD`, field);
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    y < 2000 ||
    y > 2999
  )
    throw bad();
  return y * 10_000 + mo * 100 + d;
}

/** `from` and `to` are Shanghai calendar days, both included; by default the current calendar year. */
export function parsePeriod(
  q: { from?: string; to?: string; granularity?: StatsGranularity },
  now = new Date(),
): StatsPeriod {
  const year = Math.floor(dayKeyOf(now) / 10_000);
  const fromDay = q.from ? parseDay(q.from, 'from') : year * 10_000 + 101;
  const lastDay = q.to ? parseDay(q.to, 'to') : (q.from ? Math.floor(fromDay / 10_000) : year) * 10_000 + 1231;
  if (lastDay < fromDay) throw badRequest('结束日期不能早于开始日期', 'to');
  const from = dayStart(fromDay);
  const to = dayStart(addDays(lastDay, 1));
  if ((to.getTime() - from.getTime()) / DAY_MS > MAX_PERIOD_DAYS) throw badRequest('统计周期不能超过5年', 'to');
  const y = Math.floor(fromDay / 10_000);
  const calendarYear = fromDay === y * 10_000 + 101 && lastDay === y * 10_000 + 1231 ? y : null;
  return { from, to, fromDay, lastDay, granularity: q.granularity ?? StatsGranularity.Month, calendarYear };
}

/** The calendar year (Asia/Shanghai) as a period. */
export function yearPeriod(year: number): StatsPeriod {
  return parsePeriod({ from: `${year}-01-01`, to: `${year}-12-31` });
}

export interface Bucket {
  key: string;
  firstDay: number;
  lastDay: number;
  from: Date;
  to: Date;
}

/** The week (Monday) or month key of a day. */
export function bucketKey(dayKey: number, granularity: StatsGranularity): string {
  if (granularity === StatsGranularity.Month) return dayLabel(dayKey).slice(0, 7);
  const start = dayStart(dayKey);
  const weekday = (new Date(start.getTime() + CST_OFFSET_MS).getUTCDay() + 6) % 7; // Monday = 0
  return dayLabel(addDays(dayKey, -weekday));
}

/** Every bucket of the period in order, clipped to it (the first and last may be partial). */
export function bucketsOf(period: StatsPeriod): Bucket[] {
  const out: Bucket[] = [];
  let day = period.fromDay;
  while (day <= period.lastDay) {
    const key = bucketKey(day, period.granularity);
    let last = day;
    for (;;) {
      const next = addDays(last, 1);
      if (next > period.lastDay || bucketKey(next, period.granularity) !== key) break;
      last = next;
    }
    out.push({ key, firstDay: day, lastDay: last, from: dayStart(day), to: dayStart(addDays(last, 1)) });
    day = addDays(last, 1);
  }
  return out;
}
