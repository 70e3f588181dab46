import { StatsGranularity } from '@sbd/contracts';

/**
 * Statistics periods (统计周期) as the API reads them: whole Asia/Shanghai calendar days, `from`
 * and `to` both included ("YYYY-MM-DD"). "This month / quarter / year" are the calendar ones that
 * contain today in Shanghai, whatever the phone's time zone.
 */

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export const PERIOD_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'custom', label: '自定义' },
];

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** "2026年11月", "2026年第4季度", "2026年", "2026-01-05 至 2026-03-31". */
  label: string;
  /** Buckets of the trend chart that suit the length of the period. */
  granularity: StatsGranularity;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The longest period the API accepts (5 years). */
export const MAX_PERIOD_DAYS = 366 * 5;
/** Periods up to this many days are charted by week, longer ones by month. */
export const WEEKLY_MAX_DAYS = 92;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDay(now: Date): { y: number; m: number; d: number } {
  const t = new Date(now.getTime() + CST_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Today in Shanghai as "YYYY-MM-DD". */
export function todayValue(now: Date = new Date()): string {
  const { y, m, d } = shanghaiDay(now);
  return ymd(y, m, d);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Day number (days since 1970-01-01) of a valid "YYYY-MM-DD", or null. */
export function dayNumber(value: string): number | null {
  const mt = DATE.exec(value);
  if (!mt) return null;
  const [y, m, d] = [Number(mt[1]), Number(mt[2]), Number(mt[3])];
  const t = Date.UTC(y, m - 1, d);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(t / DAY_MS);
}

/** Days in [from, to], both included; 0 when either is invalid or to < from. */
export function periodDays(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || b < a) return 0;
  return b - a + 1;
}

export function granularityFor(from: string, to: string): StatsGranularity {
  return periodDays(from, to) <= WEEKLY_MAX_DAYS ? StatsGranularity.Week : StatsGranularity.Month;
}

/** Why a custom period cannot be asked for, in Chinese; null when it can. */
export function customPeriodError(from: string, to: string): string | null {
  if (!from) return '请选择开始日期';
  if (!to) return '请选择结束日期';
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null) return '开始日期格式应为 YYYY-MM-DD';
  if (b === null) return '结束日期格式应为 YYYY-MM-DD';
  if (Number(from.slice(0, 4)) < 2000 || Number(to.slice(0, 4)) > 2999) return '日期超出可统计的范围';
  if (b < a) return '结束日期不能早于开始日期';
  if (b - a + 1 > MAX_PERIOD_DAYS) return '统计周期不能超过5年';
  return null;
}

/**
 * The period of `kind` containing `now` (Shanghai calendar). For 'custom', `custom` gives the days
 * (check them with customPeriodError first); without it the custom period starts as this month.
 */
export function periodFor(kind: PeriodKind, now: Date = new Date(), custom?: { from: string; to: string }): Period {
  const { y, m } = shanghaiDay(now);
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3);
    const first = q * 3 + 1;
    const from = ymd(y, first, 1);
    const to = ymd(y, first + 2, daysInMonth(y, first + 2));
    return { kind, from, to, label: `${y}年第${q + 1}季度`, granularity: StatsGranularity.Week };
  }
  if (kind === 'year') {
    return { kind, from: ymd(y, 1, 1), to: ymd(y, 12, 31), label: `${y}年`, granularity: StatsGranularity.Month };
  }
  if (kind === 'custom' && custom) {
    return {
      kind,
      from: custom.from,
      to: custom.to,
      label: `${custom.from} 至 ${custom.to}`,
      granularity: granularityFor(custom.from, custom.to),
    };
  }
  const from = ymd(y, m, 1);
  const to = ymd(y, m, daysInMonth(y, m));
  return {
    kind,
    from,
    to,
    label: kind === 'custom' ? `${from} 至 ${to}` : `${y}年${m}月`,
    granularity: StatsGranularity.Week,
  };
}
