import type { CallupDto, CreateCallupRequest } from '@sbd/contracts';

/** What the 发起召集 form holds (the muster time as an ISO string or null). */
export interface CallupDraft {
  title: string;
  description: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  musterAt: string | null;
  needed: number | null;
}

export function toCallupRequest(d: CallupDraft, scopeNodeId: number): CreateCallupRequest {
  return {
    scopeNodeId,
    title: d.title,
    description: d.description,
    place: d.place,
    ...(d.latitude !== null && d.longitude !== null ? { latitude: d.latitude, longitude: d.longitude } : {}),
    ...(d.musterAt ? { musterAt: d.musterAt } : {}),
    ...(d.needed ? { needed: d.needed } : {}),
  };
}

/** "能到 3 · 不能到 1 · 未回复 6（共通知 10 人）". */
export function responseSummary(c: Pick<CallupDto, 'notifiedCount' | 'availableCount' | 'unavailableCount'>): string {
  const silent = Math.max(0, c.notifiedCount - c.availableCount - c.unavailableCount);
  return `能到 ${c.availableCount} · 不能到 ${c.unavailableCount} · 未回复 ${silent}（共通知 ${c.notifiedCount} 人）`;
}

/** "12/5 14:30" in the browser's time, or — . */
export function shortTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
}

/** The muster list's file name: 花名册-<title>.xlsx without characters file systems refuse. */
export function musterFilename(c: Pick<CallupDto, 'title'>): string {
  return `花名册-${c.title.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;
}
