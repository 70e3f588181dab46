/**
 * Numbers as the dashboards print them. A missing figure (a rate without a denominator, a median
 * of nothing) is "—" on screen and "暂无数据" when read out: never "0%" or "NaN".
 */

export const NO_FIGURE = '—';
export const NO_FIGURE_WORDS = '暂无数据';

function finite(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Drops trailing zeros: 12.50 → "12.5", 3.0 → "3". */
function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** 0.8567 → "85.7%", 1 → "100%", 0 → "0%", null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (!finite(rate)) return NO_FIGURE;
  return `${trim(Math.min(Math.max(rate, 0), 1) * 100, 1)}%`;
}

/** 1234 → "1,234"; from 100,000 on in 万: 123456 → "12.3万". */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return NO_FIGURE;
  if (Math.abs(n) >= 100_000) return `${trim(n / 10_000, 1)}万`;
  const whole = Math.round(n);
  const sign = whole < 0 ? '-' : '';
  return sign + String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Hours as a number without a unit: 12.5 → "12.5", 3 → "3", 1234.25 → "1,234.3". */
export function formatHoursValue(h: number | null | undefined): string {
  if (!finite(h)) return NO_FIGURE;
  const [int, frac] = trim(h, 1).split('.');
  return `${formatCount(Number(int))}${frac ? `.${frac}` : ''}`;
}

/**
 * A duration given in hours, in the unit that reads best: under an hour in minutes, under two days
 * in hours, else in days. null → "—".
 */
export function formatDuration(hours: number | null | undefined): string {
  if (!finite(hours)) return NO_FIGURE;
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))}分钟`;
  if (hours < 48) return `${trim(hours, 1)}小时`;
  return `${trim(hours / 24, 1)}天`;
}

/** "85.7%（120次中103次满意）" style hints share this: "a/b". */
export function formatFraction(part: number | null | undefined, whole: number | null | undefined): string {
  if (!finite(part) || !finite(whole)) return NO_FIGURE;
  return `${formatCount(part)}/${formatCount(whole)}`;
}

/** What a screen reader says for a figure: the text, or "暂无数据" for "—". */
export function spoken(text: string): string {
  return text === NO_FIGURE ? NO_FIGURE_WORDS : text;
}
