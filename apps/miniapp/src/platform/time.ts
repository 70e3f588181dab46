/** Local-time helpers for the service loop pages (dates travel as ISO strings). */

const MINUTE = 60_000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/** "11月22日 周六 14:00". */
export function formatDayTime(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return '';
  return `${d.getMonth() + 1}月${d.getDate()}日 周${WEEK[d.getDay()]} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "11月22日 周六 14:00–16:00" (or with the end day when it differs). */
export function formatRange(startIso: string, endIso: string): string {
  const s = parse(startIso);
  const e = parse(endIso);
  if (!s || !e) return '';
  const sameDay = s.getFullYear() === e.getFullYear() && s.getMonth() === e.getMonth() && s.getDate() === e.getDate();
  return sameDay
    ? `${formatDayTime(startIso)}–${pad(e.getHours())}:${pad(e.getMinutes())}`
    : `${formatDayTime(startIso)} 至 ${formatDayTime(endIso)}`;
}

/** "2025-03-08" in local time (Picker mode=date value). */
export function dateValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "14:05" in local time (Picker mode=time value). */
export function timeValue(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Combines Picker values "2025-03-08" and "14:05" into a local Date (null when malformed). */
export function combineDateTime(date: string, time: string): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return null;
  const d = new Date(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]), 0, 0);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `now` rounded up to the next multiple of `stepMinutes`, plus `leadMinutes`. */
export function roundUpMinutes(now: Date, stepMinutes: number, leadMinutes = 0): Date {
  const step = stepMinutes * MINUTE;
  const t = Math.ceil(now.getTime() / step) * step + leadMinutes * MINUTE;
  return new Date(t);
}

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * MINUTE);
}

/**
 * A countdown as words: "1小时05分", "4分30秒", "12秒"; "0秒" when over. Always text, so it is
 * read out and never only a ring or a colour.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}小时${pad(m)}分`;
  if (m > 0) return `${m}分${pad(s)}秒`;
  return `${s}秒`;
}

/** Hours as words: 1 → "1小时", 1.5 → "1.5小时", 0 → "0小时". */
export function formatHours(hours: number | null | undefined): string {
  const h = Number(hours ?? 0);
  return `${Number.isInteger(h) ? h : h.toFixed(1)}小时`;
}
