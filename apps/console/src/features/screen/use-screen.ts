import { ROUTES, type ScreenDto, type StatsDto } from '@sbd/contracts';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';
import { screenQuery } from './screen-format';

export interface ScreenData {
  stats: StatsDto;
  screen: ScreenDto;
  /** The period asked for (YYYY-MM-DD, both days included). */
  from: string;
  to: string;
  /** When this data arrived (更新于). */
  at: Date;
}

/**
 * The screen's figures, fetched again every `seconds` without reloading the page. A failed
 * refresh keeps the last figures on screen and reports the error until the next one succeeds.
 */
export function useScreen(nodeId: number, seconds: number) {
  const [data, setData] = useState<ScreenData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const query = screenQuery();
      try {
        const [stats, screen] = await Promise.all([
          call(ROUTES.stats.node, { params: { id: nodeId }, query }),
          call(ROUTES.stats.screen, { params: { id: nodeId }, query }),
        ]);
        if (!live) return;
        setData({ stats, screen, from: query.from, to: query.to, at: new Date() });
        setError(null);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
      if (live) timer = setTimeout(() => void load(), seconds * 1000);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [nodeId, seconds]);

  return { data, error };
}
