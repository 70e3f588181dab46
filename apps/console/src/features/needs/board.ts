import { NeedStatus, type NeedDto } from '@sbd/contracts';

export interface BoardColumn {
  key: string;
  title: string;
  statuses: NeedStatus[];
}

/** The triage board's columns, left to right; rejected, merged and withdrawn needs are off the board. */
export const BOARD_COLUMNS: BoardColumn[] = [
  { key: 'review', title: '待审核', statuses: [NeedStatus.Held] },
  { key: 'triage', title: '待分拣', statuses: [NeedStatus.Submitted] },
  { key: 'accepted', title: '已受理', statuses: [NeedStatus.Accepted] },
  { key: 'done', title: '已办结', statuses: [NeedStatus.Fulfilled, NeedStatus.Rated] },
];

export const BOARD_STATUSES: NeedStatus[] = BOARD_COLUMNS.flatMap((c) => c.statuses);

/** Needs by column key, each column oldest first (the longest waiting on top). */
export function groupByColumn(needs: NeedDto[]): Record<string, NeedDto[]> {
  const out: Record<string, NeedDto[]> = Object.fromEntries(BOARD_COLUMNS.map((c) => [c.key, []]));
  for (const n of needs) {
    const col = BOARD_COLUMNS.find((c) => c.statuses.includes(n.status));
    if (col) out[col.key].push(n);
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  return out;
}
