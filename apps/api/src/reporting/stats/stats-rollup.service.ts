import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TOP_MEMBERS_LIMIT } from '@sbd/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { NodeRef } from '../../platform/auth/scope.service';
import { fromDbDate, toDbDate, transaction } from '../../platform/database/sql';
import { addDays, dayKeyOf, dayStart, type StatsPeriod } from './period';
import type { NeedAggregates, StatsParts } from './stats-assemble';
import { StatsQueries, needDurations, toNeedRow, type DayFigures, type TopMemberRow } from './stats-queries';
import { dialectOf, idList, inSlices, insertIgnore, insertRows, num, rootOf, shanghaiSql, type Executor } from '../shared/report-sql';

/**
 * Changes are looked for from this long before the last refresh: a transaction stamps its rows
 * with the time it ran, and may commit a little later than that. Re-reading a change is harmless
 * (every roll-up row is recomputed from the source, never incremented).
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Above this many changed rows a refresh rebuilds everything instead (one pass is cheaper). */
const REBUILD_ABOVE = 20_000;
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

type Source = 'claim' | 'rating' | 'backfill' | 'task' | 'need' | 'registration' | 'roster';

interface Candidate {
  source: Source;
  id: number;
  signature: string;
  /** updated_at (created_at for insert-only rows): how long it stays in stats_seen. */
  stamp: Date;
  row: Record<string, unknown>;
}

interface Dirty {
  /** district → days whose services, hours, back-fills or ratings may have changed. */
  days: Map<number, Set<number>>;
  /** district → days whose tasks may have changed. */
  taskDays: Map<number, Set<number>>;
  users: Set<number>;
  needs: Set<number>;
  units: Set<number>;
}

/**
 * Pre-aggregation for whole districts (the city dashboard), where reading the source tables takes
 * seconds at seed 003's scale. Every figure is stored exactly as the raw queries (StatsQueries)
 * compute it, per district and Shanghai day, per member and year, per need and per unit roster.
 *
 * The roll-ups are brought up to date before every read: the refresh finds the rows changed since
 * the last one (every write of the app stamps `updated_at`; ratings and back-fills are insert-only
 * with `created_at`; roster uploads stamp `unit_rosters.updated_at`) and recomputes the roll-up rows
 * they touch from the source tables. It relies on three facts of the service loop: a verified claim
 * never changes again (verified is terminal), rows never move between communities, and the event
 * times used for days (verified_at, created_at, accepted_at) are set once.
 */
@Injectable()
export class StatsRollupService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A district's figures for the period from the roll-ups (after a refresh). */
  async districtParts(district: NodeRef, period: StatsPeriod): Promise<StatsParts> {
    await this.refresh();
    const id = district.id;
    const [dayRows, taskRows, needRows, counters, roster] = await Promise.all([
      this.db.query('SELECT * FROM stats_district_days WHERE district_id = ? AND day >= ? AND day <= ?', [id, period.fromDay, period.lastDay]),
      this.db.query('SELECT day, kind, status, n FROM stats_district_task_days WHERE district_id = ? AND day >= ? AND day <= ?', [
        id,
        period.fromDay,
        period.lastDay,
      ]),
      this.needAggregates(id, period),
      this.db.query('SELECT year, members FROM stats_district_counters WHERE district_id = ? AND year IN (0, ?)', [id, period.calendarYear ?? 0]),
      this.db.query('SELECT COALESCE(SUM(entries), 0) AS entries, COALESCE(SUM(registered), 0) AS registered FROM stats_unit_roster WHERE district_id = ?', [id]),
    ]);
    const counter = (year: number) => num((counters as { year: unknown; members: unknown }[]).find((c) => Number(c.year) === year)?.members);
    let serving: number;
    let top: TopMemberRow[];
    if (period.calendarYear !== null) {
      serving = counter(period.calendarYear);
      top = await this.topOfYear(id, period.calendarYear);
    } else {
      // Distinct members over an arbitrary period cannot be summed from days: read the sources.
      const scope = { kind: 'territory' as const, communityIds: await StatsQueries.communitiesUnder(this.db, district.path) };
      [serving, top] = await Promise.all([
        StatsQueries.serving(this.db, scope, period.from, period.to),
        StatsQueries.topMembers(this.db, scope, period.from, period.to, TOP_MEMBERS_LIMIT),
      ]);
    }
    return {
      days: (dayRows as Record<string, unknown>[]).map((r) => ({
        day: Number(r.day),
        services: num(r.services),
        halfHours: num(r.half_hours),
        backfillHalfHours: num(r.backfill_half_hours),
        residentRatings: num(r.resident_ratings),
        residentSatisfied: num(r.resident_satisfied),
        communityRatings: num(r.community_ratings),
        communitySatisfied: num(r.community_satisfied),
      })),
      taskDays: (taskRows as { day: unknown; kind: string; status: string; n: unknown }[]).map((r) => ({
        day: Number(r.day),
        kind: r.kind,
        status: r.status,
        n: num(r.n),
      })),
      needs: needRows,
      registered: counter(0),
      serving,
      top,
      roster: { entries: num(roster[0]?.entries), registered: num(roster[0]?.registered) },
    };
  }

  /** Counts, sums and medians of the district's needs accepted in the period, in SQL over the facts' indexes. */
  private async needAggregates(districtId: number, period: StatsPeriod): Promise<NeedAggregates> {
    const where = 'district_id = ? AND accepted_day >= ? AND accepted_day <= ?';
    const params = [districtId, period.fromDay, period.lastDay];
    const [agg] = await this.db.query(
      `SELECT COUNT(*) AS n, COUNT(fulfil_seconds) AS f, COALESCE(SUM(accept_seconds), 0) AS sa, COALESCE(SUM(fulfil_seconds), 0) AS sf
         FROM stats_need_facts WHERE ${where}`,
      params,
    );
    const median = async (column: 'accept_seconds' | 'fulfil_seconds', count: number): Promise<number | null> => {
      if (!count) return null;
      const rows: { v: unknown }[] = await this.db.query(
        `SELECT ${column} AS v FROM stats_need_facts WHERE ${where} AND ${column} IS NOT NULL
          ORDER BY ${column} LIMIT ${count % 2 ? 1 : 2} OFFSET ${Math.floor((count - 1) / 2)}`,
        params,
      );
      return rows.reduce((a, r) => a + num(r.v), 0) / rows.length;
    };
    const [accepted, fulfilled] = [num(agg?.n), num(agg?.f)];
    const [acceptMedian, fulfilMedian] = await Promise.all([median('accept_seconds', accepted), median('fulfil_seconds', fulfilled)]);
    return { accepted, fulfilled, acceptSeconds: num(agg?.sa), fulfilSeconds: num(agg?.sf), acceptMedian, fulfilMedian };
  }

  private async topOfYear(districtId: number, year: number): Promise<TopMemberRow[]> {
    const rows: { user_id: unknown; services: unknown; half_hours: unknown }[] = await this.db.query(
      `SELECT user_id, services, half_hours FROM stats_member_years
        WHERE district_id = ? AND year = ? AND approved = 1
        ORDER BY half_hours DESC, services DESC, user_id DESC
        LIMIT ${TOP_MEMBERS_LIMIT}`,
      [districtId, year],
    );
    if (!rows.length) return [];
    const names: { user_id: unknown; name: string }[] = await this.db.query(
      `SELECT user_id, name FROM registrations WHERE user_id IN ${idList(rows.map((r) => Number(r.user_id)))}`,
    );
    const nameOf = new Map(names.map((n) => [Number(n.user_id), n.name]));
    return rows.map((r) => ({ userId: Number(r.user_id), name: nameOf.get(Number(r.user_id)) ?? '', services: num(r.services), halfHours: num(r.half_hours) }));
  }

  /**
   * Brings every roll-up up to date with the changes committed since the last refresh (or builds
   * them all the first time). When nothing changed this is a few indexed reads and no lock; otherwise
   * refreshes run one at a time (the state row is locked) and apply each changed row once.
   */
  async refresh(): Promise<void> {
    const [current] = await this.db.query('SELECT watermark, built_at FROM stats_refresh_state WHERE id = 1');
    const currentMark = fromDbDate(current?.watermark);
    if (current?.built_at && currentMark) {
      const found = await this.candidates(this.db, currentMark);
      if (found !== 'too-many' && !(await this.unseen(this.db, found)).length) return;
    }
    await transaction(this.db, async (m) => {
      const lock = `SELECT watermark, built_at FROM stats_refresh_state WHERE id = 1${dialectOf(m) === 'mysql' ? ' FOR UPDATE' : ''}`;
      let [state] = await m.query(lock);
      if (!state) {
        await m.query(`${insertIgnore(dialectOf(m))} INTO stats_refresh_state (id, watermark, built_at) VALUES (1, NULL, NULL)`);
        [state] = await m.query(lock);
      }
      // Taken before anything is read: whatever commits later is found by the next refresh.
      const startedAt = new Date();
      const watermark = fromDbDate(state?.watermark);
      let found = state?.built_at && watermark ? await this.candidates(m, watermark) : 'too-many';
      const rebuilt = found === 'too-many';
      if (found === 'too-many') {
        await this.build(m);
        // The build read every committed row: the changes in the look-back window are applied already.
        found = await this.candidates(m, startedAt);
        if (found === 'too-many') found = [];
        await m.query('DELETE FROM stats_seen');
        await this.markSeen(m, found);
      } else {
        const fresh = await this.unseen(m, found);
        if (!fresh.length) return;
        await this.apply(m, await this.dirtyOf(m, fresh));
        await this.markSeen(m, fresh);
      }
      await m.query('DELETE FROM stats_seen WHERE stamp < ?', [toDbDate(new Date(startedAt.getTime() - REFRESH_MARGIN_MS))]);
      await m.query('UPDATE stats_refresh_state SET watermark = ?, built_at = ? WHERE id = 1', [
        toDbDate(startedAt),
        rebuilt ? toDbDate(new Date()) : toDbDate(fromDbDate(state.built_at) as Date),
      ]);
    });
  }

  /** Forgets the roll-ups: the next refresh rebuilds them from the source tables. */
  async invalidate(): Promise<void> {
    await this.db.query('UPDATE stats_refresh_state SET built_at = NULL WHERE id = 1');
  }

  /* ───────────────────────── finding changes ───────────────────────── */

  /**
   * Source rows written since `watermark` minus the margin, each with the signature of the fields
   * the roll-ups read (a row seen again with the same signature has nothing new).
   */
  private async candidates(x: Executor, watermark: Date): Promise<Candidate[] | 'too-many'> {
    const s = toDbDate(new Date(watermark.getTime() - REFRESH_MARGIN_MS));
    const cap = `LIMIT ${REBUILD_ABOVE + 1}`;
    const [claims, ratings, backfills, tasks, needs, regs, rosters] = (await Promise.all([
      x.query(
        `SELECT c.id, c.member_user_id, c.status, c.verified_at, c.credit_half_hours, c.updated_at, t.community_id
           FROM claims c JOIN tasks t ON t.id = c.task_id WHERE c.updated_at >= ? ${cap}`,
        [s],
      ),
      x.query(`SELECT g.id, g.created_at, t.community_id FROM ratings g JOIN tasks t ON t.id = g.task_id WHERE g.created_at >= ? ${cap}`, [s]),
      x.query(`SELECT id, created_at, community_id FROM backfills WHERE created_at >= ? ${cap}`, [s]),
      x.query(`SELECT id, created_at, community_id, kind, status, updated_at FROM tasks WHERE updated_at >= ? ${cap}`, [s]),
      x.query(`SELECT id, accepted_at, fulfilled_at, updated_at FROM needs WHERE updated_at >= ? ${cap}`, [s]),
      x.query(`SELECT id, user_id, status, community_id, work_unit_id, phone_hash, name, updated_at FROM registrations WHERE updated_at >= ? ${cap}`, [s]),
      x.query(`SELECT unit_id, entries, updated_at FROM unit_rosters WHERE updated_at >= ? ${cap}`, [s]),
    ])) as Record<string, unknown>[][];
    if ([claims, ratings, backfills, tasks, needs, regs, rosters].some((rows) => rows.length > REBUILD_ABOVE)) return 'too-many';
    const iso = (v: unknown) => fromDbDate(v)?.toISOString() ?? '';
    const sig = (...parts: unknown[]) => parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('|');
    const out: Candidate[] = [];
    const add = (source: Source, id: unknown, signature: string, stamp: unknown, row: Record<string, unknown>) =>
      out.push({ source, id: Number(id), signature: signature.slice(0, 255), stamp: fromDbDate(stamp) as Date, row });
    for (const r of claims) add('claim', r.id, sig(r.status, iso(r.verified_at), r.credit_half_hours, iso(r.updated_at)), r.updated_at, r);
    for (const r of ratings) add('rating', r.id, iso(r.created_at), r.created_at, r);
    for (const r of backfills) add('backfill', r.id, iso(r.created_at), r.created_at, r);
    for (const r of tasks) add('task', r.id, sig(r.kind, r.status, iso(r.updated_at)), r.updated_at, r);
    for (const r of needs) add('need', r.id, sig(iso(r.accepted_at), iso(r.fulfilled_at), iso(r.updated_at)), r.updated_at, r);
    for (const r of regs) add('registration', r.id, sig(r.status, r.community_id, r.work_unit_id, r.phone_hash, r.name, iso(r.updated_at)), r.updated_at, r);
    for (const r of rosters) add('roster', r.unit_id, sig(r.entries, iso(r.updated_at)), r.updated_at, r);
    return out;
  }

  /** The candidates not yet applied with this signature. */
  private async unseen(x: Executor, found: Candidate[]): Promise<Candidate[]> {
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

  private async markSeen(m: EntityManager, applied: Candidate[]): Promise<void> {
    for (const source of new Set(applied.map((c) => c.source))) {
      const mine = applied.filter((c) => c.source === source);
      await inSlices(mine, 500, async (slice) => {
        await m.query(`DELETE FROM stats_seen WHERE source = ? AND row_id IN ${idList(slice.map((c) => c.id))}`, [source]);
        await insertRows(m, 'stats_seen', ['source', 'row_id', 'signature', 'stamp'], slice.map((c) => [source, c.id, c.signature, toDbDate(c.stamp)]));
      });
    }
  }

  /** What the changed rows touch: district days, members, needs and unit rosters. */
  private async dirtyOf(m: EntityManager, changed: Candidate[]): Promise<Dirty> {
    const communityIds = [...new Set(changed.filter((c) => c.row.community_id !== undefined).map((c) => Number(c.row.community_id)))];
    const districtOf = await this.districtsOf(m, communityIds);
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
      else dirty.units.add(Number(r.unit_id));
    }
    return dirty;
  }

  /** community id → district id (the root of its path). */
  private async districtsOf(x: Executor, nodeIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    await inSlices(nodeIds, 1000, async (slice) => {
      const rows: { id: unknown; path: string }[] = await x.query(`SELECT id, path FROM org_nodes WHERE id IN ${idList(slice)}`);
      for (const r of rows) {
        const root = rootOf(r.path);
        if (root) out.set(Number(r.id), root);
      }
    });
    return out;
  }

  /* ───────────────────────── recomputing ───────────────────────── */

  private async apply(m: EntityManager, dirty: Dirty): Promise<void> {
    for (const [districtId, days] of dirty.days) await this.recomputeDays(m, districtId, days);
    for (const [districtId, days] of dirty.taskDays) await this.recomputeTaskDays(m, districtId, days);
    await this.recomputeNeeds(m, [...dirty.needs]);
    // Roster matches follow a registration's phone and name, before and after the change.
    const users = [...dirty.users];
    if (users.length) {
      const hashes = new Set<string>();
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
      await this.recomputeMembers(m, users);
    }
    await this.recomputeUnits(m, [...dirty.units]);
  }

  private async districtScope(x: Executor, districtId: number) {
    const [node] = await x.query('SELECT path FROM org_nodes WHERE id = ?', [districtId]);
    return { kind: 'territory' as const, communityIds: node ? await StatsQueries.communitiesUnder(x, node.path) : [] };
  }

  private async recomputeDays(m: EntityManager, districtId: number, days: Iterable<number>): Promise<void> {
    const scope = await this.districtScope(m, districtId);
    for (const [first, last] of runsOf(days)) {
      const figures = await StatsQueries.dayFigures(m, scope, dayStart(first), dayStart(addDays(last, 1)));
      await m.query('DELETE FROM stats_district_days WHERE district_id = ? AND day >= ? AND day <= ?', [districtId, first, last]);
      await insertRows(m, 'stats_district_days', DAY_COLUMNS, figures.map((d) => dayRow(districtId, d)));
    }
  }

  private async recomputeTaskDays(m: EntityManager, districtId: number, days: Iterable<number>): Promise<void> {
    const scope = await this.districtScope(m, districtId);
    for (const [first, last] of runsOf(days)) {
      const rows = await StatsQueries.taskDays(m, scope.communityIds, dayStart(first), dayStart(addDays(last, 1)));
      await m.query('DELETE FROM stats_district_task_days WHERE district_id = ? AND day >= ? AND day <= ?', [districtId, first, last]);
      await insertRows(
        m,
        'stats_district_task_days',
        ['district_id', 'day', 'kind', 'status', 'n'],
        rows.map((r) => [districtId, r.day, r.kind, r.status, r.n]),
      );
    }
  }

  private async recomputeNeeds(m: EntityManager, needIds: number[]): Promise<void> {
    await inSlices(needIds, 500, async (slice) => {
      const rows = await m.query(`SELECT id, community_id, created_at, accepted_at, fulfilled_at FROM needs WHERE id IN ${idList(slice)}`);
      await m.query(`DELETE FROM stats_need_facts WHERE need_id IN ${idList(slice)}`);
      await this.insertNeedFacts(m, rows);
    });
  }

  private async insertNeedFacts(m: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
    const accepted = rows.filter((r) => r.accepted_at !== null && r.accepted_at !== undefined).map((r) => toNeedRow(r as Parameters<typeof toNeedRow>[0]));
    const districtOf = await this.districtsOf(m, [...new Set(accepted.map((n) => n.communityId))]);
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
  private async recomputeMembers(m: EntityManager, userIds: number[] | 'all'): Promise<void> {
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
        m.query(`SELECT user_id, community_id, work_unit_id, status, phone_hash, name FROM registrations WHERE ${filter('user_id')}`),
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
      const districtOf = await this.districtsOf(m, [...new Set(regs.map((r) => Number(r.community_id)))]);
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
          return [Number(r.user_id), district, Number(r.community_id), r.work_unit_id === null ? null : Number(r.work_unit_id), approved ? 1 : 0, r.phone_hash, r.name];
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
    if (userIds === 'all') await run(() => '1 = 1');
    else await inSlices(userIds, 500, (slice) => run((column) => `${column} IN ${idList(slice)}`));

    // Applied as increments: refreshes run one at a time, and the old rows were read in this transaction.
    const upsert =
      dialect === 'mysql'
        ? 'INSERT INTO stats_district_counters (district_id, year, members) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE members = members + VALUES(members)'
        : 'INSERT INTO stats_district_counters (district_id, year, members) VALUES (?, ?, ?) ON CONFLICT (district_id, year) DO UPDATE SET members = members + excluded.members';
    for (const [key, by] of delta) {
      if (!by) continue;
      const [district, year] = key.split(':').map(Number);
      await m.query(upsert, [district, year, by]);
    }
  }

  private async recomputeUnits(m: EntityManager, unitIds: number[] | 'all'): Promise<void> {
    const ids =
      unitIds === 'all'
        ? ((await m.query('SELECT DISTINCT unit_id FROM unit_roster_entries')) as { unit_id: unknown }[]).map((r) => Number(r.unit_id))
        : unitIds;
    await inSlices(ids, 500, async (slice) => {
      const counts = await StatsQueries.rosterCounts(m, slice);
      const districtOf = await this.districtsOf(m, slice);
      await m.query(`DELETE FROM stats_unit_roster WHERE unit_id IN ${idList(slice)}`);
      await insertRows(
        m,
        'stats_unit_roster',
        ['unit_id', 'district_id', 'entries', 'registered'],
        [...counts].map(([unitId, c]) => [unitId, districtOf.get(unitId) ?? null, c.entries, c.registered]),
      );
    });
  }

  /** Every roll-up from scratch, in the refresh's transaction. */
  private async build(m: EntityManager): Promise<void> {
    for (const table of [
      'stats_district_days',
      'stats_district_task_days',
      'stats_district_counters',
      'stats_members',
      'stats_member_years',
      'stats_need_facts',
      'stats_unit_roster',
    ]) {
      await m.query(`DELETE FROM ${table}`);
    }
    const districts: { id: unknown; path: string }[] = await m.query("SELECT id, path FROM org_nodes WHERE type = 'district'");
    for (const district of districts) {
      const id = Number(district.id);
      const scope = { kind: 'territory' as const, communityIds: await StatsQueries.communitiesUnder(m, district.path) };
      const [days, tasks] = await Promise.all([
        StatsQueries.dayFigures(m, scope, ALL_FROM, ALL_TO),
        StatsQueries.taskDays(m, scope.communityIds, ALL_FROM, ALL_TO),
      ]);
      await insertRows(m, 'stats_district_days', DAY_COLUMNS, days.map((d) => dayRow(id, d)));
      await insertRows(m, 'stats_district_task_days', ['district_id', 'day', 'kind', 'status', 'n'], tasks.map((r) => [id, r.day, r.kind, r.status, r.n]));
    }
    await this.insertNeedFacts(m, await m.query('SELECT id, community_id, created_at, accepted_at, fulfilled_at FROM needs WHERE accepted_at IS NOT NULL'));
    await this.recomputeMembers(m, 'all');
    await this.recomputeUnits(m, 'all');
  }
}
