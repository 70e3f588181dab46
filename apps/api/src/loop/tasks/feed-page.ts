import type { TaskKind } from '@sbd/contracts';
import { toDbDate } from '../../platform/database/sql';

/**
 * The member feed's order and filters, written twice on purpose and tested to agree: as SQL
 * (`feedSql`, the authoritative definition, used for scopes too large to cache and by the
 * benchmark's baseline) and in memory over a scope's cached open tasks (`selectFeedPage`).
 *
 * Order: open tasks of the member's own community first, then those of the rest of the street,
 * each by start time and id. Keyset cursor "segment.startMs.id": no query grows with the offset.
 */

/** Tasks stay in the feed while published or in progress, until they end. */
export const FEED_OPEN_SQL = "t.status IN ('published', 'in_progress')";

/** Where the member lives: the feed covers their street, or their community if it has none. */
export interface FeedHome {
  communityId: number;
  streetId: number | null;
}

export interface FeedFilters {
  kind?: TaskKind;
  positionId?: number;
  from?: string;
  to?: string;
  cursor?: string;
}

/** The scope a home's feed reads: a column of `tasks` and its value. */
export function feedScope(home: FeedHome): { column: 'street_id' | 'community_id'; id: number } {
  return home.streetId !== null
    ? { column: 'street_id', id: home.streetId }
    : { column: 'community_id', id: home.communityId };
}

interface Cursor {
  segment: number;
  startMs: number;
  id: number;
}

function parseCursor(cursor: string): Cursor {
  const [segment, startMs, id] = cursor.split('.').map(Number);
  return { segment, startMs, id };
}

/** The cursor after a page's last task. */
export function feedCursor(home: FeedHome, last: { communityId: number; startsAt: Date; id: number }): string {
  return `${last.communityId === home.communityId ? 0 : 1}.${String(last.startsAt.getTime()).padStart(13, '0')}.${last.id}`;
}

/**
 * The feed as one SQL statement (tasks with their community's name), `limit + 1` rows so the
 * caller knows whether a next page exists.
 */
export function feedSql(home: FeedHome, q: FeedFilters, now: Date, limit: number): { sql: string; params: unknown[] } {
  const seg = 'CASE WHEN t.community_id = ? THEN 0 ELSE 1 END';
  const scope = feedScope(home);
  const where = [FEED_OPEN_SQL, 't.ends_at > ?', `t.${scope.column} = ?`];
  const params: unknown[] = [toDbDate(now), scope.id];
  if (q.cursor) {
    const c = parseCursor(q.cursor);
    const after = toDbDate(new Date(c.startMs));
    where.push(`(${seg} > ? OR (${seg} = ? AND (t.starts_at > ? OR (t.starts_at = ? AND t.id > ?))))`);
    params.push(home.communityId, c.segment, home.communityId, c.segment, after, after, c.id);
  }
  if (q.kind) {
    where.push('t.kind = ?');
    params.push(q.kind);
  }
  if (q.from) {
    where.push('t.starts_at >= ?');
    params.push(toDbDate(new Date(q.from)));
  }
  if (q.to) {
    where.push('t.starts_at < ?');
    params.push(toDbDate(new Date(q.to)));
  }
  if (q.positionId) {
    where.push('EXISTS (SELECT 1 FROM task_positions tp WHERE tp.task_id = t.id AND tp.position_id = ?)');
    params.push(q.positionId);
  }
  return {
    sql: `SELECT t.*, c.name AS community_name FROM tasks t JOIN org_nodes c ON c.id = t.community_id
           WHERE ${where.join(' AND ')}
           ORDER BY ${seg}, t.starts_at ASC, t.id ASC LIMIT ${Number(limit + 1)}`,
    params: [...params, home.communityId],
  };
}

/** What the in-memory selection needs of a cached open task. */
export interface FeedCandidate {
  id: number;
  communityId: number;
  kind: TaskKind;
  startsMs: number;
  endsMs: number;
  positionIds: number[];
}

/**
 * The same page as `feedSql`, chosen from a scope's open tasks sorted by (start, id): at most
 * `limit + 1` candidates, in feed order. Filters as in SQL: `from`/`to` compare the start time.
 * `own`, when given, is the home community's part of `sorted` (same order), so the first segment
 * does not walk the whole street.
 */
export function selectFeedPage<T extends FeedCandidate>(
  sorted: readonly T[],
  home: FeedHome,
  q: FeedFilters,
  now: Date,
  limit: number,
  own?: readonly T[],
): T[] {
  const nowMs = now.getTime();
  const fromMs = q.from ? new Date(q.from).getTime() : null;
  const toMs = q.to ? new Date(q.to).getTime() : null;
  const cursor = q.cursor ? parseCursor(q.cursor) : null;
  const out: T[] = [];
  for (const segment of [0, 1]) {
    if (cursor && segment < cursor.segment) continue;
    for (const t of segment === 0 && own ? own : sorted) {
      if ((t.communityId === home.communityId ? 0 : 1) !== segment) continue;
      if (t.endsMs <= nowMs) continue;
      if (
        cursor &&
        segment === cursor.segment &&
        (t.startsMs < cursor.startMs || (t.startsMs === cursor.startMs && t.id <= cursor.id))
      )
        continue;
      if (q.kind && t.kind !== q.kind) continue;
      if (fromMs !== null && t.startsMs < fromMs) continue;
      if (toMs !== null && t.startsMs >= toMs) continue;
      if (q.positionId && !t.positionIds.includes(q.positionId)) continue;
      out.push(t);
      if (out.length > limit) return out;
    }
  }
  return out;
}
