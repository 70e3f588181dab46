import { StatsGranularity, type StatsSeriesPoint } from '@sbd/contracts';
import { formatHoursValue, formatRate } from './figures';

/**
 * Scaling for the bar charts the dashboards draw themselves (plain Views, so the same markup works
 * in WeChat and in the browser). Bars are percentages of a "nice" axis maximum.
 */

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ that is ≥ x (x > 0). */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  const base = 10 ** exp;
  for (const f of [1, 2, 2.5, 5, 10]) {
    const step = f * base;
    if (step >= x - base * 1e-9) return step;
  }
  return 10 * base;
}

export interface Axis {
  /** Top of the axis: a multiple of `step`, ≥ the largest value. */
  max: number;
  step: number;
  /** Gridline values from 0 to max. */
  ticks: number[];
}

/**
 * A nice axis for values ≥ 0 with about `lines` intervals; integer steps for counts (`integers`).
 * All zeros (or nothing) gives 0..1 so the empty chart still has an axis.
 */
export function niceAxis(values: number[], opts: { lines?: number; integers?: boolean } = {}): Axis {
  const lines = opts.lines ?? 4;
  const top = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (top <= 0)
    return { max: 1, step: opts.integers ? 1 : 0.25, ticks: opts.integers ? [0, 1] : [0, 0.25, 0.5, 0.75, 1] };
  let step = niceStep(top / lines);
  if (opts.integers) step = Math.max(1, Math.ceil(step));
  const max = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toFixed(6)));
  return { max, step, ticks };
}

/** Height (or width) of a bar in percent of the axis; a value above 0 is never drawn thinner than `minPct`. */
export function barPercent(value: number, max: number, minPct = 2): number {
  if (!(value > 0) || !(max > 0)) return 0;
  const pct = (value / max) * 100;
  return Math.min(100, Math.max(minPct, Number(pct.toFixed(2))));
}

export type SeriesMetric = 'services' | 'hours' | 'satisfaction';

export const SERIES_METRICS: { value: SeriesMetric; label: string; unit: string }[] = [
  { value: 'services', label: '服务次数', unit: '次' },
  { value: 'hours', label: '服务时长', unit: '小时' },
  { value: 'satisfaction', label: '满意率', unit: '' },
];

export interface ChartBar {
  key: string;
  /** Under the bar: "3月", "3/2". */
  label: string;
  /** Above the bar: "12", "3.5", "85%"; "—" for a missing rate. */
  valueText: string;
  /** Read out: "3月：服务次数12次". */
  spoken: string;
  pct: number;
}

export interface Chart {
  axis: Axis;
  bars: ChartBar[];
}

/** "2026-03" → "3月" (or "25/12" across years); a week's Monday "2026-03-02" → "3/2". */
export function bucketLabel(bucket: string, granularity: StatsGranularity, withYear = false): string {
  const [y, m, d] = bucket.split('-').map(Number);
  if (granularity === StatsGranularity.Month || d === undefined)
    return withYear ? `${String(y).slice(2)}/${m}` : `${m}月`;
  return `${m}/${d}`;
}

/** The words for a bucket: "2026年3月", "3月2日起的一周". */
export function bucketWords(bucket: string, granularity: StatsGranularity): string {
  const [y, m, d] = bucket.split('-').map(Number);
  if (granularity === StatsGranularity.Month || d === undefined) return `${y}年${m}月`;
  return `${m}月${d}日起的一周`;
}

function metricValue(p: StatsSeriesPoint, metric: SeriesMetric): number | null {
  if (metric === 'services') return p.services;
  if (metric === 'hours') return p.hours;
  return p.satisfaction;
}

/** The trend chart of one metric: satisfaction on a fixed 0–100% axis, counts on integer steps. */
export function seriesChart(series: StatsSeriesPoint[], metric: SeriesMetric, granularity: StatsGranularity): Chart {
  const values = series.map((p) => metricValue(p, metric));
  const axis =
    metric === 'satisfaction'
      ? { max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] }
      : niceAxis(
          values.map((v) => v ?? 0),
          { integers: metric === 'services' },
        );
  const years = new Set(series.map((p) => p.bucket.slice(0, 4)));
  const meta = SERIES_METRICS.find((m) => m.value === metric)!;
  const bars = series.map((p, i) => {
    const v = values[i];
    const valueText =
      metric === 'satisfaction'
        ? v === null
          ? '—'
          : formatRate(v)
        : metric === 'hours'
          ? formatHoursValue(v ?? 0)
          : String(v ?? 0);
    const words = metric === 'satisfaction' && v === null ? '无评价' : `${valueText}${meta.unit}`;
    return {
      key: p.bucket,
      label: bucketLabel(p.bucket, granularity, years.size > 1),
      valueText,
      spoken: `${bucketWords(p.bucket, granularity)}：${meta.label}${words}`,
      pct: barPercent(v ?? 0, axis.max),
    };
  });
  return { axis, bars };
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
  pct: number;
}

/**
 * Counts by key (tasks by kind, by state) as rows of a horizontal bar chart, in the order of
 * `labels` (every known key shown, 0 included), unknown keys after them.
 */
export function countRows(counts: Record<string, number>, labels: Record<string, string>): CountRow[] {
  const keys = [...Object.keys(labels), ...Object.keys(counts).filter((k) => !(k in labels))];
  const max = Math.max(0, ...keys.map((k) => counts[k] ?? 0));
  return keys.map((k) => ({
    key: k,
    label: labels[k] ?? k,
    count: counts[k] ?? 0,
    pct: barPercent(counts[k] ?? 0, max),
  }));
}

/**
 * Whether `n` columns fit side by side on a 375-pt phone: each needs about three characters of the
 * small text (its value "123.5" / bucket "12月"), and 长辈版 text is half as large again.
 */
export function columnsFit(n: number, elderly: boolean): boolean {
  return n > 0 && n <= (elderly ? 5 : 8);
}
