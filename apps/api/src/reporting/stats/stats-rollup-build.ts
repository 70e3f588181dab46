import type { EntityManager } from 'typeorm';
import { addDays, dayKeyOf, dayStart } from './period';
import { StatsQueries, needDurations, toNeedRow, type DayFigures } from './stats-queries';
import {
  addToRow,
  dialectOf,
  idList,
  inSlices,
  insertRows,
  num,
  shanghaiSql,
  type Executor,
} from '../shared/report-sql';
import { districtsOf, type Dirty } from './stats-rollup-changes';
import { rebuildPeople, recomputePeople, touchedHashes } from './stats-rollup-people';

/** Recomputing roll-up rows from the source tables: the dirty ones after a refresh, or all of them. */

/** A rebuild recomputes members this many user ids at a time. */
export const USERS_PER_RANGE = 20_000;

const ALL_FROM = new Date(Date.UTC(2000, 0, 1));
const ALL_TO = new Date(Date.UTC(3000, 0, 1));

const DAY_COLUMNS = [
  'district_id',
  'day',
  'services',
  'half_hours',
  'backfill_half_hours',
  'resident_ratings',
  'resident_satisfied',
  'community_ratings',
  'community_satisfied',
];

const dayRow = (districtId: number, d: DayFigures) => [
  districtId,
  d.day,
  d.services,
  d.halfHours,
  d.backfillHalfHours,
  d.residentRatings,
  d.residentSatisfied,
  d.communityRatings,
  d.communitySatisfied,
];

/** Consecutive runs of day keys: [[first, last], …]. */
function runsOf(days: Iterable<number>): [number, number][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

export async function applyDirty(m: EntityManager, dirty: Dirty): Promise<void> {
  for (const [districtId, days] of dirty.days) await recomputeDays(m, districtId, days);
  for (const [districtId, days] of dirty.taskDays) await recomputeTaskDays(m, districtId, days);
  await recomputeNeeds(m, [...dirty.needs]);
  // Units whose lines changed or that moved (before the users' units are added below).
  const changedUnits = [...dirty.units];
  // Roster matches follow a registration's phone and name, before and after the change.
  const users = [...dirty.users];
  const hashes = new Set<string>();
  const pairedHashes = new Set<string>();
  if (users.length) {
    await inSlices(users, 500, async (slice) => {
      const rows: { phone_hash: string }[] = await m.query(
        `SELECT phone_hash FROM registrations WHERE user_id IN ${idList(slice)}
         UNION SELECT phone_hash FROM stats_members WHERE user_id IN ${idList(slice)}`,
      );
      for (const r of rows) hashes.add(r.phone_hash);
    });
    await inSlices([...hashes], 500, async (slice) => {
      const rows: { unit_id: unknown }[] = await m.query(
        `SELECT DISTINCT unit_id FROM unit_roster_entries WHERE phone_hash IN (${slice.map(() => '?').join(', ')})`,
        slice,
      );
      for (const r of rows) dirty.units.add(Number(r.unit_id));
    });
    // Confirmed 待核对 pairings follow the registration, whatever its phone: their units and lines.
    await inSlices(users, 500, async (slice) => {
      const rows: { unit_id: unknown; phone_hash: string }[] = await m.query(
        `SELECT DISTINCT d.unit_id, d.phone_hash FROM roster_match_decisions d JOIN registrations r ON r.id = d.registration_id
          WHERE r.user_id IN ${idList(slice)}`,
      );
      for (const r of rows) {
        dirty.units.add(Number(r.unit_id));
        pairedHashes.add(r.phone_hash);
      }
    });
  }
  // Before recomputeMembers replaces the old phones kept in stats_members.
  const people = await touchedHashes(m, changedUnits, [...hashes, ...pairedHashes]);
  if (users.length) await recomputeMembers(m, users);
  await recomputeUnits(m, [...dirty.units]);
  await recomputePeople(m, people.hashes, people.staleIds);
}

/** The district's communities, selected by path in each statement (see Communities). */
async function districtScope(x: Executor, districtId: number) {
  const [node] = (await x.query('SELECT path FROM org_nodes WHERE id = ?', [districtId])) as { path: string }[];
  return { kind: 'territory' as const, communities: node ? { under: node.path } : [] };
}

async function recomputeDays(m: EntityManager, districtId: number, days: Iterable<number>): Promise<void> {
  const scope = await districtScope(m, districtId);
  for (const [first, last] of runsOf(days)) {
    const figures = await StatsQueries.dayFigures(m, scope, dayStart(first), dayStart(addDays(last, 1)));
    await m.query('DELETE FROM stats_district_days WHERE district_id = ? AND day >= ? AND day <= ?', [
      districtId,
      first,
      last,
    ]);
    await insertRows(
      m,
      'stats_district_days',
      DAY_COLUMNS,
      figures.map((d) => dayRow(districtId, d)),
    );
  }
}

async function recomputeTaskDays(m: EntityManager, districtId: number, days: Iterable<number>): Promise<void> {
  const scope = await districtScope(m, districtId);
  for (const [first, last] of runsOf(days)) {
    const rows = await StatsQueries.taskDays(m, scope.communities, dayStart(first), dayStart(addDays(last, 1)));
    await m.query('DELETE FROM stats_district_task_days WHERE district_id = ? AND day >= ? AND day <= ?', [
      districtId,
      first,
      last,
    ]);
    await insertRows(
      m,
      'stats_district_task_days',
      ['district_id', 'day', 'kind', 'status', 'n'],
      rows.map((r) => [districtId, r.day, r.kind, r.status, r.n]),
    );
  }
}

async function recomputeNeeds(m: EntityManager, needIds: number[]): Promise<void> {
  await inSlices(needIds, 500, async (slice) => {
    const rows = await m.query(
      `SELECT id, community_id, created_at, accepted_at, fulfilled_at FROM needs WHERE id IN ${idList(slice)}`,
    );
    // The days these needs counted on before and after: their sums are recomputed from the facts.
    const factDays = () =>
      m.query(`SELECT DISTINCT district_id, accepted_day FROM stats_need_facts WHERE need_id IN ${idList(slice)}`);
    const before: Record<string, unknown>[] = await factDays();
    await m.query(`DELETE FROM stats_need_facts WHERE need_id IN ${idList(slice)}`);
    await insertNeedFacts(m, rows);
    await recomputeNeedDays(m, [...before, ...(await factDays())]);
  });
}

/** The need sums per district and day, from the facts (those matching `where`, on the facts' columns). */
async function insertNeedDays(m: EntityManager, where = '1 = 1', params: unknown[] = []): Promise<void> {
  await m.query(
    `INSERT INTO stats_district_need_days (district_id, day, accepted, fulfilled, accept_seconds, fulfil_seconds)
     SELECT district_id, accepted_day, COUNT(*), COUNT(fulfil_seconds), COALESCE(SUM(accept_seconds), 0),
            COALESCE(SUM(fulfil_seconds), 0)
       FROM stats_need_facts WHERE ${where} GROUP BY district_id, accepted_day`,
    params,
  );
}

/** The need sums of these districts' days, from the facts. */
async function recomputeNeedDays(m: EntityManager, days: Record<string, unknown>[]): Promise<void> {
  const byDistrict = new Map<number, Set<number>>();
  for (const d of days) {
    const district = Number(d.district_id);
    byDistrict.set(district, (byDistrict.get(district) ?? new Set()).add(Number(d.accepted_day)));
  }
  for (const [district, list] of byDistrict) {
    await m.query(`DELETE FROM stats_district_need_days WHERE district_id = ? AND day IN ${idList([...list])}`, [
      district,
    ]);
    await insertNeedDays(m, `district_id = ? AND accepted_day IN ${idList([...list])}`, [district]);
  }
}

async function insertNeedFacts(m: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
  const accepted = rows
    .filter((r) => r.accepted_at !== null && r.accepted_at !== undefined)
    .map((r) => toNeedRow(r as Parameters<typeof toNeedRow>[0]));
  const districtOf = await districtsOf(m, [...new Set(accepted.map((n) => n.communityId))]);
  await insertRows(
    m,
    'stats_need_facts',
    ['need_id', 'district_id', 'accepted_day', 'accept_seconds', 'fulfil_seconds'],
    accepted
      .filter((n) => districtOf.has(n.communityId))
      .map((n) => {
        const d = needDurations(n);
        return [n.id, districtOf.get(n.communityId), dayKeyOf(n.acceptedAt), d.acceptSeconds, d.fulfilSeconds];
      }),
  );
}

/**
 * Members' scope (district, approval) and yearly verified services, then the district counters
 * they feed: registered members (year 0) and members who served, per year.
 */
async function recomputeMembers(
  m: EntityManager,
  userIds: number[] | 'all',
  usersPerRange = USERS_PER_RANGE,
): Promise<void> {
  const dialect = dialectOf(m);
  const yearOf = shanghaiSql(dialect, 'verified_at', '%Y');
  // Counter changes, "district:year" → delta; year 0 is the registered-members counter.
  const delta = new Map<string, number>();
  const count = (district: unknown, year: unknown, by: number) => {
    if (district === null || district === undefined) return;
    const key = `${Number(district)}:${Number(year)}`;
    delta.set(key, (delta.get(key) ?? 0) + by);
  };
  const run = async (filter: (column: string) => string) => {
    const [regs, years, oldMembers, oldYears] = (await Promise.all([
      m.query(
        `SELECT user_id, community_id, work_unit_id, status, phone_hash, name FROM registrations WHERE ${filter('user_id')}`,
      ),
      m.query(
        `SELECT member_user_id AS user_id, ${yearOf} AS y, COUNT(*) AS n, COALESCE(SUM(credit_half_hours), 0) AS half
           FROM claims WHERE status = 'verified' AND verified_at IS NOT NULL AND ${filter('member_user_id')}
          GROUP BY member_user_id, y`,
      ),
      m.query(`SELECT district_id, approved FROM stats_members WHERE ${filter('user_id')}`),
      m.query(`SELECT district_id, year, approved, services FROM stats_member_years WHERE ${filter('user_id')}`),
    ])) as Record<string, unknown>[][];
    for (const o of oldMembers) if (Number(o.approved)) count(o.district_id, 0, -1);
    for (const o of oldYears) if (Number(o.approved) && num(o.services) > 0) count(o.district_id, o.year, -1);
    await m.query(`DELETE FROM stats_members WHERE ${filter('user_id')}`);
    await m.query(`DELETE FROM stats_member_years WHERE ${filter('user_id')}`);
    const districtOf = await districtsOf(m, [...new Set(regs.map((r) => Number(r.community_id)))]);
    const member = new Map<number, { district: number | null; approved: boolean }>();
    await insertRows(
      m,
      'stats_members',
      ['user_id', 'district_id', 'community_id', 'unit_id', 'approved', 'phone_hash', 'name'],
      regs.map((r) => {
        const district = districtOf.get(Number(r.community_id)) ?? null;
        const approved = r.status === 'approved';
        member.set(Number(r.user_id), { district, approved });
        if (approved) count(district, 0, 1);
        return [
          Number(r.user_id),
          district,
          Number(r.community_id),
          r.work_unit_id === null ? null : Number(r.work_unit_id),
          approved ? 1 : 0,
          r.phone_hash,
          r.name,
        ];
      }),
    );
    await insertRows(
      m,
      'stats_member_years',
      ['user_id', 'year', 'district_id', 'approved', 'services', 'half_hours'],
      years
        .filter((y) => member.has(Number(y.user_id)))
        .map((y) => {
          const who = member.get(Number(y.user_id))!;
          if (who.approved && num(y.n) > 0) count(who.district, y.y, 1);
          return [Number(y.user_id), Number(y.y), who.district, who.approved ? 1 : 0, num(y.n), num(y.half)];
        }),
    );
  };
  if (userIds === 'all') {
    // In ranges of user id: a province's members never sit in memory at once, and the process
    // running the build goes on answering requests between ranges.
    const [bounds] = await m.query('SELECT MIN(user_id) AS lo, MAX(user_id) AS hi FROM registrations');
    const hi = num(bounds?.hi);
    for (let lo = num(bounds?.lo); lo && lo <= hi; lo += usersPerRange) {
      const end = lo + usersPerRange;
      await run((column) => `${column} >= ${lo} AND ${column} < ${end}`);
    }
  } else await inSlices(userIds, 500, (slice) => run((column) => `${column} IN ${idList(slice)}`));

  // Applied as increments: refreshes run one at a time, and the old rows were read in this transaction.
  for (const [key, by] of delta) {
    if (!by) continue;
    const [district, year] = key.split(':').map(Number);
    await addToRow(m, 'stats_district_counters', { district_id: district, year }, { members: by });
  }
}

async function recomputeUnits(m: EntityManager, unitIds: number[] | 'all'): Promise<void> {
  const ids =
    unitIds === 'all'
      ? ((await m.query('SELECT DISTINCT unit_id FROM unit_roster_entries')) as { unit_id: unknown }[]).map((r) =>
          Number(r.unit_id),
        )
      : unitIds;
  await inSlices(ids, 500, async (slice) => {
    const counts = await StatsQueries.rosterCounts(m, slice);
    const districtOf = await districtsOf(m, slice);
    await m.query(`DELETE FROM stats_unit_roster WHERE unit_id IN ${idList(slice)}`);
    await insertRows(
      m,
      'stats_unit_roster',
      ['unit_id', 'district_id', 'entries', 'registered'],
      [...counts].map(([unitId, c]) => [unitId, districtOf.get(unitId) ?? null, c.entries, c.registered]),
    );
  });
}

/** A build given up because the process is shutting down: its transaction rolls back, another process builds. */
export class BuildStopped extends Error {
  constructor() {
    super('the roll-up build stopped: the process is shutting down');
    this.name = 'BuildStopped';
  }
}

/** Every roll-up from scratch, in the caller's transaction; `shouldStop` is asked between districts and phases. */
export async function rebuildAll(
  m: EntityManager,
  shouldStop: () => boolean = () => false,
  usersPerRange = USERS_PER_RANGE,
): Promise<void> {
  const check = () => {
    if (shouldStop()) throw new BuildStopped();
  };
  for (const table of [
    'stats_district_days',
    'stats_district_task_days',
    'stats_district_counters',
    'stats_members',
    'stats_member_years',
    'stats_need_facts',
    'stats_unit_roster',
    'stats_community_districts',
    'stats_district_need_days',
  ]) {
    await m.query(`DELETE FROM ${table}`);
  }
  const districts: { id: number; path: string }[] = (
    (await m.query("SELECT id, path FROM org_nodes WHERE type = 'district'")) as { id: unknown; path: string }[]
  ).map((d) => ({ id: Number(d.id), path: d.path }));
  for (const district of districts) {
    check();
    const { id } = district;
    const communityIds = await StatsQueries.communitiesUnder(m, district.path);
    const scope = { kind: 'territory' as const, communities: communityIds };
    // Where each community's figures are counted: a later move to another district forces a rebuild.
    await insertRows(
      m,
      'stats_community_districts',
      ['community_id', 'district_id'],
      communityIds.map((c) => [c, id]),
    );
    const [days, tasks] = await Promise.all([
      StatsQueries.dayFigures(m, scope, ALL_FROM, ALL_TO),
      StatsQueries.taskDays(m, communityIds, ALL_FROM, ALL_TO),
    ]);
    await insertRows(
      m,
      'stats_district_days',
      DAY_COLUMNS,
      days.map((d) => dayRow(id, d)),
    );
    await insertRows(
      m,
      'stats_district_task_days',
      ['district_id', 'day', 'kind', 'status', 'n'],
      tasks.map((r) => [id, r.day, r.kind, r.status, r.n]),
    );
  }
  check();
  await insertNeedFacts(
    m,
    await m.query(
      'SELECT id, community_id, created_at, accepted_at, fulfilled_at FROM needs WHERE accepted_at IS NOT NULL',
    ),
  );
  await insertNeedDays(m);
  check();
  await recomputeMembers(m, 'all', usersPerRange);
  check();
  await recomputeUnits(m, 'all');
  check();
  await rebuildPeople(m, districts, undefined, check);
}
