import type { EntityManager } from 'typeorm';
import { fromDbDate, toDbDate } from '../../platform/database/sql';
import { dayKeyOf } from './period';
import { idList, inSlices, insertRows, rootOf, type Executor } from '../shared/report-sql';

/** What changed since the last roll-up refresh, and which roll-up rows that makes dirty. */

/**
 * Changes are looked for from this long before the last refresh: a transaction stamps its rows
 * with the time it ran, and may commit a little later than that. Re-reading a change is harmless
 * (every roll-up row is recomputed from the source, never incremented).
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Above this many changed rows a refresh rebuilds everything instead (one pass is cheaper). */
const REBUILD_ABOVE = 20_000;

export type Source =
  | 'claim'
  | 'rating'
  | 'backfill'
  | 'task'
  | 'need'
  | 'registration'
  | 'roster'
  | 'unit'
  /** A community new to the roll-ups: its district is recorded (stats_community_districts). */
  | 'community';

export interface Candidate {
  source: Source;
  id: number;
  signature: string;
  /** updated_at (created_at for insert-only rows): how long it stays in stats_seen. */
  stamp: Date;
  row: Record<string, unknown>;
}

export interface Dirty {
  /** district → days whose services, hours, back-fills or ratings may have changed. */
  days: Map<number, Set<number>>;
  /** district → days whose tasks may have changed. */
  taskDays: Map<number, Set<number>>;
  users: Set<number>;
  needs: Set<number>;
  /** Work units whose roster lines changed, or that moved. */
  units: Set<number>;
}

/**
 * Source rows written since `watermark` minus the margin, each with the signature of the fields
 * the roll-ups read (a row seen again with the same signature has nothing new) — or 'too-many'
 * when a rebuild is due: too many rows changed, or a community now lies in another district than
 * the one its figures were rolled up under (a street or community moved: its whole history moves).
 */
export async function candidates(x: Executor, watermark: Date): Promise<Candidate[] | 'too-many'> {
  const s = toDbDate(new Date(watermark.getTime() - REFRESH_MARGIN_MS));
  const cap = `LIMIT ${REBUILD_ABOVE + 1}`;
  const [claims, ratings, backfills, tasks, needs, regs, rosters, units, communities] = (await Promise.all([
    x.query(
      `SELECT c.id, c.member_user_id, c.status, c.verified_at, c.credit_half_hours, c.updated_at, t.community_id
         FROM claims c JOIN tasks t ON t.id = c.task_id WHERE c.updated_at >= ? ${cap}`,
      [s],
    ),
    x.query(
      `SELECT g.id, g.created_at, t.community_id FROM ratings g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= ? ${cap}`,
      [s],
    ),
    x.query(`SELECT id, created_at, community_id FROM backfills WHERE created_at >= ? ${cap}`, [s]),
    x.query(`SELECT id, created_at, community_id, kind, status, updated_at FROM tasks WHERE updated_at >= ? ${cap}`, [
      s,
    ]),
    x.query(`SELECT id, accepted_at, fulfilled_at, updated_at FROM needs WHERE updated_at >= ? ${cap}`, [s]),
    x.query(
      `SELECT id, user_id, status, community_id, work_unit_id, phone_hash, name, updated_at FROM registrations WHERE updated_at >= ? ${cap}`,
      [s],
    ),
    x.query(`SELECT unit_id, entries, updated_at FROM unit_rosters WHERE updated_at >= ? ${cap}`, [s]),
    // Work units moved (or renamed, closed): a move takes the unit's roster to another district.
    x.query(`SELECT id, path, updated_at FROM org_nodes WHERE type = 'work_unit' AND updated_at >= ? ${cap}`, [s]),
    x.query(
      `SELECT c.id, c.path, c.updated_at, s.district_id AS counted_in FROM org_nodes c
         LEFT JOIN stats_community_districts s ON s.community_id = c.id
        WHERE c.type = 'community' AND c.updated_at >= ? ${cap}`,
      [s],
    ),
  ])) as Record<string, unknown>[][];
  const all = [claims, ratings, backfills, tasks, needs, regs, rosters, units, communities];
  if (all.some((rows) => rows.length > REBUILD_ABOVE)) return 'too-many';
  // Communities new to the roll-ups are recorded; one counted under another district moved.
  const newCommunities: { row: Record<string, unknown>; district: number }[] = [];
  for (const r of communities) {
    const district = rootOf(String(r.path));
    if (r.counted_in === null || r.counted_in === undefined) {
      if (district) newCommunities.push({ row: r, district });
    } else if (Number(r.counted_in) !== district) return 'too-many';
  }
  const iso = (v: unknown) => fromDbDate(v)?.toISOString() ?? '';
  const sig = (...parts: unknown[]) => parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('|');
  const out: Candidate[] = [];
  const add = (source: Source, id: unknown, signature: string, stamp: unknown, row: Record<string, unknown>) =>
    out.push({ source, id: Number(id), signature: signature.slice(0, 255), stamp: fromDbDate(stamp) as Date, row });
  for (const r of claims)
    add('claim', r.id, sig(r.status, iso(r.verified_at), r.credit_half_hours, iso(r.updated_at)), r.updated_at, r);
  for (const r of ratings) add('rating', r.id, iso(r.created_at), r.created_at, r);
  for (const r of backfills) add('backfill', r.id, iso(r.created_at), r.created_at, r);
  for (const r of tasks) add('task', r.id, sig(r.kind, r.status, iso(r.updated_at)), r.updated_at, r);
  for (const r of needs)
    add('need', r.id, sig(iso(r.accepted_at), iso(r.fulfilled_at), iso(r.updated_at)), r.updated_at, r);
  for (const r of regs)
    add(
      'registration',
      r.id,
      sig(r.status, r.community_id, r.work_unit_id, r.phone_hash, r.name, iso(r.updated_at)),
      r.updated_at,
      r,
    );
  for (const r of rosters) add('roster', r.unit_id, sig(r.entries, iso(r.updated_at)), r.updated_at, r);
  for (const r of units) add('unit', r.id, sig(r.path, iso(r.updated_at)), r.updated_at, { unit_id: r.id });
  for (const { row: r, district } of newCommunities)
    add('community', r.id, sig(district, iso(r.updated_at)), r.updated_at, { district_id: district });
  return out;
}

export async function unseen(x: Executor, found: Candidate[]): Promise<Candidate[]> {
  if (!found.length) return [];
  const seen = new Map<string, string>();
  for (const source of new Set(found.map((c) => c.source))) {
    await inSlices(
      found.filter((c) => c.source === source).map((c) => c.id),
      500,
      async (slice) => {
        const rows: { row_id: unknown; signature: string }[] = await x.query(
          `SELECT row_id, signature FROM stats_seen WHERE source = ? AND row_id IN ${idList(slice)}`,
          [source],
        );
        for (const r of rows) seen.set(`${source}:${Number(r.row_id)}`, r.signature);
      },
    );
  }
  return found.filter((c) => seen.get(`${c.source}:${c.id}`) !== c.signature);
}

export async function markSeen(m: EntityManager, applied: Candidate[]): Promise<void> {
  for (const source of new Set(applied.map((c) => c.source))) {
    const mine = applied.filter((c) => c.source === source);
    await inSlices(mine, 500, async (slice) => {
      await m.query(`DELETE FROM stats_seen WHERE source = ? AND row_id IN ${idList(slice.map((c) => c.id))}`, [
        source,
      ]);
      await insertRows(
        m,
        'stats_seen',
        ['source', 'row_id', 'signature', 'stamp'],
        slice.map((c) => [source, c.id, c.signature, toDbDate(c.stamp)]),
      );
    });
  }
}

export async function dirtyOf(m: EntityManager, changed: Candidate[]): Promise<Dirty> {
  const communityIds = [
    ...new Set(changed.filter((c) => c.row.community_id !== undefined).map((c) => Number(c.row.community_id))),
  ];
  const districtOf = await districtsOf(m, communityIds);
  const dirty: Dirty = { days: new Map(), taskDays: new Map(), users: new Set(), needs: new Set(), units: new Set() };
  const mark = (map: Map<number, Set<number>>, communityId: unknown, at: unknown) => {
    const district = districtOf.get(Number(communityId));
    const when = fromDbDate(at);
    if (!district || !when) return;
    const set = map.get(district) ?? new Set<number>();
    set.add(dayKeyOf(when));
    map.set(district, set);
  };
  for (const { source, row: r } of changed) {
    if (source === 'claim') {
      dirty.users.add(Number(r.member_user_id));
      if (r.status === 'verified') mark(dirty.days, r.community_id, r.verified_at);
    } else if (source === 'rating' || source === 'backfill') mark(dirty.days, r.community_id, r.created_at);
    else if (source === 'task') mark(dirty.taskDays, r.community_id, r.created_at);
    else if (source === 'need') dirty.needs.add(Number(r.id));
    else if (source === 'registration') dirty.users.add(Number(r.user_id));
    else if (source === 'unit' || source === 'roster') dirty.units.add(Number(r.unit_id));
    // 'community': nothing to recompute, its district is recorded by recordCommunityDistricts.
  }
  return dirty;
}

/** Records the district of communities new to the roll-ups (their figures are counted there from now on). */
export async function recordCommunityDistricts(m: EntityManager, changed: Candidate[]): Promise<void> {
  const fresh = changed.filter((c) => c.source === 'community');
  await inSlices(fresh, 500, async (slice) => {
    await m.query(`DELETE FROM stats_community_districts WHERE community_id IN ${idList(slice.map((c) => c.id))}`);
    await insertRows(
      m,
      'stats_community_districts',
      ['community_id', 'district_id'],
      slice.map((c) => [c.id, Number(c.row.district_id)]),
    );
  });
}

export async function districtsOf(x: Executor, nodeIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  await inSlices(nodeIds, 1000, async (slice) => {
    const rows: { id: unknown; path: string }[] = await x.query(
      `SELECT id, path FROM org_nodes WHERE id IN ${idList(slice)}`,
    );
    for (const r of rows) {
      const root = rootOf(r.path);
      if (root) out.set(Number(r.id), root);
    }
  });
  return out;
}
