import { ClaimStatus, type ClaimDto } from '@sbd/contracts';
import type { BulkResult } from '@/platform/bulk';

/** The statuses staff filter the 服务核验 list by, in their words (待核验 is a checked-out claim). */
export const VERIFY_FILTERS: { value: ClaimStatus; label: string }[] = [
  { value: ClaimStatus.CheckedOut, label: '待核验' },
  { value: ClaimStatus.Verified, label: '已核验' },
  { value: ClaimStatus.Rejected, label: '未通过核验' },
  { value: ClaimStatus.CheckedIn, label: '已签到未签退' },
  { value: ClaimStatus.NoShow, label: '已缺席' },
];

/** "3 条已核验，1 条失败：服务尚未结束" (the first failure's reason; the others are in the list). */
export function bulkSummary(r: BulkResult): string {
  const done = `${r.done} 条已核验`;
  if (!r.failed.length) return done;
  return `${done}，${r.failed.length} 条失败：${r.failed[0].message}`;
}

/** Total hours of some claims, e.g. "3.5". */
export function totalHours(claims: Pick<ClaimDto, 'creditedHours'>[]): string {
  const h = claims.reduce((n, c) => n + (c.creditedHours ?? 0), 0);
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

/** "6/1 09:00–11:00" in the browser's (China) time. */
export function serviceWindow(c: Pick<ClaimDto, 'taskStartAt' | 'taskEndAt'>): string {
  const s = new Date(c.taskStartAt);
  const e = new Date(c.taskEndAt);
  const hm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${s.getMonth() + 1}/${s.getDate()} ${hm(s)}–${hm(e)}`;
}
