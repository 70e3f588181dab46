import type { EntityManager } from 'typeorm';
import { toDbDate } from '../../platform/database/sql';
import { addToRow, idList, inSlices, insertRows, num, rootOf, type Executor } from '../shared/report-sql';
import { rosterPeopleSql } from './stats-queries';

/**
 * The roster people of each district (the terms of a district's 报到率): one row per district and
 * person in stats_roster_people, exactly as StatsQueries.rosterPeople counts them, and the
 * district's totals in stats_district_roster, kept by increments (refreshes run one at a time).
 *
 * A person's row depends only on the roster entries and registrations with their phone hash, so
 * a refresh recomputes the rows of the phone hashes a change touched: the lines of a changed or
 * moved unit, the old and new phones of a changed registration, the lines of its 待核对 pairings,
 * and the lines a re-upload replaced (noted in stats_roster_stale by the upload, as they are gone).
 */

const SLICE = 500;

/** Called by a roster upload before it deletes the unit's lines: their people must be recomputed. */
export async function noteRosterReplaced(x: Executor, unitId: number, at: Date): Promise<void> {
  await x.query(
    'INSERT INTO stats_roster_stale (phone_hash, created_at) SELECT DISTINCT phone_hash, ? FROM unit_roster_entries WHERE unit_id = ?',
    [toDbDate(at), unitId],
  );
}

/**
 * The phone hashes whose people a refresh must recompute: `known` (registrations' old and new
 * phones, their 待核对 pairings' lines), the lines of `units`, and the stale notes it consumes.
 */
export async function touchedHashes(
  m: EntityManager,
  units: number[],
  known: Iterable<string>,
): Promise<{ hashes: string[]; staleIds: number[] }> {
  const hashes = new Set(known);
  const stale: { id: unknown; phone_hash: string }[] = await m.query('SELECT id, phone_hash FROM stats_roster_stale');
  for (const s of stale) hashes.add(s.phone_hash);
  await inSlices(units, SLICE, async (slice) => {
    const rows: { phone_hash: string }[] = await m.query(
      `SELECT DISTINCT phone_hash FROM unit_roster_entries WHERE unit_id IN ${idList(slice)}`,
    );
    for (const r of rows) hashes.add(r.phone_hash);
  });
  return { hashes: [...hashes], staleIds: stale.map((s) => Number(s.id)) };
}

/** Recomputes the people with these phone hashes in every district, and the districts' totals. */
export async function recomputePeople(m: EntityManager, hashes: string[], staleIds: number[]): Promise<void> {
  const delta = new Map<number, { people: number; registered: number }>();
  const add = (district: number, people: number, registered: number) => {
    const d = delta.get(district) ?? { people: 0, registered: 0 };
    d.people += people;
    d.registered += registered;
    delta.set(district, d);
  };
  await inSlices(hashes, SLICE, async (slice) => {
    const marks = `(${slice.map(() => '?').join(', ')})`;
    const old: { district_id: unknown; n: unknown; registered: unknown }[] = await m.query(
      `SELECT district_id, COUNT(*) AS n, COALESCE(SUM(registered), 0) AS registered FROM stats_roster_people
        WHERE phone_hash IN ${marks} GROUP BY district_id`,
      slice,
    );
    for (const o of old) add(Number(o.district_id), -num(o.n), -num(o.registered));
    await m.query(`DELETE FROM stats_roster_people WHERE phone_hash IN ${marks}`, slice);
    const rows: { path: string; phone_hash: string; name: string; registered: unknown }[] = await m.query(
      rosterPeopleSql(`e.phone_hash IN ${marks}`, { byPath: true }),
      slice,
    );
    // Units of one district have different paths: fold them into one person per district.
    const people = new Map<string, { district: number; hash: string; name: string; registered: number }>();
    for (const r of rows) {
      const district = rootOf(r.path);
      if (district === null) continue;
      const key = JSON.stringify([district, r.phone_hash, r.name]);
      const p = people.get(key) ?? { district, hash: r.phone_hash, name: r.name, registered: 0 };
      p.registered = Math.max(p.registered, num(r.registered));
      people.set(key, p);
    }
    for (const p of people.values()) add(p.district, 1, p.registered);
    await insertRows(
      m,
      'stats_roster_people',
      ['district_id', 'phone_hash', 'name', 'registered'],
      [...people.values()].map((p) => [p.district, p.hash, p.name, p.registered]),
    );
  });
  for (const [district, d] of delta) {
    if (d.people || d.registered) await addToRow(m, 'stats_district_roster', { district_id: district }, d);
  }
  await forgetStale(m, staleIds);
}

/**
 * Roster lines per statement of a rebuild: a district's people are built in ranges of phone hash of
 * about this many lines each, so no statement runs long enough to meet the statement deadline.
 */
const LINES_PER_STATEMENT = 25_000;

/** Ranges of phone hash (lower-case hex) splitting `lines` evenly: [from, to), null for open. */
export function hashRanges(lines: number, perStatement = LINES_PER_STATEMENT): [string | null, string | null][] {
  const parts = Math.min(4096, Math.max(1, Math.ceil(lines / perStatement)));
  const bound = (i: number) =>
    Math.floor((i * 0x10000) / parts)
      .toString(16)
      .padStart(4, '0');
  return Array.from({ length: parts }, (_, i) => [i === 0 ? null : bound(i), i === parts - 1 ? null : bound(i + 1)]);
}

/** Every district's people from scratch, in the rebuild's transaction (after the unit roll-up). */
export async function rebuildPeople(
  m: EntityManager,
  districts: { id: number; path: string }[],
  perStatement = LINES_PER_STATEMENT,
  /** Asked before each district (a build stopping for a shutdown throws from it). */
  check: () => void = () => undefined,
): Promise<void> {
  const stale: { id: unknown }[] = await m.query('SELECT id FROM stats_roster_stale');
  await m.query('DELETE FROM stats_roster_people');
  await m.query('DELETE FROM stats_district_roster');
  for (const d of districts) {
    check();
    const [lines] = await m.query(
      'SELECT COALESCE(SUM(entries), 0) AS n FROM stats_unit_roster WHERE district_id = ?',
      [d.id],
    );
    for (const [from, to] of hashRanges(num(lines?.n), perStatement)) {
      const where = ['u.path LIKE ?', ...(from ? ['e.phone_hash >= ?'] : []), ...(to ? ['e.phone_hash < ?'] : [])];
      await m.query(
        `INSERT INTO stats_roster_people (district_id, phone_hash, name, registered)
         SELECT ?, k.phone_hash, k.name, k.registered FROM (${rosterPeopleSql(where.join(' AND '))}) k`,
        [d.id, `${d.path}%`, ...(from ? [from] : []), ...(to ? [to] : [])],
      );
    }
    await m.query(
      `INSERT INTO stats_district_roster (district_id, people, registered)
       SELECT ?, COUNT(*), COALESCE(SUM(registered), 0) FROM stats_roster_people WHERE district_id = ?`,
      [d.id, d.id],
    );
  }
  await forgetStale(
    m,
    stale.map((s) => Number(s.id)),
  );
}

/** Deletes the stale notes this refresh read (not any committed since, which the next one reads). */
async function forgetStale(m: EntityManager, ids: number[]): Promise<void> {
  await inSlices(ids, SLICE, async (slice) => {
    await m.query(`DELETE FROM stats_roster_stale WHERE id IN ${idList(slice)}`);
  });
}

/** The district's roster people from the roll-up. */
export async function districtPeople(
  x: Executor,
  districtId: number,
): Promise<{ entries: number; registered: number }> {
  const [row] = await x.query('SELECT people, registered FROM stats_district_roster WHERE district_id = ?', [
    districtId,
  ]);
  return { entries: num(row?.people), registered: num(row?.registered) };
}
