import { OrgNodeType, ROUTES, type PositionDto, type TaskListQuery, type TaskStatus } from '@sbd/contracts';
import { useEffect, useMemo, useState } from 'react';
import { call } from '@/platform/api';
import { useKeysetPage } from '@/platform/use-keyset-page';
import type { LatLng } from './geo';
import type { MapMarker } from './map-picker';

export type TaskFilters = Omit<TaskListQuery, 'cursor' | 'limit'>;

/** A community's tasks, newest first, 50 at a time (keyset cursor), filtered by status. */
export function useTasks(communityId: number | null, status: TaskStatus | undefined) {
  const fetchPage = useMemo(
    () =>
      communityId === null
        ? null
        : (cursor: string | undefined) =>
            call(ROUTES.tasks.ofCommunity, { params: { id: communityId }, query: { status, cursor, limit: 50 } }),
    [communityId, status],
  );
  return useKeysetPage(fetchPage);
}

export interface PublishContext {
  /** The community's position: the map's centre. */
  home: LatLng | null;
  /** Its latest tasks' places, as markers. */
  markers: MapMarker[];
  positions: PositionDto[];
  branches: { id: number; name: string }[];
}

const EMPTY: PublishContext = { home: null, markers: [], positions: [], branches: [] };

/** What the 发布任务 form offers for a community; each part is optional (empty when it fails). */
export function usePublishContext(communityId: number | null, open: boolean): PublishContext {
  const [ctx, setCtx] = useState<PublishContext>(EMPTY);
  useEffect(() => {
    if (communityId === null || !open) return;
    let live = true;
    const id = communityId;
    const soft = <T>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
    void Promise.all([
      soft(call(ROUTES.org.roots), []),
      soft(call(ROUTES.tasks.ofCommunity, { params: { id }, query: { limit: 100 } }), { items: [], nextCursor: null }),
      soft(call(ROUTES.org.positions, { params: { id } }), []),
      soft(call(ROUTES.org.children, { params: { id }, query: { type: OrgNodeType.FunctionalBranch } }), []),
    ]).then(([roots, tasks, positions, branches]) => {
      if (!live) return;
      const node = roots.find((n) => n.id === id);
      setCtx({
        home: node?.latitude != null && node.longitude != null ? { lat: node.latitude, lng: node.longitude } : null,
        markers: tasks.items
          .filter((t) => t.latitude !== null && t.longitude !== null)
          .map((t) => ({ id: t.id, title: `${t.title}（${t.place}）`, at: { lat: t.latitude!, lng: t.longitude! } })),
        positions: positions.filter((p) => p.active),
        branches: branches.map((b) => ({ id: b.id, name: b.name })),
      });
    });
    return () => {
      live = false;
    };
  }, [communityId, open]);
  return ctx;
}
