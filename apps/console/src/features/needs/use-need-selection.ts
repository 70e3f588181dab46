import type { NeedAction, NeedDto } from '@sbd/contracts';
import { useCallback, useMemo, useState } from 'react';
import { runOnNeeds, type NeedBulkReport } from './need-bulk';

/**
 * The needs ticked on the board and the last bulk action's per-need report. Only needs still on
 * the board count as chosen; after a bulk action the ones it could not change stay ticked.
 */
export function useNeedSelection(items: NeedDto[], reload: () => Promise<void>) {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const [report, setReport] = useState<NeedBulkReport | null>(null);
  const [running, setRunning] = useState(false);
  const chosen = useMemo(() => items.filter((n) => ids.has(n.id)), [items, ids]);

  const mark = useCallback((which: readonly number[], on: boolean) => {
    setIds((prev) => {
      const next = new Set(prev);
      for (const id of which) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const run = async (action: NeedAction, reason?: string) => {
    setRunning(true);
    try {
      const r = await runOnNeeds(chosen, action, reason);
      setReport(r);
      setIds(new Set(r.failed.map((f) => f.id)));
      await reload();
    } finally {
      setRunning(false);
    }
  };

  return {
    chosen,
    isChosen: (id: number) => ids.has(id),
    mark,
    clear: () => setIds(new Set()),
    run,
    running,
    report,
    dismissReport: () => setReport(null),
  };
}

export type NeedSelection = ReturnType<typeof useNeedSelection>;
